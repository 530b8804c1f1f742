/** Provenance of one shipped reference data set (the header of its JSON file). */
export interface DataSetInfo {
  readonly source: string;
  readonly version: string;
  /** Reference date of the data (or generation date when the source has none), YYYY-MM-DD. */
  readonly date: string;
  readonly count: number;
}

export interface Language {
  /** ISO 639-3 code, lower case. */
  readonly code: string;
  /** English reference name. */
  readonly name: string;
  /** 'individual' | 'macrolanguage' | 'special'. */
  readonly scope: string;
  /** 'living' | 'historical' | 'extinct' | 'ancient' | 'constructed' | 'special'. */
  readonly type: string;
  /** ISO 639-3 code of the macrolanguage this language belongs to, if any. */
  readonly macrolanguage?: string;
}

export interface Country {
  /** ISO 3166-1 alpha-2 code, upper case. */
  readonly code: string;
  readonly en: string;
  readonly nl: string;
}

export interface Municipality {
  /** CBS municipality code, 'GM' + 4 digits. */
  readonly code: string;
  readonly name: string;
  readonly province: string;
  /** Approximate centroid, WGS84 degrees. */
  readonly lat?: number;
  readonly lon?: number;
}
