import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blogExpectations } from '../fixtures/blog/blog-tables';
import { BIN, ROOT, runCli as runCliDefault, runJson as runJsonDefault } from './helpers/run-cli';
import {
  ENTITIES_JS,
  ENTITIES_TS,
  INVALID_ROWS,
  SCHEMA_SQL,
  TempDir,
  VALID_ROWS,
  createDatabase,
  dataSourceTs,
  fingerprint,
  tableNames,
} from './helpers/temp-project';

/** The everyday runs, against small throwaway projects and real SQLite files. */

const BLOG_DATA_SOURCE = path.join(ROOT, 'fixtures/blog/data-source.ts');

let tmp: TempDir;
let validDb: string;
let invalidDb: string;
/** .ts project on the valid database, default export. */
let validTs: string;
/** .ts project on the invalid database, default export. */
let invalidTs: string;

beforeAll(() => {
  tmp = new TempDir('basics');
  tmp.write({
    // A real project's tsconfig (the CLI forces decorator metadata on anyway).
    'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', experimentalDecorators: true, emitDecoratorMetadata: true, strict: true } }),
    'app/entities.ts': ENTITIES_TS,
    'app/entities-cjs.js': ENTITIES_JS,
  });
  validDb = createDatabase(tmp.path('db/valid.sqlite'), SCHEMA_SQL, VALID_ROWS);
  invalidDb = createDatabase(tmp.path('db/invalid.sqlite'), SCHEMA_SQL, INVALID_ROWS);
  validTs = tmp.write({ 'app/valid.ts': dataSourceTs(validDb) });
  invalidTs = tmp.write({ 'app/invalid.ts': dataSourceTs(invalidDb) });
});

afterAll(() => tmp?.cleanup());

/**
 * Most runs scan in process (--procs 1): a forked pool costs ~0.5 s a run and changes
 * nothing these tests look at. Runs that name --procs, and runCliDefault/runJsonDefault,
 * keep the pool.
 */
const inProcess = (args: string[]) => (args.includes('--procs') || args.includes('--help') ? args : [...args, '--procs', '1']);
const runCli = (args: string[], options?: Parameters<typeof runCliDefault>[1]) => runCliDefault(inProcess(args), options);
const runJson = (args: string[], options?: Parameters<typeof runJsonDefault>[1]) => runJsonDefault(inProcess(args), options);

const byTable = (report: any): Record<string, any> => Object.fromEntries(report.tables.map((t: any) => [t.table, t]));

describe('exit codes', () => {
  it('exits 0 when every row is valid', async () => {
    const result = await runCliDefault(['-d', validTs, '--no-progress']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/PASSED/);
    expect(result.stdout).toContain('users');
    expect(result.stdout).toContain('posts');
  });

  it('exits 1 when invalid rows are found, and names them by primary key', async () => {
    const result = await runCliDefault(['-d', invalidTs, '--no-progress']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/FAILED: 3 invalid rows in 2 of 2 tables/);
    expect(result.stdout).toMatch(/id=2\b.*email isEmail/);
    expect(result.stdout).toMatch(/id=4\b.*email isEmail/);
    expect(result.stdout).toMatch(/id=3\b.*title minLength/);
  });

  it('--help exits 0 and lists the options', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--data-source');
    expect(result.stdout).toContain('--procs');
    expect(result.stdout).toContain('--format');
    expect(result.stderr).toBe('');
  });
});

