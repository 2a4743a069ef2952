import type { ColumnMetadata, DataSource, EntityMetadata } from '../datasource/typeorm-types';
import { GeneratedCode } from '../generated-code';

/** A selected column: its position in a row, and TypeORM's metadata of it. */
export type ColumnAt = [index: number, column: ColumnMetadata];

/** Builds one entity of a class from a row; throws a HydrationError naming the column that failed. */
export type BuildEntity = (row: unknown[]) => object;

export type HydrationErrorFactory = (column: ColumnMetadata, value: unknown, cause: unknown) => Error;

/**
 * One class's hydration as a generated function, doing per row what TypeORM does:
 * `metadata.create(undefined, { fromDeserializer: true })`, then for each column with a
 * value `column.setEntityValue(entity, driver.prepareHydratedValue(value, column))`.
 *
 * Generated for speed (a call site per column, which V8 can optimize for that column), and
 * shortened only where the result is provably the same: an instance TypeORM would create
 * with Object.create(prototype) is created so; a value prepareHydratedValue returns
 * unchanged is not passed through it; a column setEntityValue would assign is assigned.
 * Everything else is TypeORM's own call.
 */
export function generateEntityBuilder(
  dataSource: DataSource, metadata: EntityMetadata, columns: ColumnAt[], hydrationError: HydrationErrorFactory,
): BuildEntity {
  const code = new GeneratedCode();
  const constant = (value: unknown) => code.constant(value);
  const driver = constant(dataSource.driver);
  const sqlitePreparation = usesSqlitePreparation(dataSource);
  const lines: string[] = [];
  columns.forEach(([index, column], position) => {
    const self = constant(column);
    const call = `${driver}.prepareHydratedValue(value, ${self})`;
    const prepared = sqlitePreparation && !column.transformer ? sqlitePreparedValue(column, call) : call;
    lines.push(
      `value = row[${index}];`,
      'if (value !== undefined) {',
      `  at = ${position};`,
      assignsDirectly(column)
        ? `  entity[${JSON.stringify(column.propertyName)}] = ${prepared};`
        : `  ${self}.setEntityValue(entity, ${prepared});`,
      '}',
    );
  });
  const create = instanceCreation(dataSource, metadata, constant);
  const columnList = constant(columns);
  const fail = constant(hydrationError);
  const source = `return function ${GeneratedCode.functionName('hydrate', String(metadata.name))}(row) {
const entity = ${create};
let value, at = -1;
try {
${lines.join('\n')}
} catch (error) {
  const [index, column] = ${columnList}[at];
  throw ${fail}(column, row[index], error);
}
return entity;
};`;
  try {
    return code.compile<BuildEntity>(source);
  } catch {
    // node --disallow-code-generation-from-strings: TypeORM's own calls, one by one.
    return interpretedBuilder(dataSource, metadata, columns, hydrationError);
  }
}

function interpretedBuilder(
  dataSource: DataSource, metadata: EntityMetadata, columns: ColumnAt[], hydrationError: HydrationErrorFactory,
): BuildEntity {
  const driver = dataSource.driver;
  const createOptions = { fromDeserializer: true };
  return (row) => {
    const entity = metadata.create(undefined, createOptions) as object;
    for (const [index, column] of columns) {
      const value = row[index];
      if (value === undefined) continue;
      try {
        column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
      } catch (error) {
        throw hydrationError(column, value, error);
      }
    }
    return entity;
  };
}

/** setEntityValue of a column outside embedded objects (virtual relation columns are never selected): a plain assignment. */
function assignsDirectly(column: ColumnMetadata): boolean {
  return !column.embeddedMetadata && !column.isVirtual;
}

/**
 * Column types the SQLite driver's prepareHydratedValue returns unchanged (no transformer):
 * it converts booleans, dates and times, JSON, simple arrays and enums, and Number columns.
 */
const SQLITE_AS_IS_TYPES = new Set<unknown>([
  String, 'varchar', 'character varying', 'varying character', 'nvarchar', 'character', 'nchar', 'native character',
  'text', 'clob', 'uuid', 'int', 'integer', 'tinyint', 'smallint', 'mediumint', 'bigint', 'unsigned big int', 'int2', 'int8',
  'real', 'double', 'double precision', 'float', 'numeric', 'decimal', 'blob',
]);

/** The SQLite driver's `prepareHydratedValue(value, column)` (no transformer), shortened where its result is `value` itself. */
function sqlitePreparedValue(column: ColumnMetadata, call: string): string {
  if (SQLITE_AS_IS_TYPES.has(column.type)) return 'value';
  // Number columns: parseInt(value) when +value is a number. For a safe integer other than -0,
  // parseInt of its decimal text is the integer itself.
  if (column.type === Number) {
    return `(typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0) ? value : ${call})`;
  }
  return call;
}

/** Whether the driver hydrates with AbstractSqliteDriver's prepareHydratedValue, not overridden. */
function usesSqlitePreparation(dataSource: DataSource): boolean {
  const driver = dataSource.driver as unknown as { prepareHydratedValue: unknown };
  for (let prototype = Object.getPrototypeOf(driver); prototype; prototype = Object.getPrototypeOf(prototype)) {
    if (prototype.constructor?.name === 'AbstractSqliteDriver') return prototype.prepareHydratedValue === driver.prepareHydratedValue;
  }
  return false;
}

/**
 * The expression for `metadata.create(undefined, { fromDeserializer: true })`: for a class
 * target without typename option or lazy relations to wire, `new Target()` (TypeORM's default)
 * or, with entitySkipConstructor, Object.create(Target.prototype); else the call itself.
 */
function instanceCreation(dataSource: DataSource, metadata: EntityMetadata, constant: (value: unknown) => string): string {
  const usingConstructor = (metadata as { isAlwaysUsingConstructor?: unknown }).isAlwaysUsingConstructor;
  if (typeof metadata.target === 'function' && !dataSource.options.typename && metadata.lazyRelations.length === 0) {
    if (usingConstructor === true) return `new ${constant(metadata.target)}()`;
    if (usingConstructor === false) return `Object.create(${constant(metadata.target)}.prototype)`;
  }
  return `${constant(metadata)}.create(undefined, ${constant({ fromDeserializer: true })})`;
}
