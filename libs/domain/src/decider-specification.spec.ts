import { Decider, DomainCommand, DomainEvent } from './decider';
import { DeciderSpecification } from './decider-specification';
import { DomainError } from './domain-error';

/** A counter that only counts up, to test the specification helper itself. */
type Command = DomainCommand<'Add', { amount: number }>;
type Event = DomainEvent<'Added', { amount: number | undefined }>;

const counter: Decider<Command, Event, number> = {
  initialState: () => 0,
  evolve: (total, event) => total + (event.data.amount ?? 0),
  decide: ({ data }, total) => {
    if (data.amount < 0) {
      throw new DomainError('COUNTER.INVALID', 'invalid', 'bad', [{ field: 'amount', rule: 'range', message: 'must not be negative' }]);
    }
    if (data.amount === 0) return [];
    if (total + data.amount > 10) throw new DomainError('COUNTER.FULL', 'conflict', 'full');
    // An `undefined` in event data would be lost on storage; amount 7 produces one on purpose.
    return [{ type: 'Added', data: { amount: data.amount === 7 ? undefined : data.amount } }];
  },
};

const spec = () => DeciderSpecification.for(counter);
const add = (amount: number): Command => ({ type: 'Add', data: { amount } });
const added = (amount: number): Event => ({ type: 'Added', data: { amount } });

describe('DeciderSpecification', () => {
  it('passes when the decider emits the expected events from the given history', () =>
    spec().given([added(4)]).when(add(6)).then([added(6)]));

  it('fails when the events differ', () => expect(() => spec().given([]).when(add(2)).then([added(3)])).toThrow());

  it('fails when an event would not survive storage as JSON', () => {
    const withUndefined: Event = { type: 'Added', data: { amount: undefined } };
    expect(() => spec().given([]).when(add(7)).then([withUndefined])).toThrow();
  });

  it('checks the error code and the violations', () => {
    spec().given([]).when(add(-1)).thenThrows('COUNTER.INVALID', ['amount']);
    spec().given([]).when(add(-1)).thenThrows('COUNTER.INVALID', [{ field: 'amount', rule: 'range' }]);
    expect(() => spec().given([]).when(add(-1)).thenThrows('COUNTER.INVALID', [{ field: 'amount', rule: 'integer' }])).toThrow();
    expect(() => spec().given([]).when(add(-1)).thenThrows('COUNTER.INVALID', [])).toThrow();
    expect(() => spec().given([]).when(add(-1)).thenThrows('COUNTER.FULL')).toThrow();
  });

  it('uses the given history to build the state', () => spec().given([added(9)]).when(add(2)).thenThrows('COUNTER.FULL'));

  it('fails thenThrows when nothing is thrown', () => expect(() => spec().given([]).when(add(1)).thenThrows('COUNTER.FULL')).toThrow(/emitted/));

  it('passes thenNothing only for a no-op', () => {
    spec().given([]).when(add(0)).thenNothing();
    expect(() => spec().given([]).when(add(1)).thenNothing()).toThrow();
  });

  it('is not mistaken for a promise', async () => {
    await expect(Promise.resolve(spec().given([]).when(add(1)))).rejects.toThrow(/not a promise/);
  });
});
