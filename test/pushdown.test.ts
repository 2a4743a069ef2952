import Database from 'better-sqlite3';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStatements, fixtureRows, insertStatement, type FixtureDialect } from '../fixtures/pushdown/write-rows';
import { dropDatabase, openServer, recreateDatabase } from '../fixtures/servers/admin';
import { ROOT, runCli, runJson } from './helpers/run-cli';
import { expectServerUp, serverEnv, testDatabase } from './helpers/servers';
import { TempDir } from './helpers/temp-project';

/**
 * Pushdown against --no-pushdown on data sitting on every rule's boundary: not one row's
 * verdict, message, sample or count may differ; only rowsHydrated does, and the classes
 * with a proof must read fewer rows than their tables hold.
 */
const DATA_SOURCE = path.join(ROOT, 'fixtures/pushdown/data-source.ts');
const ARGS = ['-d', DATA_SOURCE, '--max-samples', '100000', '--procs', '1'];
/** The classes proven per database: patterns are translated on the servers, not on SQLite (no regular expressions). */
const PUSHED = (type: FixtureDialect) => ['PdNumber', ...(type === 'sqlite' ? [] : ['PdPattern']), 'PdPlain', 'PdText'];
const READ_WHOLE = (type: FixtureDialect) => (type === 'sqlite'
  ? ['PdDotted', 'PdPattern'].map((className) => ({ className, pushed: false, reason: '@matches is not translated to SQL (slug)' }))
  : [{ className: 'PdDotted', pushed: false, reason: '@matches with /^a.c$/ is not translated to SQL (slug)' }]);

function verdicts(report: any) {
  return {
    summary: { ...report.summary, durationMs: 0, rowsPerSecond: 0, rowsHydrated: 0 },
    fallbackClasses: report.validation.fallbackClasses,
    tables: report.tables.map(({ durationMs, rowsHydrated, ...table }: any) => table),
  };
}

function differential(type: FixtureDialect, env: () => NodeJS.ProcessEnv, extra: string[] = []): void {
  it('gives exactly the verdicts of --no-pushdown, reading fewer rows where a class is proven', async () => {
    const [pushed, whole] = await Promise.all([runJson([...ARGS, ...extra], { env: env() }), runJson([...ARGS, ...extra, '--no-pushdown'], { env: env() })]);
    expect(pushed.code, pushed.stderr).toBe(1);
    expect(whole.code, whole.stderr).toBe(1);
    expect(verdicts(pushed.report)).toEqual(verdicts(whole.report));
    for (const table of whole.report.tables) expect(table.rowsHydrated).toBe(table.status === 'no-validators' ? 0 : table.rows);
    const byClass = new Map(pushed.report.validation.pushdown.map((c: any) => [c.className, c]));
    const scanned = PUSHED(type).filter((name) => pushed.report.tables.some((t: any) => t.entity === name && t.status !== 'no-validators'));
    expect(scanned.length).toBeGreaterThanOrEqual(2);
    expect(PUSHED(type).filter((name) => (byClass.get(name) as any)?.pushed)).toEqual(scanned);
    const readWhole = READ_WHOLE(type);
    for (const expected of readWhole) expect(byClass.get(expected.className)).toEqual(expected);
    for (const table of pushed.report.tables.filter((t: any) => t.status !== 'no-validators')) {
      expect(table.rowsHydrated).toBeGreaterThanOrEqual(table.invalidRows);
      if (readWhole.some((c) => c.className === table.entity)) expect(table.rowsHydrated).toBe(table.rows);
      else expect(table.rowsHydrated, table.table).toBeLessThan(table.rows);
    }
    expect(pushed.report.summary.rowsHydrated).toBe(pushed.report.tables.reduce((n: number, t: any) => n + t.rowsHydrated, 0));
    expect(pushed.report.summary.rows).toBe(whole.report.summary.rows);
  });
}

describe('pushdown on a constraint-free SQLite file', () => {
  const tmp = new TempDir('pushdown');
  const file = tmp.path('pushdown.sqlite');
  const env = { VR_PUSHDOWN_FILE: file };
  beforeAll(() => {
    const db = new Database(file);
    for (const statement of createStatements('sqlite')) db.exec(statement);
    for (const [table, rows] of Object.entries(fixtureRows('sqlite'))) {
      const insert = db.prepare(insertStatement('sqlite', table));
      db.transaction(() => rows.forEach((row) => insert.run(...row)))();
    }
    db.close();
  });
  afterAll(() => tmp.cleanup());

  differential('sqlite', () => env);
  differential('sqlite', () => env, ['--procs', '2', '--exact-procs', '--piece-rows', '40', '--checks', 'validators']);

  it('says in one line of the text report what was read, and which classes were read whole and why', async () => {
    const text = await runCli([...ARGS, '--no-progress'], { env });
    expect(text.stdout).toMatch(/^note: pushdown: [\d,]+ of [\d,]+ rows read and validated, the others proven valid in SQL; read whole: PdDotted \(@matches is not translated to SQL \(slug\)\), PdPattern \(@matches is not translated to SQL \(slug\)\)$/m);
    const off = await runCli([...ARGS, '--no-progress', '--no-pushdown'], { env });
    expect(off.stdout).not.toMatch(/pushdown/);
  });
});

function onServer(type: Exclude<FixtureDialect, 'sqlite'>): void {
  describe(`pushdown on ${type}, tables created without the entities' constraints`, () => {
    const database = testDatabase('pushdown');
    beforeAll(async () => {
      await expectServerUp(type);
      await recreateDatabase(type, database);
      const server = await openServer(type, database);
      try {
        for (const statement of createStatements(type)) await server.query(statement);
        for (const [table, rows] of Object.entries(fixtureRows(type))) {
          for (const row of rows) await server.query(insertStatement(type, table), row);
        }
      } finally {
        await server.destroy();
      }
    }, 120_000);
    afterAll(() => dropDatabase(type, database));
    differential(type, () => serverEnv(type, database));
    // Pieces with both bounds (on PostgreSQL each is read through its own cursor, one after another).
    differential(type, () => serverEnv(type, database), ['--procs', '2', '--exact-procs', '--piece-rows', '40', '--checks', 'validators']);
  });
}

onServer('postgres');
onServer('mysql');
