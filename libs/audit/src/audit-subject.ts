import { keyPersonStream, matchStream, newcomerStream } from '@sleutel/domain';

/** The kinds of subject an auditor can follow, as they appear in audit paths. */
export const TRAIL_KINDS = ['newcomers', 'key-persons', 'matches'] as const;
export type TrailKind = (typeof TRAIL_KINDS)[number];

/** Subjects with a state of their own to look at as of a moment: all of them. */
export const STATE_KINDS = ['newcomers', 'key-persons', 'matches'] as const;
export type StateKind = (typeof STATE_KINDS)[number];

export const isTrailKind = (value: string): value is TrailKind => (TRAIL_KINDS as readonly string[]).includes(value);
export const isStateKind = (value: string): value is StateKind => (STATE_KINDS as readonly string[]).includes(value);

export function streamOf(kind: TrailKind, id: string): string {
  switch (kind) {
    case 'newcomers':
      return newcomerStream(id);
    case 'key-persons':
      return keyPersonStream(id);
    case 'matches':
      return matchStream(id);
  }
}
