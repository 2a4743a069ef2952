import type { ColumnMetadata, DataSource } from '../datasource/typeorm-types';
import type { DialectName } from '../rules';

/**
 * What a validated column's non-NULL values are in JavaScript once hydrated, when that is
 * known for certain: `string` (text columns), `number` (integer columns; on SQLite real and
 * numeric ones too). On SQLite a value of another storage class can sit in any column, and
 * the rules of src/pushdown/ make such a value a candidate by its typeof().
 */
export type ValueKind = 'string' | 'number';

const STRING_TYPES = new Set<unknown>([
  String, 'varchar', 'character varying', 'varying character', 'nvarchar', 'national varchar', 'character', 'char',
  'nchar', 'national char', 'native character', 'text', 'tinytext', 'mediumtext', 'longtext', 'clob',
]);

/**
 * Fixed-length text: a server pads it with spaces to its length (PostgreSQL returns the
 * padding, which char_length() and ::text leave out; MySQL strips it unless
 * PAD_CHAR_TO_FULL_LENGTH), so the database's view of the value is not the hydrated one.
 * SQLite has no fixed length: there these are plain text.
 */
const FIXED_LENGTH_TYPES = new Set<unknown>(['character', 'char', 'nchar', 'national char', 'native character']);

/** Integer types each server's driver returns as a JS number (pg: int2/int4; mysql2: up to INT). */
const SERVER_NUMBER_TYPES = new Set<unknown>(['int', 'integer', 'int4', 'int2', 'smallint', 'mediumint', 'tinyint']);

/** better-sqlite3 returns integers and reals as numbers (TypeORM turns no safeIntegers on). */
const SQLITE_NUMBER_TYPES = new Set<unknown>([
  'int', 'integer', 'tinyint', 'smallint', 'mediumint', 'bigint', 'unsigned big int', 'int2', 'int8',
  'real', 'double', 'double precision', 'float', 'numeric', 'decimal',
]);

/** Values each probe must come back from prepareHydratedValue unchanged, for the kind to hold. */
const PROBES: Record<ValueKind, unknown[]> = {
  string: ['', 'a', ' 1 ', 'x,y', '{}', '\u{1F600}\uFE0F', '2024-01-01'],
  number: [0, 1, -1, 7, 2147483647, -32768],
};

/**
 * The kind of a column's hydrated values, or why none is certain. Proven twice: by the
 * column's declared type and by the driver's own prepareHydratedValue returning every probe
 * value unchanged (a transformer, an enum or a Boolean type would change it).
 */
export function valueKind(dataSource: DataSource, dialect: DialectName, column: ColumnMetadata): ValueKind | string {
  if (column.transformer) return `${column.propertyPath} has a value transformer`;
  if (dialect !== 'sqlite' && FIXED_LENGTH_TYPES.has(column.type)) {
    return `${column.propertyPath} is a ${typeName(column)}(n) column, which the database pads with spaces`;
  }
  const kind = STRING_TYPES.has(column.type) ? 'string'
    : (dialect === 'sqlite' ? SQLITE_NUMBER_TYPES : SERVER_NUMBER_TYPES).has(column.type) ? 'number' : undefined;
  if (!kind || column.enum) return `${column.propertyPath} is a ${typeName(column)} column, whose hydrated values are not translated to SQL`;
  for (const probe of PROBES[kind]) {
    let hydrated: unknown;
    try {
      hydrated = dataSource.driver.prepareHydratedValue(probe, column);
    } catch {
      return `hydration of ${column.propertyPath} (${typeName(column)}) may throw`;
    }
    if (!Object.is(hydrated, probe)) return `hydration changes the values of ${column.propertyPath} (${typeName(column)})`;
  }
  return kind;
}

/**
 * Column types whose hydration cannot throw whatever is stored (text, numbers, dates,
 * booleans, blobs): a column of another type (simple-json, simple-array, json on SQLite...)
 * or with a transformer can make hydration fail, so its class is read whole.
 */
const SAFE_HYDRATION = /^(varchar|character varying|varying character|nvarchar|national varchar|character|char|nchar|national char|native character|text|tinytext|mediumtext|longtext|clob|uuid|int|integer|tinyint|smallint|mediumint|bigint|unsigned big int|int2|int4|int8|real|double|double precision|float|float4|float8|numeric|decimal|boolean|bool|date|datetime|time|timestamp|timestamptz|timestamp with time zone|timestamp without time zone|blob|bytea)$/;

export function hydrationCannotThrow(column: ColumnMetadata): string | undefined {
  if (column.transformer) return `${column.propertyPath} has a value transformer`;
  if (column.type === String || column.type === Number || column.type === Boolean || column.type === Date) return undefined;
  if (typeof column.type === 'string' && SAFE_HYDRATION.test(column.type)) return undefined;
  return `hydration of ${column.propertyPath} (${typeName(column)}) can fail on stored values`;
}

function typeName(column: ColumnMetadata): string {
  return typeof column.type === 'function' ? column.type.name : String(column.type);
}
