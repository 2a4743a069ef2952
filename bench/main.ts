/**
 * The benchmark: `npm run bench -- [--scale S] [--out DIR] [--rounds N] [--procs 1,2,5,7]`.
 * Generates the blog fixture, times whole processes (the CLI at several process counts and
 * both strategies, the raw read limit, the naive TypeORM loop), reports medians as a
 * markdown table, results.json, two SVG charts and a scheduling simulation.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import yargs from 'yargs';
import { blogDatabaseFile, ensureBlogDatabase } from '../fixtures/blog/generate';
import { measureProcess, type Measured } from './measure-process';
import { poolDecisions, poolDecisionTable } from './pool-decision';
import { pushdownComparison, pushdownTable } from './pushdown';
import { simulateWallMs, type TableCost } from './simulate';
import { lineChart } from './svg-chart';

interface Run {
  label: string;
  strategy: string;
  procs: number;
  wallMs: number;
  rows: number;
  rowsPerSec: number;
  peakRssMb: number;
  managerPeakRssMb: number;
  workerPeakRssMb: number;
  invalidRows: number | null;
  rounds: number[];
}

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'bin', 'validate-records');
const TS = path.join(__dirname, 'ts.js');

const args = yargs(process.argv.slice(2))
  .option('scale', { type: 'number', default: 1, describe: 'Multiplies the blog table sizes' })
  .option('out', { type: 'string', default: path.join(ROOT, 'bench', 'out'), describe: 'Output folder' })
  .option('rounds', { type: 'number', default: 3, describe: 'Runs per configuration (medians are reported)' })
  .option('procs', { type: 'string', default: '1,2,5,7', describe: 'Process counts, as in the original blog table' })
  .option('pool-scales', { type: 'string', default: '0.000001,0.04', describe: 'Blog scales (besides --scale) at which the pool\'s decision is measured: --procs 1, 2 and 8 alternating' })
  .option('postgres', { type: 'boolean', default: true, describe: 'Also load the blog into the local PostgreSQL and scan it (--no-postgres to skip)' })
  .strict()
  .parseSync();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measureRuns(
  label: string,
  strategy: string,
  procs: number,
  command: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Run & { last: Measured }> {
  const rounds: Measured[] = [];
  for (let round = 0; round < args.rounds; round++) {
    const measured = await measureProcess(process.execPath, command, { BLOG_SCALE: String(args.scale), ...env });
    if (measured.code !== 0 && measured.code !== 1) {
      throw new Error(`${label} failed (exit ${measured.code}): ${measured.stderr}`);
    }
    rounds.push(measured);
    process.stderr.write(`  ${label}: ${(measured.wallMs / 1000).toFixed(2)} s\n`);
  }
  const last = rounds[rounds.length - 1];
  const output = JSON.parse(last.stdout);
  const rows = output.summary?.rows ?? output.rows;
  const invalidRows = output.summary?.invalidRows ?? output.invalidRows ?? null;
  const wallMs = median(rounds.map((r) => r.wallMs));
  const managerPeakRssMb = Math.max(...rounds.map((r) => r.managerPeakRssMb));
  const workerPeakRssMb = Math.max(...rounds.map((r) => r.workerPeakRssMb));
  return {
    label, strategy, procs, wallMs: Math.round(wallMs), rows, rowsPerSec: Math.round((rows * 1000) / wallMs),
    peakRssMb: Math.max(managerPeakRssMb, workerPeakRssMb), managerPeakRssMb, workerPeakRssMb,
    invalidRows, rounds: rounds.map((r) => Math.round(r.wallMs)), last,
  };
}

function machine() {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    scale: args.scale,
    date: new Date().toISOString().slice(0, 10),
  };
}

function markdownTable(runs: Run[]): string {
  const lines = [
    '| run | strategy | procs | wall (s) | rows/s | manager peak RSS (MB) | largest worker peak RSS (MB) | invalid rows |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const run of runs) {
    lines.push(`| ${run.label} | ${run.strategy} | ${run.procs} | ${(run.wallMs / 1000).toFixed(2)} | ` +
      `${run.rowsPerSec.toLocaleString('en-US')} | ${run.managerPeakRssMb} | ${run.workerPeakRssMb || '-'} | ` +
      `${run.invalidRows?.toLocaleString('en-US') ?? '-'} |`);
  }
  return lines.join('\n');
}

interface ValidationSpeed {
  fixture: string;
  rows: number;
  invalidRows: number;
  plansRowsPerSec: number;
  classValidatorRowsPerSec: number;
}

/** Validation alone (hydrated entities): compiled plans against class-validator's validate(). */
async function validationSpeeds(): Promise<ValidationSpeed[]> {
  const speeds: ValidationSpeed[] = [];
  for (const fixture of ['blog', 'hard']) {
    const measured = await measureProcess(process.execPath, [TS, path.join(__dirname, 'validation-speed.ts'), fixture, String(args.rounds)],
      { BLOG_SCALE: String(args.scale) });
    if (measured.code !== 0) throw new Error(`validation speed on ${fixture} failed: ${measured.stderr}`);
    speeds.push(JSON.parse(measured.stdout));
    process.stderr.write(`  validation only, ${fixture}: done\n`);
  }
  return speeds;
}

