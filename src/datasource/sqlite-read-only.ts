import { UserError } from '../errors';

/** sqlite3's SQLITE_OPEN_READONLY: the file is opened read-only, never created. */
const SQLITE_OPEN_READONLY = 0x1;
/** SQLite in a mobile app's native layer: nothing this tool can open from Node. */
const APP_ONLY_TYPES = new Set(['capacitor', 'cordova', 'expo', 'nativescript', 'react-native']);

/**
 * Read-only settings for each SQLite driver TypeORM has, whatever the user's module asks
 * (`enableWAL: true` would switch the file to WAL mode, sql.js's `autoSave` writes the
 * whole file back after a query). Drivers that cannot run under Node are refused.
 */
export function forceSqliteReadOnly(options: Record<string, unknown>, moduleFile: string): void {
  switch (options.type) {
    case 'better-sqlite3':
      Object.assign(options, { readonly: true, fileMustExist: true, enableWAL: false });
      break;
    case 'sqlite': // TypeORM 0.3's driver for the sqlite3 package
      Object.assign(options, { flags: SQLITE_OPEN_READONLY, enableWAL: false });
      break;
    case 'sqljs': // the file is read into memory; only autoSave or save() would write it back
      Object.assign(options, { autoSave: false, autoSaveCallback: undefined, useLocalForage: false });
      break;
    default:
      if (APP_ONLY_TYPES.has(String(options.type))) {
        throw new UserError(`The DataSource of ${moduleFile} is of type "${String(options.type)}", SQLite inside a mobile app, which validate-records cannot open from Node. Point a better-sqlite3 DataSource at a copy of the app's database file.`);
      }
  }
}

/** The database file a SQLite-family DataSource reads, when it names one. */
export function sqliteFileOf(options: Record<string, unknown>): string | undefined {
  const file = options.type === 'sqljs' ? options.location : options.database;
  return typeof file === 'string' ? file : undefined;
}
