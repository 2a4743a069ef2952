import * as fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runJson } from './helpers/run-cli';
import { expectUserError } from './helpers/user-error';
import {
  ENTITIES_JS,
  ENTITIES_TS,
  SCHEMA_SQL,
  TempDir,
  VALID_ROWS,
  createDatabase,
  dataSourceTs,
} from './helpers/temp-project';

/**
 * Every bad input: exit 2, one clear paragraph on stderr naming the culprit, no stack trace.
 * Real processes, real files in a temp dir of this test file.
 */

let tmp: TempDir;
/** A valid project: flags can be tested alone against it. */
let goodDataSource: string;

beforeAll(() => {
  tmp = new TempDir('errors');
  const database = createDatabase(tmp.path('good/app.sqlite'), SCHEMA_SQL, VALID_ROWS);
  tmp.write({ 'good/entities.ts': ENTITIES_TS });
  goodDataSource = tmp.write({ 'good/data-source.ts': dataSourceTs(database) });
});

afterAll(() => tmp?.cleanup());

describe('the data source module', () => {
  it('is a folder', async () => {
    const folder = tmp.path('');
    const result = await runCli(['-d', folder, '--no-progress']);
    expectUserError(result, /is a folder; name the file that exports it/);
  });

  it('does not exist', async () => {
    const missing = tmp.path('nowhere/data-source.ts');
    const result = await runCli(['-d', missing, '--no-progress']);
    expectUserError(result, missing, /does not exist/);
    expect(result.stdout).toBe('');
  });

  it('is given relative and does not exist: the message shows the path it tried', async () => {
    const result = await runCli(['-d', 'src/data-source.ts', '--no-progress'], { cwd: tmp.mkdir('empty-cwd-relative') });
    expectUserError(result, tmp.path('empty-cwd-relative/src/data-source.ts'));
  });

  it('throws while loading', async () => {
    const file = tmp.write({
      'throws/data-source.js': `
        'use strict';
        const { DataSource } = require('typeorm');
        throw new Error('cannot reach the secrets vault');
        module.exports = new DataSource({ type: 'better-sqlite3', database: 'x.sqlite' });
      `,
    });
    const result = await runCli(['-d', file, '--no-progress']);
    expectUserError(result, file, 'cannot reach the secrets vault');
  });

  it('is TypeScript with a syntax error', async () => {
    const file = tmp.write({
      'syntax/data-source.ts': [
        `import { DataSource } from 'typeorm';`,
        `export default new DataSource({ type: 'better-sqlite3', database: 'x.sqlite' };`,
      ].join('\n'),
    });
    const result = await runCli(['-d', file, '--no-progress']);
    expectUserError(result, file, /:2\b/);
  });

  it('imports a module that does not exist', async () => {
    const file = tmp.write({
      'bad-import/data-source.ts': `
        import { DataSource } from 'typeorm';
        import { User } from './no-such-entities';
        export default new DataSource({ type: 'better-sqlite3', database: 'x.sqlite', entities: [User] });
      `,
    });
    const result = await runCli(['-d', file, '--no-progress']);
    expectUserError(result, file, 'no-such-entities');
  });

  it('exports no DataSource', async () => {
    const file = tmp.write({
      'no-export/data-source.ts': `
        import { DataSource } from 'typeorm';
        export const options = { type: 'better-sqlite3', database: 'x.sqlite' };
        export function makeDataSource() { return new DataSource(options as any); }
      `,
    });
    const result = await runCli(['-d', file, '--no-progress']);
    expectUserError(result, file, /exports no TypeORM DataSource/);
  });

  it('exports two DataSources', async () => {
    const file = tmp.write({
      'two/data-source.ts': `
        import { DataSource } from 'typeorm';
        export const Primary = new DataSource({ type: 'better-sqlite3', database: 'a.sqlite' });
        export const Replica = new DataSource({ type: 'better-sqlite3', database: 'b.sqlite' });
      `,
    });
    const result = await runCli(['-d', file, '--no-progress']);
    expectUserError(result, file, /2 DataSources/);
  });

  it('exports a promise that rejects', async () => {
    const file = tmp.write({
      'rejects/data-source.js': `
        module.exports.dataSource = Promise.reject(new Error('no credentials in the environment'));
      `,
    });
    const result = await runCli(['-d', file, '--no-progress']);
    expectUserError(result, file, 'no credentials in the environment', /"dataSource"/);
  });
});