function validationTable(speeds: ValidationSpeed[]): string {
  return ['| fixture | entities | compiled plans (rows/s) | class-validator validate() (rows/s) | plans / class-validator |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...speeds.map((s) => `| ${s.fixture} | ${s.rows.toLocaleString('en-US')} | ${s.plansRowsPerSec.toLocaleString('en-US')} | ` +
      `${s.classValidatorRowsPerSec.toLocaleString('en-US')} | ${(s.plansRowsPerSec / s.classValidatorRowsPerSec).toFixed(1)}x |`)].join('\n');
}

/**
 * One process against the raw read, from rounds that alternate the two commands (raw read,
 * then --procs 1): the machine's drift during the benchmark touches both sides alike. Each
 * round gives the ratio of their rows per second; every run must read the same rows.
 */
async function pairedRatios(raw: string[], cli: string[]): Promise<number[]> {
  const ratios: number[] = [];
  for (let round = 0; round < args.rounds; round++) {
    const env = { BLOG_SCALE: String(args.scale) };
    const rawRun = await measureProcess(process.execPath, raw, env);
    const cliRun = await measureProcess(process.execPath, cli, env);
    if (rawRun.code !== 0 || (cliRun.code !== 0 && cliRun.code !== 1)) throw new Error(`paired round failed: ${rawRun.stderr}${cliRun.stderr}`);
    const rawRows = JSON.parse(rawRun.stdout).rows;
    const cliRows = JSON.parse(cliRun.stdout).summary.rows;
    if (rawRows !== cliRows) throw new Error(`the raw read saw ${rawRows} rows, the CLI ${cliRows}`);
    ratios.push(rawRun.wallMs / cliRun.wallMs);
    process.stderr.write(`  paired round: raw ${(rawRun.wallMs / 1000).toFixed(2)} s, --procs 1 ${(cliRun.wallMs / 1000).toFixed(2)} s\n`);
  }
  return ratios;
}

const POSTGRES_DATABASE = 'validate_records_bench';

