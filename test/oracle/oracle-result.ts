/** What the naive oracle prints: per entity table, what find() + validate() make of it. */
export interface OracleTable {
  entity: string;
  table: string;
  rows: number;
  invalidRows: number;
  /** class-validator knows no rule for any row's class (validate() answers only "unknownValue"). */
  noValidators: boolean;
  /** "property:constraint" -> invalid rows failing it. */
  violations: Record<string, number>;
  /** Canonical JSON of each invalid row's primary key -> its sorted "property:constraint" list. */
  invalidRowFindings: Record<string, string[]>;
}

export interface OracleResult {
  tables: OracleTable[];
  /** What TypeORM's synchronize would still run against the database; [] when the schema matches the entities. */
  pendingSchemaQueries: string[];
}

/** One key format for both sides: properties sorted by name. */
export function canonicalKey(key: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(key).sort(([a], [b]) => a.localeCompare(b))));
}
