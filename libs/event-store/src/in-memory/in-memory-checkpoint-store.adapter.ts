import { CheckpointStore } from '../checkpoint-store.port';

/** Checkpoints in a map, for unit tests and for stores that need no durability. */
export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly positions = new Map<string, number>();

  async load(subscriber: string): Promise<number | null> {
    return this.positions.get(subscriber) ?? null;
  }

  async save(subscriber: string, position: number): Promise<void> {
    this.positions.set(subscriber, position);
  }
}