/** The blog loaded into the local PostgreSQL, scanned at --procs 1 and 2 (the server shares the machine's cores). */
async function postgresRuns(cli: (procs: number, strategy: string) => string[]): Promise<Array<Run & { last: Measured }>> {
  process.stderr.write(`loading the blog into PostgreSQL database ${POSTGRES_DATABASE}\n`);
  const load = await measureProcess(process.execPath,
    [TS, path.join(ROOT, 'fixtures', 'servers', 'load.ts'), 'postgres', POSTGRES_DATABASE, 'blog', String(args.scale)], {});
  if (load.code !== 0) {
    process.stderr.write(`PostgreSQL runs skipped: the blog could not be loaded (${load.stderr.trim().split('\n')[0]})\n`);
    return [];
  }
  const env = { VR_SERVER: 'postgres', VR_DATABASE: POSTGRES_DATABASE };
  const dataSource = ['-d', path.join(ROOT, 'fixtures', 'servers', 'blog-data-source.ts')];
  const runs: Array<Run & { last: Measured }> = [];
  for (const procs of [1, 2]) {
    runs.push(await measureRuns(`validate-records on PostgreSQL --procs ${procs}`, 'dynamic', procs, [...cli(procs, 'dynamic'), ...dataSource], env));
  }
  return runs;
}

