import { escapeTablePath } from '../datasource/escape-table-path';
import type { DataSource, EntityMetadata } from '../datasource/typeorm-types';

/** COUNT(*) of the table, of the rows meeting `condition` when there is one. */
export async function countRows(dataSource: DataSource, metadata: EntityMetadata, condition?: string): Promise<number> {
  const rows = (await dataSource.query(
    `SELECT COUNT(*) AS n FROM ${escapeTablePath(dataSource, metadata.tablePath)}${condition ? ` WHERE ${condition}` : ''}`,
  )) as Array<{ n: number | string }>;
  return Number(rows[0].n);
}
