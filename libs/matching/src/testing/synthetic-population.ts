/**
 * Reproducible synthetic key persons and newcomers for benchmarks, shaped like
 * the people this product serves in the Netherlands: first languages roughly
 * as among status holders of the last decade (Arabic varieties — Syrian
 * Levantine most of all — Tigrinya, Dari/Persian/Pashto, Turkish and Kurdish,
 * Ukrainian/Russian, Somali), Dutch and English as second languages, homes
 * concentrated in the large cities, evening and weekend availability.
 * Proportions are plausible estimates, not official statistics.
 */
import type { Day, LanguageLevel, LanguageSkill, Need, Slot, Topic } from '@sleutel/domain';
import { GENDERS, TOPICS } from '@sleutel/domain';
import { listMunicipalities } from '@sleutel/reference';
import type { MatchingKeyPerson } from '../matching-key-person';
import type { MatchingNewcomer } from '../matching-newcomer';

/** A small, fast, seedable generator (mulberry32), so every run sees the same population. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let r = this.next() * total;
    for (const [item, weight] of items) if ((r -= weight) < 0) return item;
    return items[items.length - 1][0];
  }
}

interface Community {
  readonly country: string;
  readonly first: string;
  /** Other languages people of this community often speak well. */
  readonly also: readonly (readonly [string, number])[];
}

/** First language and country, weighted. */
const COMMUNITIES: readonly (readonly [Community, number])[] = [
  [{ country: 'SY', first: 'apc', also: [['arb', 0.6], ['kmr', 0.05]] }, 24],
  [{ country: 'SY', first: 'kmr', also: [['apc', 0.7]] }, 4],
  [{ country: 'IQ', first: 'acm', also: [['arb', 0.5], ['ckb', 0.1]] }, 4],
  [{ country: 'YE', first: 'ayn', also: [['arb', 0.5]] }, 2],
  [{ country: 'MA', first: 'ary', also: [['arb', 0.4], ['fra', 0.3]] }, 2],
  [{ country: 'ER', first: 'tir', also: [['amh', 0.3], ['arb', 0.1]] }, 14],
  [{ country: 'ET', first: 'amh', also: [['tir', 0.2]] }, 2],
  [{ country: 'AF', first: 'prs', also: [['pbt', 0.2], ['pes', 0.2]] }, 8],
  [{ country: 'AF', first: 'pbt', also: [['prs', 0.5]] }, 2],
  [{ country: 'IR', first: 'pes', also: [] }, 4],
  [{ country: 'TR', first: 'tur', also: [['kmr', 0.1]] }, 7],
  [{ country: 'TR', first: 'kmr', also: [['tur', 0.9]] }, 3],
  [{ country: 'IQ', first: 'ckb', also: [['arb', 0.3]] }, 2],
  [{ country: 'UA', first: 'ukr', also: [['rus', 0.7]] }, 10],
  [{ country: 'UA', first: 'rus', also: [['ukr', 0.6]] }, 3],
  [{ country: 'SO', first: 'som', also: [['arb', 0.2]] }, 5],
  [{ country: 'SD', first: 'apd', also: [['arb', 0.6]] }, 2],
];

/** Large municipalities by rough share of the population served; the rest share the remainder evenly. */
const CITIES: readonly (readonly [string, number])[] = [
  ['GM0363', 8], ['GM0599', 7], ['GM0518', 6], ['GM0344', 4], ['GM0772', 2.5], ['GM0014', 2.5], ['GM0855', 2],
  ['GM0034', 2], ['GM0758', 1.5], ['GM0268', 1.5], ['GM0202', 1.5], ['GM0153', 1.5], ['GM0200', 1], ['GM0193', 1],
  ['GM0546', 1], ['GM0392', 1], ['GM0307', 1], ['GM0505', 1], ['GM0479', 1], ['GM0935', 1],
];
const CITY_SHARE = 0.55;

