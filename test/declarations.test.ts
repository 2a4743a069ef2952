import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedFindings, fixtureStatements } from '../fixtures/declarations/write-tables';
import { dropDatabase, openServer, recreateDatabase } from '../fixtures/servers/admin';
import type { DialectName } from '../src/rules';
import { ROOT, runCli, runJson } from './helpers/run-cli';
import { expectServerUp, serverEnv, testDatabase } from './helpers/servers';
import { TempDir } from './helpers/temp-project';

/**
 * Declaration checks end to end: tables created without the constraints the entities
 * declare hold rows breaking each one at its boundary, and the real CLI reports exactly
 * those rows, split across processes or not, on SQLite, PostgreSQL and MariaDB.
 */
const DATA_SOURCE = `${ROOT}/fixtures/declarations/data-source.ts`;
const DECLARED = new Set(['columnNullable', 'columnLength', 'columnEnum', 'columnType', 'unique', 'foreignKey']);
const ALL_SAMPLES = ['--max-samples', '1000'];
const SPLIT = ['--procs', '2', '--exact-procs', '--piece-rows', '3'];

/** Every finding of a report's samples as [table, key, property, constraint], sorted. */
function findings(report: any): string[][] {
  return report.tables.flatMap((table: any) => table.samples.flatMap((sample: any) =>
    sample.errors.map((error: any) => [table.table, Object.values(sample.key).join(','), error.property, error.constraint])))
    .sort((a: string[], b: string[]) => a.join('|').localeCompare(b.join('|')));
}

const sorted = (expected: string[][]) => [...expected].sort((a, b) => a.join('|').localeCompare(b.join('|')));
const invalidRows = (expected: string[][]) => new Set(expected.map(([table, key]) => `${table}|${key}`)).size;

function reportsExactly(dialect: DialectName, env: () => NodeJS.ProcessEnv): void {
  it.each([['one process', ['--procs', '1']], ['two processes, tables split', SPLIT]])('reports every broken declaration exactly (%s)', async (_, procs) => {
    const { code, report } = await runJson(['-d', DATA_SOURCE, ...procs, ...ALL_SAMPLES], { env: env() });
    const expected = expectedFindings(dialect);
    expect(code).toBe(1);
    expect(findings(report)).toEqual(sorted(expected));
    expect(report.summary.invalidRows).toBe(invalidRows(expected));
  });
}

