import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANDMARKS } from '../fixtures/hard/seed';
import { ROOT, runJson } from './helpers/run-cli';
import { runOracle } from './oracle/oracle-process';
import { canonicalKey, type OracleResult, type OracleTable } from './oracle/oracle-result';

/**
 * The hard-cases fixture: our counts must be exactly what repository.find() + validate()
 * give (the oracle, run in its own process) and what the seed's list of bad rows says.
 */

const DATA_SOURCE = path.join(ROOT, 'fixtures/hard/data-source.ts');

interface Expected {
  entity: string;
  rows: number;
  invalidRows: number;
  status: 'failed' | 'no-validators';
  violations: Record<string, number>;
}

/** Derived by hand from the list at the top of fixtures/hard/seed.ts. */
const EXPECTED: Record<string, Expected> = {
  authors: {
    entity: 'Author', rows: 120, invalidRows: 7, status: 'failed',
    violations: {
      'name:isLength': 2, 'email:isEmail': 2, 'passwordHash:isLength': 1, 'settings:isObject': 1,
      'settings:hydration': 1, 'id:isUuid': 1,
    },
  },
  articles: {
    entity: 'Article', rows: 400, invalidRows: 3, status: 'failed',
    violations: { 'title:isLength': 1, 'publishedAt:isDate': 2 },
  },
  tags: {
    entity: 'Tag', rows: 35, invalidRows: 4, status: 'failed',
    violations: { 'slug:matches': 1, '*:validatorThrew': 2, 'color:hexColorCode': 1 },
  },
  customers: {
    entity: 'Customer', rows: 300, invalidRows: 8, status: 'failed',
    violations: {
      'address.city:isNotEmpty': 2, 'address.postcode:matches': 1, 'address.country:isKnownCountry': 2,
      'tier:isEnum': 1, 'birthDate:isIso8601': 1, 'createdAt:minDate': 2, 'createdAt:isDate': 1,
    },
  },
  order_lines: {
    entity: 'OrderLine', rows: 600, invalidRows: 5, status: 'failed',
    violations: { 'quantity:min': 2, 'quantity:isInt': 1, 'total:max': 2, 'unitPrice:max': 1, 'sku:matches': 1 },
  },
  payments: {
    entity: 'Payment', rows: 500, invalidRows: 5, status: 'failed',
    violations: { 'cardLast4:matches': 1, 'iban:isIBAN': 2, 'amount:isPositive': 1, 'currency:isUppercase': 1 },
  },
  audit_logs: { entity: 'AuditLog', rows: 50, invalidRows: 0, status: 'no-validators', violations: {} },
};

const TABLES = Object.keys(EXPECTED).sort();

let tmpDir: string;
let env: NodeJS.ProcessEnv;
let oracle: OracleResult;
/** Default options: what a CI log would show. */
let plain: Awaited<ReturnType<typeof runJson>>;
/** Every invalid row as a sample, read in batches of 7 (many batch boundaries on every kind of key). */
let everyRow: Awaited<ReturnType<typeof runJson>>;
let withValues: Awaited<ReturnType<typeof runJson>>;

beforeAll(async () => {
  // A fresh database from the current seed code, not one left over from an older version.
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-hard-'));
  env = { HARD_DATABASE: path.join(tmpDir, 'hard-cases.sqlite') };
  oracle = await runOracle(DATA_SOURCE, env); // first: it creates the database
  // The oracle is class-validator's: the entities' declarations are checked in declarations.test.ts.
  const cli = (...args: string[]) => runJson(['-d', DATA_SOURCE, '--procs', '1', '--checks', 'validators', ...args], { env });
  [plain, everyRow, withValues] = await Promise.all([
    cli(),
    cli('--max-samples', '100000', '--batch-size', '7'),
    cli('--show-values', '--max-samples', '100000'),
  ]);
});

