import type { DataSource, EntityMetadata } from '../datasource/typeorm-types';
import { escapeTablePath } from '../inventory/count-rows';
import type { KeyTuple } from '../scan/key-range';

/**
 * The keys that cut a table into `parts` ranges of about equal row counts: the key of
 * the last row of each range but the last. Found with ORDER BY key LIMIT 1 OFFSET n,
 * which walks the primary-key index only.
 */
export async function findKeyBoundaries(
  dataSource: DataSource,
  metadata: EntityMetadata,
  rows: number,
  parts: number,
): Promise<KeyTuple[]> {
  const keyColumns = metadata.primaryColumns.map((column) => dataSource.driver.escape(column.databaseName));
  const sql = `SELECT ${keyColumns.join(', ')} FROM ${escapeTablePath(dataSource, metadata.tablePath)} ` +
    `ORDER BY ${keyColumns.join(', ')} LIMIT 1 OFFSET `;
  const boundaries: KeyTuple[] = [];
  for (let part = 1; part < parts; part++) {
    const offset = Math.floor((rows * part) / parts) - 1;
    const found = (await dataSource.query(sql + offset)) as Record<string, unknown>[];
    if (found.length === 0) break; // the table shrank since it was counted
    const key = Object.values(found[0]);
    const previous = boundaries[boundaries.length - 1];
    if (!previous || JSON.stringify(previous) !== JSON.stringify(key)) boundaries.push(key);
  }
  return boundaries;
}
