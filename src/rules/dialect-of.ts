import { databaseFamily } from '../datasource/database-family';
import type { DataSource } from '../datasource/typeorm-types';
import { DIALECTS, type SqlDialect } from './dialect';

/** The rule dialect of a data source; undefined for databases rules do not run on. */
export function dialectOf(dataSource: DataSource): SqlDialect | undefined {
  const family = databaseFamily(dataSource);
  return family === 'other' ? undefined : DIALECTS[family];
}
