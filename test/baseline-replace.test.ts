import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readBaseline, serializeBaseline } from '../src/baseline/baseline-file';
import { expectUserError } from './helpers/expect-user-error';
import { runCli, runJson } from './helpers/run-cli';
import { TempDir } from './helpers/temp-project';

/**
 * --update-baseline over an existing baseline, through the real CLI on SQLite files: number,
 * text (in a NOCASE collation, whose order is not compareKeys order) and compound keys; the
 * previous file in this tool's layout, hand-written on one line, or corrupt. The counts are
 * checked against an independent diff of the two files.
 */

const tmp = new TempDir('baseline-replace');
afterAll(() => tmp.cleanup());

const SCHEMA = `
CREATE TABLE items (id INTEGER PRIMARY KEY NOT NULL, title VARCHAR NOT NULL);
CREATE TABLE tags (name VARCHAR PRIMARY KEY NOT NULL COLLATE NOCASE, label VARCHAR NOT NULL, code VARCHAR NOT NULL);
CREATE TABLE pairs (a INTEGER NOT NULL, b VARCHAR NOT NULL, note VARCHAR NOT NULL, PRIMARY KEY (a, b));
INSERT INTO items VALUES (1, 'x'), (2, 'x'), (3, 'long enough'), (4, 'x'), (10, 'x');
INSERT INTO tags VALUES ('a', 'x', 'ok'), ('B', 'x', 'ok'), ('c', 'x', 'ok'), ('D', 'x', 'ok'), ('e', 'long', 'ok');
INSERT INTO pairs VALUES (1, 'a', 'x'), (1, 'a b', 'x'), (2, 'z', 'x'), (3, 'q', 'long');
`;

/** Between the runs: item 2 gone, 11 new; tag a fixed, c failing one more way, F new; pair (2,z) fixed, (1,b) new. */
const CHANGES = `
DELETE FROM items WHERE id = 2; INSERT INTO items VALUES (11, 'x');
UPDATE tags SET label = 'long' WHERE name = 'a'; UPDATE tags SET code = 'too long' WHERE name = 'c'; INSERT INTO tags VALUES ('F', 'x', 'ok');
UPDATE pairs SET note = 'long' WHERE a = 2; INSERT INTO pairs VALUES (1, 'b', 'x');
`;

function newProject(name: string): { database: string; dataSource: string; baseline: string } {
  const database = tmp.path(name, 'app.sqlite');
  fs.mkdirSync(tmp.path(name), { recursive: true });
  const db = new Database(database);
  db.exec(SCHEMA);
  db.close();
  const dataSource = tmp.write({
    [`${name}/data-source.js`]: `
const { Column, DataSource, Entity, PrimaryColumn } = require('typeorm');
const { MaxLength, MinLength } = require('class-validator');
class Item {}
PrimaryColumn({ type: 'integer' })(Item.prototype, 'id');
Column({ type: 'varchar' })(Item.prototype, 'title');
MinLength(3)(Item.prototype, 'title');
Entity('items')(Item);
class Tag {}
PrimaryColumn({ type: 'varchar' })(Tag.prototype, 'name');
Column({ type: 'varchar' })(Tag.prototype, 'label');
MinLength(3)(Tag.prototype, 'label');
Column({ type: 'varchar' })(Tag.prototype, 'code');
MaxLength(3)(Tag.prototype, 'code');
Entity('tags')(Tag);
class Pair {}
PrimaryColumn({ type: 'integer' })(Pair.prototype, 'a');
PrimaryColumn({ type: 'varchar' })(Pair.prototype, 'b');
Column({ type: 'varchar' })(Pair.prototype, 'note');
MinLength(3)(Pair.prototype, 'note');
Entity('pairs')(Pair);
module.exports = new DataSource({ type: 'better-sqlite3', database: ${JSON.stringify(database)}, entities: [Item, Tag, Pair] });
`,
  });
  return { database, dataSource, baseline: tmp.path(name, 'known.json') };
}

function change(database: string, sql: string): void {
  const db = new Database(database);
  db.exec(sql);
  db.close();
}

const update = (project: { dataSource: string; baseline: string }, ...args: string[]) =>
  runJson(['-d', project.dataSource, '--procs', '1', '--baseline', project.baseline, '--update-baseline', ...args]);

/** An oracle for the update line: both files read whole and compared by key. */
function diff(before: string, after: string): string {
  const rows = (text: string) => {
    const map = new Map<string, string>();
    for (const [entity, list] of Object.entries(JSON.parse(text).entities as Record<string, Array<{ key: object; failures: string[] }>>)) {
      // The same key whatever the order of its properties.
      const key = (row: { key: object }) => JSON.stringify(Object.entries(row.key).sort(([a], [b]) => (a < b ? -1 : 1)));
      for (const row of list) map.set(`${entity} ${key(row)}`, JSON.stringify([...row.failures].sort()));
    }
    return map;
  };
  const old = rows(before);
  const now = rows(after);
  const added = [...now.keys()].filter((key) => !old.has(key)).length;
  const removed = [...old.keys()].filter((key) => !now.has(key)).length;
  const changed = [...now.keys()].filter((key) => old.has(key) && old.get(key) !== now.get(key)).length;
  return `(+${added} new, -${removed} fixed or gone, ${changed} with other failures)`;
}

