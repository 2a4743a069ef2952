import { forceSqliteReadOnly } from './sqlite-read-only';
import type { DataSource } from './typeorm-types';

const SILENT_LOGGER = {
  logQuery() {}, logQueryError() {}, logQuerySlow() {}, logSchemaBuild() {}, logMigration() {}, log() {},
};

/**
 * What TypeORM's own CLI forces before initialize(), and more: this tool only reads.
 * No schema sync, migrations, subscribers, query cache or extension installs; SQLite is
 * opened read-only; query logging is silenced so it cannot mix into a report on stdout.
 */
export function forceReadOnly(dataSource: DataSource, moduleFile: string): void {
  const options = dataSource.options as unknown as Record<string, unknown>;
  Object.assign(options, {
    synchronize: false,
    migrationsRun: false,
    dropSchema: false,
    subscribers: [],
    migrations: [],
    logging: false,
    cache: false,
  });
  forceSqliteReadOnly(options, moduleFile);
  if (options.type === 'postgres') {
    Object.assign(options, { installExtensions: false });
  }
  const writable = dataSource as unknown as Record<string, unknown>;
  writable.queryResultCache = undefined;
  writable.logger = SILENT_LOGGER;
}
