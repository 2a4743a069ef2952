/**
 * --update-baseline at scale: a table of N rows, every one invalid, validated with and
 * without --update-baseline. Reports the manager's peak RSS (the baseline must stream: under
 * 300 MB at 2M invalid rows) and the time against the run without a baseline (within 1.5x).
 *   node bench/ts.js bench/baseline-memory.ts [--rows 2000000] [--procs 2] [--rounds 5]
 * Medians of alternating rounds. Writes bench/results/baseline-memory.json and prints a markdown table.
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
/** --replace 0 skips the run that replaces an existing file. */
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

const rounds = option('rounds', 5);

interface Run {
  label: string;
  args: string[];
  code: number;
}

async function main(): Promise<void> {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'validate-records-bench-baseline-')));
  try {
    process.stderr.write(`generating ${rows} invalid rows in ${dir}\n`);
    const dataSource = makeProject(dir);
    const base = [CLI, '-d', dataSource, '--procs', String(procs), '--exact-procs', '--format', 'json', '--no-progress'];
    const baselineFile = path.join(dir, 'baseline.json');
    // Every row is invalid (exit 1) until the baseline knows them all (exit 0). Each round
    // creates the file anew, then replaces it; the runs alternate so that a busy spell of
    // the machine does not fall on one of them only.
    const runs: Run[] = [
      { label: 'no baseline', args: base, code: 1 },
      { label: '--update-baseline (file created)', args: [...base, '--baseline', baselineFile, '--update-baseline'], code: 0 },
      ...(replace ? [{ label: '--update-baseline (file replaced)', args: [...base, '--baseline', baselineFile, '--update-baseline'], code: 0 }] : []),
    ];
    const measured = new Map<string, Measured[]>(runs.map((run) => [run.label, []]));
    for (let round = 1; round <= rounds; round++) {
      fs.rmSync(baselineFile, { force: true });
      for (const run of runs) {
        const result = await measureProcess(process.execPath, run.args, {});
        if (result.code !== run.code) throw new Error(`${run.label}: exit ${result.code}: ${result.stderr.slice(0, 2000)}`);
        measured.get(run.label)!.push(result);
        process.stderr.write(`round ${round}: ${run.label} ${(result.wallMs / 1000).toFixed(2)} s\n`);
      }
    }
    const baselineMb = fs.statSync(baselineFile).size / 1e6;
    const result = {
      rows,
      procs,
      rounds,
      baselineFileMb: Math.round(baselineMb),
      runs: runs.map(({ label }) => {
        const all = measured.get(label)!;
        return {
          label,
          wallMs: Math.round(median(all.map((m) => m.wallMs))),
          roundsMs: all.map((m) => Math.round(m.wallMs)),
          managerPeakRssMb: Math.max(...all.map((m) => m.managerPeakRssMb)),
          workerPeakRssMb: Math.max(...all.map((m) => m.workerPeakRssMb)),
        };
      }),
    };
    const out = path.join(__dirname, 'results', 'baseline-memory.json');
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`| run (${rows.toLocaleString('en-US')} invalid rows, --procs ${procs}, median of ${rounds}) | wall s | x no baseline | each round, s | manager peak RSS MB | worker peak RSS MB |\n| --- | --- | --- | --- | --- | --- |\n`);
    for (const run of result.runs) {
      const ratio = (run.wallMs / result.runs[0].wallMs).toFixed(2);
      const each = run.roundsMs.map((ms) => (ms / 1000).toFixed(2)).join(', ');
      process.stdout.write(`| ${run.label} | ${(run.wallMs / 1000).toFixed(2)} | ${ratio} | ${each} | ${run.managerPeakRssMb} | ${run.workerPeakRssMb} |\n`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
});