const FIRST = `{
  "version": 1,
  "entities": {
    "Item": [
      {"key":{"id":1},"failures":["title:minLength"]},
      {"key":{"id":2},"failures":["title:minLength"]},
      {"key":{"id":4},"failures":["title:minLength"]},
      {"key":{"id":10},"failures":["title:minLength"]}
    ],
    "Pair": [
      {"key":{"a":1,"b":"a"},"failures":["note:minLength"]},
      {"key":{"a":1,"b":"a b"},"failures":["note:minLength"]},
      {"key":{"a":2,"b":"z"},"failures":["note:minLength"]}
    ],
    "Tag": [
      {"key":{"name":"a"},"failures":["label:minLength"]},
      {"key":{"name":"B"},"failures":["label:minLength"]},
      {"key":{"name":"c"},"failures":["label:minLength"]},
      {"key":{"name":"D"},"failures":["label:minLength"]}
    ]
  }
}
`;

const SECOND = `{
  "version": 1,
  "entities": {
    "Item": [
      {"key":{"id":1},"failures":["title:minLength"]},
      {"key":{"id":4},"failures":["title:minLength"]},
      {"key":{"id":10},"failures":["title:minLength"]},
      {"key":{"id":11},"failures":["title:minLength"]}
    ],
    "Pair": [
      {"key":{"a":1,"b":"a"},"failures":["note:minLength"]},
      {"key":{"a":1,"b":"a b"},"failures":["note:minLength"]},
      {"key":{"a":1,"b":"b"},"failures":["note:minLength"]}
    ],
    "Tag": [
      {"key":{"name":"B"},"failures":["label:minLength"]},
      {"key":{"name":"c"},"failures":["code:maxLength","label:minLength"]},
      {"key":{"name":"D"},"failures":["label:minLength"]},
      {"key":{"name":"F"},"failures":["label:minLength"]}
    ]
  }
}
`;