describe('--format json', () => {
  it('matches the report contract', async () => {
    const { code, report, stderr } = await runJsonDefault(['-d', invalidTs]);
    expect(code, stderr).toBe(1);
    expect(report).toMatchObject({
      version: 1,
      status: 'failed',
      summary: { tables: 2, rows: 7, invalidRows: 3, failedTables: 2, erroredTables: 0 },
    });
    expect(typeof report.summary.durationMs).toBe('number');
    expect(report.summary.rowsHydrated).toBe(report.tables.reduce((n: number, t: any) => n + t.rowsHydrated, 0));
    expect(report.validation.pushdown.map((c: any) => c.className).sort()).toEqual(report.tables.map((t: any) => t.entity).sort());
    expect(report.tables).toHaveLength(2);
    for (const table of report.tables) {
      expect(Object.keys(table).sort()).toEqual(
        ['durationMs', 'entity', 'error', 'invalidRows', 'rows', 'rowsHydrated', 'samples', 'status', 'table', 'violations'],
      );
      // Pushdown reads only the rows a prefilter cannot prove valid: never fewer than the invalid ones.
      expect(table.rowsHydrated).toBeGreaterThanOrEqual(table.invalidRows);
      expect(table.rowsHydrated).toBeLessThanOrEqual(table.rows);
    }
    const tables = byTable(report);
    expect(tables.users).toMatchObject({ entity: 'User', rows: 4, invalidRows: 2, status: 'failed', error: null });
    expect(tables.users.violations).toEqual([
      { property: 'email', constraint: 'isEmail', count: 2, message: 'email must be an email' },
    ]);
    expect(tables.users.samples).toEqual([
      { key: { id: 2 }, errors: [{ property: 'email', constraint: 'isEmail', message: 'email must be an email' }] },
      { key: { id: 4 }, errors: [{ property: 'email', constraint: 'isEmail', message: 'email must be an email' }] },
    ]);
    expect(tables.posts).toMatchObject({ entity: 'Post', rows: 3, invalidRows: 1, status: 'failed' });
    expect(tables.posts.samples).toEqual([
      { key: { id: 3 }, errors: [{ property: 'title', constraint: 'minLength', message: expect.stringContaining('title must be longer') }] },
    ]);
  });

  it('reports passed with exit 0 on the valid database', async () => {
    const { code, report } = await runJson(['-d', validTs]);
    expect(code).toBe(0);
    expect(report).toMatchObject({ version: 1, status: 'passed', summary: { tables: 2, rows: 5, invalidRows: 0 } });
    expect(report.tables.map((t: any) => t.status)).toEqual(['passed', 'passed']);
  });
});

