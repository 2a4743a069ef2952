import type { DataSource, EntityMetadata } from '../datasource/typeorm-types';

const SCANNED_TABLE_TYPES = new Set(['regular', 'closure']);

/**
 * The entities whose tables hold rows to validate: one per table. Views, junction
 * tables and single-table-inheritance children (validated through their parent's
 * table, by discriminator) are left out.
 */
export function entityTables(dataSource: DataSource): EntityMetadata[] {
  return dataSource.entityMetadatas.filter((metadata) =>
    SCANNED_TABLE_TYPES.has(metadata.tableType) &&
    !metadata.isJunction &&
    metadata.primaryColumns.length > 0);
}

/** The classes a row of this table can become: the entity and its STI children. */
export function tableClasses(metadata: EntityMetadata): Function[] {
  return [metadata, ...metadata.childEntityMetadatas]
    .map((m) => m.target)
    .filter((target): target is Function => typeof target === 'function');
}

export function findTableMetadata(dataSource: DataSource, table: string): EntityMetadata {
  const metadata = entityTables(dataSource).find((m) => m.tablePath === table);
  if (!metadata) throw new Error(`no entity of this data source owns table "${table}"`);
  return metadata;
}
