import { databaseFamily } from './database-family';
import type { DataSource } from './typeorm-types';

/**
 * Every process of a run (the manager and each worker) reads through a single connection,
 * so a run holds `procs + 1` connections at most. TypeORM's `poolSize` is overridden by
 * `extra`, which goes to the driver's pool last, so both are set.
 */
export function limitToOneConnection(dataSource: DataSource): void {
  const options = dataSource.options as unknown as Record<string, unknown>;
  const extra = (options.extra ?? {}) as Record<string, unknown>;
  switch (databaseFamily(dataSource)) {
    case 'postgres':
      Object.assign(options, { poolSize: 1, extra: { ...extra, max: 1 } });
      break;
    case 'mysql':
      Object.assign(options, { poolSize: 1, extra: { ...extra, connectionLimit: 1 } });
      break;
    default:
      break;
  }
}
