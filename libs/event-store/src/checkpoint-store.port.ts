/** Where a subscriber remembers the last log position it has fully handled. */
export interface CheckpointStore {
  load(subscriber: string): Promise<number | null>;
  save(subscriber: string, position: number): Promise<void>;
}