describe('declaration checks on a constraint-free SQLite file', () => {
  const tmp = new TempDir('declarations');
  const file = tmp.path('declarations.sqlite');
  const env = { VR_DECLARATIONS_FILE: file };
  beforeAll(() => {
    const db = new Database(file);
    for (const statement of fixtureStatements('sqlite')) db.exec(statement);
    db.close();
  });

  reportsExactly('sqlite', () => env);

  it('says what broke in plain words, the row counted once however many rules it breaks', async () => {
    const { report } = await runJson(['-d', DATA_SOURCE, '--procs', '1', ...ALL_SAMPLES], { env });
    const messages = report.tables.flatMap((t: any) => t.samples.flatMap((s: any) => s.errors.map((e: any) => e.message)));
    expect(messages).toEqual(expect.arrayContaining([
      'email is longer than 20 characters (varchar(20))',
      'account 99 does not exist in accounts',
      'membership (1, 3) does not exist in memberships',
      'account is NULL, but the column is not nullable',
      'region,number have the same values as another row',
      'status is not one of the enum values (active, closed)',
      'active holds a value other than 0 or 1 (boolean)',
    ]));
    const accounts = report.tables.find((t: any) => t.table === 'accounts');
    expect(accounts.samples.find((s: any) => s.key.id === 5).errors.map((e: any) => e.constraint)).toEqual(['contains', 'columnLength']);
    expect(accounts.samples.every((s: any) => s.errors.every((e: any) => !('value' in e)))).toBe(true);
  });

  it('--checks validators gives the validators\' findings only, and reads no table without validators', async () => {
    const { code, report } = await runJson(['-d', DATA_SOURCE, '--procs', '1', '--checks', 'validators', ...ALL_SAMPLES], { env });
    expect(code).toBe(1);
    expect(findings(report)).toEqual([['accounts', '5', 'email', 'contains']]);
    expect(report.tables.filter((t: any) => t.status === 'no-validators').map((t: any) => t.table).sort()).toEqual(['memberships', 'transfers']);
  });

  it('turns each check off: --checks, the config\'s "checks" and per-table "checks"', async () => {
    const config = tmp.write({
      'checks.json': JSON.stringify({ dataSource: DATA_SOURCE, checks: ['validators', 'columns', 'relations'], tables: { transfers: { checks: 'unique' } } }),
    });
    const { report } = await runJson(['-c', config, '--procs', '1', ...ALL_SAMPLES], { env });
    const constraints = (table: string) => new Set(findings(report).filter((f) => f[0] === table).map((f) => f[3]));
    expect([...constraints('accounts')].sort()).toEqual(['columnEnum', 'columnLength', 'columnNullable', 'columnType', 'contains']);
    expect([...constraints('transfers')]).toEqual(['unique']);
    expect(report.tables.find((t: any) => t.table === 'transfers').thresholds).toBeUndefined();
    const flag = await runJson(['-c', config, '--procs', '1', '--checks', 'relations', ...ALL_SAMPLES], { env });
    // The flag replaces the config's default; the per-table rule still holds for transfers.
    expect(findings(flag.report)).toEqual([['transfers', '10', 'reviewer', 'unique'], ['transfers', '9', 'reviewer', 'unique']]);
    const bad = await runCli(['-d', DATA_SOURCE, '--checks', 'validators,indexes'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--checks names unknown check "indexes"; the checks are "validators", "columns", "unique", "relations"/);
  });

  it('shards merged equal one run, and a baseline knows the declaration findings', async () => {
    const parts = [1, 2].map((i) => tmp.path(`shard-${i}.json`));
    for (const [index, part] of parts.entries()) {
      const shard = await runCli(['-d', DATA_SOURCE, ...SPLIT, '--no-progress', '--shard', `${index + 1}/2`, ...ALL_SAMPLES, '-f', `json:${part}`], { env });
      expect(shard.code, shard.stderr).not.toBe(2);
    }
    const merged = await runCli(['merge-reports', ...parts, '-f', 'json']);
    const report = JSON.parse(merged.stdout);
    const expected = expectedFindings('sqlite');
    expect(report.summary.invalidRows).toBe(invalidRows(expected));
    expect(findings(report)).toEqual(sorted(expected));

    const baseline = tmp.path('baseline.json');
    await runJson(['-d', DATA_SOURCE, '--procs', '1', '--baseline', baseline, '--update-baseline'], { env });
    expect(fs.readFileSync(baseline, 'utf8')).toMatch(/foreignKey/);
    const again = await runJson(['-d', DATA_SOURCE, ...SPLIT, '--baseline', baseline], { env });
    expect(again.code).toBe(0);
    expect(again.report.summary).toMatchObject({ newInvalidRows: 0, knownInvalidRows: invalidRows(expected) });
  });

  it('shows the findings in every format', async () => {
    const outputs = ['text', 'junit', 'github', 'markdown'].map((format) => [format, tmp.path(`report.${format}`)]);
    const result = await runCli(['-d', DATA_SOURCE, '--procs', '1', '--no-progress', ...outputs.flatMap(([f, file]) => ['-f', `${f}:${file}`])], { env });
    expect(result.code).toBe(1);
    for (const [format, file] of outputs) {
      const text = fs.readFileSync(file, 'utf8');
      expect(text, format).toMatch(/foreignKey/);
      expect(text, format).toMatch(/columnLength/);
    }
  });
});

for (const server of ['postgres', 'mariadb'] as const) {
  const dialect: DialectName = server === 'postgres' ? 'postgres' : 'mysql';
  describe(`declaration checks on ${server} tables created without the constraints`, () => {
    const database = testDatabase('declarations');
    let admin: DataSource;
    beforeAll(async () => {
      await expectServerUp(server);
      await recreateDatabase(server, database);
      admin = await openServer(server, database);
      for (const statement of fixtureStatements(dialect)) await admin.query(statement);
    });
    afterAll(async () => {
      await admin?.destroy();
      await dropDatabase(server, database);
    });
    reportsExactly(dialect, () => serverEnv(server, database));
  });
}
