/**
 * The cost of the set-level declaration checks (unique, foreignKey): `npm run bench:declarations
 * -- [--scale S] [--rounds N] [--procs 1,2]`. The blog gets a unique slug and an author
 * relation in posts (bench/declared-blog/); each process count is timed with the validators
 * alone, with the set-level checks added, and with every check, rounds interleaved so that a
 * busy machine slows them alike. Wall time and the CPU time of the whole process tree
 * (/usr/bin/time: the manager and the workers it waited for) are reported: on a shared
 * machine the CPU time is the steadier measure of the checks' cost. Prints a markdown table;
 * exits 1 when two runs of the same checks disagree.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import yargs from 'yargs';
import { ensureDeclaredBlog } from './declared-blog/make-database';
import { measureProcess } from './measure-process';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'bin', 'validate-records');
const DATA_SOURCE = path.join(__dirname, 'declared-blog', 'data-source.ts');

const args = yargs(process.argv.slice(2))
  .option('scale', { type: 'number', default: 0.25, describe: 'Multiplies the blog table sizes' })
  .option('rounds', { type: 'number', default: 5, describe: 'Runs per configuration (medians are reported)' })
  .option('procs', { type: 'string', default: '1,2', describe: 'Process counts' })
  .strict()
  .parseSync();

const CONFIGURATIONS = [
  { label: 'validators', checks: 'validators' },
  { label: 'validators + unique + relations', checks: 'validators,unique,relations' },
  { label: 'all checks', checks: 'validators,columns,unique,relations' },
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** What must be equal at every process count: counts per table and constraint. */
function findings(report: any): string {
  return JSON.stringify(report.tables.map((table: any) => [table.table, table.rows, table.invalidRows,
    table.violations.map((v: any) => `${v.property}:${v.constraint}:${v.count}`).sort()]));
}

async function main(): Promise<void> {
  const file = path.join(ROOT, 'bench', 'declared-blog', `declared-blog-${args.scale}.sqlite`);
  ensureDeclaredBlog(file, args.scale);
  const env = { DECLARED_BLOG_FILE: file };
  const lines = ['| procs | checks | wall s (median) | over validators | CPU s (median) | over validators | invalid rows | wall rounds (s) |',
    '|---:|---|---:|---:|---:|---:|---:|---|'];
  const timing = path.join(os.tmpdir(), `declarations-cost-${process.pid}.time`);
  const seen = new Map<string, string>();
  let disagree = false;
  for (const procs of args.procs.split(',').map(Number)) {
    const times = CONFIGURATIONS.map(() => [] as number[]);
    const cpu = CONFIGURATIONS.map(() => [] as number[]);
    const invalid = CONFIGURATIONS.map(() => 0);
    for (let round = 0; round < args.rounds; round++) {
      for (const [index, configuration] of CONFIGURATIONS.entries()) {
        const command = [CLI, '-d', DATA_SOURCE, '--procs', String(procs), '--exact-procs', '--checks', configuration.checks, '--format', 'json', '--no-progress'];
        const measured = await measureProcess('/usr/bin/time', ['-f', '%U %S', '-o', timing, process.execPath, ...command], env);
        const [user, system] = fs.readFileSync(timing, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
        cpu[index].push((user + system) * 1000);
        if (measured.code !== 1) throw new Error(`${configuration.label} at --procs ${procs} exited ${measured.code}: ${measured.stderr}`);
        const report = JSON.parse(measured.stdout);
        times[index].push(measured.wallMs);
        invalid[index] = report.summary.invalidRows;
        const previous = seen.get(configuration.checks);
        if (previous === undefined) seen.set(configuration.checks, findings(report));
        else if (previous !== findings(report)) disagree = true;
        process.stderr.write(`  --procs ${procs} ${configuration.label}: ${(measured.wallMs / 1000).toFixed(2)} s\n`);
      }
    }
    const over = (values: number[][], index: number) =>
      index === 0 ? '' : `${(((median(values[index]) - median(values[0])) / median(values[0])) * 100).toFixed(0)}%`;
    CONFIGURATIONS.forEach((configuration, index) => {
      const seconds = (ms: number) => (ms / 1000).toFixed(2);
      lines.push(`| ${procs} | ${configuration.label} | ${seconds(median(times[index]))} | ${over(times, index)} | ` +
        `${seconds(median(cpu[index]))} | ${over(cpu, index)} | ${invalid[index]} | ${times[index].map(seconds).join(' ')} |`);
    });
  }
  fs.rmSync(timing, { force: true });
  console.log(`Declared blog at scale ${args.scale}, ${args.rounds} rounds, load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores\n`);
  console.log(lines.join('\n'));
  if (disagree) {
    console.log('\nFAILED: the same checks gave different findings at different process counts.');
    process.exitCode = 1;
  } else console.log('\nSame findings at every process count.');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
