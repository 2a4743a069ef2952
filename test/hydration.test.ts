import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runJson } from './helpers/run-cli';
import { TempDir, createDatabase } from './helpers/temp-project';
import type { HydrationComparison } from './oracle/hydration-oracle';
import { runOracle } from './oracle/oracle-process';

/** Hydration details that find() has and a plain column copy would miss. */
const ENTITIES = `
import 'reflect-metadata';
import { IsInt, IsOptional } from 'class-validator';
import { Column, DataSource, DeleteDateColumn, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, RelationId } from 'typeorm';

@Entity('owners')
export class Owner {
  @PrimaryColumn() id: number;
}

@Entity('things')
export class Thing {
  @PrimaryColumn() id: number;

  @ManyToOne(() => Owner) @JoinColumn({ name: 'owner_id' }) owner: Owner;
  // find() fills this from owner_id; null when there is no owner.
  @RelationId((thing: Thing) => thing.owner) @IsInt() ownerId: number;

  @OneToOne(() => Owner) @JoinColumn({ name: 'twin_id' }) twin: Owner;
  @RelationId((thing: Thing) => thing.twin) @IsOptional() @IsInt() twinId: number | null;
}

@Entity('notes')
export class Note {
  @PrimaryColumn() id: number;
  @Column() @IsInt() rating: number;
  @DeleteDateColumn() deletedAt: Date | null;
}

/** Values that a Number column turns into other values (parseInt) and other types keep. */
@Entity('oddities')
export class Oddity {
  @PrimaryColumn() id: number;
  @Column() count: number;
  @Column('int') whole: number;
  @Column() label: string;
  @Column('float') ratio: number;
  @Column('boolean') flag: boolean;
  @Column('text') note: string;
  // Not a column: set by the constructor, which find() calls unless entitySkipConstructor is on.
  origin = 'constructed';
}

export default new DataSource({ type: 'better-sqlite3', database: __dirname + '/app.sqlite', entities: [Owner, Thing, Note, Oddity] });
`;

const ODD_VALUES: unknown[] = [
  3, -0, 0, 2.5, -7.25, 1e21, 2 ** 60, 9007199254740993n, Number.MAX_SAFE_INTEGER, '12abc', '42', ' 7 ', 'abc', '', null,
  Buffer.from([1, 2]), 'true', 1,
];

let project: TempDir;
let dataSource: string;

beforeAll(() => {
  project = new TempDir('hydration');
  dataSource = project.write({ 'data-source.ts': ENTITIES });
  project.write({
    'skip-constructor.ts': `import { DataSource } from 'typeorm';
import { Note, Oddity, Owner, Thing } from './data-source';
export default new DataSource({ type: 'better-sqlite3', database: __dirname + '/app.sqlite', entities: [Owner, Thing, Note, Oddity],
  entitySkipConstructor: true });
`,
  });
  createDatabase(project.path('app.sqlite'), `
    CREATE TABLE owners (id integer PRIMARY KEY);
    CREATE TABLE things (id integer PRIMARY KEY, owner_id integer REFERENCES owners(id), twin_id integer UNIQUE REFERENCES owners(id));
    CREATE TABLE notes (id integer PRIMARY KEY, rating, deletedAt datetime);
    CREATE TABLE oddities (id integer PRIMARY KEY, count, whole, label, ratio, flag, note);
  `, {
    owners: [{ id: 1 }, { id: 2 }],
    things: [
      { id: 1, owner_id: 1, twin_id: 2 },
      { id: 2, owner_id: 2, twin_id: null },
      { id: 3, owner_id: null, twin_id: 1 },
    ],
    notes: [
      { id: 1, rating: 5, deletedAt: null },
      { id: 2, rating: 'five', deletedAt: null },
      { id: 3, rating: 'gone', deletedAt: '2026-01-01 10:00:00' },
      { id: 4, rating: 4, deletedAt: '2026-01-02 10:00:00' },
    ],
    oddities: ODD_VALUES.map((value, i) => ({ id: i + 1, count: value, whole: value, label: value, ratio: value, flag: value, note: value })),
  });
});

afterAll(() => project?.cleanup());

describe('hydration as find() does it', () => {
  it('fills @RelationId of many-to-one and owning one-to-one relations from the join column', async () => {
    const { code, report } = await runJson(['-d', dataSource, '--procs', '1', '--only', 'things']);
    expect(code).toBe(1);
    const things = report.tables[0];
    expect(things.rows).toBe(3);
    expect(things.invalidRows).toBe(1);
    expect(things.samples).toEqual([{ key: { id: 3 }, errors: [expect.objectContaining({ property: 'ownerId', constraint: 'isInt' })] }]);
  });

  it('leaves soft-deleted rows out, as find() does, unless --with-deleted', async () => {
    for (const procs of ['1', '2']) {
      const live = await runJson(['-d', dataSource, '--procs', procs, '--exact-procs', '--only', 'notes', '--piece-rows', '1']);
      expect(live.report.tables[0]).toMatchObject({ rows: 2, invalidRows: 1 });
      expect(live.report.tables[0].samples.map((s: any) => s.key)).toEqual([{ id: 2 }]);
      const all = await runJson(['-d', dataSource, '--procs', procs, '--exact-procs', '--only', 'notes', '--with-deleted']);
      expect(all.report.tables[0]).toMatchObject({ rows: 4, invalidRows: 2 });
    }
  });
});

describe('hydration against TypeORM itself', () => {
  const compare = async (module: string, env: NodeJS.ProcessEnv = {}): Promise<HydrationComparison[]> => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'test/oracle/run-oracle.js'), module, 'hydration'],
      { env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
    return JSON.parse(stdout);
  };

  it('gives the entities find() gives, value for value, on edge values of every column type', async () => {
    const comparisons = await compare(dataSource);
    expect(comparisons.find((c) => c.table === 'oddities')?.rows).toBe(ODD_VALUES.length);
    for (const comparison of comparisons) expect(comparison.mismatches, comparison.table).toEqual([]);
  });

  it('creates entities without their constructor, as find() does, under entitySkipConstructor', async () => {
    const comparisons = await compare(project.path('skip-constructor.ts'));
    expect(comparisons.find((c) => c.table === 'oddities')?.rows).toBe(ODD_VALUES.length);
    for (const comparison of comparisons) expect(comparison.mismatches, comparison.table).toEqual([]);
  });

  it('gives the entities find() gives on every row of the hard-cases fixture', async () => {
    const dir = fs.mkdtempSync(path.join(project.dir, 'hard-'));
    const env = { HARD_DATABASE: path.join(dir, 'hard-cases.sqlite') };
    await runOracle(path.join(ROOT, 'fixtures/hard/data-source.ts'), env); // creates the database
    const comparisons = await compare(path.join(ROOT, 'fixtures/hard/data-source.ts'), env);
    expect(comparisons.reduce((rows, c) => rows + c.rows, 0)).toBeGreaterThan(2000);
    for (const comparison of comparisons) expect(comparison.mismatches, comparison.table).toEqual([]);
  });
});
