import { databaseFamily } from './database-family';
import type { DataSource } from './typeorm-types';

/**
 * Every process of a run (the manager and each worker) reads through one connection, held
 * for the whole run (see ReadConnection). The pool may open one more, lazily, and only for
 * the user's own code: a validator or @AfterLoad listener that queries the database through
 * the DataSource would otherwise wait forever for the held connection. So a run holds one
 * connection per process unless such code runs. TypeORM's `poolSize` is overridden by
 * `extra`, which goes to the driver's pool last, so both are set.
 */
const POOL_SIZE = 2;

export function limitConnections(dataSource: DataSource): void {
  const options = dataSource.options as unknown as Record<string, unknown>;
  const extra = (options.extra ?? {}) as Record<string, unknown>;
  switch (databaseFamily(dataSource)) {
    case 'postgres':
      Object.assign(options, { poolSize: POOL_SIZE, extra: { ...extra, max: POOL_SIZE } });
      break;
    case 'mysql':
      Object.assign(options, { poolSize: POOL_SIZE, extra: { ...extra, connectionLimit: POOL_SIZE } });
      break;
    default:
      break;
  }
}
