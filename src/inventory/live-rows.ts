import type { DataSource, EntityMetadata } from '../datasource/typeorm-types';

/**
 * find()'s filter for soft-deleted rows, `"deletedAt" IS NULL`, for an entity with a
 * @DeleteDateColumn; undefined when there is none or --with-deleted asks for every row.
 */
export function liveRowsCondition(dataSource: DataSource, metadata: EntityMetadata, withDeleted: boolean): string | undefined {
  const column = metadata.deleteDateColumn;
  return column && !withDeleted ? `${dataSource.driver.escape(column.databaseName)} IS NULL` : undefined;
}
