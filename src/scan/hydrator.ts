import type { ColumnMetadata, DataSource, EntityMetadata } from '../datasource/typeorm-types';
import { generateEntityBuilder, type BuildEntity, type ColumnAt } from './generated-hydration';

/**
 * Turns raw rows into entities the way TypeORM's find() does (RawSqlResultsToEntityTransformer):
 * the class is chosen by discriminator for single-table inheritance, the instance is created
 * with EntityMetadata.create({ fromDeserializer }), every selected column goes through the
 * driver's prepareHydratedValue (types, transformers) and ColumnMetadata.setEntityValue
 * (embedded objects), and @AfterLoad listeners run.
 *
 * @RelationId properties of many-to-one and owning one-to-one relations are filled from the
 * row's join columns, as find() does; those of to-many relations need another query and
 * stay unset. One difference on purpose: columns marked `select: false` are read too,
 * since a row is validated as a whole, the way it was validated when it was saved.
 */

export class HydrationError extends Error {
  constructor(readonly property: string, readonly value: unknown, readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

interface ClassPlan {
  build: BuildEntity;
  relationIds: RelationIdPlan[];
}

interface RelationIdPlan {
  path: string[];
  joinColumns: Array<[index: number, referenced: ColumnMetadata]>;
}

export interface Hydrator {
  /** Database column names to select, in the order rows must carry them. */
  columnNames: string[];
  /** Positions of the primary key columns in a row. */
  keyIndexes: number[];
  hydrate(row: unknown[]): object;
  /** Runs @AfterLoad listeners; returns a promise only when a listener returned one. */
  afterLoad(entity: object): Promise<unknown> | undefined;
}

export function createHydrator(dataSource: DataSource, root: EntityMetadata): Hydrator {
  const family = [root, ...root.childEntityMetadatas];
  const columnNames = uniqueReadableColumns(family);
  const indexOf = new Map(columnNames.map((name, index) => [name, index]));
  const hydrationError = (column: ColumnMetadata, value: unknown, cause: unknown) =>
    new HydrationError(column.propertyPath, value, cause);
  const planFor = (metadata: EntityMetadata): ClassPlan => ({
    build: generateEntityBuilder(dataSource, metadata, metadata.columns
      .filter((column) => !column.isVirtual && !isVirtualProperty(column) &&
        !metadata.childEntityMetadatas.some((child) => child.target === column.target))
      .map((column): ColumnAt => [indexOf.get(column.databaseName)!, column]), hydrationError),
    relationIds: metadata.relationIds.flatMap((relationId): RelationIdPlan[] => {
      const relation = relationId.relation;
      if (!(relation.isManyToOne || relation.isOneToOneOwner) || relationId.queryBuilderFactory) return [];
      const joinColumns = relation.joinColumns.map((c) => [indexOf.get(c.databaseName), c.referencedColumn] as const);
      if (joinColumns.some(([index, referenced]) => index === undefined || !referenced)) return [];
      return [{ path: relationId.propertyName.split('.'), joinColumns: joinColumns as RelationIdPlan['joinColumns'] }];
    }),
  });
  const rootPlan = planFor(root);
  const plansByDiscriminator = new Map<unknown, ClassPlan>();
  for (const child of root.childEntityMetadatas) {
    if (!plansByDiscriminator.has(child.discriminatorValue)) plansByDiscriminator.set(child.discriminatorValue, planFor(child));
  }
  const discriminatorIndex = root.discriminatorColumn ? indexOf.get(root.discriminatorColumn.databaseName) : undefined;
  const driver = dataSource.driver;

  const hydrate = (row: unknown[]): object => {
    const plan = discriminatorIndex === undefined
      ? rootPlan
      : plansByDiscriminator.get(row[discriminatorIndex]) ?? rootPlan;
    const entity = plan.build(row);
    const relationIds = plan.relationIds;
    for (let i = 0; i < relationIds.length; i++) setRelationId(entity, row, relationIds[i]);
    return entity;
  };

  const setRelationId = (entity: object, row: unknown[], relationId: RelationIdPlan) => {
    const values = relationId.joinColumns.map(([index, referenced]) => driver.prepareHydratedValue(row[index], referenced));
    const value = values.length === 1
      ? values[0]
      : Object.fromEntries(relationId.joinColumns.map(([, referenced], i) => [referenced.propertyName, values[i]]));
    let target = entity as Record<string, unknown>;
    for (const property of relationId.path.slice(0, -1)) {
      if (typeof target[property] !== 'object' || target[property] === null) target[property] = {};
      target = target[property] as Record<string, unknown>;
    }
    target[relationId.path[relationId.path.length - 1]] = value;
  };

  const listeners = root.afterLoadListeners;
  const afterLoad = (entity: object): Promise<unknown> | undefined => {
    let pending: Promise<unknown>[] | undefined;
    for (const listener of listeners) {
      if (!listener.isAllowed(entity)) continue;
      const result = listener.execute(entity);
      if (result instanceof Promise) (pending ??= []).push(result);
    }
    return pending ? Promise.all(pending) : undefined;
  };

  return {
    columnNames,
    keyIndexes: root.primaryColumns.map((column) => indexOf.get(column.databaseName)!),
    hydrate,
    afterLoad,
  };
}

function isVirtualProperty(column: ColumnMetadata): boolean {
  return (column as unknown as { isVirtualProperty?: boolean }).isVirtualProperty === true;
}

/** The table's real columns: those of the entity and of its STI children, once each. */
function uniqueReadableColumns(family: EntityMetadata[]): string[] {
  const names: string[] = [];
  for (const metadata of family) {
    for (const column of metadata.columns) {
      if (isVirtualProperty(column)) continue;
      if (!names.includes(column.databaseName)) names.push(column.databaseName);
    }
  }
  return names;
}
