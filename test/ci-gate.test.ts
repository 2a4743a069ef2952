import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectUserError } from './helpers/expect-user-error';
import { runCli, runJson } from './helpers/run-cli';
import { ENTITIES_TS, INVALID_ROWS, SCHEMA_SQL, TempDir, createDatabase, dataSourceTs } from './helpers/temp-project';

/**
 * The CI gate: baselines of known invalid rows and per-table thresholds, through the real
 * CLI on throwaway SQLite files that the tests change between runs.
 * The standard invalid project: users 2 and 4 have a bad email, post 3 a title too short.
 */

let tmp: TempDir;
let project = 0;

beforeAll(() => {
  tmp = new TempDir('ci-gate');
});

afterAll(() => tmp?.cleanup());

/** A fresh project folder with its own copy of the invalid database; `config` becomes its validate-records.config.json. */
function newProject(config?: Record<string, unknown>): { dir: string; database: string; dataSource: string } {
  const dir = `p${++project}`;
  const database = createDatabase(tmp.path(dir, 'app.sqlite'), SCHEMA_SQL, INVALID_ROWS);
  tmp.write({ [`${dir}/entities.ts`]: ENTITIES_TS });
  const dataSource = tmp.write({ [`${dir}/data-source.ts`]: dataSourceTs(database) });
  if (config) tmp.write({ [`${dir}/validate-records.config.json`]: JSON.stringify({ dataSource: './data-source.ts', ...config }) });
  return { dir: tmp.path(dir), database, dataSource };
}

function sql(database: string, statement: string): void {
  const db = new Database(database);
  try {
    db.exec(statement);
  } finally {
    db.close();
  }
}

const byTable = (report: any): Record<string, any> => Object.fromEntries(report.tables.map((t: any) => [t.table, t]));
const withoutTimes = (report: any) => ({
  ...report,
  summary: { ...report.summary, durationMs: 0, rowsPerSecond: 0, procs: 0, procsRequested: 0, procsReason: '' },
  tables: report.tables.map((t: any) => ({ ...t, durationMs: 0 })),
});

