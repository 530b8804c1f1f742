import type { DataSetInfo } from './types';

/** The shape of every shipped JSON file: a provenance header and its records. */
export interface DataFile<T> {
  readonly header: DataSetInfo;
  readonly records: readonly T[];
}

/** Checks that the header agrees with the records, so a bad regeneration fails loudly. */
export function checkedInfo<T>(name: string, file: DataFile<T>): DataSetInfo {
  const { source, version, date, count } = file.header;
  if (count !== file.records.length) {
    throw new Error(`${name}: header count ${count} != ${file.records.length} records`);
  }
  return Object.freeze({ source, version, date, count });
}

/** Builds a code -> record map once, rejecting duplicate codes. */
export function indexByCode<T extends { readonly code: string }>(
  name: string,
  records: readonly T[],
): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const record of records) {
    if (map.has(record.code)) throw new Error(`${name}: duplicate code ${record.code}`);
    map.set(record.code, Object.freeze(record));
  }
  return map;
}
