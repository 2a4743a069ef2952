import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { assembleTable } from '../src/report/assemble-table';
import { runCli, runJson } from './helpers/run-cli';
import { ENTITIES_TS, INVALID_ROWS, SCHEMA_SQL, TempDir, createDatabase, dataSourceTs } from './helpers/temp-project';

const tmp = new TempDir('faults');
afterAll(() => tmp.cleanup());

/** The standard project in folder `name`, on `database` (created by the caller). */
function project(name: string, database: string, extraOptions = ''): string {
  tmp.write({ [`${name}/entities.ts`]: ENTITIES_TS });
  return tmp.write({ [`${name}/data-source.ts`]: dataSourceTs(database, { extraOptions }) });
}

describe('smaller faults are named for what they are', () => {
  it('a database locked by a writer is called locked, not possibly corrupt', async () => {
    const database = createDatabase(tmp.path('locked/app.sqlite'), SCHEMA_SQL, INVALID_ROWS);
    const writer = new Database(database);
    writer.exec('BEGIN EXCLUSIVE');
    try {
      const result = await runCli(['-d', project('locked', database, 'timeout: 100,'), '--procs', '1', '--no-progress']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/is locked by another connection that is writing to it/);
      expect(result.stderr).not.toMatch(/corrupt/);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });

  it('a 0-byte database file is called empty, not a database missing its tables', async () => {
    const database = tmp.write({ 'empty/app.sqlite': '' });
    const result = await runCli(['-d', project('empty', database), '--procs', '1', '--no-progress']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^validate-records: The SQLite database file .*app\.sqlite named by .* is empty \(0 bytes\)/);
    expect(fs.statSync(database).size).toBe(0);
  });

  it('a column the entity maps but the table lacks is named, not SQLite\'s raw text', async () => {
    const database = createDatabase(tmp.path('column/app.sqlite'), `
      CREATE TABLE users (id INTEGER PRIMARY KEY NOT NULL, name VARCHAR NOT NULL);
      CREATE TABLE posts (id INTEGER PRIMARY KEY NOT NULL, title VARCHAR NOT NULL);`);
    const { code, report } = await runJson(['-d', project('column', database), '--procs', '1']);
    expect(code).toBe(2);
    const users = report.tables.find((t: any) => t.table === 'users');
    expect(users.error).toMatch(/^table "users" has no column "email", which entity User maps: the entities and the database schema differ/);
  });

  it("a table's time is the span of its pieces, never more than the run's when pieces overlap", () => {
    const piece = (part: number) => ({
      table: 'posts', part, parts: 2, complete: true,
      report: { rows: 10, invalidRows: 0, violations: [], samples: [], durationMs: 500, startedAt: 1_000 + part * 100 },
    });
    expect(assembleTable({ entity: 'Post', table: 'posts' }, [piece(0), piece(1)], 10, false).durationMs).toBe(600);
  });

  it('merge-reports: a report whose "violations" is null is a clear error (exit 2)', async () => {
    const file = tmp.write({
      'merge/bad.json': JSON.stringify({
        version: 1, status: 'passed', summary: { tables: 1 }, validation: { fallbackClasses: [] },
        tables: [{ entity: 'User', table: 'users', rows: 1, invalidRows: 0, status: 'passed', durationMs: 1, violations: null, samples: [], error: null }],
      }),
    });
    const result = await runCli(['merge-reports', file, file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not a validate-records JSON report: "violations" of table "users" is not a list/);
    expect(result.stderr).not.toMatch(/unexpected error/);
  });

  it('bad config values name the config file and key; unknown keys are refused with the nearest one', async () => {
    const database = createDatabase(tmp.path('config/app.sqlite'), SCHEMA_SQL, INVALID_ROWS);
    project('config', database);
    const badValue = tmp.write({ 'config/validate-records.config.json': JSON.stringify({ dataSource: './data-source.ts', procs: 'many' }) });
    const bad = await runCli(['-c', badValue, '--no-progress']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`validate-records: "procs" in ${badValue} must be a whole number of at least 1; got "many".\n`);
    const typo = tmp.write({ 'config/typo.config.json': JSON.stringify({ dataSource: './data-source.ts', maxSample: 3, colour: 'red' }) });
    const unknown = await runCli(['-c', typo, '--no-progress']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(new RegExp(`^validate-records: The config file ${typo} has unknown keys "maxSample" \\(did you mean "maxSamples"\\?\\), "colour"; the keys are "dataSource"`));
  });

  it('--procs 11 forks eleven workers without a MaxListenersExceededWarning', async () => {
    const database = createDatabase(tmp.path('many/app.sqlite'), SCHEMA_SQL, INVALID_ROWS);
    const result = await runJson(['-d', project('many', database), '--procs', '11', '--exact-procs', '--piece-rows', '1']);
    expect(result.code).toBe(1);
    expect(result.report.summary.invalidRows).toBe(3);
    expect(result.stderr).not.toMatch(/MaxListenersExceeded/);
  });
});