/** Typical weekly windows: weekday mornings or evenings, Saturday, a free afternoon. */
const WINDOWS: readonly (readonly [number, number])[] = [
  [9 * 60, 12 * 60], [13 * 60, 17 * 60], [18 * 60, 21 * 60], [19 * 60, 22 * 60], [10 * 60, 14 * 60], [9 * 60 + 30, 11 * 60 + 30],
];
const WEEKDAYS: readonly Day[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

const time = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export class SyntheticPopulation {
  private readonly random: SeededRandom;
  private readonly municipalities = listMunicipalities().map((m) => m.code);

  constructor(seed: number) {
    this.random = new SeededRandom(seed);
  }

  keyPersons(count: number): MatchingKeyPerson[] {
    return Array.from({ length: count }, (_, i) => this.keyPerson(`kp-${String(i).padStart(6, '0')}`));
  }

  newcomers(count: number): MatchingNewcomer[] {
    return Array.from({ length: count }, (_, i) => this.newcomer(`nc-${String(i).padStart(6, '0')}`));
  }

  keyPerson(id: string): MatchingKeyPerson {
    const r = this.random;
    const community = r.weighted(COMMUNITIES);
    const remoteOnly = r.chance(0.08);
    const capacity = r.weighted([[1, 3], [2, 4], [3, 3], [5, 1], [10, 0.2]] as const);
    return {
      id,
      gender: r.weighted([[GENDERS[0], 55], [GENDERS[1], 44], [GENDERS[2], 1]] as const),
      municipality: this.municipality(),
      postcodeArea: String(r.int(1000, 9999)),
      travelRadiusKm: remoteOnly ? null : r.weighted([[5, 3], [10, 4], [15, 3], [25, 2], [40, 1]] as const),
      remoteOnly,
      // Key persons have lived here for years: Dutch well, often English too.
      languages: this.languages(community, [
        { code: 'nld', level: r.chance(0.7) ? 'fluent' : 'conversational' },
        ...(r.chance(0.45) ? [{ code: 'eng', level: r.chance(0.6) ? ('fluent' as const) : ('conversational' as const) }] : []),
      ]),
      origin: { country: community.country },
      expertise: this.topics(r.int(1, 4)),
      capacity,
      load: r.chance(0.3) ? capacity : r.int(0, capacity - 1),
      status: r.weighted([['active', 90], ['paused', 7], ['retired', 3]] as const),
      availability: { slots: this.slots(r.int(1, 4)), from: null, until: null },
    };
  }

  newcomer(id: string): MatchingNewcomer {
    const r = this.random;
    const community = r.weighted(COMMUNITIES);
    const wantsGender = r.chance(0.2);
    return {
      id,
      gender: r.pick(['female', 'male'] as const),
      birthYear: r.int(1960, 2006),
      municipality: this.municipality(),
      postcodeArea: String(r.int(1000, 9999)),
      // Newcomers are learning Dutch; some get by in English.
      languages: this.languages(community, [
        ...(r.chance(0.7) ? [{ code: 'nld', level: 'basic' as const }] : []),
        ...(r.chance(0.35) ? [{ code: 'eng', level: r.chance(0.5) ? ('conversational' as const) : ('basic' as const) }] : []),
      ]),
      origin: { country: community.country },
      needs: this.needs(),
      availability: { slots: this.slots(r.int(2, 6)), from: null, until: null },
      preferences: {
        keyPersonGender: wantsGender ? r.pick(['female', 'male'] as const) : 'any',
        genderRequired: wantsGender && r.chance(0.6),
        sameOrigin: r.weighted([['no-preference', 70], ['yes', 20], ['no', 10]] as const),
        remoteOk: r.chance(0.4),
      },
      doNotMatch: [],
      excludedKeyPersons: [],
      waitingSince: new Date(Date.UTC(2026, 0, 1) + r.int(0, 60) * 86_400_000).toISOString(),
    };
  }

  private languages(community: Community, second: readonly LanguageSkill[]): LanguageSkill[] {
    const skills: LanguageSkill[] = [{ code: community.first, level: 'native' }];
    for (const [code, share] of community.also) {
      if (this.random.chance(share)) skills.push({ code, level: this.random.pick<LanguageLevel>(['native', 'fluent', 'conversational']) });
    }
    return [...skills, ...second.filter((s) => !skills.some((k) => k.code === s.code))];
  }

  private municipality(): string {
    return this.random.chance(CITY_SHARE) ? this.random.weighted(CITIES) : this.random.pick(this.municipalities);
  }

  private topics(count: number): Topic[] {
    const topics = new Set<Topic>();
    while (topics.size < count) topics.add(this.random.pick(TOPICS));
    return [...topics];
  }

  private needs(): Need[] {
    const topics = this.topics(this.random.int(1, 4));
    return topics.map((topic, i) => ({ topic, priority: i === 0 ? 1 : this.random.pick([1, 2, 3] as const) }));
  }

  private slots(count: number): Slot[] {
    const byDay = new Map<Day, readonly [number, number]>();
    while (byDay.size < count) {
      const day = this.random.chance(0.8) ? this.random.pick(WEEKDAYS) : this.random.pick(['sat', 'sun'] as const);
      byDay.set(day, this.random.pick(WINDOWS));
    }
    return [...byDay].map(([day, [start, end]]) => ({ day, start: time(start), end: time(end) }));
  }
}
