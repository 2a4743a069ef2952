import { afterAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { initializeDataSource } from '../src/datasource/open-data-source';
import { forceReadOnly } from '../src/datasource/read-only-options';
import { SQLITE_MMAP_BYTES } from '../src/datasource/sqlite-memory-map';
import { forceSqliteReadOnly } from '../src/datasource/sqlite-read-only';
import { runJson, runCli } from './helpers/run-cli';
import { ENTITIES_TS, INVALID_ROWS, SCHEMA_SQL, TempDir, createDatabase, fingerprint } from './helpers/temp-project';

const tmp = new TempDir('drivers');
afterAll(() => tmp.cleanup());

/** A project on `driverOptions` (type and file options), with WAL and writes asked for wherever the driver has them. */
function project(name: string, driverOptions: string): { dataSource: string; database: string } {
  const database = createDatabase(tmp.path(name, 'app.sqlite'), SCHEMA_SQL, INVALID_ROWS);
  tmp.write({ [`${name}/entities.ts`]: ENTITIES_TS });
  const dataSource = tmp.write({
    [`${name}/data-source.ts`]: `
import { DataSource } from 'typeorm';
import { Post, User } from './entities';
export default new DataSource({ ${driverOptions.replace('$FILE', JSON.stringify(database))}, entities: [User, Post], synchronize: true });
`,
  });
  return { dataSource, database };
}

describe('every SQLite driver opens the file read-only', () => {
  it('better-sqlite3 with enableWAL: the file stays byte-identical, no side file appears', async () => {
    const { dataSource, database } = project('better', `type: 'better-sqlite3', database: $FILE, enableWAL: true`);
    const before = fingerprint(database);
    const { code, report } = await runJson(['-d', dataSource, '--procs', '1']);
    expect(code).toBe(1);
    expect(report.summary.invalidRows).toBe(3);
    expect(fingerprint(database)).toEqual(before);
  });

  it('sqljs reading a file with autoSave: the file stays byte-identical', async () => {
    const { dataSource, database } = project('sqljs', `type: 'sqljs', location: $FILE, autoSave: true`);
    const before = fingerprint(database);
    const { code, report } = await runJson(['-d', dataSource, '--procs', '2']);
    expect(code).toBe(1);
    expect(report.summary).toMatchObject({ rows: 7, invalidRows: 3 });
    expect(fingerprint(database)).toEqual(before);
  });

  it('sqljs on a file that does not exist is an error naming it, not an empty database', async () => {
    const dataSource = tmp.write({
      'sqljs-missing/entities.ts': ENTITIES_TS,
      'sqljs-missing/data-source.ts': `
import { DataSource } from 'typeorm';
import { Post, User } from './entities';
export default new DataSource({ type: 'sqljs', location: ${JSON.stringify(tmp.path('sqljs-missing/none.sqlite'))}, autoSave: true, entities: [User, Post] });
`,
    });
    const result = await runCli(['-d', tmp.path('sqljs-missing/data-source.ts'), '--procs', '1', '--no-progress']);
    expect(dataSource).toContain('sqljs-missing');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/The SQLite database file .*none\.sqlite named by .* does not exist/);
  });

  it("sqlite (the sqlite3 package): TypeORM 1 has no such driver, so it is refused clearly and the file is untouched", async () => {
    const { dataSource, database } = project('sqlite3', `type: 'sqlite' as any, database: $FILE, enableWAL: true`);
    const before = fingerprint(database);
    const result = await runCli(['-d', dataSource, '--procs', '1', '--no-progress']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^validate-records: The data source module .* could not be loaded: .*"sqlite"/);
    expect(result.stderr).toMatch(/better-sqlite3/);
    expect(fingerprint(database)).toEqual(before);
  });

  it('sqlite under TypeORM 0.3: the sqlite3 package, opened with the forced flags, cannot switch the file to WAL', async () => {
    const options: Record<string, unknown> = { type: 'sqlite', database: 'app.sqlite', enableWAL: true };
    forceSqliteReadOnly(options, 'data-source.ts');
    expect(options).toMatchObject({ enableWAL: false });
    const database = createDatabase(tmp.path('sqlite3-flags', 'app.sqlite'), SCHEMA_SQL, INVALID_ROWS);
    const before = fingerprint(database);
    const sqlite3 = (await import('sqlite3')).default;
    // What TypeORM 0.3's SqliteDriver does: new Database(file, flags), then the PRAGMAs.
    const db = await new Promise<import('sqlite3').Database>((resolve, reject) => {
      const opened = new sqlite3.Database(database, options.flags as number, (error) => (error ? reject(error) : resolve(opened)));
    });
    const run = (sql: string) => new Promise<unknown>((resolve, reject) => db.all(sql, (error, rows) => (error ? reject(error) : resolve(rows))));
    await run('PRAGMA journal_mode = WAL').catch(() => undefined);
    await expect(run('DELETE FROM users')).rejects.toThrow(/readonly/);
    expect(await run('SELECT COUNT(*) AS n FROM users')).toEqual([{ n: 4 }]);
    await new Promise((resolve) => db.close(resolve));
    expect(fingerprint(database)).toEqual(before);
  });

  it('better-sqlite3 reads the file through a memory map on its own connection, and the file stays byte-identical', async () => {
    const database = createDatabase(tmp.path('mmap', 'app.sqlite'), SCHEMA_SQL, INVALID_ROWS);
    const before = fingerprint(database);
    const dataSource = new DataSource({ type: 'better-sqlite3', database, entities: [] });
    forceReadOnly(dataSource as never, 'data-source.ts');
    await initializeDataSource(dataSource as never, 'data-source.ts');
    try {
      expect(await dataSource.query('PRAGMA mmap_size')).toEqual([{ mmap_size: SQLITE_MMAP_BYTES }]);
      expect(await dataSource.query('SELECT COUNT(*) AS n FROM users')).toEqual([{ n: 4 }]);
    } finally {
      await dataSource.destroy();
    }
    expect(fingerprint(database)).toEqual(before);
  });
});