describe('baseline', () => {
  it('records today\'s invalid rows, passes on them, then fails on exactly the new ones', async () => {
    const { database, dataSource } = newProject();
    const baseline = tmp.path('p-baseline/known.json');
    const run = (...args: string[]) => runJson(['-d', dataSource, '--procs', '1', '--baseline', baseline, ...args]);

    const recorded = await run('--update-baseline');
    expect(recorded.code, recorded.stderr).toBe(0);
    expect(recorded.stderr).toContain(`baseline ${baseline} updated: 3 invalid rows (+3 new, -0 fixed or gone, 0 with other failures)`);
    // Sorted, one row per line: a diff in git shows exactly which rows came and went.
    expect(fs.readFileSync(baseline, 'utf8')).toBe([
      '{',
      '  "version": 1,',
      '  "entities": {',
      '    "Post": [',
      '      {"key":{"id":3},"failures":["title:minLength"]}',
      '    ],',
      '    "User": [',
      '      {"key":{"id":2},"failures":["email:isEmail"]},',
      '      {"key":{"id":4},"failures":["email:isEmail"]}',
      '    ]',
      '  }',
      '}',
      '',
    ].join('\n'));

    const unchanged = await run();
    expect(unchanged.code, unchanged.stderr).toBe(0);
    expect(unchanged.report).toMatchObject({
      status: 'passed',
      baseline: { file: baseline },
      summary: { invalidRows: 3, newInvalidRows: 0, knownInvalidRows: 3, fixedRows: 0, baselineRows: 3, failedTables: 0 },
    });
    expect(byTable(unchanged.report).users).toMatchObject({ status: 'passed', invalidRows: 2, newInvalidRows: 0, knownInvalidRows: 2, newSamples: [] });

    // One new bad row.
    sql(database, `INSERT INTO users (id, name, email) VALUES (5, 'Eve', 'eve-at-nowhere')`);
    const oneNew = await run();
    expect(oneNew.code, oneNew.stderr).toBe(1);
    expect(oneNew.report.summary).toMatchObject({ invalidRows: 4, newInvalidRows: 1, knownInvalidRows: 3, fixedRows: 0, failedTables: 1 });
    const users = byTable(oneNew.report).users;
    expect(users).toMatchObject({ status: 'failed', newInvalidRows: 1 });
    expect(users.newViolations).toEqual([{ property: 'email', constraint: 'isEmail', count: 1, message: 'email must be an email' }]);
    expect(users.newSamples).toEqual([{ key: { id: 5 }, errors: [{ property: 'email', constraint: 'isEmail', message: 'email must be an email' }] }]);
    expect(byTable(oneNew.report).posts.status).toBe('passed');
    // The text report lists only what is new.
    const text = await runCli(['-d', dataSource, '--procs', '1', '--no-progress', '--baseline', baseline]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^ {4}id=5 {2}email isEmail/m);
    expect(text.stdout).not.toMatch(/^ {4}id=[234]\b/m);
    expect(text.stdout).toContain('FAILED: 1 new invalid row in 1 of 2 tables (3 known from the baseline, 0 fixed).');

    // A known row failing a new constraint counts as new (that failure only); a fixed row is reported as fixed.
    sql(database, `DELETE FROM users WHERE id = 5;
      UPDATE users SET email = 'grace@example.com' WHERE id = 2;
      UPDATE users SET name = '${'K'.repeat(41)}' WHERE id = 4;`);
    const changed = await run();
    expect(changed.code, changed.stderr).toBe(1);
    expect(changed.report.summary).toMatchObject({ invalidRows: 2, newInvalidRows: 1, knownInvalidRows: 2, fixedRows: 1 });
    expect(byTable(changed.report).users).toMatchObject({
      newInvalidRows: 1, knownInvalidRows: 1, fixedRows: 1, baselineRows: 2,
      newViolations: [{ property: 'name', constraint: 'maxLength', count: 1, message: expect.stringContaining('name must be shorter') }],
      newSamples: [{ key: { id: 4 }, errors: [{ property: 'name', constraint: 'maxLength', message: expect.any(String) }] }],
    });

    // The same verdicts, exactly, from forked workers with the tables cut into one-row pieces.
    const split = await run('--procs', '2', '--exact-procs', '--piece-rows', '1', '--batch-size', '1');
    expect(split.code).toBe(1);
    expect(withoutTimes(split.report)).toEqual(withoutTimes(changed.report));

    // Updating again records the change, and the run passes against the new file.
    const updated = await run('--update-baseline');
    expect(updated.code).toBe(0);
    expect(updated.stderr).toContain('updated: 2 invalid rows (+0 new, -1 fixed or gone, 1 with other failures)');
    expect(fs.readFileSync(baseline, 'utf8')).toContain('      {"key":{"id":4},"failures":["email:isEmail","name:maxLength"]}\n');
  });

  it('an update limited by --only keeps the other entities\' rows', async () => {
    const { database, dataSource } = newProject();
    const baseline = tmp.path('p-only/known.json');
    const all = await runJson(['-d', dataSource, '--procs', '1', '--baseline', baseline, '--update-baseline']);
    expect(all.code).toBe(0);
    sql(database, `UPDATE users SET email = 'ken@example.com' WHERE id = 4`);
    const onlyUsers = await runJson(['-d', dataSource, '--procs', '1', '--baseline', baseline, '--update-baseline', '--only', 'users']);
    expect(onlyUsers.code).toBe(0);
    const text = fs.readFileSync(baseline, 'utf8');
    expect(text).toContain('{"key":{"id":3},"failures":["title:minLength"]}');
    expect(text).toContain('{"key":{"id":2},"failures":["email:isEmail"]}');
    expect(text).not.toContain('{"key":{"id":4}');
  });

  it('bad baseline input is a clear error', async () => {
    const { dataSource } = newProject();
    const missing = tmp.path('p-bad/missing.json');
    expectUserError(await runCli(['-d', dataSource, '--no-progress', '--baseline', missing]), new RegExp(`${missing} does not exist`), /--update-baseline/);
    const corrupt = tmp.write({ 'p-bad/corrupt.json': '{ "version": 1, "entities": { <<<<<<< HEAD' });
    expectUserError(await runCli(['-d', dataSource, '--no-progress', '--baseline', corrupt]), new RegExp(`${corrupt} could not be read as JSON`));
    const wrong = tmp.write({ 'p-bad/wrong.json': JSON.stringify({ version: 1, entities: { User: [{ id: 2 }] } }) });
    expectUserError(await runCli(['-d', dataSource, '--no-progress', '--baseline', wrong]), new RegExp(`${wrong} is not a validate-records baseline: row 1 of "User"`));
    expectUserError(await runCli(['-d', dataSource, '--no-progress', '--update-baseline']), /--update-baseline needs --baseline FILE/);
    expectUserError(await runCli(['-d', dataSource, '--no-progress', '--baseline', missing, '--update-baseline', '--shard', '1/2']), /cannot be combined with --shard/);
  });
});

