import Database from 'better-sqlite3';
import { TempDir } from './temp-project';

export const SLOW_TABLES = ['slow_a', 'slow_b'] as const;
/** Each process writes "scanning <table>" to stderr once it has validated this many rows of a table. */
export const MARK_AT = 2_000;

/**
 * A project whose entities take their time: an @AfterLoad that busy-waits SLOW_US
 * microseconds per row, so a run lasts seconds on a small file and a test can act mid-scan
 * on an event ("scanning <table>" on stderr) instead of a sleep. CHATTY=1 makes it print
 * with console.log, also from a promise callback; HANG_AT=n never settles the n-th row;
 * WORKER_LOAD_MS makes a worker's load of the module that slow (it says "worker loading").
 */
export function slowProject(rowsPerTable: number): { dir: TempDir; dataSource: string } {
  const dir = new TempDir('slow');
  const database = dir.path('slow.sqlite');
  const db = new Database(database);
  for (const table of SLOW_TABLES) {
    db.exec(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY NOT NULL, title VARCHAR NOT NULL)`);
    const insert = db.prepare(`INSERT INTO ${table} (id, title) VALUES (?, ?)`);
    db.transaction(() => {
      for (let id = 1; id <= rowsPerTable; id++) insert.run(id, id % 100 === 0 ? 'x' : `title ${id}`);
    })();
  }
  db.close();
  dir.write({
    'entities.js': ENTITIES,
    'data-source.js': `
const { DataSource } = require('typeorm');
const { SlowA, SlowB } = require('./entities');
if (process.env.WORKER_LOAD_MS && process.env.VALIDATE_RECORDS_WORKER) {
  process.stderr.write('worker loading\\n');
  const until = Date.now() + Number(process.env.WORKER_LOAD_MS);
  while (Date.now() < until);
}
if (process.env.CHATTY) Promise.resolve().then(() => setTimeout(() => console.log('data source module: later'), 0));
module.exports = new DataSource({ type: 'better-sqlite3', database: ${JSON.stringify(database)}, entities: [SlowA, SlowB] });
`,
  });
  return { dir, dataSource: dir.path('data-source.js') };
}

const ENTITIES = `
'use strict';
const { AfterLoad, Column, Entity, PrimaryColumn } = require('typeorm');
const { MinLength } = require('class-validator');

const slowMicros = Number(process.env.SLOW_US || 0);
const hangAt = Number(process.env.HANG_AT || 0);
const seen = {};

function entity(name, table) {
  const Cls = { [name]: class { afterLoad() { return loaded(table, this); } } }[name];
  PrimaryColumn({ type: 'integer' })(Cls.prototype, 'id');
  Column({ type: 'varchar' })(Cls.prototype, 'title');
  MinLength(3)(Cls.prototype, 'title');
  AfterLoad()(Cls.prototype, 'afterLoad');
  Entity(table)(Cls);
  return Cls;
}

function loaded(table, row) {
  const count = (seen[table] = (seen[table] || 0) + 1);
  if (count === ${MARK_AT}) process.stderr.write('scanning ' + table + '\\n');
  if (process.env.CHATTY && count % 500 === 1) {
    console.log('afterLoad', table, row.id);
    Promise.resolve().then(() => console.info('afterLoad, later', row.id));
  }
  // A stuck query or request: the timer keeps the process alive; NEVER_SETTLES=1 leaves nothing pending.
  if (hangAt && count === hangAt) return new Promise(() => process.env.NEVER_SETTLES || setInterval(() => undefined, 1000));
  const until = process.hrtime.bigint() + BigInt(slowMicros * 1000);
  while (process.hrtime.bigint() < until);
}

module.exports = { SlowA: entity('SlowA', 'slow_a'), SlowB: entity('SlowB', 'slow_b') };
`;
