/**
 * An aggregate as a pure decider (after Emmett and Jérémie Chassaing):
 * `decide` turns a command and the current state into events or a DomainError;
 * `evolve` folds one event into the state. No I/O, no clock, no random ids:
 * time and ids arrive inside the command.
 */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Readonly<Data>;
}

export interface DomainCommand<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Readonly<Data>;
}

export interface Decider<Command extends DomainCommand, Event extends DomainEvent, State> {
  decide(command: Command, state: State): readonly Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export function fold<Event extends DomainEvent, State>(
  decider: Pick<Decider<DomainCommand, Event, State>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}
