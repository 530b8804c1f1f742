/**
 * The embedded key store's file, separate from the event log. `data_keys`
 * holds each subject's key wrapped under the master key; `erased_subjects`
 * is the tombstone an erasure leaves, so a destroyed key is never created
 * again. `key_store_meta` names the master key the store was first written
 * under, so a store is never filled under two. Nothing here is a key in clear.
 */
export const KEY_STORE_SCHEMA = `
  CREATE TABLE IF NOT EXISTS data_keys (
    subject_type  TEXT    NOT NULL,
    subject_id    TEXT    NOT NULL,
    key_version   INTEGER NOT NULL,
    master_key_id TEXT    NOT NULL,
    iv            BLOB    NOT NULL,
    wrapped_key   BLOB    NOT NULL,
    tag           BLOB    NOT NULL,
    created_at    TEXT    NOT NULL,
    PRIMARY KEY (subject_type, subject_id)
  );
  CREATE TABLE IF NOT EXISTS key_store_meta (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS erased_subjects (
    subject_type TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    erased_at    TEXT NOT NULL,
    PRIMARY KEY (subject_type, subject_id)
  );
`;

export interface DataKeyRow {
  readonly key_version: number;
  readonly master_key_id: string;
  readonly iv: Buffer;
  readonly wrapped_key: Buffer;
  readonly tag: Buffer;
}

export interface LookupRow extends Partial<DataKeyRow> {
  readonly erased_at: string | null;
}
