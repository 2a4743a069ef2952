import type { DataSource, EntityMetadata } from '../datasource/typeorm-types';
import { escapeTablePath } from '../datasource/escape-table-path';

export interface KeySpan {
  min: number;
  max: number;
}

/** Key column types whose MIN and MAX are integers on every database. */
const INTEGER_TYPES = new Set<unknown>([Number, 'int', 'integer', 'int2', 'int4', 'int8', 'smallint', 'mediumint', 'tinyint', 'bigint']);

/**
 * MIN and MAX of a single integer primary key, read at both ends of the key index (O(log n),
 * where COUNT(*) or OFFSET walk the whole table); undefined for other keys or empty tables.
 */
export async function integerKeySpan(dataSource: DataSource, metadata: EntityMetadata): Promise<KeySpan | undefined> {
  if (metadata.primaryColumns.length !== 1 || !INTEGER_TYPES.has(metadata.primaryColumns[0].type)) return undefined;
  const key = dataSource.driver.escape(metadata.primaryColumns[0].databaseName);
  const table = escapeTablePath(dataSource, metadata.tablePath);
  // One aggregate per SELECT: SQLite reads MIN or MAX off the index only when it is alone.
  const rows = (await dataSource.query(
    `SELECT (SELECT MIN(${key}) FROM ${table}) AS lo, (SELECT MAX(${key}) FROM ${table}) AS hi`,
  )) as Array<{ lo: unknown; hi: unknown }>;
  const { lo, hi } = rows[0] ?? {};
  return Number.isSafeInteger(lo) && Number.isSafeInteger(hi) ? { min: lo as number, max: hi as number } : undefined;
}
