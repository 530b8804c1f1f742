/** Stream names in one place, `<category>-<uuid>`, so category filters work. */
export const NEWCOMER_CATEGORY = 'newcomer';
export const KEY_PERSON_CATEGORY = 'key-person';
export const MATCH_CATEGORY = 'match';

export const newcomerStream = (id: string): string => `${NEWCOMER_CATEGORY}-${id}`;
export const keyPersonStream = (id: string): string => `${KEY_PERSON_CATEGORY}-${id}`;
export const matchStream = (id: string): string => `${MATCH_CATEGORY}-${id}`;

/** `newcomer-<uuid>` → `{ category: 'newcomer', id: '<uuid>' }`; categories may contain dashes. */
export function parseStreamName(streamId: string): { category: string; id: string } | null {
  for (const category of [KEY_PERSON_CATEGORY, NEWCOMER_CATEGORY, MATCH_CATEGORY]) {
    if (streamId.startsWith(`${category}-`)) return { category, id: streamId.slice(category.length + 1) };
  }
  return null;
}
