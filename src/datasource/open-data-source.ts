import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError, describeError } from '../errors';
import { consoleToStderr } from './console-to-stderr';
import { SQLITE_FILE_TYPES } from './database-family';
import { findDataSourceExport } from './find-data-source';
import { describeThrown } from './load-failure';
import { loadUserModule } from './load-module';
import { registerTypeScript, registerTypeScriptEsm } from './register-typescript';
import { typeScriptGlobFormat } from './typescript-globs';
import { limitConnections } from './connection-limit';
import { forceReadOnly } from './read-only-options';
import { checkCharacterCounting } from './character-counting';
import { memoryMapSqlite } from './sqlite-memory-map';
import { sqliteFileOf } from './sqlite-read-only';
import { redactSecrets, serverAddress } from './server-address';
import type { DataSource } from './typeorm-types';

const SQLITE_HEADER = 'SQLite format 3\0';

/** Loads the user's DataSource module and opens it read-only. */
export async function openDataSource(moduleFile: string): Promise<DataSource> {
  return initializeDataSource(await loadDataSource(moduleFile), moduleFile);
}

/**
 * Loads the user's DataSource module and makes its DataSource read-only, without connecting:
 * the slow part of opening it (TypeScript, TypeORM, the entities), which workers do while
 * the manager plans.
 */
export async function loadDataSource(moduleFile: string): Promise<DataSource> {
  const file = path.resolve(moduleFile);
  const restoreConsole = consoleToStderr(); // exported promises may still be printing
  let dataSource: DataSource;
  try {
    dataSource = await findDataSourceExport(await loadUserModule(file, 'data source'), file);
  } finally {
    restoreConsole();
  }
  if (dataSource.isInitialized) {
    throw new UserError(`The data source module ${file} initializes its DataSource itself; export it uninitialized so validate-records can open it read-only.`);
  }
  forceReadOnly(dataSource, file);
  limitConnections(dataSource);
  // initialize() loads the entity globs: .ts ones need our loaders, whatever the data source module was.
  const globFormat = typeScriptGlobFormat(dataSource);
  if (globFormat === 'module') registerTypeScriptEsm();
  else if (globFormat === 'commonjs') registerTypeScript();
  return dataSource;
}

/** Connects a DataSource made by loadDataSource (for SQLite: opens the file and reads its schema once). */
export async function initializeDataSource(dataSource: DataSource, moduleFile: string): Promise<DataSource> {
  const file = path.resolve(moduleFile);
  checkSqliteFile(dataSource, file);
  try {
    await dataSource.initialize();
  } catch (error) {
    // Entity, subscriber and migration globs are loaded here: their errors get the user's file and line too.
    const why = redactSecrets(describeThrown(error), dataSource.options);
    throw new UserError(`The DataSource of ${file} (${describeTarget(dataSource)}) could not be opened: ${why}`, { cause: error });
  }
  await probeSqliteFile(dataSource, file);
  await memoryMapSqlite(dataSource);
  await checkCharacterCounting(dataSource);
  return dataSource;
}

/**
 * SQLite opens any file lazily: a file with a valid header but garbage pages (or an
 * encrypted one) only fails at the first read, which would otherwise surface as every
 * table "could not be read". Read the schema once so the user hears about the file.
 */
async function probeSqliteFile(dataSource: DataSource, moduleFile: string): Promise<void> {
  const options = dataSource.options as unknown as Record<string, unknown>;
  if (!SQLITE_FILE_TYPES.has(String(options.type))) return;
  try {
    await dataSource.query('SELECT COUNT(*) AS n FROM sqlite_master');
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    if (/SQLITE_BUSY|SQLITE_LOCKED|database is locked/i.test(`${(error as { code?: string }).code} ${describeError(error)}`)) {
      throw new UserError(`The SQLite database ${path.resolve(String(sqliteFileOf(options)))} named by ${moduleFile} is locked by another connection that is writing to it (${describeError(error)}). Run again once that write is done.`);
    }
    throw new UserError(`The SQLite database ${path.resolve(String(sqliteFileOf(options)))} named by ${moduleFile} could not be read (${describeError(error)}); it may be corrupt, encrypted or another kind of file.`);
  }
}

/** Names the database for messages: a file, or database, host, port and user; never a password. */
export function describeTarget(dataSource: DataSource): string {
  const options = dataSource.options as unknown as Record<string, unknown>;
  if (SQLITE_FILE_TYPES.has(String(options.type))) return `${options.type} database ${sqliteFileOf(options) ?? '(in memory)'}`;
  const server = serverAddress(dataSource.options);
  const user = server.user ? ` as user ${server.user}` : '';
  return `${options.type} database "${server.database ?? '(default)'}" on ${server.host}:${server.port ?? '(default port)'}${user}`;
}

function checkSqliteFile(dataSource: DataSource, moduleFile: string): void {
  const options = dataSource.options as unknown as Record<string, unknown>;
  if (!SQLITE_FILE_TYPES.has(String(options.type))) return;
  const database = sqliteFileOf(options) ?? '';
  if (database === ':memory:' || database === '') {
    throw new UserError(`The DataSource of ${moduleFile} uses an in-memory SQLite database; there is nothing to validate. Point "database" at a file.`);
  }
  const absolute = path.resolve(database);
  if (!fs.existsSync(absolute)) {
    throw new UserError(`The SQLite database file ${absolute} named by ${moduleFile} does not exist. Relative paths are resolved from the working directory, ${process.cwd()}.`);
  }
  if (!fs.statSync(absolute).isFile()) {
    throw new UserError(`The SQLite database ${absolute} named by ${moduleFile} is not a file.`);
  }
  if (fs.statSync(absolute).size === 0) {
    throw new UserError(`The SQLite database file ${absolute} named by ${moduleFile} is empty (0 bytes): it has no tables. Is it the right file? SQLite creates an empty file when a program opens a path that did not exist.`);
  }
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(absolute, 'r');
  const read = fs.readSync(fd, header, 0, header.length, 0);
  fs.closeSync(fd);
  if (read > 0 && header.toString('latin1', 0, read) !== SQLITE_HEADER.slice(0, read)) {
    throw new UserError(`The file ${absolute} named by ${moduleFile} is not a SQLite database (its header is wrong); it may be corrupt or another kind of file.`);
  }
}
