import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli';
import { TempDir, createDatabase } from './helpers/temp-project';

/**
 * On SQLite the progress total is the number of rows: 12,000 rows whose integer keys run
 * from 4 to 48,000 (gaps between them) are 12,000 rows to validate, not the key span of 47,997.
 */

let tmp: TempDir;
let dataSource: string;

beforeAll(() => {
  tmp = new TempDir('progress-total');
  const database = createDatabase(tmp.path('db.sqlite'), `
    CREATE TABLE notes (id INTEGER PRIMARY KEY NOT NULL, body VARCHAR NOT NULL);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000)
    INSERT INTO notes (id, body) SELECT i * 4, 'note ' || i FROM n;
  `);
  tmp.write({
    'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', experimentalDecorators: true, emitDecoratorMetadata: true } }),
    'entities.ts': `import { Column, Entity, PrimaryColumn } from 'typeorm';\nimport { MinLength } from 'class-validator';\n` +
      `@Entity('notes')\nexport class Note {\n  @PrimaryColumn() id: number;\n  @Column() @MinLength(1) body: string;\n}\n`,
  });
  dataSource = tmp.write({
    'data-source.ts': `import { DataSource } from 'typeorm';\nimport { Note } from './entities';\nexport default new DataSource({ type: 'better-sqlite3', database: ${JSON.stringify(database)}, entities: [Note] });\n`,
  });
});

afterAll(() => tmp?.cleanup());

describe('progress total on SQLite', () => {
  it('counts the rows of an integer-keyed table with gaps, not its key span', async () => {
    // Not a terminal: the plain progress lines go to stderr.
    const result = await runCli(['-d', dataSource, '--procs', '1']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/validate-records: 1 table, 12,000 rows to validate/);
  });
});
