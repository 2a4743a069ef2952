import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { measureProcess } from '../bench/measure-process';
import { BIN } from './helpers/run-cli';
import { TempDir } from './helpers/temp-project';

const ROWS = 300_000;
const tmp = new TempDir('baseline-stream');
afterAll(() => tmp.cleanup());

describe('--update-baseline streams the invalid rows', () => {
  it(`${ROWS.toLocaleString('en-US')} invalid rows: the manager stays small creating and replacing the file, which lists them all; no spill file is left`, async () => {
    const database = tmp.path('invalid.sqlite');
    const db = new Database(database);
    db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY NOT NULL, title VARCHAR NOT NULL)');
    const insert = db.prepare('INSERT INTO items (id, title) VALUES (?, ?)');
    db.transaction(() => {
      for (let id = 1; id <= ROWS; id++) insert.run(id, 'x');
    })();
    db.close();
    const dataSource = tmp.write({
      'data-source.js': `
const { Column, DataSource, Entity, PrimaryColumn } = require('typeorm');
const { MinLength } = require('class-validator');
class Item {}
PrimaryColumn({ type: 'integer' })(Item.prototype, 'id');
Column({ type: 'varchar' })(Item.prototype, 'title');
MinLength(3)(Item.prototype, 'title');
Entity('items')(Item);
module.exports = new DataSource({ type: 'better-sqlite3', database: ${JSON.stringify(database)}, entities: [Item] });
`,
    });
    const spillParent = tmp.mkdir('tmp');
    const baseline = tmp.path('baseline.json');
    const run = await measureProcess(process.execPath, [BIN, '-d', dataSource, '--procs', '2', '--exact-procs', '--no-progress',
      '--format', 'json', '--baseline', baseline, '--update-baseline'], { TMPDIR: spillParent });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`updated: 300,000 invalid rows (+300000 new`);
    // Holding every row (as before) took the manager past 400 MB here; streaming, it stays near its bare size.
    expect(run.managerPeakRssMb).toBeLessThan(250);
    const lines = fs.readFileSync(baseline, 'utf8').split('\n');
    expect(lines.filter((line) => line.startsWith('      {"key":'))).toHaveLength(ROWS);
    expect(lines[4]).toBe('      {"key":{"id":1},"failures":["title:minLength"]},');
    expect(fs.readdirSync(spillParent)).toEqual([]);

    // Replacing it: the previous file is read line by line too (reading it whole took the manager to 301 MB here).
    const change = new Database(database);
    change.exec(`DELETE FROM items WHERE id <= 1000; UPDATE items SET title = 'long enough' WHERE id BETWEEN 5000 AND 5009;
      INSERT INTO items (id, title) SELECT id + ${ROWS}, 'x' FROM items WHERE id BETWEEN 2000 AND 2004`);
    change.close();
    const replaced = await measureProcess(process.execPath, [BIN, '-d', dataSource, '--procs', '2', '--exact-procs', '--no-progress',
      '--format', 'json', '--baseline', baseline, '--update-baseline'], { TMPDIR: spillParent });
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stderr).toContain(`updated: ${(ROWS - 1010 + 5).toLocaleString('en-US')} invalid rows (+5 new, -1010 fixed or gone, 0 with other failures)`);
    expect(replaced.managerPeakRssMb).toBeLessThan(250);
    const after = fs.readFileSync(baseline, 'utf8').split('\n').filter((line) => line.startsWith('      {"key":'));
    expect(after).toHaveLength(ROWS - 1010 + 5);
    expect(after[0]).toBe('      {"key":{"id":1001},"failures":["title:minLength"]},');
    expect(after.at(-1)).toBe(`      {"key":{"id":${ROWS + 2004}},"failures":["title:minLength"]}`);
    expect(fs.readdirSync(spillParent)).toEqual([]);
  });
});