async function main(): Promise<void> {
  fs.mkdirSync(args.out, { recursive: true });
  const database = blogDatabaseFile(args.scale);
  process.stderr.write(`generating ${database} (if missing)\n`);
  ensureBlogDatabase(database, args.scale);
  const procsList = args.procs.split(',').map(Number);
  // Exactly N workers: these rows measure what N processes cost, whatever the pool would choose.
  const cli = (procs: number, strategy: string) =>
    [CLI, '--procs', String(procs), '--exact-procs', '--strategy', strategy, '--format', 'json', '--no-progress'];

  const runs: Array<Run & { last: Measured }> = [];
  const rawRead = [TS, path.join(__dirname, 'raw-read.ts')];
  runs.push(await measureRuns('raw better-sqlite3 keyset read (limit)', 'none', 1, rawRead));
  runs.push(await measureRuns('naive: repository.find + await validate()', 'none', 1, [TS, path.join(__dirname, 'naive-typeorm.ts')]));
  for (const procs of procsList) {
    for (const strategy of procs === 1 ? ['dynamic'] : ['dynamic', 'buckets']) {
      runs.push(await measureRuns(`validate-records --procs ${procs}`, strategy, procs, cli(procs, strategy)));
    }
  }

  const ratios = await pairedRatios(rawRead, cli(1, 'dynamic'));
  if (args.postgres) runs.push(...await postgresRuns(cli));
  const pushdown = await pushdownComparison(args.scale, args.rounds, args.postgres ? ['postgres', 'mariadb'] : []);
  const validation = await validationSpeeds();
  const poolScales = [...args.poolScales.split(','), String(args.scale), `${args.scale}:--no-pushdown`];
  const pool = await poolDecisions(CLI, poolScales, args.rounds);

  const verdicts = new Set(runs.filter((r) => r.invalidRows !== null).map((r) => r.invalidRows));
  if (verdicts.size !== 1) throw new Error(`runs disagree on the invalid-row count: ${[...verdicts].join(', ')}`);

  const sqliteRuns = runs.filter((r) => r.label.startsWith('validate-records --procs'));
  const sequential = sqliteRuns.find((r) => r.procs === 1)!;
  const report = JSON.parse(sequential.last.stdout);
  const tables: TableCost[] = report.tables.map((t: any) => ({ table: t.table, rows: t.rows, ms: t.durationMs }));
  const scanMs = tables.reduce((sum, t) => sum + t.ms, 0);
  const managerMs = Math.max(0, sequential.wallMs - scanMs);
  const dynamic2 = sqliteRuns.find((r) => r.procs === 2 && r.strategy === 'dynamic');
  const workerMs = dynamic2
    ? Math.max(0, dynamic2.wallMs - simulateWallMs(tables, 2, 'dynamic', { managerMs, workerMs: 0 }))
    : 300;
  const workerCounts = [1, 2, 4, 8, 16, 32, 64];
  const simulation = workerCounts.map((workers) => ({
    workers,
    dynamicMs: Math.round(simulateWallMs(tables, workers, 'dynamic', { managerMs, workerMs })),
    bucketsMs: Math.round(simulateWallMs(tables, workers, 'buckets', { managerMs, workerMs })),
  }));

  const results = {
    machine: machine(),
    runs: runs.map(({ last, ...run }) => run),
    oneProcessAgainstRawRead: { pairedRatios: ratios.map((r) => Number(r.toFixed(3))), median: Number(median(ratios).toFixed(3)) },
    pushdown,
    validationOnly: validation,
    poolDecisions: pool,
    simulation: { assumptions: { managerMs: Math.round(managerMs), workerMs: Math.round(workerMs), oneCorePerWorker: true }, tables, points: simulation },
  };
  fs.writeFileSync(path.join(args.out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

  const cliRuns = (strategy: string) => sqliteRuns.filter((r) => r.strategy === strategy || r.procs === 1);
  const flat = (run: Run, color: string, name: string) => ({
    name, color, dashed: true, points: [[procsList[0], run.rowsPerSec], [procsList[procsList.length - 1], run.rowsPerSec]] as Array<[number, number]>,
  });
  fs.writeFileSync(path.join(args.out, 'chart.svg'), lineChart({
    title: `validate-records, blog fixture (${results.runs[0].rows.toLocaleString('en-US')} rows), ${machine().cores} cores`,
    xLabel: 'processes', yLabel: 'rows per second (end to end)',
    series: [
      { name: 'dynamic (default)', color: '#1f77b4', points: cliRuns('dynamic').map((r) => [r.procs, r.rowsPerSec]) },
      { name: 'buckets (original)', color: '#ff7f0e', points: cliRuns('buckets').map((r) => [r.procs, r.rowsPerSec]) },
      flat(runs[0], '#2ca02c', 'raw read, 1 process'),
      flat(runs[1], '#d62728', 'naive TypeORM loop'),
    ],
  }));
  fs.writeFileSync(path.join(args.out, 'simulation.svg'), lineChart({
    title: 'Simulated wall time from measured table costs', xLabel: 'worker processes (one core each)', yLabel: 'seconds',
    logX: true,
    series: [
      { name: 'dynamic (default)', color: '#1f77b4', points: simulation.map((s) => [s.workers, s.dynamicMs / 1000]) },
      { name: 'buckets (original)', color: '#ff7f0e', points: simulation.map((s) => [s.workers, s.bucketsMs / 1000]) },
    ],
  }));

  const simulationTable = ['| workers | dynamic (s) | buckets (s) |', '| ---: | ---: | ---: |',
    ...simulation.map((s) => `| ${s.workers} | ${(s.dynamicMs / 1000).toFixed(2)} | ${(s.bucketsMs / 1000).toFixed(2)} |`)].join('\n');
  const m = results.machine;
  const markdown = `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}, ${m.platform}; scale ${m.scale}; ` +
    `median of ${args.rounds} rounds; ${m.date}.\n\n${markdownTable(runs)}\n\n` +
    `One process against the raw read of the same rows, end to end: ${median(ratios).toFixed(2)}, the median of ${ratios.length} ` +
    `rounds that alternate the two (each round: --procs 1 rows/s ÷ raw read rows/s; range ${Math.min(...ratios).toFixed(2)}–` +
    `${Math.max(...ratios).toFixed(2)}). From the medians above: ${(sequential.rowsPerSec / runs[0].rowsPerSec).toFixed(2)}.\n\n` +
    `Pushdown against the raw read of every row and --no-pushdown (medians of ${args.rounds} rounds alternating the three):\n\n${pushdownTable(pushdown)}\n\n` +
    `What the pool decides (--procs is a maximum; medians of ${args.rounds} rounds alternating the four commands):\n\n${poolDecisionTable(pool)}\n\n` +
    `Validation alone, on hydrated entities (best of ${args.rounds}):\n\n${validationTable(validation)}\n\n` +
    `Scheduling simulation (manager start ${Math.round(managerMs)} ms, worker start ${Math.round(workerMs)} ms, measured):\n\n${simulationTable}\n`;
  fs.writeFileSync(path.join(args.out, 'results.md'), markdown);
  process.stdout.write(markdown);
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
