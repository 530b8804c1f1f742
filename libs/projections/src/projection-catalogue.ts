import Database from 'better-sqlite3';
import { ProjectionEvent } from '@sleutel/event-store';
import { CohortRunsProjection } from './cohort-runs/cohort-runs.projection';
import { DirectoryProjection } from './directory/directory.projection';
import { MatchBoardProjection } from './matches/match-board.projection';

/** A read model as a replay sees it: what it reads, where it keeps its rows, how to open it on a database. */
export interface ProjectionDefinition {
  readonly name: string;
  /** Every table the projection writes; its digest covers exactly these. */
  readonly tables: readonly string[];
  readonly eventTypes: readonly string[];
  open(db: Database.Database): { apply(event: ProjectionEvent): void };
}

/**
 * Every projection of the read side, in the order events are applied to them
 * (the match board copies the newcomer's municipality from the directory, so
 * the directory goes first). A replay rebuilds exactly these and compares
 * them with the live ones, so a projection missing here would go unchecked:
 * `projection-catalogue.spec.ts` ties each entry to the tables it creates.
 */
export const PROJECTIONS: readonly ProjectionDefinition[] = [
  {
    name: DirectoryProjection.NAME,
    tables: ['directory'],
    eventTypes: DirectoryProjection.EVENT_TYPES,
    open: (db) => new DirectoryProjection(db),
  },
  {
    name: MatchBoardProjection.NAME,
    tables: ['match_board'],
    eventTypes: MatchBoardProjection.EVENT_TYPES,
    open: (db) => new MatchBoardProjection(db),
  },
  {
    name: CohortRunsProjection.NAME,
    tables: ['cohort_runs'],
    eventTypes: CohortRunsProjection.EVENT_TYPES,
    open: (db) => new CohortRunsProjection(db),
  },
];

/** The event types any projection reads: the filter of a subscription or replay that feeds them all. */
export function projectedEventTypes(projections: readonly ProjectionDefinition[] = PROJECTIONS): string[] {
  return [...new Set(projections.flatMap((projection) => projection.eventTypes))];
}