describe('data source modules', () => {
  it('a CommonJS .js module (module.exports = dataSource) gives the same report as the .ts one', async () => {
    const js = tmp.write({
      'app/invalid-cjs.js': `
        'use strict';
        const { DataSource } = require('typeorm');
        const { User, Post } = require('./entities-cjs.js');
        module.exports = new DataSource({ type: 'better-sqlite3', database: ${JSON.stringify(invalidDb)}, entities: [User, Post] });
      `,
    });
    const fromJs = await runJson(['-d', js]);
    const fromTs = await runJson(['-d', invalidTs]);
    expect(fromJs.code, fromJs.stderr).toBe(1);
    const strip = (report: any) => ({
      status: report.status,
      summary: { ...report.summary, durationMs: 0, rowsPerSecond: 0 },
      tables: report.tables.map((t: any) => ({ ...t, durationMs: 0 })),
    });
    expect(strip(fromJs.report)).toEqual(strip(fromTs.report));
  });

  it('a CommonJS module with exports.default works', async () => {
    const js = tmp.write({
      'app/valid-default.cjs': `
        const { DataSource } = require('typeorm');
        const { User, Post } = require('./entities-cjs.js');
        exports.default = new DataSource({ type: 'better-sqlite3', database: ${JSON.stringify(validDb)}, entities: [User, Post] });
        exports.helper = () => 'not a data source';
      `,
    });
    const result = await runCli(['-d', js, '--no-progress']);
    expect(result.code, result.stderr).toBe(0);
  });

  it('an exported Promise<DataSource> is awaited', async () => {
    const file = tmp.write({
      'app/promised.ts': dataSourceTs(invalidDb, {
        exportLine: `export default new Promise<DataSource>((resolve) => setTimeout(() => resolve(dataSource), 20));`,
      }),
    });
    const { code, report, stderr } = await runJson(['-d', file]);
    expect(code, stderr).toBe(1);
    expect(report.summary).toMatchObject({ rows: 7, invalidRows: 3 });
  });

  it('a single named export works, other exports beside it are ignored', async () => {
    const file = tmp.write({
      'app/named.ts': dataSourceTs(invalidDb, {
        exportLine: `export const AppDataSource = dataSource;\nexport const ENTITIES = [User, Post];\nexport const VERSION = 3;`,
      }),
    });
    const { code, report, stderr } = await runJson(['-d', file]);
    expect(code, stderr).toBe(1);
    expect(report.summary).toMatchObject({ tables: 2, rows: 7, invalidRows: 3 });
  });

  it('the same DataSource exported both as default and by name counts once', async () => {
    const file = tmp.write({
      'app/both.ts': dataSourceTs(validDb, { exportLine: `export const AppDataSource = dataSource;\nexport default dataSource;` }),
    });
    const result = await runCli(['-d', file, '--no-progress']);
    expect(result.code, result.stderr).toBe(0);
  });

  it('a relative -d path is resolved from the working directory', async () => {
    const result = await runCli(['-d', 'app/valid.ts', '--no-progress'], { cwd: tmp.dir });
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('selection', () => {
  it.each([
    [['--only', 'User'], ['users']],
    [['--only', 'po*'], ['posts']],
    [['--only', 'Us?r', 'posts'], ['posts', 'users']],
    [['--except', 'U*'], ['posts']],
    [['--except', 'posts'], ['users']],
    [['--only', '*s', '--except', 'Post'], ['users']],
    [['--only', 'User,posts'], ['posts', 'users']],
    [['--except', ' posts, '], ['users']],
  ])('%j scans %j', async (flags, expected) => {
    const { report, code, stderr } = await runJson(['-d', invalidTs, ...flags]);
    expect(code, stderr).toBe(1);
    expect(report.tables.map((t: any) => t.table).sort()).toEqual(expected);
    expect(report.summary.tables).toBe(expected.length);
  });

  it('a selection that matches nothing is an error (exit 2)', async () => {
    const result = await runCli(['-d', invalidTs, '--no-progress', '--only', 'Nothing*']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--only/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('samples', () => {
  let manyDb: string;
  let manyTs: string;

  beforeAll(() => {
    manyDb = createDatabase(tmp.path('db/many.sqlite'), SCHEMA_SQL, {
      users: Array.from({ length: 30 }, (_, i) => ({ id: i + 1, name: `user ${i + 1}`, email: i % 2 === 0 ? `bad ${i + 1}` : `u${i + 1}@example.com` })),
      posts: [{ id: 1, title: 'fine title' }],
    });
    manyTs = tmp.write({ 'app/many.ts': dataSourceTs(manyDb) });
  });

  it('--max-samples caps the samples, not the counts', async () => {
    const { report, code } = await runJson(['-d', manyTs, '--max-samples', '4']);
    expect(code).toBe(1);
    const users = byTable(report).users;
    expect(users.invalidRows).toBe(15);
    expect(users.violations[0].count).toBe(15);
    expect(users.samples).toHaveLength(4);
    expect(users.samples.map((s: any) => s.key.id)).toEqual([1, 3, 5, 7]);
  });

  it('--max-samples caps samples across workers too (--procs 2, small batches)', async () => {
    const { report, code } = await runJson(['-d', manyTs, '--max-samples', '3', '--procs', '2', '--exact-procs', '--batch-size', '2']);
    expect(code).toBe(1);
    const users = byTable(report).users;
    expect(users.invalidRows).toBe(15);
    expect(users.samples).toHaveLength(3);
  });

  it('--max-samples 0 keeps no samples', async () => {
    const { report, code } = await runJson(['-d', manyTs, '--max-samples', '0']);
    expect(code).toBe(1);
    expect(byTable(report).users.samples).toEqual([]);
    expect(byTable(report).users.invalidRows).toBe(15);
  });

  it('the default is 10 samples', async () => {
    const { report } = await runJson(['-d', manyTs]);
    expect(byTable(report).users.samples).toHaveLength(10);
  });
});

describe('row values stay out of reports unless --show-values', () => {
  const SECRET = 'SECRET-VALUE-123';
  let secretTs: string;

  beforeAll(() => {
    const db = createDatabase(tmp.path('db/secret.sqlite'), SCHEMA_SQL, {
      users: [{ id: 1, name: 'ok', email: 'ok@example.com' }, { id: 2, name: 'leaky', email: SECRET }],
      posts: [{ id: 1, title: 'fine' }],
    });
    // A custom message that quotes the value, as class-validator allows with $value.
    tmp.write({
      'secret/entities.ts': ENTITIES_TS.replace('@IsEmail()', `@IsEmail({}, { message: 'email $value is not an email' })`),
    });
    secretTs = tmp.write({ 'secret/data-source.ts': dataSourceTs(db) });
  });

  it.each([['text'], ['json']])('--format %s hides the value', async (format) => {
    const result = await runCli(['-d', secretTs, '--no-progress', '--format', format]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain('email');
    expect(result.stdout).not.toContain(SECRET);
    expect(result.stderr).not.toContain(SECRET);
  });

  it('with progress on, stderr does not carry the value either', async () => {
    const result = await runCli(['-d', secretTs, '--format', 'json']);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain(SECRET);
    expect(result.stdout).not.toContain(SECRET);
  });

  it.each([['text'], ['json']])('--show-values --format %s includes it', async (format) => {
    const result = await runCli(['-d', secretTs, '--no-progress', '--format', format, '--show-values']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain(SECRET);
    if (format === 'json') {
      const users = byTable(JSON.parse(result.stdout)).users;
      expect(users.samples[0].errors[0]).toMatchObject({ property: 'email', constraint: 'isEmail', value: SECRET });
    }
  });
});

describe('read-only', () => {
  it('never writes to the database file (--procs 1 and --procs 2)', async () => {
    const db = createDatabase(tmp.path('ro/app.sqlite'), SCHEMA_SQL, INVALID_ROWS);
    const file = tmp.write({ 'ro/data-source.ts': dataSourceTs(db).replace(`'./entities'`, `'../app/entities'`) });
    const before = fingerprint(db);
    expect(before.siblings).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 20)); // an mtime change would be visible
    for (const procs of ['1', '2']) {
      const result = await runCli(['-d', file, '--no-progress', '--procs', procs, '--exact-procs']);
      expect(result.code, result.stderr).toBe(1);
      expect(fingerprint(db)).toEqual(before);
    }
  });

  it('forces synchronize, migrationsRun and dropSchema off', async () => {
    // users has a column the entity does not know: synchronize would drop it, dropSchema
    // would drop every table, the migration would create one.
    const db = createDatabase(tmp.path('unsafe/app.sqlite'), `
      CREATE TABLE users (id INTEGER PRIMARY KEY NOT NULL, name VARCHAR NOT NULL, email VARCHAR NOT NULL, legacy_note TEXT);
      CREATE TABLE posts (id INTEGER PRIMARY KEY NOT NULL, title VARCHAR NOT NULL);
      CREATE TABLE audit_log (id INTEGER PRIMARY KEY, what TEXT);
    `, { ...VALID_ROWS, audit_log: [{ id: 1, what: 'created' }] });
    const file = tmp.write({
      'unsafe/data-source.ts': dataSourceTs(db, {
        extraOptions: `
          synchronize: true,
          dropSchema: true,
          migrationsRun: true,
          migrations: [CreatePwned],
          subscribers: [Snoop],
        `,
      }).replace(`'./entities'`, `'../app/entities'`).replace('const dataSource', `
        import { EventSubscriber, MigrationInterface, QueryRunner } from 'typeorm';
        class CreatePwned1700000000000 implements MigrationInterface {
          async up(queryRunner: QueryRunner) { await queryRunner.query('CREATE TABLE pwned (x TEXT)'); }
          async down(queryRunner: QueryRunner) { await queryRunner.query('DROP TABLE pwned'); }
        }
        const CreatePwned = CreatePwned1700000000000;
        @EventSubscriber()
        class Snoop { afterLoad() { throw new Error('subscriber ran'); } }
        const dataSource`),
    });
    const tablesBefore = tableNames(db);
    const before = fingerprint(db);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const { code, report, stderr } = await runJson(['-d', file]);
    expect(code, stderr).toBe(0);
    expect(report.summary).toMatchObject({ tables: 2, rows: 5, invalidRows: 0 });
    expect(tableNames(db)).toEqual(tablesBefore);
    expect(fingerprint(db)).toEqual(before);
  });

  it('logging: true in the user options does not pollute the JSON on stdout', async () => {
    const file = tmp.write({
      'noisy/data-source.ts': dataSourceTs(invalidDb, { extraOptions: `logging: true, logger: 'simple-console', maxQueryExecutionTime: 0,` })
        .replace(`'./entities'`, `'../app/entities'`),
    });
    const result = await runCli(['-d', file, '--format', 'json', '--no-progress']);
    expect(result.code, result.stderr).toBe(1);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
    expect(result.stdout).not.toMatch(/query:/i);
  });

  it('console output of the user module while loading does not pollute the JSON on stdout', async () => {
    // e.g. `import 'dotenv/config'`, which logs to stdout, or a debug line in the module.
    const file = tmp.write({
      'chatty/data-source.ts': `console.log('[dotenv] injecting env (3) from .env');\nconsole.info('using the test database');\n` +
        dataSourceTs(validDb).replace(`'./entities'`, `'../app/entities'`),
    });
    const result = await runCli(['-d', file, '--format', 'json', '--no-progress', '--procs', '2', '--exact-procs']);
    expect(result.code, result.stderr).toBe(0);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
    expect(result.stderr).toContain('injecting env');
  });
});

describe('progress', () => {
  it('draws cli-progress bars on a terminal, and the report still comes out whole', async () => {
    const { execFile } = await import('node:child_process');
    const reportFile = tmp.path('tty-report.json');
    // `script` runs the CLI on a pseudo-terminal: stderr is a TTY there. Small batches: the run
    // lasts long enough for cli-progress to draw frames (8 a second) before it clears them.
    const command = [process.execPath, BIN, '-d', BLOG_DATA_SOURCE, '--procs', '2', '--exact-procs', '--batch-size', '5', '--format', `json:${reportFile}`]
      .map((part) => `'${part}'`).join(' ');
    const terminal = await new Promise<{ code: number | null; output: string }>((resolve) => {
      execFile('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, BLOG_SCALE: '0.05' }, maxBuffer: 64 << 20 },
        (error, stdout) => resolve({ code: error ? (error as { code?: number }).code ?? null : 0, output: stdout }));
    });
    expect(terminal.code).toBe(1);
    expect(terminal.output).toMatch(/all +[█░]+ +\d+%/);
    expect(terminal.output).toMatch(/worker [12] +[█░]+/);
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    expect(report.summary).toMatchObject({ procs: 2, invalidRows: blogExpectations(0.05).reduce((n, t) => n + t.invalidRows, 0) });
  });

  it('writes plain progress lines elsewhere', async () => {
    const run = await runCliDefault(['-d', invalidTs, '--procs', '1', '--format', 'json']);
    expect(run.stderr).toMatch(/^validate-records: \d+ tables?, [\d,]+ rows to validate, 1 process$/m);
    expect(run.stderr).not.toMatch(/[█░]/);
  });
});
