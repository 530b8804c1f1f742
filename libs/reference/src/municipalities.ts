import municipalityData from '../data/cbs-municipalities-2026.json';
import { checkedInfo, indexByCode, type DataFile } from './dataset';
import type { DataSetInfo, Municipality } from './types';

const file: DataFile<Municipality> = municipalityData;
const byCode = indexByCode('cbs-municipalities', file.records);
const all: readonly Municipality[] = Object.freeze([...byCode.values()]);

export const municipalitiesInfo: DataSetInfo = checkedInfo('cbs-municipalities', file);

/** True for a CBS municipality code in the shipped list, e.g. 'GM0344' (Utrecht). */
export function isMunicipalityCode(code: string): boolean {
  return byCode.has(code);
}

export function municipality(code: string): Municipality | undefined {
  return byCode.get(code);
}

/** All municipalities in the shipped list, in CBS code order. */
export function listMunicipalities(): readonly Municipality[] {
  return all;
}
