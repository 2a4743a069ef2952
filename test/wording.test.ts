import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactSecrets } from '../src/datasource/server-address';
import { runCli, runJson } from './helpers/run-cli';
import { TempDir, createDatabase } from './helpers/temp-project';

/** Counts said in correct English, a rate of the rows the header counts, and messages that tell all. */

const ENTITIES = `
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Matches } from 'class-validator';

@Entity('codes')
export class Code {
  @PrimaryColumn()
  id: number;

  @Column()
  @Matches(/^ok$/, { message: (args) => (String(args.value).length > 3 ? 'code is too long' : 'code is not ok') })
  code: string;
}

/** No validators: its rows are counted, not scanned. */
@Entity('tags')
export class Tag {
  @PrimaryColumn()
  id: number;
}
`;

let tmp: TempDir;
let oneTable: string;
let twoTables: string;

beforeAll(() => {
  tmp = new TempDir('wording');
  const database = createDatabase(tmp.path('db.sqlite'), `
    CREATE TABLE codes (id INTEGER PRIMARY KEY NOT NULL, code VARCHAR NOT NULL);
    CREATE TABLE tags (id INTEGER PRIMARY KEY NOT NULL);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) INSERT INTO tags (id) SELECT i FROM n;
  `, { codes: [{ id: 1, code: 'ok' }, { id: 2, code: 'no' }, { id: 3, code: 'far too long' }, { id: 4, code: 'ko' }] });
  tmp.write({
    'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', experimentalDecorators: true, emitDecoratorMetadata: true } }),
    'entities.ts': ENTITIES,
  });
  const source = (entities: string) =>
    `import { DataSource } from 'typeorm';\nimport { Code, Tag } from './entities';\nexport default new DataSource({ type: 'better-sqlite3', database: ${JSON.stringify(database)}, entities: [${entities}] });\n`;
  oneTable = tmp.write({ 'one-table.ts': source('Code') });
  twoTables = tmp.write({ 'two-tables.ts': source('Code, Tag') });
});

afterAll(() => tmp?.cleanup());

describe('the text report', () => {
  it('says "1 table", not "1 tables", and how many different messages a constraint failed with', async () => {
    const result = await runCli(['-d', oneTable, '--procs', '1', '--no-progress']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^validate-records: 4 rows in 1 table, /);
    expect(result.stdout).toMatch(/^\s+code\s+matches\s+3\s+code is not ok \(first of 2 different messages\)$/m);
    expect(result.stdout).toContain('FAILED: 3 invalid rows in 1 of 1 table.');
  });

  it('gives the rate of every row the header counts', async () => {
    const { report } = await runJson(['-d', twoTables, '--procs', '1']);
    expect(report.summary.rows).toBe(5004);
    expect(report.summary.rowsPerSecond).toBe(Math.round((5004 * 1000) / report.summary.durationMs));
  });
});

describe('the JSON report', () => {
  it('lists the different messages of a violation', async () => {
    const { report } = await runJson(['-d', oneTable, '--procs', '1']);
    expect(report.tables[0].violations).toEqual([
      { property: 'code', constraint: 'matches', count: 3, message: 'code is not ok', messages: ['code is not ok', 'code is too long'] },
    ]);
  });
});

describe('redacting a password', () => {
  it('does not hide the host when the password is the same string', () => {
    const options = { type: 'postgres', host: 'db-primary', username: 'app', password: 'db-primary' } as any;
    expect(redactSecrets('getaddrinfo ENOTFOUND db-primary', options)).toBe('getaddrinfo ENOTFOUND db-primary');
  });

  it('still hides a password that is not the host', () => {
    const options = { type: 'postgres', host: 'db-primary', username: 'app', password: 's3cret-pw' } as any;
    expect(redactSecrets('auth failed for s3cret-pw on db-primary', options)).toBe('auth failed for *** on db-primary');
  });
});