describe('thresholds and severity (config file "tables")', () => {
  const gate = async (tables: Record<string, unknown>, ...args: string[]) => {
    const { dir } = newProject({ tables });
    const result = await runJson(['--procs', '1', ...args], { cwd: dir });
    return { ...result, tables: byTable(result.report) };
  };

  it('severity warn: the table only warns, the exit code ignores it', async () => {
    const oneWarned = await gate({ User: { severity: 'warn' } });
    expect(oneWarned.code).toBe(1);
    expect(oneWarned.tables.users).toMatchObject({ status: 'warned', invalidRows: 2, thresholds: { errorIf: null, warnIf: '> 0' } });
    expect(oneWarned.tables.posts).toMatchObject({ status: 'failed' });
    expect(oneWarned.tables.posts.thresholds).toBeUndefined();
    expect(oneWarned.report.summary).toMatchObject({ failedTables: 1, warnedTables: 1 });

    // Matched by table name as well as by entity name.
    const bothWarned = await gate({ users: { severity: 'warn' }, Post: { severity: 'warn' } });
    expect(bothWarned.code, bothWarned.stderr).toBe(0);
    expect(bothWarned.report).toMatchObject({ status: 'passed', summary: { invalidRows: 3, failedTables: 0, warnedTables: 2 } });
  });

  it('errorIf / warnIf: counts and percentages of the table\'s rows, globs, exact names first', async () => {
    // users: 2 invalid of 4 rows (50%).
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ User: { errorIf: '> 2', warnIf: '> 0' } }, 'warned'],
      [{ User: { errorIf: '>= 2' } }, 'failed'],
      [{ User: { errorIf: '> 40%' } }, 'failed'],
      [{ User: { errorIf: '> 50%' } }, 'warned'],
      [{ User: { errorIf: '> 50%', warnIf: '> 3' } }, 'passed'],
      [{ 'U*': { errorIf: '> 5' } }, 'warned'],
      [{ '*': { severity: 'warn' }, users: { errorIf: '> 1' } }, 'failed'],
    ];
    for (const [tables, status] of cases) {
      const { tables: reported } = await gate(tables);
      expect(reported.users.status, JSON.stringify(tables)).toBe(status);
    }
  });

  it('the text report labels warned tables and says why', async () => {
    const { dir } = newProject({ tables: { User: { errorIf: '> 2' }, Post: { severity: 'warn' } } });
    const result = await runCli(['--procs', '1', '--no-progress'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {2}WARN {2}User/m);
    expect(result.stdout).toContain('User (users): 2 of 4 rows invalid; error if > 2, warn if > 0');
    expect(result.stdout).toContain('PASSED: 3 invalid rows, within the thresholds; 2 tables warned.');
  });

  it('with a baseline, thresholds count the new invalid rows only', async () => {
    const { dir, database } = newProject({ tables: { User: { errorIf: '> 1' } } });
    const baseline = `${dir}/known.json`;
    expect((await runJson(['--procs', '1', '--baseline', baseline, '--update-baseline'], { cwd: dir })).code).toBe(0);
    sql(database, `INSERT INTO users (id, name, email) VALUES (5, 'Eve', 'nope')`);
    const oneNew = await runJson(['--procs', '1', '--baseline', baseline], { cwd: dir });
    expect(oneNew.code).toBe(0);
    expect(byTable(oneNew.report).users).toMatchObject({ status: 'warned', invalidRows: 3, newInvalidRows: 1 });
    sql(database, `INSERT INTO users (id, name, email) VALUES (6, 'Mallory', 'nope')`);
    const twoNew = await runJson(['--procs', '1', '--baseline', baseline], { cwd: dir });
    expect(twoNew.code).toBe(1);
    expect(byTable(twoNew.report).users).toMatchObject({ status: 'failed', newInvalidRows: 2 });
  });

  it('a bad rule is a clear error naming the config file and the table', async () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ User: { errorIf: 'more than 3' } }, /"tables"\."User".*"errorIf" must be a comparison.*"more than 3"/],
      [{ User: { errorIf: '> 120%' } }, /"errorIf" must be/],
      [{ User: { severity: 'fatal' } }, /"severity" must be "error" or "warn"/],
      [{ User: { severity: 'warn', errorIf: '> 1' } }, /both "severity": "warn" and "errorIf"/],
      [{ User: { errorif: '> 1' } }, /unknown key "errorif"/],
      [{ User: '> 1' } as Record<string, unknown>, /must be an object with "severity"/],
    ];
    for (const [tables, message] of bad) {
      const { dir } = newProject({ tables });
      const result = await runCli(['--procs', '1', '--no-progress'], { cwd: dir });
      expectUserError(result, message, new RegExp(`${dir}/validate-records.config.json`));
    }
  });
});
