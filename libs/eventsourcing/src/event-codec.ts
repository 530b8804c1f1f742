import { NewEvent, RecordedEvent } from '@sleutel/event-store';

/**
 * The transformations between what the domain sees and what the store keeps:
 * per-subject encryption of personal data (SPEC §7) and upcasting of old event
 * versions plug in here, so neither the deciders nor the adapters change.
 */
export interface EventCodec {
  /** `streamId`: the stream the event is appended to (a codec may bind it, e.g. into a ciphertext's additional data). */
  encode(event: NewEvent, streamId?: string): Promise<NewEvent>;
  decode(event: RecordedEvent): Promise<RecordedEvent>;
  /**
   * Whether a decoded event can be folded: false when what it said is gone
   * (its subject's personal data was erased). Readers skip such events; the
   * erasure event that follows them sets the state. Absent: always.
   */
  readable?(event: RecordedEvent): boolean;
}

/** Whether a decoded event can be folded, by the codec's judgement (see `EventCodec.readable`). */
export const isReadable = (codec: EventCodec, event: RecordedEvent): boolean => codec.readable?.(event) ?? true;

export const identityCodec: EventCodec = {
  encode: async (event) => event,
  decode: async (event) => event,
};

/** Encode left to right, decode right to left. */
export function composeCodecs(...codecs: readonly EventCodec[]): EventCodec {
  const reversed = [...codecs].reverse();
  return {
    async encode(event, streamId) {
      let out = event;
      for (const codec of codecs) out = await codec.encode(out, streamId);
      return out;
    },
    async decode(event) {
      let out = event;
      for (const codec of reversed) out = await codec.decode(out);
      return out;
    },
    readable: (event) => codecs.every((codec) => isReadable(codec, event)),
  };
}