describe('--update-baseline replacing an existing baseline', () => {
  it('number, text (NOCASE order) and compound keys: the rows in the database\'s order, exact counts, again and again', async () => {
    const project = newProject('p-keys');
    const created = await update(project);
    expect(created.code, created.stderr).toBe(0);
    expect(fs.readFileSync(project.baseline, 'utf8')).toBe(FIRST);
    change(project.database, CHANGES);
    const replaced = await update(project);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(fs.readFileSync(project.baseline, 'utf8')).toBe(SECOND);
    expect(diff(FIRST, SECOND)).toBe('(+3 new, -3 fixed or gone, 1 with other failures)');
    expect(replaced.stderr).toContain(`baseline ${project.baseline} updated: 11 invalid rows ${diff(FIRST, SECOND)}.`);
    expect(replaced.report.summary).toMatchObject({ invalidRows: 11, newInvalidRows: 0, knownInvalidRows: 11, baselineRows: 11 });
    const unchanged = await update(project);
    expect(unchanged.stderr).toContain('updated: 11 invalid rows (+0 new, -0 fixed or gone, 0 with other failures).');
    expect(fs.readFileSync(project.baseline, 'utf8')).toBe(SECOND);
  });

  it('an update limited by --only copies the other entities from the previous file as they were', async () => {
    const project = newProject('p-only');
    expect((await update(project)).code).toBe(0);
    change(project.database, CHANGES);
    const onlyItems = await update(project, '--only', 'items');
    expect(onlyItems.stderr).toContain('updated: 11 invalid rows (+1 new, -1 fixed or gone, 0 with other failures).');
    const text = fs.readFileSync(project.baseline, 'utf8');
    expect(text.slice(0, text.indexOf('    "Pair"'))).toBe(SECOND.slice(0, SECOND.indexOf('    "Pair"')));
    // Pair and Tag were not scanned: kept line for line, Tag in the NOCASE order it was written in.
    expect(text.slice(text.indexOf('    "Pair"'))).toBe(FIRST.slice(FIRST.indexOf('    "Pair"')));
    const again = await update(project, '--only', 'pairs');
    expect(again.stderr).toContain('(+1 new, -1 fixed or gone, 0 with other failures).');
    const now = fs.readFileSync(project.baseline, 'utf8');
    expect(now.slice(now.indexOf('    "Tag"'))).toBe(FIRST.slice(FIRST.indexOf('    "Tag"')));
    // A file in another layout (here without its final newline) is read whole: the other entities keep their rows' order too.
    fs.writeFileSync(project.baseline, FIRST.trimEnd());
    expect((await update(project, '--only', 'items')).code).toBe(0);
    const rewritten = fs.readFileSync(project.baseline, 'utf8');
    expect(rewritten.slice(rewritten.indexOf('    "Pair"'))).toBe(FIRST.slice(FIRST.indexOf('    "Pair"')));
  });

  it('a baseline keeps its permissions, and a link to a file not there yet stays a link', async () => {
    const project = newProject('p-file');
    fs.symlinkSync(tmp.path('p-file', 'kept', 'known.json'), project.baseline);
    expect((await update(project)).code).toBe(0);
    expect(fs.lstatSync(project.baseline).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(tmp.path('p-file', 'kept', 'known.json'), 'utf8')).toBe(FIRST);
    fs.chmodSync(tmp.path('p-file', 'kept', 'known.json'), 0o600);
    change(project.database, CHANGES);
    expect((await update(project)).code).toBe(0);
    expect(fs.statSync(project.baseline).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(project.baseline, 'utf8')).toBe(SECOND);
  });

  it('previous keys with their properties in another order (primary columns swapped, a file sorted by jq -S) give exact counts', async () => {
    const project = newProject('p-shape');
    // In (b, a) order (3, 'b') sorts before (2, 'z'); in (a, b) order, the database's, after it.
    change(project.database, "UPDATE pairs SET note = 'long' WHERE b = 'a b'; INSERT INTO pairs VALUES (3, 'b', 'x')");
    expect((await update(project)).code).toBe(0);
    const written = readBaseline(project.baseline);
    written.set('Pair', written.get('Pair')!.map(({ key, failures }) => ({ key: { b: key.b, a: key.a }, failures })));
    const swapped = serializeBaseline(written);
    expect(swapped).toContain('{"key":{"b":"b","a":3},"failures":["note:minLength"]},\n      {"key":{"b":"z","a":2}');
    fs.writeFileSync(project.baseline, swapped);
    const same = await update(project);
    expect(same.stderr).toContain('updated: 11 invalid rows (+0 new, -0 fixed or gone, 0 with other failures).');
    fs.writeFileSync(project.baseline, swapped);
    change(project.database, "DELETE FROM pairs WHERE a = 3; UPDATE pairs SET note = 'long' WHERE b = 'a'");
    const changed = await update(project);
    expect(changed.stderr).toContain(`updated: 9 invalid rows ${diff(swapped, fs.readFileSync(project.baseline, 'utf8'))}.`);
    expect(changed.stderr).toContain('(+0 new, -2 fixed or gone, 0 with other failures)');
  });

  it('a whole run drops the entries of an entity the data source no longer has, a limited run keeps them; a linked file stays linked', async () => {
    const project = newProject('p-gone');
    const ghost = FIRST.replace('    "Item": [', '    "Ghost": [\n      {"key":{"id":7},"failures":["name:isEmail"]}\n    ],\n    "Item": [');
    const target = tmp.path('p-gone', 'kept', 'baseline.json');
    fs.mkdirSync(tmp.path('p-gone', 'kept'));
    fs.writeFileSync(target, ghost);
    fs.symlinkSync(target, project.baseline);
    const limited = await update(project, '--only', 'items');
    expect(limited.stderr).toContain('updated: 12 invalid rows (+0 new, -0 fixed or gone, 0 with other failures).');
    expect(fs.readFileSync(target, 'utf8')).toBe(ghost);
    const whole = await update(project);
    expect(whole.stderr).toContain('updated: 11 invalid rows (+0 new, -1 fixed or gone, 0 with other failures).');
    expect(fs.readFileSync(target, 'utf8')).toBe(FIRST);
    expect(fs.lstatSync(project.baseline).isSymbolicLink()).toBe(true);
  });

  it('a hand-written previous file (one line, rows shuffled) gives the same file and counts', async () => {
    const project = newProject('p-hand');
    const content = JSON.parse(FIRST);
    for (const rows of Object.values(content.entities) as unknown[][]) rows.reverse();
    fs.writeFileSync(project.baseline, JSON.stringify(content));
    change(project.database, CHANGES);
    const replaced = await update(project);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stderr).toContain(`updated: 11 invalid rows ${diff(FIRST, SECOND)}.`);
    expect(fs.readFileSync(project.baseline, 'utf8')).toBe(SECOND);
  });

  it('a corrupt previous file stops the run before the scan, in the words of a whole read, and stays as it was', async () => {
    const project = newProject('p-corrupt');
    const badRow = FIRST.replace('{"key":{"id":4},"failures":["title:minLength"]}', '{"id":4}');
    fs.writeFileSync(project.baseline, badRow);
    const refused = await runCli(['-d', project.dataSource, '--procs', '1', '--no-progress', '--baseline', project.baseline, '--update-baseline']);
    expectUserError(refused, new RegExp(`${project.baseline} is not a validate-records baseline: row 3 of "Item" is not`), /--update-baseline/);
    expect(fs.readFileSync(project.baseline, 'utf8')).toBe(badRow);
    const conflict = FIRST.replace('    "Pair": [\n', '<<<<<<< HEAD\n    "Pair": [\n');
    fs.writeFileSync(project.baseline, conflict);
    expectUserError(await runCli(['-d', project.dataSource, '--procs', '1', '--no-progress', '--baseline', project.baseline, '--update-baseline']),
      new RegExp(`${project.baseline} could not be read as JSON`));
    expect(fs.readFileSync(project.baseline, 'utf8')).toBe(conflict);
  });
});
