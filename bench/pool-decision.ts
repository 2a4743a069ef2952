/**
 * What the worker pool decides, and what it costs: on blog databases of several sizes, rounds
 * that alternate --procs 1, --procs 2, --procs 2 --exact-procs (two workers forced) and
 * --procs 8 (the pool choosing how many workers pay off), so that the machine's drift touches
 * every command alike. Medians of wall time, and the workers each run used (summary.procs).
 * A scale written `4:--no-pushdown` runs with those arguments too (every row read into JS).
 */
import { blogDatabaseFile, ensureBlogDatabase } from '../fixtures/blog/generate';
import { measureProcess } from './measure-process';

export interface PoolDecisionRow {
  scale: number;
  rows: number;
  /** Arguments every run of the row had besides --procs ('' for none). */
  mode: string;
  /** Per command: median wall time, the workers used, and the pool's reason. */
  runs: Array<{ label: string; wallMs: number; used: number; reason: string; rounds: number[] }>;
}

const COMMANDS: Array<{ label: string; args: string[] }> = [
  { label: '--procs 1', args: ['--procs', '1'] },
  { label: '--procs 2', args: ['--procs', '2'] },
  { label: '--procs 2 --exact-procs', args: ['--procs', '2', '--exact-procs'] },
  { label: '--procs 8', args: ['--procs', '8'] },
];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** `scales`: numbers, or `scale:args` for a row run with extra arguments (`4:--no-pushdown`). */
export async function poolDecisions(cli: string, scales: string[], rounds: number): Promise<PoolDecisionRow[]> {
  const rows: PoolDecisionRow[] = [];
  for (const spec of scales) {
    const [scaleText, ...modeParts] = spec.split(':');
    const scale = Number(scaleText);
    const mode = modeParts.join(':');
    const extra = mode ? mode.split(' ') : [];
    ensureBlogDatabase(blogDatabaseFile(scale), scale);
    const env = { BLOG_SCALE: String(scale) };
    const walls = COMMANDS.map(() => [] as number[]);
    const last: Array<{ used: number; reason: string; rows: number; invalidRows: number }> = [];
    for (let round = 0; round < rounds; round++) {
      for (const [index, command] of COMMANDS.entries()) {
        const measured = await measureProcess(process.execPath, [cli, ...command.args, ...extra, '--format', 'json', '--no-progress'], env);
        if (measured.code !== 0 && measured.code !== 1) throw new Error(`${command.label} ${mode} at scale ${scale} failed: ${measured.stderr}`);
        const { summary } = JSON.parse(measured.stdout);
        walls[index].push(measured.wallMs);
        last[index] = { used: summary.procs, reason: summary.procsReason, rows: summary.rows, invalidRows: summary.invalidRows };
      }
      process.stderr.write(`  pool, scale ${scale}${mode ? ` ${mode}` : ''}, round ${round + 1}: ` +
        `${COMMANDS.map((c, i) => `${c.label} ${(walls[i].at(-1)! / 1000).toFixed(2)} s`).join(', ')}\n`);
    }
    const verdicts = new Set(last.map((run) => run.invalidRows));
    if (verdicts.size !== 1) throw new Error(`at scale ${scale} the runs disagree on invalid rows: ${[...verdicts].join(', ')}`);
    rows.push({
      scale,
      rows: last[0].rows,
      mode,
      runs: COMMANDS.map((command, index) => ({
        label: command.label,
        wallMs: Math.round(median(walls[index])),
        used: last[index].used,
        reason: last[index].reason,
        rounds: walls[index].map(Math.round),
      })),
    });
  }
  return rows;
}

export function poolDecisionTable(rows: PoolDecisionRow[]): string {
  const lines = [
    '| rows | reading | --procs 1 (s) | --procs 2 (s), workers used | --procs 2 --exact-procs (s) | --procs 8 (s), workers used | --procs 8 / --procs 1 | --procs 8 / --procs 2 |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const [one, two, forced, eight] = row.runs;
    const s = (ms: number) => (ms / 1000).toFixed(2);
    lines.push(`| ${row.rows.toLocaleString('en-US')} | ${row.mode || 'pushdown'} | ${s(one.wallMs)} | ${s(two.wallMs)}, ${two.used} | ${s(forced.wallMs)} | ` +
      `${s(eight.wallMs)}, ${eight.used} | ${(eight.wallMs / one.wallMs).toFixed(2)} | ${(eight.wallMs / two.wallMs).toFixed(2)} |`);
  }
  return lines.join('\n');
}

/** `node bench/ts.js bench/pool-decision.ts [scales] [rounds]`: this part of the benchmark alone, written to bench/results/pool-decision.md. */
if (/pool-decision\.ts$/.test(process.argv[1] ?? '')) {
  const path = require('node:path') as typeof import('node:path');
  const fs = require('node:fs') as typeof import('node:fs');
  const scales = (process.argv[2] ?? '0.000001,0.04,1,4,4:--no-pushdown').split(',');
  const rounds = Number(process.argv[3] ?? 3);
  const cli = path.join(__dirname, '..', 'bin', 'validate-records');
  poolDecisions(cli, scales, rounds).then((rows) => {
    const text = `What the pool decides: medians of ${rounds} rounds alternating the four commands, ${new Date().toISOString().slice(0, 10)}, ` +
      `load average at the end ${require('node:os').loadavg().map((n: number) => n.toFixed(1)).join(' ')}.\n\n${poolDecisionTable(rows)}\n`;
    fs.writeFileSync(path.join(__dirname, 'results', 'pool-decision.md'), text);
    fs.writeFileSync(path.join(__dirname, 'results', 'pool-decision.json'), `${JSON.stringify(rows, null, 2)}\n`);
    process.stdout.write(text);
  }).catch((error) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
