import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJson } from './helpers/run-cli';
import { TempDir, createDatabase } from './helpers/temp-project';

/**
 * Failures inside workers, with a real project: a row whose validator kills the worker
 * process every time (a poison piece), and a column the entity names but the table lacks.
 */
const ENTITIES = `
import 'reflect-metadata';
import { IsInt, Max, ValidateBy } from 'class-validator';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';

// Kills the worker process that validates row 13, as a native crash or OOM kill would.
const KillsWorkerOnRow13 = () => ValidateBy({
  name: 'killsWorker',
  validator: {
    validate(value: number) {
      if (value === 13 && process.send) process.kill(process.pid, 'SIGKILL');
      return true;
    },
  },
});

@Entity('healthy')
export class Healthy {
  @PrimaryColumn() id: number;
  @Column() @IsInt() @Max(90) score: number;
}

@Entity('poison')
export class Poison {
  @PrimaryColumn() @KillsWorkerOnRow13() id: number;
}

@Entity('drifted')
export class Drifted {
  @PrimaryColumn() id: number;
  @Column() @IsInt() renamedLater: number;
}

export default new DataSource({
  type: 'better-sqlite3',
  database: __dirname + '/app.sqlite',
  entities: [Healthy, Poison, Drifted],
});
`;

let project: TempDir;
let dataSource: string;

beforeAll(() => {
  project = new TempDir('failures');
  dataSource = project.write({ 'data-source.ts': ENTITIES });
  createDatabase(project.path('app.sqlite'), `
    CREATE TABLE healthy (id integer PRIMARY KEY, score integer NOT NULL);
    CREATE TABLE poison (id integer PRIMARY KEY);
    CREATE TABLE drifted (id integer PRIMARY KEY, score integer);
  `, {
    healthy: Array.from({ length: 100 }, (_, i) => ({ id: i + 1, score: i })),
    poison: Array.from({ length: 20 }, (_, i) => ({ id: i + 1 })),
    drifted: [{ id: 1, score: 1 }],
  });
});

afterAll(() => project?.cleanup());

describe('failures inside workers', () => {
  it('reports a piece that keeps killing workers as an error on its table, and finishes the rest', async () => {
    const { code, report } = await runJson(['-d', dataSource, '--procs', '2', '--exact-procs']);
    expect(code).toBe(2);
    expect(report.status).toBe('error');
    const byTable = Object.fromEntries(report.tables.map((t: any) => [t.table, t]));
    expect(byTable.poison.status).toBe('error');
    expect(byTable.poison.error).toMatch(/worker process died 3 times.*killed by SIGKILL/);
    expect(byTable.healthy.status).toBe('failed');
    expect(byTable.healthy.rows).toBe(100);
    expect(byTable.healthy.invalidRows).toBe(9); // scores 91..99
  });

  it('carries the message of a worker exception into the report', async () => {
    const { code, report } = await runJson(['-d', dataSource, '--procs', '2', '--exact-procs', '--only', 'drifted', 'healthy']);
    expect(code).toBe(2);
    const drifted = report.tables.find((t: any) => t.table === 'drifted');
    expect(drifted.status).toBe('error');
    expect(drifted.error).toMatch(/^table "drifted" has no column "renamedLater", which entity Drifted maps/);
    expect(report.tables.find((t: any) => t.table === 'healthy').invalidRows).toBe(9);
  });

  it('reports the same exception in-process with --procs 1', async () => {
    const { code, report } = await runJson(['-d', dataSource, '--procs', '1', '--only', 'drifted']);
    expect(code).toBe(2);
    expect(report.tables[0].error).toMatch(/^table "drifted" has no column "renamedLater", which entity Drifted maps/);
  });
});
