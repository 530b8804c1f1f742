import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../app/api';
import { Role, useApi, useSession } from '../app/session';

/**
 * Display names of the newcomers and key persons a page shows. Matches carry
 * ids only; names are read one profile at a time, by a role that may read
 * them (intake and coordinators read newcomers, only coordinators key
 * persons), so nobody is refused and the table never waits for them.
 */
export type PersonKind = 'newcomer' | 'key-person';

export type PersonName =
  | { readonly state: 'loading' }
  | { readonly state: 'named'; readonly name: string }
  /** 410: the person's data was erased. */
  | { readonly state: 'erased' }
  /**
   * 404: outside the user's municipalities. A match belongs to both its
   * people's municipalities, so a key person's coordinators see matches with
   * newcomers elsewhere (and the reverse) whose profile answers them 404.
   */
  | { readonly state: 'elsewhere' }
  /** Not readable with this role, gone, or the read failed: the id stands in. */
  | { readonly state: 'unknown' };

const READERS: Record<PersonKind, readonly Role[]> = { newcomer: ['intake', 'coordinator'], 'key-person': ['coordinator'] };
const PATHS: Record<PersonKind, string> = { newcomer: '/newcomers', 'key-person': '/key-persons' };
/** Where the profiles area shows a person. */
export const PERSON_PAGES: Record<PersonKind, string> = { newcomer: '/intake/newcomers', 'key-person': '/coordinator/key-persons' };

const keyOf = (kind: PersonKind, id: string) => `${kind}:${id}`;

export function usePersonNames(people: readonly { kind: PersonKind; id: string }[]): (kind: PersonKind, id: string) => PersonName {
  const api = useApi();
  const { has } = useSession();
  const [names, setNames] = useState<ReadonlyMap<string, PersonName>>(new Map());
  const wanted = useMemo(() => [...new Set(people.map((p) => keyOf(p.kind, p.id)))].sort().join('|'), [people]);

  useEffect(() => {
    let current = true;
    const missing = wanted
      .split('|')
      .filter((key) => key !== '' && !names.has(key))
      .map((key) => {
        const at = key.indexOf(':');
        return { key, kind: key.slice(0, at) as PersonKind, id: key.slice(at + 1) };
      });
    if (missing.length === 0) return undefined;
    const readable = missing.filter(({ kind }) => READERS[kind].some((role) => has(role)));
    const settle = (found: [string, PersonName][]) => {
      if (current) setNames((previous) => new Map([...previous, ...found]));
    };
    settle(missing.filter((m) => !readable.includes(m)).map(({ key }) => [key, { state: 'unknown' }]));
    void Promise.all(
      readable.map(async ({ key, kind, id }): Promise<[string, PersonName]> => {
        try {
          const { body } = await api.get<{ displayName?: string }>(`${PATHS[kind]}/${encodeURIComponent(id)}`);
          return [key, body.displayName ? { state: 'named', name: body.displayName } : { state: 'unknown' }];
        } catch (error) {
          if (error instanceof ApiError && error.status === 410) return [key, { state: 'erased' }];
          if (error instanceof ApiError && error.status === 404) return [key, { state: 'elsewhere' }];
          return [key, { state: 'unknown' }];
        }
      }),
    ).then(settle);
    return () => {
      current = false;
    };
    // `names` is read, not watched: a settled name never needs a second request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted, api]);

  return (kind, id) => names.get(keyOf(kind, id)) ?? { state: 'loading' };
}

export const shortId = (id: string): string => id.slice(0, 8);

/** A person's name (or a stand-in) as a link to their profile page. */
export function PersonLink({ kind, id, name }: { kind: PersonKind; id: string; name: PersonName }) {
  const { t } = useTranslation('matching');
  const { has } = useSession();
  const label =
    name.state === 'named'
      ? name.name
      : name.state === 'erased'
        ? t(`people.erased.${kind}`)
        : name.state === 'elsewhere'
          ? t(`people.elsewhere.${kind}`, { id: shortId(id) })
          : t(`people.fallback.${kind}`, { id: shortId(id) });
  // A page the user's role or municipalities cannot open is no link.
  if (!READERS[kind].some((role) => has(role)) || name.state === 'elsewhere') return <span className="matching-muted-link">{label}</span>;
  return (
    <Link to={`${PERSON_PAGES[kind]}/${id}`} className={name.state === 'named' ? undefined : 'matching-muted-link'}>
      {label}
    </Link>
  );
}
