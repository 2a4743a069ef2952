import type { ReadConnection } from '../consistency/read-connection';
import { escapeTablePath } from '../datasource/escape-table-path';
import type { KeyRange } from './key-range';
import { rangeConditions } from './keyset-query';

/**
 * Counts a key range's rows through the scan's own connection (so in its transaction and
 * snapshot): with a prefilter the scan reads only some rows, and the rest are counted here.
 */
export async function countRange(connection: ReadConnection, tablePath: string, keyColumns: string[], range: KeyRange, condition?: string): Promise<number> {
  const { dataSource } = connection;
  const bounds = rangeConditions(dataSource, keyColumns, range);
  const conditions = [...bounds.conditions, ...(condition ? [condition] : [])];
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  const sql = `SELECT COUNT(*) AS ${dataSource.driver.escape('n')} FROM ${escapeTablePath(dataSource, tablePath)}${where}`;
  const rows = (await connection.query(sql, bounds.parameters)) as Array<{ n: unknown }>;
  return Number(rows[0].n);
}
