import { derivedId } from '@sleutel/domain';

export { derivedId, SLEUTEL_NAMESPACE } from '@sleutel/domain';

/** The id of the index-th event a command appends to a stream. */
export function eventIdFor(commandId: string, streamId: string, index: number): string {
  return derivedId(`${commandId}|${streamId}|${index}`);
}