afterAll(() => {
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

function reportTable(run: typeof plain, table: string) {
  const found = run.report.tables.find((t: { table: string }) => t.table === table);
  if (!found) throw new Error(`table ${table} is not in the report`);
  return found;
}

function oracleTable(table: string): OracleTable {
  const found = oracle.tables.find((t) => t.table === table);
  if (!found) throw new Error(`table ${table} is not in the oracle's result`);
  return found;
}

function violationCounts(tableReport: { violations: Array<{ property: string; constraint: string; count: number }> }) {
  return Object.fromEntries(tableReport.violations.map((v) => [`${v.property}:${v.constraint}`, v.count]));
}

/** Samples as the oracle's invalidRowFindings: canonical key -> sorted unique "property:constraint". */
function findingsByRow(tableReport: { samples: Array<{ key: Record<string, unknown>; errors: Array<{ property: string; constraint: string }> }> }) {
  return Object.fromEntries(tableReport.samples.map((sample) => [
    canonicalKey(sample.key),
    [...new Set(sample.errors.map((e) => `${e.property}:${e.constraint}`))].sort(),
  ]));
}

describe('the hard-cases fixture', () => {
  it('is the schema TypeORM itself would create for the entities', () => {
    expect(oracle.pendingSchemaQueries).toEqual([]);
  });

  it('exits 1 with a failed report', () => {
    expect(plain.code, plain.stderr).toBe(1);
    expect(plain.report.status).toBe('failed');
    expect(plain.report.summary).toMatchObject({
      tables: TABLES.length,
      rows: TABLES.reduce((sum, table) => sum + EXPECTED[table].rows, 0),
      invalidRows: TABLES.reduce((sum, table) => sum + EXPECTED[table].invalidRows, 0),
      erroredTables: 0,
    });
  });

  it('reports the entity tables only: not the view, the junction table or the inheritance children', () => {
    const reported = plain.report.tables.map((t: { table: string }) => t.table).sort();
    expect(reported).toEqual(TABLES);
    expect(oracle.tables.map((t) => t.table).sort()).toEqual(TABLES);
    expect(reported).not.toContain('author_stats');
    expect(reported).not.toContain('article_tags');
    expect(plain.stdout).not.toMatch(/AuthorStats|CardPayment|BankPayment/);
  });

  it.each(TABLES)('%s: rows, invalid rows and violation counts are the oracle\'s and the seed\'s', (table) => {
    const expected = EXPECTED[table];
    const ours = reportTable(plain, table);
    const naive = oracleTable(table);
    expect(ours).toMatchObject({ entity: expected.entity, rows: expected.rows, invalidRows: expected.invalidRows, status: expected.status, error: null });
    expect(violationCounts(ours)).toEqual(expected.violations);
    expect({ rows: naive.rows, invalidRows: naive.invalidRows, violations: naive.violations })
      .toEqual({ rows: expected.rows, invalidRows: expected.invalidRows, violations: expected.violations });
    expect(naive.noValidators).toBe(expected.status === 'no-validators');
  });

  it.each(TABLES)('%s: every invalid row and its findings are the oracle\'s, whatever the batch size', (table) => {
    const ours = reportTable(everyRow, table);
    expect(ours.samples).toHaveLength(ours.invalidRows);
    expect(findingsByRow(ours)).toEqual(oracleTable(table).invalidRowFindings);
    expect(violationCounts(ours)).toEqual(violationCounts(reportTable(plain, table)));
  });

  it('reports the row with malformed simple-json as a hydration finding on that row, and goes on', () => {
    const authors = reportTable(everyRow, 'authors');
    const hydration = authors.samples.filter((s: any) => s.errors.some((e: any) => e.constraint === 'hydration'));
    expect(hydration.map((s: any) => s.key)).toEqual([{ id: LANDMARKS.malformedJsonAuthorId }]);
    expect(hydration[0].errors.map((e: any) => `${e.property}:${e.constraint}`)).toEqual(['settings:hydration']);
    expect(authors.rows).toBe(EXPECTED.authors.rows);
  });

  it('reports a validator that throws as validatorThrew on exactly those rows, hiding nothing else', () => {
    const tags = reportTable(everyRow, 'tags');
    const threw = tags.samples.filter((s: any) => s.errors.some((e: any) => e.constraint === 'validatorThrew'));
    expect(threw.map((s: any) => s.key.slug).sort()).toEqual(['blank-label-no-color', 'no-color']);
    for (const sample of threw) expect(sample.errors.map((e: any) => `${e.property}:${e.constraint}`)).toEqual(['*:validatorThrew']);
  });

  it('puts no row value in the default report, and the values with --show-values', () => {
    for (const value of [LANDMARKS.leakyEmail, LANDMARKS.longName, LANDMARKS.badPasswordHash]) {
      expect(plain.stdout).not.toContain(value);
      expect(everyRow.stdout).not.toContain(value);
      expect(withValues.stdout).toContain(value);
    }
  });

  // Fails today: the hydration message quotes JSON.parse's error, which on Node 20 quotes part
  // of the text ('..."{"theme": midnight-v"... is not valid JSON'), and the finding carries no value.
  it('keeps the malformed JSON out of the default report, and shows it with --show-values', () => {
    expect(plain.stdout).not.toContain('midnight');
    const authors = reportTable(withValues, 'authors');
    const hydration = authors.samples.flatMap((s: any) => s.errors).find((e: any) => e.constraint === 'hydration');
    expect(hydration.value).toBe(LANDMARKS.malformedJson);
  });
});

describe('the hard-cases fixture in parallel', () => {
  it('reports exactly the same at --procs 1, 2 and 4, with tables cut into small key ranges', async () => {
    const sameEveryWay = (run: typeof plain) => run.report.tables.map(({ durationMs, ...table }: { durationMs: number }) => table);
    const cli = (...args: string[]) => runJson(['-d', DATA_SOURCE, '--checks', 'validators', '--max-samples', '100000', ...args], { env });
    const [two, four] = await Promise.all([
      cli('--procs', '2', '--exact-procs', '--piece-rows', '50'),
      cli('--procs', '4', '--exact-procs', '--piece-rows', '17', '--batch-size', '7'),
    ]);
    const one = await cli('--procs', '1');
    for (const run of [two, four]) {
      expect(run.code, run.stderr).toBe(1);
      expect(sameEveryWay(run)).toEqual(sameEveryWay(one));
    }
    expect(four.report.summary.procs).toBe(4);
  });

  it('reports the same in processes that forbid generated code: TypeORM hydrates and class-validator validates, call by call', async () => {
    const noCodeGeneration = { ...env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --disallow-code-generation-from-strings` };
    const restricted = await runJson(['-d', DATA_SOURCE, '--checks', 'validators', '--procs', '2', '--exact-procs', '--piece-rows', '50'], { env: noCodeGeneration });
    expect(restricted.code, restricted.stderr).toBe(1);
    const tables = (run: typeof plain) => run.report.tables.map(({ durationMs, ...table }: { durationMs: number }) => table);
    expect(tables(restricted)).toEqual(tables(plain));
    expect(plain.report.validation.fallbackClasses).toEqual([]);
    expect(restricted.report.validation.fallbackClasses.map((c: { className: string }) => c.className).sort())
      .toEqual(['Article', 'Author', 'BankPayment', 'CardPayment', 'Customer', 'OrderLine', 'Payment', 'Tag']);
    expect(restricted.report.validation.fallbackClasses[0].reason).toMatch(/generated functions/);
  });
});
