import type { EntityMetadata, FindManyOptions, FindOptionsSelect, ObjectLiteral, Repository } from 'typeorm';

export type LoadedRow =
  | { key: ObjectLiteral; entity: ObjectLiteral }
  /** find() could not turn this row into an entity; `property` is the column it failed on. */
  | { key: ObjectLiteral; unreadable: string };

/**
 * Every row of a table as repository.find() returns it. find() gives up on the whole table
 * when one row cannot be read (malformed simple-json); then the rows are read one by one
 * by primary key, and an unreadable row's culprit column is found by reading it alone.
 */
export async function loadEntities(repository: Repository<ObjectLiteral>): Promise<LoadedRow[]> {
  const { metadata } = repository;
  const options = readEverything(metadata);
  let entities: ObjectLiteral[];
  try {
    entities = await repository.find(options);
  } catch {
    return loadRowByRow(repository, options);
  }
  return entities.map((entity) => ({ key: metadata.getEntityIdMap(entity)!, entity }));
}

async function loadRowByRow(repository: Repository<ObjectLiteral>, options: FindManyOptions): Promise<LoadedRow[]> {
  const { metadata } = repository;
  const keyPaths = metadata.primaryColumns.map((column) => column.propertyPath);
  const keys = (await repository.find({ select: selection(keyPaths) })).map((row) => metadata.getEntityIdMap(row)!);
  const rows: LoadedRow[] = [];
  for (const key of keys) {
    try {
      rows.push({ key, entity: (await repository.findOne({ ...options, where: key }))! });
    } catch {
      rows.push({ key, unreadable: await unreadableColumn(repository, key, keyPaths) });
    }
  }
  return rows;
}

async function unreadableColumn(repository: Repository<ObjectLiteral>, key: ObjectLiteral, keyPaths: string[]): Promise<string> {
  for (const column of readableColumns(repository.metadata)) {
    try {
      await repository.findOne({ select: selection([...keyPaths, column.propertyPath]), where: key });
    } catch {
      return column.propertyPath;
    }
  }
  throw new Error(`row ${JSON.stringify(key)} of ${repository.metadata.tableName} fails to load as a whole but not column by column`);
}

/**
 * find()'s options that read every column. Our tool reads `select: false` columns too; with
 * find() that takes listing every column in `select`, as TypeORM's docs say.
 */
function readEverything(metadata: EntityMetadata): FindManyOptions {
  if (metadata.columns.every((column) => column.isSelect)) return {};
  return { select: selection(readableColumns(metadata).map((column) => column.propertyPath)) };
}

function readableColumns(metadata: EntityMetadata) {
  return metadata.columns.filter((column) => !column.isVirtual);
}

/** find()'s nested `select` object for property paths like "address.city". */
function selection(paths: string[]): FindOptionsSelect<ObjectLiteral> {
  const select: Record<string, any> = {};
  for (const path of paths) {
    const parts = path.split('.');
    let node = select;
    for (const part of parts.slice(0, -1)) node = node[part] ??= {};
    node[parts[parts.length - 1]] = true;
  }
  return select;
}
