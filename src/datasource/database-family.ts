import type { DataSource } from './typeorm-types';

/**
 * The databases whose SQL and transactions this tool treats differently. Anything TypeORM
 * supports beyond these is read with portable SQL and no snapshot.
 */
export type DatabaseFamily = 'sqlite' | 'postgres' | 'mysql' | 'other';

const SQLITE_TYPES = new Set(['better-sqlite3', 'sqlite', 'sqljs', 'capacitor', 'cordova', 'expo', 'nativescript', 'react-native']);

/** The SQLite drivers that open the file named by `options.database` (checked before opening, read-only). */
export const SQLITE_FILE_TYPES = new Set(['better-sqlite3', 'sqlite', 'sqljs']);

export function databaseFamily(dataSource: DataSource): DatabaseFamily {
  const type = String(dataSource.options.type);
  if (SQLITE_TYPES.has(type)) return 'sqlite';
  if (type === 'postgres') return 'postgres';
  if (type === 'mysql' || type === 'mariadb') return 'mysql';
  return 'other';
}
