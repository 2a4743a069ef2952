/**
 * Pushdown side by side: the raw keyset read of every row, `--procs 1` (pushdown) and
 * `--procs 1 --no-pushdown`, on SQLite and on servers holding the blog, in rounds that
 * alternate the three (a loaded machine slows all three alike). Used by bench/main.ts, or
 * alone: `node bench/ts.js bench/pushdown.ts [--scale S] [--rounds N] [--servers postgres,mariadb]`.
 * Server databases are loaded once (fixtures/servers/load.ts) and reused when present.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { measureProcess } from './measure-process';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'bin', 'validate-records');
const TS = path.join(__dirname, 'ts.js');

export interface PushdownRow {
  database: string;
  rows: number;
  invalidRows: number;
  rawMs: number;
  pushdownMs: number;
  wholeMs: number;
  rowsHydrated: number;
  /** raw read time ÷ pushdown time: how many times faster than reading every row into JS. */
  speedup: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(command: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; output: any }> {
  const run = await measureProcess(process.execPath, command, env);
  if (run.code !== 0 && run.code !== 1) throw new Error(`${command.join(' ')} failed (exit ${run.code}): ${run.stderr}`);
  return { ms: run.wallMs, output: JSON.parse(run.stdout) };
}

async function compare(database: string, raw: string[], dataSource: string, env: NodeJS.ProcessEnv, rounds: number): Promise<PushdownRow> {
  const cli = [CLI, '-d', dataSource, '--procs', '1', '--checks', 'validators', '--format', 'json', '--no-progress'];
  const times = { raw: [] as number[], pushdown: [] as number[], whole: [] as number[] };
  let pushed: any;
  let whole: any;
  let rawRows = 0;
  for (let round = 0; round < rounds; round++) {
    const r = await timed(raw, env);
    const p = await timed(cli, env);
    const w = await timed([...cli, '--no-pushdown'], env);
    times.raw.push(r.ms);
    times.pushdown.push(p.ms);
    times.whole.push(w.ms);
    rawRows = r.output.rows;
    pushed = p.output;
    whole = w.output;
    process.stderr.write(`  ${database}: raw ${(r.ms / 1000).toFixed(2)} s, pushdown ${(p.ms / 1000).toFixed(2)} s, --no-pushdown ${(w.ms / 1000).toFixed(2)} s\n`);
  }
  if (pushed.summary.invalidRows !== whole.summary.invalidRows || pushed.summary.rows !== rawRows || whole.summary.rows !== rawRows) {
    throw new Error(`${database}: runs disagree (raw ${rawRows} rows; pushdown ${pushed.summary.rows}/${pushed.summary.invalidRows}; --no-pushdown ${whole.summary.rows}/${whole.summary.invalidRows})`);
  }
  const row = {
    database, rows: rawRows, invalidRows: pushed.summary.invalidRows,
    rawMs: Math.round(median(times.raw)), pushdownMs: Math.round(median(times.pushdown)), wholeMs: Math.round(median(times.whole)),
    rowsHydrated: pushed.summary.rowsHydrated,
  };
  return { ...row, speedup: Number((row.rawMs / row.pushdownMs).toFixed(2)) };
}

async function ensureServerBlog(type: string, database: string, scale: number): Promise<boolean> {
  const env = { VR_SERVER: type, VR_DATABASE: database };
  const probe = await measureProcess(process.execPath, [TS, path.join(__dirname, 'raw-read-server.ts')], env);
  const expected = Math.round(1_232_687 * scale);
  if (probe.code === 0 && Math.abs(JSON.parse(probe.stdout).rows - expected) <= 7) return true;
  process.stderr.write(`loading the blog into ${type} database ${database}\n`);
  const load = await measureProcess(process.execPath, [TS, path.join(ROOT, 'fixtures', 'servers', 'load.ts'), type, database, 'blog', String(scale)], {});
  if (load.code !== 0) process.stderr.write(`${type} skipped: the blog could not be loaded (${load.stderr.trim().split('\n')[0]})\n`);
  return load.code === 0;
}

export async function pushdownComparison(scale: number, rounds: number, servers: string[]): Promise<PushdownRow[]> {
  const rows: PushdownRow[] = [];
  const blogEnv = { BLOG_SCALE: String(scale) };
  rows.push(await compare('SQLite', [TS, path.join(__dirname, 'raw-read.ts')], path.join(ROOT, 'fixtures', 'blog', 'data-source.ts'), blogEnv, rounds));
  for (const type of servers) {
    const database = `validate_records_bench_push_${String(scale).replace(/\W/g, '_')}`;
    if (!(await ensureServerBlog(type, database, scale))) continue;
    const env = { VR_SERVER: type, VR_DATABASE: database };
    rows.push(await compare(type === 'postgres' ? 'PostgreSQL' : 'MariaDB', [TS, path.join(__dirname, 'raw-read-server.ts')],
      path.join(ROOT, 'fixtures', 'servers', 'blog-data-source.ts'), env, rounds));
  }
  return rows;
}

export function pushdownTable(rows: PushdownRow[]): string {
  const s = (ms: number) => (ms / 1000).toFixed(2);
  return ['| database | rows | raw read of every row (s) | pushdown --procs 1 (s) | --no-pushdown --procs 1 (s) | raw ÷ pushdown | rowsHydrated | invalid rows |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.database} | ${r.rows.toLocaleString('en-US')} | ${s(r.rawMs)} | ${s(r.pushdownMs)} | ${s(r.wholeMs)} | ${r.speedup} | ` +
      `${r.rowsHydrated.toLocaleString('en-US')} (${((100 * r.rowsHydrated) / r.rows).toFixed(1)}%) | ${r.invalidRows.toLocaleString('en-US')} |`)].join('\n');
}

// Run alone (through bench/ts.js, so not require.main), not when bench/main.ts imports it.
if (process.argv.slice(1, 3).some((arg) => arg.endsWith(`${path.sep}pushdown.ts`) || arg === 'bench/pushdown.ts')) {
  const option = (name: string, fallback: string) => {
    const index = process.argv.indexOf(`--${name}`);
    return index > 0 ? process.argv[index + 1] : fallback;
  };
  const scale = Number(option('scale', '1'));
  const servers = option('servers', 'postgres,mariadb').split(',').filter(Boolean);
  pushdownComparison(scale, Number(option('rounds', '3')), servers).then((rows) => {
    const out = path.join(ROOT, 'bench', 'out');
    fs.mkdirSync(out, { recursive: true });
    const markdown = `Pushdown, blog at scale ${scale}:\n\n${pushdownTable(rows)}\n`;
    fs.writeFileSync(path.join(out, 'pushdown.md'), markdown);
    fs.writeFileSync(path.join(out, 'pushdown.json'), `${JSON.stringify(rows, null, 2)}\n`);
    process.stdout.write(markdown);
  }).catch((error) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
