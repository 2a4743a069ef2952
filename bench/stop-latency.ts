/**
 * How fast a stop takes effect on a big SQLite database (the blog at --scale, 4.9M rows at 4):
 * SIGINT 2 s into a --procs 1 run and into a --procs 2 run with one piece per table, both
 * reading every row (--no-pushdown) so that they are still scanning then; a SIGKILL of the
 * manager of a --procs 2 run, then whether any worker is alive 2 s later; and a report target
 * that is a folder. `node bench/ts.js bench/stop-latency.ts [--scale 4] [--rounds 3]`; writes
 * bench/out/stop-latency.{md,json}.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { blogDatabaseFile, ensureBlogDatabase } from '../fixtures/blog/generate';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'bin', 'validate-records');
const SIGNAL_AT_MS = 2_000;

interface StopRound {
  /** Signal to exit, in ms. */
  exitMs: number;
  code: number | null;
  /** Rows the partial report counts in the table that was being scanned (status cancelled), and in all. */
  cancelledTableRows: number;
  rows: number;
}

interface KillRound {
  workers: number;
  /** When the last worker was gone, ms after the kill; -1: one was still alive 5 s after. */
  goneMs: number;
}

function childPids(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function isAlive(pid: number): boolean {
  try {
    // A zombie has exited: it only waits for its (dead) parent's reaper.
    return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function start(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [CLI, '--format', 'json', '--no-progress', ...args], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.resume();
  const done = new Promise<{ code: number | null; stdout: string; at: bigint }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, at: process.hrtime.bigint() })));
  return { child, done };
}

async function stopRound(args: string[], env: NodeJS.ProcessEnv): Promise<StopRound> {
  const { child, done } = start(args, env);
  await sleep(SIGNAL_AT_MS);
  const signalledAt = process.hrtime.bigint();
  child.kill('SIGINT');
  const result = await done;
  const report = JSON.parse(result.stdout);
  const cancelled = report.tables.filter((table: { status: string }) => table.status === 'cancelled');
  return {
    exitMs: Math.round(Number(result.at - signalledAt) / 1e6),
    code: result.code,
    cancelledTableRows: cancelled.reduce((sum: number, table: { rows: number }) => sum + table.rows, 0),
    rows: report.summary.rows,
  };
}

async function killRound(env: NodeJS.ProcessEnv): Promise<KillRound> {
  const { child, done } = start(['--procs', '2', '--exact-procs', '--no-pushdown'], env);
  await sleep(SIGNAL_AT_MS);
  const workers = childPids(child.pid!);
  const killedAt = Date.now();
  child.kill('SIGKILL');
  await done;
  while (Date.now() - killedAt <= 5_000) {
    if (!workers.some(isAlive)) return { workers: workers.length, goneMs: Date.now() - killedAt };
    await sleep(20);
  }
  return { workers: workers.length, goneMs: -1 };
}

async function folderTarget(env: NodeJS.ProcessEnv): Promise<{ ms: number; code: number | null }> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-target-'));
  const started = process.hrtime.bigint();
  const { done } = start(['--procs', '1', '-f', `json:${folder}`], env);
  const result = await done;
  fs.rmSync(folder, { recursive: true, force: true });
  return { ms: Math.round(Number(result.at - started) / 1e6), code: result.code };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const option = (name: string, fallback: string) => {
    const index = process.argv.indexOf(`--${name}`);
    return index > 0 ? process.argv[index + 1] : fallback;
  };
  const scale = Number(option('scale', '4'));
  const rounds = Number(option('rounds', '3'));
  ensureBlogDatabase(blogDatabaseFile(scale), scale);
  const env = { BLOG_SCALE: String(scale) };
  const inProcess: StopRound[] = [];
  const forked: StopRound[] = [];
  const kills: KillRound[] = [];
  const folders: Array<{ ms: number; code: number | null }> = [];
  for (let round = 0; round < rounds; round++) {
    inProcess.push(await stopRound(['--procs', '1', '--no-pushdown'], env));
    forked.push(await stopRound(['--procs', '2', '--exact-procs', '--piece-rows', '1000000000', '--no-pushdown'], env));
    kills.push(await killRound(env));
    folders.push(await folderTarget(env));
    process.stderr.write(`  round ${round + 1}: --procs 1 stop ${inProcess.at(-1)!.exitMs} ms, --procs 2 stop ${forked.at(-1)!.exitMs} ms, ` +
      `workers gone ${kills.at(-1)!.goneMs} ms after the manager's SIGKILL, folder target ${folders.at(-1)!.ms} ms\n`);
  }
  const rowsOf = (runs: StopRound[]) => `${Math.min(...runs.map((r) => r.cancelledTableRows)).toLocaleString('en-US')}-${Math.max(...runs.map((r) => r.cancelledTableRows)).toLocaleString('en-US')}`;
  const codes = (runs: Array<{ code: number | null }>) => [...new Set(runs.map((r) => r.code))].join(', ');
  const markdown = [
    `Stopping, blog at scale ${scale} (SQLite), ${rounds} rounds, signal ${SIGNAL_AT_MS / 1000} s after the start:`,
    '',
    '| run | exit codes | signal to exit, median (max) ms | rows counted in the stopped tables |',
    '| --- | --- | ---: | ---: |',
    `| SIGINT, --procs 1 --no-pushdown | ${codes(inProcess)} | ${median(inProcess.map((r) => r.exitMs))} (${Math.max(...inProcess.map((r) => r.exitMs))}) | ${rowsOf(inProcess)} |`,
    `| SIGINT, --procs 2 --exact-procs, one piece per table, --no-pushdown | ${codes(forked)} | ${median(forked.map((r) => r.exitMs))} (${Math.max(...forked.map((r) => r.exitMs))}) | ${rowsOf(forked)} |`,
    '',
    `SIGKILL of the manager of a --procs 2 run: ${kills.map((k) => `${k.workers} workers, all gone ${k.goneMs} ms after`).join('; ')}.`,
    `A folder as the JSON target (-f json:<folder>): exit ${codes(folders)} after ${folders.map((f) => f.ms).join(', ')} ms.`,
    '',
  ].join('\n');
  const out = path.join(ROOT, 'bench', 'out');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'stop-latency.md'), markdown);
  fs.writeFileSync(path.join(out, 'stop-latency.json'), `${JSON.stringify({ scale, inProcess, forked, kills, folders }, null, 2)}\n`);
  process.stdout.write(markdown);
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