describe('the database', () => {
  it('SQLite file is missing', async () => {
    const database = tmp.path('missing-db/app.sqlite');
    tmp.write({ 'missing-db/entities.ts': ENTITIES_TS });
    const file = tmp.write({ 'missing-db/data-source.ts': dataSourceTs(database) });
    const result = await runCli(['-d', file, '--no-progress']);
    expectUserError(result, database, /does not exist/);
    expect(fs.existsSync(database), 'the missing database must not be created').toBe(false);
  });

  it('is a file of garbage bytes', async () => {
    const database = tmp.path('garbage/app.sqlite');
    tmp.write({ 'garbage/app.sqlite': Buffer.from('PK\x03\x04 this is a zip file, not a database '.repeat(200), 'latin1') });
    tmp.write({ 'garbage/entities.ts': ENTITIES_TS });
    const file = tmp.write({ 'garbage/data-source.ts': dataSourceTs(database) });
    const result = await runCli(['-d', file, '--no-progress']);
    expectUserError(result, database, /not a SQLite database/);
  });

  it('has a SQLite header but corrupt pages', async () => {
    const database = tmp.path('corrupt/app.sqlite');
    const bytes = Buffer.alloc(8192, 0xa5);
    bytes.write('SQLite format 3\0', 0, 'latin1');
    tmp.write({ 'corrupt/app.sqlite': bytes });
    tmp.write({ 'corrupt/entities.ts': ENTITIES_TS });
    const file = tmp.write({ 'corrupt/data-source.ts': dataSourceTs(database) });
    const result = await runCli(['-d', file, '--no-progress']);
    expectUserError(result, database);
    expect(result.stderr).toMatch(/not a database|malformed|corrupt/i);
  });

  it('lacks the table of one entity: that table errors, the others are scanned, exit 2', async () => {
    const database = createDatabase(tmp.path('ghost/app.sqlite'), SCHEMA_SQL, VALID_ROWS);
    tmp.write({
      'ghost/entities.ts': ENTITIES_TS + `
        @Entity('ghost_things')
        export class GhostThing {
          @PrimaryColumn() id: number;
          @Column() @MinLength(1) label: string;
        }
      `,
    });
    const file = tmp.write({
      'ghost/data-source.ts': dataSourceTs(database, { entities: '[User, Post, GhostThing]' })
        .replace(`import { Post, User } from './entities';`, `import { GhostThing, Post, User } from './entities';`),
    });

    const { code, report, stderr } = await runJson(['-d', file]);
    expect(code, stderr).toBe(2);
    expect(report.status).toBe('error');
    const byTable = Object.fromEntries(report.tables.map((t: any) => [t.table, t]));
    expect(Object.keys(byTable).sort()).toEqual(['ghost_things', 'posts', 'users']);
    expect(byTable.ghost_things.status).toBe('error');
    expect(byTable.ghost_things.error).toContain('ghost_things');
    expect(byTable.ghost_things.error).toMatch(/does not exist/);
    expect(byTable.users).toMatchObject({ status: 'passed', rows: 3, invalidRows: 0, error: null });
    expect(byTable.posts).toMatchObject({ status: 'passed', rows: 2, invalidRows: 0, error: null });
    expect(report.summary).toMatchObject({ tables: 3, rows: 5, erroredTables: 1 });

    const text = await runCli(['-d', file, '--no-progress', '--procs', '1']);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('ghost_things');
    expect(text.stdout).not.toMatch(/^\s+at /m);
  });

  it('a CommonJS data source naming a missing database fails like a TypeScript one', async () => {
    const database = tmp.path('js-missing-db/app.sqlite');
    tmp.write({ 'js-missing-db/entities.js': ENTITIES_JS });
    const file = tmp.write({
      'js-missing-db/data-source.js': `
        const { DataSource } = require('typeorm');
        const { User, Post } = require('./entities');
        module.exports = new DataSource({ type: 'better-sqlite3', database: ${JSON.stringify(database)}, entities: [User, Post] });
      `,
    });
    const result = await runCli(['-d', file, '--no-progress']);
    expectUserError(result, database, /does not exist/);
  });

  it('exports a DataSource it already initialized itself', async () => {
    const database = createDatabase(tmp.path('self-init/app.sqlite'), SCHEMA_SQL, VALID_ROWS);
    const file = tmp.write({
      'self-init/data-source.js': `
        const { DataSource } = require('typeorm');
        const dataSource = new DataSource({ type: 'better-sqlite3', database: ${JSON.stringify(database)}, entities: [] });
        module.exports.ready = dataSource.initialize();
      `,
    });
    const result = await runCli(['-d', file, '--no-progress']);
    expectUserError(result, file, /initializes its DataSource itself/);
  });

  it('uses a database driver that is not installed', async () => {
    const file = tmp.write({
      'no-driver/data-source.js': `
        const { DataSource } = require('typeorm');
        module.exports = new DataSource({ type: 'oracle', host: 'db.internal', username: 'app', password: 'hunter2', serviceName: 'app' });
      `,
    });
    const result = await runCli(['-d', file, '--no-progress']);
    expectUserError(result, file, /oracle/i);
    expect(result.stderr).not.toContain('hunter2');
  });
});

