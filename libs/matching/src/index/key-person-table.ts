/**
 * All indexed key persons as columns of typed arrays (structure of arrays),
 * one row ("slot") per key person, precomputed once per profile change so
 * that ranking reads numbers, never objects: status, capacity and load,
 * gender, municipality, radius, interned origin, expertise as a topic
 * bitmask, availability as minute intervals and date bounds, and languages
 * as (language, group, level rank) triples. Freed slots are reused.
 */
import { GENDERS, TOPICS } from '@sleutel/domain';
import type { MatchingKeyPerson } from '../matching-key-person';
import { dateBoundsOf } from '../measures/availability-period';
import { LEVEL_RANK, macrolanguageGroupOf } from '../measures/language-levels';
import { MUNICIPALITY_COUNT, municipalityIndex } from '../measures/municipality-distance';
import { WeekIntervals, weekIntervalsOf } from '../measures/weekly-intervals';
import { Interner } from './interner';

export const ACTIVE = 0;
/** The municipality column's value for a code without a centroid: one past the last real index. */
export const UNKNOWN_MUNICIPALITY = MUNICIPALITY_COUNT;
const STATUS_CODES = { active: ACTIVE, paused: 1, retired: 2 } as const;

export function topicBit(topic: string): number {
  const index = (TOPICS as readonly string[]).indexOf(topic);
  return index < 0 ? 0 : 1 << index;
}

export function genderCode(gender: string): number {
  return (GENDERS as readonly string[]).indexOf(gender);
}

export class KeyPersonTable {
  readonly languageIds = new Interner();
  readonly countryIds = new Interner();
  records: (MatchingKeyPerson | undefined)[] = [];
  ids: string[] = [];
  status = new Uint8Array(0);
  /** 1 when active with free capacity: the first two constraints, answered by one read. */
  eligible = new Uint8Array(0);
  capacity = new Float64Array(0);
  load = new Float64Array(0);
  gender = new Int8Array(0);
  municipality = new Int32Array(0);
  radiusKm = new Float64Array(0);
  remoteOnly = new Uint8Array(0);
  origin = new Int32Array(0);
  expertise = new Int32Array(0);
  availableFrom = new Float64Array(0);
  availableUntil = new Float64Array(0);
  intervals: WeekIntervals[] = [];
  /**
   * Per slot `[language, group, rank, …]`, the group being the macrolanguage's
   * under every policy: one index serves every policy version, and a query
   * narrows a macrolanguage its policy keeps separate to the language itself.
   */
  languages: Int32Array[] = [];
  private readonly slotById = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  private used = 0;

  get size(): number {
    return this.slotById.size;
  }

  /** Length every column has at least; grows by doubling. */
  get rows(): number {
    return this.status.length;
  }

  slotOf(id: string): number | undefined {
    return this.slotById.get(id);
  }

  /** Writes a key person into its slot (a new one for an unknown id) and returns the slot. */
  put(keyPerson: MatchingKeyPerson): number {
    let slot = this.slotById.get(keyPerson.id);
    if (slot === undefined) {
      slot = this.freeSlots.pop() ?? this.used++;
      if (slot >= this.rows) this.grow(Math.max(1024, this.rows * 2));
      this.slotById.set(keyPerson.id, slot);
    }
    this.records[slot] = keyPerson;
    this.ids[slot] = keyPerson.id;
    this.status[slot] = STATUS_CODES[keyPerson.status];
    this.capacity[slot] = keyPerson.capacity;
    this.load[slot] = keyPerson.load;
    this.updateEligible(slot);
    this.gender[slot] = genderCode(keyPerson.gender);
    const municipality = municipalityIndex(keyPerson.municipality);
    this.municipality[slot] = municipality < 0 ? UNKNOWN_MUNICIPALITY : municipality;
    this.radiusKm[slot] = keyPerson.travelRadiusKm ?? 0;
    this.remoteOnly[slot] = keyPerson.remoteOnly ? 1 : 0;
    this.origin[slot] = this.countryIds.intern(keyPerson.origin.country);
    this.expertise[slot] = keyPerson.expertise.reduce((mask, topic) => mask | topicBit(topic), 0);
    const bounds = dateBoundsOf(keyPerson.availability);
    this.availableFrom[slot] = bounds.from;
    this.availableUntil[slot] = bounds.until;
    this.intervals[slot] = weekIntervalsOf(keyPerson.availability.slots);
    this.languages[slot] = Int32Array.from(
      keyPerson.languages.flatMap((skill) => [
        this.languageIds.intern(skill.code),
        this.languageIds.intern(macrolanguageGroupOf(skill.code)),
        LEVEL_RANK[skill.level],
      ]),
    );
    return slot;
  }

  setLoad(slot: number, load: number): void {
    const record = this.records[slot];
    if (record === undefined) return;
    this.records[slot] = { ...record, load };
    this.load[slot] = load;
    this.updateEligible(slot);
  }

  private updateEligible(slot: number): void {
    this.eligible[slot] = this.status[slot] === ACTIVE && this.load[slot] < this.capacity[slot] ? 1 : 0;
  }

  release(id: string): number | undefined {
    const slot = this.slotById.get(id);
    if (slot === undefined) return undefined;
    this.slotById.delete(id);
    this.records[slot] = undefined;
    this.eligible[slot] = 0;
    this.languages[slot] = new Int32Array(0);
    this.intervals[slot] = new Int32Array(0);
    this.freeSlots.push(slot);
    return slot;
  }

  private grow(rows: number): void {
    const grown = <T extends Uint8Array | Int8Array | Int32Array | Float64Array>(column: T, make: (n: number) => T): T => {
      const next = make(rows);
      next.set(column);
      return next;
    };
    this.status = grown(this.status, (n) => new Uint8Array(n));
    this.eligible = grown(this.eligible, (n) => new Uint8Array(n));
    this.capacity = grown(this.capacity, (n) => new Float64Array(n));
    this.load = grown(this.load, (n) => new Float64Array(n));
    this.gender = grown(this.gender, (n) => new Int8Array(n));
    this.municipality = grown(this.municipality, (n) => new Int32Array(n));
    this.radiusKm = grown(this.radiusKm, (n) => new Float64Array(n));
    this.remoteOnly = grown(this.remoteOnly, (n) => new Uint8Array(n));
    this.origin = grown(this.origin, (n) => new Int32Array(n));
    this.expertise = grown(this.expertise, (n) => new Int32Array(n));
    this.availableFrom = grown(this.availableFrom, (n) => new Float64Array(n));
    this.availableUntil = grown(this.availableUntil, (n) => new Float64Array(n));
  }
}
