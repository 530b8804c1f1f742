import { describeAppendContract } from './append.contract';
import { describeCheckpointedSubscriptionContract } from './checkpointed-subscription.contract';
import { describeConcurrencyContract } from './concurrency.contract';
import { ContractFactory } from './contract-subject';
import { describeHashChainContract } from './hash-chain.contract';
import { describeIdempotencyContract } from './idempotency.contract';
import { describeReadContract } from './read.contract';
import { describeSubscriptionContract } from './subscription.contract';

export type { ContractFactory, ContractSubject } from './contract-subject';

/**
 * The one behaviour every `EventStore` adapter must show. Each adapter's spec
 * calls this with a factory that returns a fresh store per test; tests use
 * unique stream names, so a shared live server works too.
 */
export function describeEventStoreContract(name: string, factory: ContractFactory): void {
  describe(`${name}: event-store contract`, () => {
    describeAppendContract(factory);
    describeIdempotencyContract(factory);
    describeReadContract(factory);
    describeHashChainContract(factory);
    describeSubscriptionContract(factory);
    describeCheckpointedSubscriptionContract(factory);
    describeConcurrencyContract(factory);
  });
}
