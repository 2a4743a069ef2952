import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJson } from './helpers/run-cli';
import { TempDir, createDatabase } from './helpers/temp-project';

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

export default new DataSource({ type: 'better-sqlite3', database: __dirname + '/app.sqlite', entities: [Owner, Thing, Note] });
`;

let project: TempDir;
let dataSource: string;

beforeAll(() => {
  project = new TempDir('hydration');
  dataSource = project.write({ 'data-source.ts': ENTITIES });
  createDatabase(project.path('app.sqlite'), `
    CREATE TABLE owners (id integer PRIMARY KEY);
    CREATE TABLE things (id integer PRIMARY KEY, owner_id integer REFERENCES owners(id), twin_id integer UNIQUE REFERENCES owners(id));
    CREATE TABLE notes (id integer PRIMARY KEY, rating, deletedAt datetime);
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
      const live = await runJson(['-d', dataSource, '--procs', procs, '--only', 'notes', '--piece-rows', '1']);
      expect(live.report.tables[0]).toMatchObject({ rows: 2, invalidRows: 1 });
      expect(live.report.tables[0].samples.map((s: any) => s.key)).toEqual([{ id: 2 }]);
      const all = await runJson(['-d', dataSource, '--procs', procs, '--only', 'notes', '--with-deleted']);
      expect(all.report.tables[0]).toMatchObject({ rows: 4, invalidRows: 2 });
    }
  });
});
