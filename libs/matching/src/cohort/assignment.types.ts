/**
 * The cohort assignment problem as SPEC §9 (`assign`) states it: maximise the
 * total score of the chosen edges, each newcomer at most once, each key person
 * at most `capacity` times, only over the edges given.
 */
export interface AssignmentNewcomer {
  readonly id: string;
}

export interface AssignmentKeyPerson {
  readonly id: string;
  readonly capacity: number;
  /**
   * Optional, beyond SPEC §9: what each place costs, one number per place,
   * ≥ 0 and never falling (a convex load cost). The objective is then the
   * total score minus the cost of every place taken.
   */
  readonly placeCosts?: readonly number[];
}

export interface AssignmentEdge {
  readonly newcomer: string;
  readonly keyPerson: string;
  readonly score: number;
}

export interface AssignmentInstance {
  readonly newcomers: readonly AssignmentNewcomer[];
  readonly keyPersons: readonly AssignmentKeyPerson[];
  readonly edges: readonly AssignmentEdge[];
}

/** One chosen edge, with the score exactly as it was given. */
export interface Assignment {
  readonly newcomer: string;
  readonly keyPerson: string;
  readonly score: number;
}

export interface AssignmentResult {
  /** Ordered by newcomer id (UTF-16 code units), whatever the input order. */
  readonly assignments: readonly Assignment[];
  /** The correctly rounded sum of the chosen scores (minus the places' costs, when given): the same double in any order. */
  readonly objective: number;
  readonly matched: number;
}

export interface SolveOptions {
  /**
   * Called now and then with the fraction done, in [0, 1], never decreasing;
   * the last call is 1. For a progress display: it does not promise even pacing.
   */
  readonly onProgress?: (fraction: number) => void;
}
