/**
 * The subjects an auditor follows, as the API names them in its paths
 * (`newcomers`, `key-persons`, `matches`) and as streams name them
 * (`newcomer-<uuid>`, `key-person-<uuid>`, `match-<uuid>`).
 */
export const TRAIL_KINDS = ['newcomers', 'key-persons', 'matches'] as const;
export type TrailKind = (typeof TRAIL_KINDS)[number];
/** Every subject has a state to look at as of a moment; a match's says why it closed. */
export type StateKind = TrailKind;

const ALIASES: Readonly<Record<string, TrailKind>> = {
  newcomers: 'newcomers',
  newcomer: 'newcomers',
  'key-persons': 'key-persons',
  'key-person': 'key-persons',
  keypersons: 'key-persons',
  matches: 'matches',
  match: 'matches',
  proposals: 'matches',
  proposal: 'matches',
};

/** A kind from a link, singular or plural (`newcomer`, `newcomers`); null when it names none. */
export function trailKindOf(text: string | undefined): TrailKind | null {
  return text ? ALIASES[text.toLowerCase()] ?? null : null;
}

export const isStateKind = (kind: TrailKind | null): kind is StateKind => kind !== null;

const STREAM_CATEGORIES: readonly (readonly [string, TrailKind])[] = [
  ['key-person-', 'key-persons'],
  ['newcomer-', 'newcomers'],
  ['match-', 'matches'],
];

/** `newcomer-<uuid>` → `{ kind: 'newcomers', id }`; null for other streams (policy, cohort runs). */
export function subjectOfStream(streamId: string): { kind: TrailKind; id: string } | null {
  for (const [prefix, kind] of STREAM_CATEGORIES) {
    if (streamId.startsWith(prefix)) return { kind, id: streamId.slice(prefix.length) };
  }
  return null;
}

/**
 * The trail an id field leads to, by how its name ends: `newcomerId`,
 * `keyPersonId`, `openMatchId`, `failedKeyPersonIds`, `releasedMatchIds`…
 * Null for fields that name no subject.
 */
export function kindOfIdField(name: string): TrailKind | null {
  const field = name.toLowerCase().replace(/s$/, '');
  if (field.endsWith('keypersonid')) return 'key-persons';
  if (field.endsWith('newcomerid')) return 'newcomers';
  if (field.endsWith('matchid')) return 'matches';
  return null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (text: string): boolean => UUID.test(text);

export const trailPath = (kind: TrailKind, id: string): string => `/audit/trails/${kind}/${id}`;
export const statePath = (kind: StateKind, id: string, asOf?: string | number): string =>
  `/audit/states/${kind}/${id}${asOf === undefined ? '' : `?asOf=${encodeURIComponent(String(asOf))}`}`;
export const explanationPath = (matchId: string): string => `/audit/matches/${matchId}`;
