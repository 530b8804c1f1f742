import { CheckpointStore } from '../checkpoint-store.port';
import { EventStore } from '../event-store.port';

/** What each adapter's spec hands the contract suite, fresh for every test. */
export interface ContractSubject {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  dispose(): Promise<void>;
  /**
   * A second, independent writer on the same log (another connection, another
   * client). Absent for the in-memory store, whose only writer is `store`.
   */
  readonly secondWriter?: () => Promise<EventStore>;
}

export type ContractFactory = () => Promise<ContractSubject>;

/** Runs `describe` bodies against a fresh subject per test. */
export function useSubject(factory: ContractFactory): () => ContractSubject {
  let subject: ContractSubject | null = null;
  beforeEach(async () => {
    subject = await factory();
  });
  afterEach(async () => {
    await subject?.dispose();
    subject = null;
  });
  return () => {
    if (subject === null) throw new Error('The contract subject is only available inside a test');
    return subject;
  };
}
