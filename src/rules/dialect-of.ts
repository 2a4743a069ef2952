import { databaseFamily } from '../datasource/database-family';
import type { DataSource } from '../datasource/typeorm-types';
import { DIALECTS, SQLITE_WITH_OCTET_LENGTH, type SqlDialect } from './dialect';

/** The rule dialect of a data source; undefined for databases rules do not run on. */
export function dialectOf(dataSource: DataSource): SqlDialect | undefined {
  const family = databaseFamily(dataSource);
  if (family === 'other') return undefined;
  if (family === 'sqlite' && hasOctetLength(dataSource)) return SQLITE_WITH_OCTET_LENGTH;
  return DIALECTS[family];
}

/**
 * Whether the SQLite library behind the data source has octet_length() (3.43+). Asked where
 * it can be asked synchronously (better-sqlite3); the other drivers keep the portable form.
 */
function hasOctetLength(dataSource: DataSource): boolean {
  if (dataSource.options.type !== 'better-sqlite3') return false;
  const connection = (dataSource.driver as unknown as { databaseConnection?: { prepare?: (sql: string) => { get(): unknown } } })
    .databaseConnection;
  if (typeof connection?.prepare !== 'function') return false;
  const { v } = connection.prepare('SELECT sqlite_version() AS v').get() as { v: string };
  const [major, minor] = v.split('.').map(Number);
  return major > 3 || (major === 3 && minor >= 43);
}
