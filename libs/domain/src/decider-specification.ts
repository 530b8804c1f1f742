/**
 * Given/When/Then for deciders in Jest (after Emmett's DeciderSpecification):
 *
 *   DeciderSpecification.for(newcomerDecider).given([registered]).when(withdraw).then([withdrawn]);
 *
 * `then` also checks that the events survive a JSON round trip unchanged,
 * since that is how they are stored: no `undefined`, no Dates, no Sets.
 */
import { Decider, DomainCommand, DomainEvent, fold } from './decider';
import { DomainError, FieldViolation } from './domain-error';

/** Field paths only, or field paths with their rules. */
export type ExpectedViolations = readonly string[] | readonly Pick<FieldViolation, 'field' | 'rule'>[];

export class DeciderSpecification<Command extends DomainCommand, Event extends DomainEvent, State> {
  private constructor(
    private readonly decider: Decider<Command, Event, State>,
    private readonly history: readonly Event[] = [],
    private readonly command: Command | null = null,
  ) {}

  static for<Command extends DomainCommand, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
  ): DeciderSpecification<Command, Event, State> {
    return new DeciderSpecification(decider);
  }

  given(events: readonly Event[]): DeciderSpecification<Command, Event, State> {
    return new DeciderSpecification(this.decider, events, this.command);
  }

  when(command: Command): DeciderSpecification<Command, Event, State> {
    return new DeciderSpecification(this.decider, this.history, command);
  }

  then(expected: readonly Event[]): void {
    // Guards against `await spec` or returning a spec from a test: both call `then` as a thenable.
    if (typeof expected === 'function') throw new Error('DeciderSpecification is not a promise: call .then(expectedEvents)');
    const events = this.decide();
    expect(events).toStrictEqual(expected);
    expect(JSON.parse(JSON.stringify(events))).toStrictEqual(events);
  }

  thenNothing(): void {
    expect(this.decide()).toStrictEqual([]);
  }

  /** The DomainError code, and when given, exactly these violations (in any order). */
  thenThrows(code: string, violations?: ExpectedViolations): void {
    let events: readonly Event[];
    try {
      events = this.decide();
    } catch (error: unknown) {
      if (!(error instanceof DomainError)) throw error;
      expect(error.code).toBe(code);
      if (violations !== undefined) expect(summarise(error.violations, violations)).toEqual(summarise(violations, violations));
      return;
    }
    throw new Error(`Expected DomainError ${code}, but the decider emitted ${JSON.stringify(events)}`);
  }

  private decide(): readonly Event[] {
    if (this.command === null) throw new Error('DeciderSpecification: call .when(command) first');
    return this.decider.decide(this.command, fold(this.decider, this.history));
  }
}

/** Violations as sorted `field` or `field rule` strings, whichever the expectation uses. */
function summarise(violations: ExpectedViolations, shape: ExpectedViolations): string[] {
  const withRules = shape.some((v) => typeof v !== 'string');
  return violations.map((v) => (typeof v === 'string' ? v : withRules ? `${v.field} ${v.rule}` : v.field)).sort();
}
