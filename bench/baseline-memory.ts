/**
 * --update-baseline at scale: a table of N rows, every one invalid, validated with and
 * without --update-baseline. Reports the manager's peak RSS (the baseline must stream: under
 * 300 MB at 2M invalid rows) and the time against the run without a baseline (within 1.5x).
 *   node bench/ts.js bench/baseline-memory.ts [--rows 2000000] [--procs 2]
 * Writes bench/results/baseline-memory.json and prints a markdown table.
 */
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { measureProcess, type Measured } from './measure-process';

const CLI = path.join(__dirname, '..', 'bin', 'validate-records');
const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const rows = option('rows', 2_000_000);
const procs = option('procs', 2);
/** --replace 0 skips the third run, which reads the previous baseline whole (see the README). */
const replace = option('replace', 1) !== 0;

function makeProject(dir: string): string {
  const database = path.join(dir, 'invalid.sqlite');
  const db = new Database(database);
  db.pragma('journal_mode = OFF');
  db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY NOT NULL, title VARCHAR NOT NULL)');
  const insert = db.prepare('INSERT INTO items (id, title) VALUES (?, ?)');
  db.transaction(() => {
    for (let id = 1; id <= rows; id++) insert.run(id, 'x'); // MinLength(3): every row fails
  })();
  db.close();
  fs.symlinkSync(path.join(__dirname, '..', 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'data-source.js'), `
const { Column, DataSource, Entity, PrimaryColumn } = require('typeorm');
const { MinLength } = require('class-validator');
class Item {}
PrimaryColumn({ type: 'integer' })(Item.prototype, 'id');
Column({ type: 'varchar' })(Item.prototype, 'title');
MinLength(3)(Item.prototype, 'title');
Entity('items')(Item);
module.exports = new DataSource({ type: 'better-sqlite3', database: ${JSON.stringify(database)}, entities: [Item] });
`);
  return path.join(dir, 'data-source.js');
}

async function main(): Promise<void> {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'validate-records-bench-baseline-')));
  try {
    process.stderr.write(`generating ${rows} invalid rows in ${dir}\n`);
    const dataSource = makeProject(dir);
    const base = [CLI, '-d', dataSource, '--procs', String(procs), '--exact-procs', '--format', 'json', '--no-progress'];
    const baselineFile = path.join(dir, 'baseline.json');
    const plain = await measureProcess(process.execPath, base, {});
    const created = await measureProcess(process.execPath, [...base, '--baseline', baselineFile, '--update-baseline'], {});
    const again = replace ? await measureProcess(process.execPath, [...base, '--baseline', baselineFile, '--update-baseline'], {}) : undefined;
    // Every row is invalid (exit 1) until the baseline knows them all (exit 0).
    const expected: Array<[Measured, number]> = [[plain, 1], [created, 0], ...(again ? [[again, 0] as [Measured, number]] : [])];
    for (const [run, code] of expected) {
      if (run.code !== code) throw new Error(`exit ${run.code}: ${run.stderr.slice(0, 2000)}`);
    }
    const baselineMb = fs.statSync(baselineFile).size / 1e6;
    const result = {
      rows,
      procs,
      baselineFileMb: Math.round(baselineMb),
      runs: [
        { label: 'no baseline', wallMs: Math.round(plain.wallMs), managerPeakRssMb: plain.managerPeakRssMb, workerPeakRssMb: plain.workerPeakRssMb },
        { label: '--update-baseline (file created)', wallMs: Math.round(created.wallMs), managerPeakRssMb: created.managerPeakRssMb, workerPeakRssMb: created.workerPeakRssMb },
        ...(again ? [{ label: '--update-baseline (file replaced)', wallMs: Math.round(again.wallMs), managerPeakRssMb: again.managerPeakRssMb, workerPeakRssMb: again.workerPeakRssMb }] : []),
      ],
    };
    const out = path.join(__dirname, 'results', 'baseline-memory.json');
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`| run (${rows.toLocaleString('en-US')} invalid rows, --procs ${procs}) | wall s | x no baseline | manager peak RSS MB | worker peak RSS MB |\n| --- | --- | --- | --- | --- |\n`);
    for (const run of result.runs) {
      process.stdout.write(`| ${run.label} | ${(run.wallMs / 1000).toFixed(1)} | ${(run.wallMs / result.runs[0].wallMs).toFixed(2)} | ${run.managerPeakRssMb} | ${run.workerPeakRssMb} |\n`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
});