describe('flags', () => {
  it.each<[string[], ...RegExp[]]>([
    [['--procs', '0'], /--procs/, /\b0\b/],
    [['--procs', 'abc'], /--procs/, /abc/],
    [['--procs', '1.5'], /--procs/, /1\.5/],
    [['--batch-size', '-1'], /--batch-size/, /-1/],
    [['--batch-size', '0'], /--batch-size/, /\b0\b/],
    [['--max-samples', '-3'], /--max-samples/, /-3/],
    [['--format', 'nope'], /format/, /nope/],
    [['--bogus-flag'], /^validate-records: Unknown argument: bogus-flag$/m],
    [['--only'], /--only needs at least one entity or table name/],
    [['--except', '--only', 'x'], /--except needs at least one/],
  ])('rejects %j', async (flags, ...mentions) => {
    const result = await runCli(['-d', goodDataSource, '--no-progress', ...flags]);
    expectUserError(result, ...mentions);
    expect(result.stdout).toBe('');
  });

  it('names each unknown flag once, as it was typed', async () => {
    const result = await runCli(['-d', goodDataSource, '--no-progress', '--bogus-flag', '--other-thing']);
    expectUserError(result, /^validate-records: Unknown arguments: bogus-flag, other-thing$/m);
  });

  it('rejects a stray positional argument', async () => {
    const result = await runCli(['-d', goodDataSource, '--no-progress', 'extra-thing']);
    expectUserError(result, /extra-thing/);
  });
});

describe('configuration', () => {
  it('no data source given and no config file', async () => {
    const cwd = tmp.mkdir('empty-cwd');
    const result = await runCli(['--no-progress'], { cwd });
    expectUserError(result, /No data source given/, /-d/, /validate-records\.config/);
  });

  it('a config file names the data source relative to its own folder', async () => {
    const database = createDatabase(tmp.path('configured/db/app.sqlite'), SCHEMA_SQL, VALID_ROWS);
    tmp.write({
      'configured/src/entities.ts': ENTITIES_TS,
      'configured/src/data-source.ts': dataSourceTs(database),
      'configured/validate-records.config.json': JSON.stringify({ dataSource: './src/data-source.ts' }),
    });
    // Found in the working directory:
    const found = await runCli(['--no-progress', '--procs', '1'], { cwd: tmp.path('configured') });
    expect(found.code, found.stderr).toBe(0);
    // Given with --config from elsewhere: still relative to the config file, not to the cwd.
    const elsewhere = tmp.mkdir('configured-elsewhere');
    const given = await runCli(['--no-progress', '--procs', '1', '--config', tmp.path('configured/validate-records.config.json')], { cwd: elsewhere });
    expect(given.code, given.stderr).toBe(0);
    expect(given.stdout).toMatch(/PASSED/);
  });

  it('a config file names a data source that does not exist: the message shows the path resolved from the config folder', async () => {
    tmp.write({ 'config-missing/validate-records.config.json': JSON.stringify({ dataSource: './src/nope.ts' }) });
    const result = await runCli(['--no-progress'], { cwd: tmp.path('config-missing') });
    expectUserError(result, tmp.path('config-missing/src/nope.ts'));
  });

  it('a config file in a sub folder resolves its data source from that folder, not from the cwd', async () => {
    tmp.write({ 'config-sub/conf/validate-records.config.json': JSON.stringify({ dataSource: '../lib/ds.ts' }) });
    const result = await runCli(['--no-progress', '-c', 'conf/validate-records.config.json'], { cwd: tmp.path('config-sub') });
    expectUserError(result, tmp.path('config-sub/lib/ds.ts'));
  });

  it('a broken JSON config file', async () => {
    const config = tmp.write({ 'broken-json/validate-records.config.json': '{ "dataSource": "./ds.ts", }' });
    const result = await runCli(['--no-progress'], { cwd: tmp.path('broken-json') });
    expectUserError(result, config, /JSON/);
  });

  it('a config file whose dataSource is not a string', async () => {
    const config = tmp.write({ 'config-number/validate-records.config.json': JSON.stringify({ dataSource: 42 }) });
    const result = await runCli(['--no-progress'], { cwd: tmp.path('config-number') });
    expectUserError(result, config, /dataSource/);
  });

  it('a config file given with --config that does not exist', async () => {
    const config = tmp.path('no-config-here/validate-records.config.json');
    const result = await runCli(['--no-progress', '--config', config, '-d', goodDataSource]);
    expectUserError(result, config);
  });

  it('a JavaScript config file that throws', async () => {
    const config = tmp.write({ 'config-throws/validate-records.config.js': `throw new Error('config exploded');` });
    const result = await runCli(['--no-progress'], { cwd: tmp.path('config-throws') });
    expectUserError(result, config, 'config exploded');
  });

  it('a config file with a bad procs value', async () => {
    const config = tmp.write({
      'config-procs/validate-records.config.json': JSON.stringify({ dataSource: goodDataSource, procs: 0 }),
    });
    const result = await runCli(['--no-progress'], { cwd: tmp.path('config-procs') });
    expectUserError(result, /procs/);
  });

  it('a config file with a bad exactProcs value names the file and key', async () => {
    const config = tmp.write({
      'config-exact/validate-records.config.json': JSON.stringify({ dataSource: goodDataSource, exactProcs: 'yes' }),
    });
    const result = await runCli(['--no-progress'], { cwd: tmp.path('config-exact') });
    expectUserError(result, /"exactProcs" in .*config-exact\/validate-records\.config\.json must be true or false; got "yes"/);
  });
});
