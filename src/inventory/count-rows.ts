import type { DataSource, EntityMetadata } from '../datasource/typeorm-types';

export async function countRows(dataSource: DataSource, metadata: EntityMetadata): Promise<number> {
  const rows = (await dataSource.query(
    `SELECT COUNT(*) AS n FROM ${escapeTablePath(dataSource, metadata.tablePath)}`,
  )) as Array<{ n: number | string }>;
  return Number(rows[0].n);
}

/** Quotes a possibly schema-qualified table path for the data source's dialect. */
export function escapeTablePath(dataSource: DataSource, tablePath: string): string {
  return tablePath.split('.').map((part) => dataSource.driver.escape(part)).join('.');
}
