import type { DataSource } from './typeorm-types';

/** Quotes a possibly schema-qualified table path for the data source's dialect. */
export function escapeTablePath(dataSource: DataSource, tablePath: string): string {
  return tablePath.split('.').map((part) => dataSource.driver.escape(part)).join('.');
}
