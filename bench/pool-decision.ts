/**
 * What the worker pool decides, and what it costs: on blog databases of several sizes, rounds
 * that alternate --procs 1, --procs 2 and --procs 8 (the pool choosing how many workers pay
 * off), so that the machine's drift touches every command alike. Medians of wall time, and
 * the workers each run used (summary.procs).
 */
import { blogDatabaseFile, ensureBlogDatabase } from '../fixtures/blog/generate';
import { measureProcess } from './measure-process';

export interface PoolDecisionRow {
  scale: number;
  rows: number;
  /** Per --procs asked: median wall time, the workers used, and the pool's reason. */
  runs: Array<{ procs: number; wallMs: number; used: number; reason: string; rounds: number[] }>;
}

const PROCS = [1, 2, 8];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function poolDecisions(cli: string, scales: number[], rounds: number): Promise<PoolDecisionRow[]> {
  const rows: PoolDecisionRow[] = [];
  for (const scale of scales) {
    const database = blogDatabaseFile(scale);
    ensureBlogDatabase(database, scale);
    const env = { BLOG_SCALE: String(scale) };
    const walls = new Map<number, number[]>(PROCS.map((procs) => [procs, []]));
    const last = new Map<number, { used: number; reason: string; rows: number; invalidRows: number }>();
    for (let round = 0; round < rounds; round++) {
      for (const procs of PROCS) {
        const measured = await measureProcess(process.execPath, [cli, '--procs', String(procs), '--format', 'json', '--no-progress'], env);
        if (measured.code !== 0 && measured.code !== 1) throw new Error(`--procs ${procs} at scale ${scale} failed: ${measured.stderr}`);
        const { summary } = JSON.parse(measured.stdout);
        walls.get(procs)!.push(measured.wallMs);
        last.set(procs, { used: summary.procs, reason: summary.procsReason, rows: summary.rows, invalidRows: summary.invalidRows });
      }
      process.stderr.write(`  pool, scale ${scale}, round ${round + 1}: ${PROCS.map((p) => `--procs ${p} ${(walls.get(p)!.at(-1)! / 1000).toFixed(2)} s`).join(', ')}\n`);
    }
    const verdicts = new Set(PROCS.map((procs) => last.get(procs)!.invalidRows));
    if (verdicts.size !== 1) throw new Error(`at scale ${scale} the runs disagree on invalid rows: ${[...verdicts].join(', ')}`);
    rows.push({
      scale,
      rows: last.get(1)!.rows,
      runs: PROCS.map((procs) => ({
        procs,
        wallMs: Math.round(median(walls.get(procs)!)),
        used: last.get(procs)!.used,
        reason: last.get(procs)!.reason,
        rounds: walls.get(procs)!.map(Math.round),
      })),
    });
  }
  return rows;
}

export function poolDecisionTable(rows: PoolDecisionRow[]): string {
  const lines = [
    '| rows | --procs 1 (s) | --procs 2 (s), workers used | --procs 8 (s), workers used | --procs 8 / --procs 1 | --procs 8 / --procs 2 |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const [one, two, eight] = row.runs;
    const s = (ms: number) => (ms / 1000).toFixed(2);
    lines.push(`| ${row.rows.toLocaleString('en-US')} | ${s(one.wallMs)} | ${s(two.wallMs)}, ${two.used} | ${s(eight.wallMs)}, ${eight.used} | ` +
      `${(eight.wallMs / one.wallMs).toFixed(2)} | ${(eight.wallMs / two.wallMs).toFixed(2)} |`);
  }
  return lines.join('\n');
}

/** `node bench/ts.js bench/pool-decision.ts [scales] [rounds]`: this part of the benchmark alone, written to bench/results/pool-decision.md. */
if (/pool-decision\.ts$/.test(process.argv[1] ?? '')) {
  const path = require('node:path') as typeof import('node:path');
  const fs = require('node:fs') as typeof import('node:fs');
  const scales = (process.argv[2] ?? '0.000001,0.04,1,4').split(',').map(Number);
  const rounds = Number(process.argv[3] ?? 3);
  const cli = path.join(__dirname, '..', 'bin', 'validate-records');
  poolDecisions(cli, scales, rounds).then((rows) => {
    const text = `What the pool decides: medians of ${rounds} rounds alternating --procs 1, 2 and 8, ${new Date().toISOString().slice(0, 10)}, ` +
      `load average at the end ${require('node:os').loadavg().map((n: number) => n.toFixed(1)).join(' ')}.\n\n${poolDecisionTable(rows)}\n`;
    fs.writeFileSync(path.join(__dirname, 'results', 'pool-decision.md'), text);
    fs.writeFileSync(path.join(__dirname, 'results', 'pool-decision.json'), `${JSON.stringify(rows, null, 2)}\n`);
    process.stdout.write(text);
  }).catch((error) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
