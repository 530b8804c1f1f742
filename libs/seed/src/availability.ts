/**
 * Weekly availability in plausible blocks: a morning, an afternoon or an
 * evening on a given day. A person gets at most one slot per block and day,
 * and the blocks do not touch, so slots never overlap and always end after
 * they start. Newcomers are free mostly on weekday mornings and afternoons
 * (around language classes); key persons, who often work or study, mostly in
 * the evenings and at weekends.
 */
import { DAYS, Day, Slot } from '@sleutel/domain';
import { Random, Weighted } from './random';

const BLOCKS = ['morning', 'afternoon', 'evening'] as const;
type Block = (typeof BLOCKS)[number];

interface BlockTimes {
  /** Possible starts, minutes after midnight. */
  readonly starts: readonly number[];
  /** Latest end, minutes after midnight. */
  readonly latestEnd: number;
  /** Length in minutes, inclusive bounds, in half hours. */
  readonly minLength: number;
  readonly maxLength: number;
}

const TIMES: Readonly<Record<Block, BlockTimes>> = {
  morning: { starts: [9 * 60, 9 * 60 + 30, 10 * 60], latestEnd: 12 * 60 + 30, minLength: 120, maxLength: 180 },
  afternoon: { starts: [13 * 60, 13 * 60 + 30, 14 * 60], latestEnd: 17 * 60 + 30, minLength: 120, maxLength: 210 },
  evening: { starts: [18 * 60, 18 * 60 + 30, 19 * 60], latestEnd: 21 * 60 + 30, minLength: 90, maxLength: 180 },
};

export interface AvailabilityHabits {
  readonly days: Readonly<Record<Day, number>>;
  readonly weekdayBlocks: Readonly<Record<Block, number>>;
  readonly weekendBlocks: Readonly<Record<Block, number>>;
  readonly slotCount: Weighted<number>;
}

export const NEWCOMER_HABITS: AvailabilityHabits = {
  days: { mon: 1, tue: 1, wed: 1, thu: 1, fri: 1, sat: 0.45, sun: 0.25 },
  weekdayBlocks: { morning: 0.4, afternoon: 0.4, evening: 0.2 },
  weekendBlocks: { morning: 0.4, afternoon: 0.45, evening: 0.15 },
  slotCount: [[1, 10], [2, 30], [3, 30], [4, 20], [5, 10]],
};

export const KEY_PERSON_HABITS: AvailabilityHabits = {
  days: { mon: 1, tue: 1, wed: 1, thu: 1, fri: 0.8, sat: 1.2, sun: 0.9 },
  weekdayBlocks: { morning: 0.15, afternoon: 0.2, evening: 0.65 },
  weekendBlocks: { morning: 0.4, afternoon: 0.45, evening: 0.15 },
  slotCount: [[1, 20], [2, 35], [3, 25], [4, 15], [5, 5]],
};

const isWeekend = (day: Day): boolean => day === 'sat' || day === 'sun';

export function weeklySlots(habits: AvailabilityHabits, random: Random): Slot[] {
  const choices: Weighted<readonly [Day, Block]> = DAYS.flatMap((day) =>
    BLOCKS.map((block) => {
      const blockWeight = (isWeekend(day) ? habits.weekendBlocks : habits.weekdayBlocks)[block];
      return [[day, block] as const, habits.days[day] * blockWeight] as const;
    }),
  );
  return random
    .sample(choices, random.weighted(habits.slotCount))
    .map(([day, block]) => slotIn(day, TIMES[block], random))
    .sort((a, b) => DAYS.indexOf(a.day) - DAYS.indexOf(b.day) || a.start.localeCompare(b.start));
}

function slotIn(day: Day, times: BlockTimes, random: Random): Slot {
  const start = random.pick(times.starts);
  const length = 30 * random.int(times.minLength / 30, times.maxLength / 30);
  return { day, start: clock(start), end: clock(Math.min(start + length, times.latestEnd)) };
}

const clock = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
