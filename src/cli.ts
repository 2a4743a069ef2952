import * as os from 'node:os';
import * as path from 'node:path';
import yargs from 'yargs';
import { describeBaselineUpdate } from './baseline/baseline-run';
import { findConfigFile, loadConfigFile, type LoadedConfig } from './config/load-config';
import { loadEnvFiles } from './datasource/env-files';
import { UserError, describeError } from './errors';
import { exitWhenFlushed } from './exit-when-flushed';
import { mergeReports } from './merge/merge-reports';
import { ALL_CHECKS, parseChecks, type CheckSelection } from './declarations/checks';
import { DEFAULTS, type CliOptions } from './options';
import { STRATEGIES, type Strategy } from './plan/piece';
import { shardFromOption } from './plan/shard-from-environment';
import { chooseProgress } from './progress/choose-progress';
import { consoleToStderr } from './datasource/console-to-stderr';
import { Cancellation } from './run/cancellation';
import { handleStopSignals } from './run/stop-signals';
import { FORMAT_NAMES } from './report/formatters';
import { parseOutputTargets } from './report/output-targets';
import { prepareOutputs } from './report/prepare-outputs';
import { EXIT_CODES } from './report/run-report';
import { verdict } from './report/wording';
import { writeOutputs } from './report/write-outputs';
import { validateRecords } from './validate-records';

export { exitWhenFlushed };

const USAGE_EXIT = 2;

interface ParsedArgs {
  _: Array<string | number>;
  files?: string[];
  dataSource?: string;
  config?: string;
  procs?: string | string[];
  exactProcs?: boolean;
  /** A string when given once, a list when repeated. */
  format?: string | string[];
  only?: string[];
  except?: string[];
  maxSamples?: string | string[];
  batchSize?: string | string[];
  showValues: boolean;
  withDeleted: boolean;
  progress: boolean;
  strategy: Strategy;
  pieceRows?: string | string[];
  baseline?: string | string[];
  updateBaseline: boolean;
  shard?: string | string[];
  checks?: string | string[];
  pushdown: boolean;
  envFile?: string | string[];
}

const FORMAT_HELP = `Report format: ${FORMAT_NAMES.join(', ')}; name:file writes to a file (repeatable, e.g. -f text -f junit:reports/validate.xml); at most one goes to stdout`;

function parser(argv: string[]) {
  return yargs(argv)
    .scriptName('validate-records')
    .usage('$0 [options]\n$0 merge-reports <files..> [--format ...]\n\nValidates every row of a TypeORM database with its entities\' class-validator decorators.')
    .command('$0', 'Validate every row (the default command)', (y) => y
      .option('data-source', { alias: 'd', type: 'string', describe: 'Module exporting the DataSource (.ts or .js)' })
      .option('config', { alias: 'c', type: 'string', describe: 'Config file (default: ./validate-records.config.{ts,js,cjs,mjs,json})' })
      .option('procs', { alias: 'p', type: 'string', requiresArg: true, describe: `Most worker processes to use (default: CPU count, ${os.availableParallelism()}); fewer, or none, when forking would not pay off` })
      .option('exact-procs', { type: 'boolean', describe: 'Fork exactly --procs workers, however small the work' })
      .option('only', { type: 'array', string: true, describe: 'Only these entities or tables (globs, space- or comma-separated)' })
      .option('except', { type: 'array', string: true, describe: 'Skip these entities or tables (globs, space- or comma-separated)' })
      .option('max-samples', { type: 'string', requiresArg: true, describe: `Invalid rows shown per table (default ${DEFAULTS.maxSamples})` })
      .option('batch-size', { type: 'string', requiresArg: true, describe: `Rows read per query (default ${DEFAULTS.batchSize})` })
      .option('strategy', { choices: STRATEGIES, default: 'dynamic' as Strategy, describe: 'dynamic: big tables split, idle workers pull; buckets: the original round-robin dealing' })
      .option('piece-rows', { type: 'string', requiresArg: true, describe: 'Advanced: rows per key range when splitting big tables (default: automatic)' })
      .option('show-values', { type: 'boolean', default: false, describe: 'Put the invalid values in the report (off: reports end up in CI logs)' })
      .option('with-deleted', { type: 'boolean', default: false, describe: 'Validate soft-deleted rows (@DeleteDateColumn set) too; find() leaves them out' })
      .option('baseline', { type: 'string', requiresArg: true, describe: 'Baseline file of known invalid rows: only new invalid rows count' })
      .option('update-baseline', { type: 'boolean', default: false, describe: 'Record today\'s invalid rows in the --baseline file' })
      .option('pushdown', { type: 'boolean', default: true, describe: 'Read only the rows a SQL prefilter of the validators cannot prove valid (--no-pushdown reads every row)' })
      .option('checks', { type: 'string', requiresArg: true, describe: 'What to check, comma-separated: validators, columns, unique, relations (default: all)' })
      .option('env-file', { type: 'string', requiresArg: true, describe: 'Env file loaded (as node --env-file reads it) before the data source module; repeatable' })
      .option('shard', { type: 'string', requiresArg: true, describe: 'i/n: scan only this machine\'s part of the work (combine with merge-reports); auto reads it from GitLab, CircleCI or Buildkite, auto/n from a Kubernetes Indexed Job' }))
    .command('merge-reports <files..>', 'Merge the JSON reports of --shard runs into one report', (y) => y
      .positional('files', { type: 'string', array: true, describe: 'JSON reports of every shard (--format json:FILE)' }))
    .option('format', { alias: 'f', type: 'string', requiresArg: true, describe: FORMAT_HELP })
    .option('progress', { type: 'boolean', default: true, describe: 'Progress on stderr (--no-progress to silence)' })
    .strict()
    .version()
    .help()
    .alias('help', 'h')
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw new UserError(message ? withoutCamelTwins(message) : describeError(error));
    });
}

/** yargs names an unknown --some-flag twice, as some-flag and someFlag: keep the first. */
function withoutCamelTwins(message: string): string {
  const match = /^(Unknown arguments?): (.*)$/.exec(message);
  if (!match) return message;
  const names = match[2].split(', ');
  const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const kept = names.filter((name) => !names.some((other) => other !== name && camel(other) === name));
  return `${kept.length === 1 ? 'Unknown argument' : 'Unknown arguments'}: ${kept.join(', ')}`;
}

/**
 * The globs of --only or --except: each value may list several, comma-separated. Given with
 * no value at all, the flag would silently select everything: an error instead.
 */
function globList(flag: string, values: string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  const globs = values.flatMap((value) => String(value).split(',')).map((glob) => glob.trim()).filter(Boolean);
  if (globs.length === 0) throw new UserError(`--${flag} needs at least one entity or table name (or glob), as in --${flag} Post or --${flag} 'audit_*'.`);
  return globs;
}

/**
 * A whole-number flag or config value. Flags arrive as text (declared as strings so that
 * the message can quote what was typed: yargs turns "abc" into NaN).
 */
function wholeNumber(name: string, given: string | string[] | number | undefined, min: number, fallback: number, source?: string): number {
  if (given === undefined) return fallback;
  const value = typeof given === 'number' ? given : last(given);
  const parsed = typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value);
  if (!Number.isInteger(parsed) || parsed < min) {
    throw new UserError(`${source ?? `--${name}`} must be a whole number of at least ${min}; got ${JSON.stringify(value)}.`);
  }
  return parsed;
}

/** A number from its flag, else from the config file (whose errors name the file and key). */
function flagOrConfig(name: string, flag: string | string[] | undefined, config: unknown, key: string, configFile: string | undefined, min: number, fallback: number): number {
  if (flag !== undefined) return wholeNumber(name, flag, min, fallback);
  if (config !== undefined && typeof config !== 'number' && typeof config !== 'string') {
    throw new UserError(`"${key}" in ${path.resolve(configFile ?? "")} must be a whole number of at least ${min}; got ${JSON.stringify(config)}.`);
  }
  return wholeNumber(name, config as number | string | undefined, min, fallback, `"${key}" in ${path.resolve(configFile ?? "")}`);
}

async function resolveOptions(args: ParsedArgs): Promise<CliOptions> {
  const outputs = parseOutputTargets(formatValues(args));
  prepareOutputs(outputs);
  // Before the config file: a config module may read process.env too.
  const flagEnvFiles = args.envFile === undefined ? undefined : ([] as string[]).concat(args.envFile).map((file) => path.resolve(file));
  if (flagEnvFiles) loadEnvFiles(flagEnvFiles);
  const configFile = args.config ?? findConfigFile(process.cwd());
  const config: LoadedConfig = configFile ? await loadConfigFile(configFile) : { tableRules: [] };
  const dataSource = args.dataSource ? path.resolve(args.dataSource) : config.dataSource;
  if (!dataSource) {
    throw new UserError('No data source given. Pass -d <module> (the file that exports your TypeORM DataSource) or create validate-records.config.json with { "dataSource": "./src/data-source.ts" } in this directory.');
  }
  return {
    dataSource,
    procs: flagOrConfig('procs', args.procs, config.procs, 'procs', configFile, 1, os.availableParallelism()),
    exactProcs: args.exactProcs ?? config.exactProcs ?? false,
    batchSize: flagOrConfig('batch-size', args.batchSize, config.batchSize, 'batchSize', configFile, 1, DEFAULTS.batchSize),
    maxSamples: flagOrConfig('max-samples', args.maxSamples, config.maxSamples, 'maxSamples', configFile, 0, DEFAULTS.maxSamples),
    showValues: args.showValues,
    withDeleted: args.withDeleted,
    only: globList('only', args.only) ?? config.only ?? [],
    except: globList('except', args.except) ?? config.except ?? [],
    validatorOptions: config.validatorOptions ?? {},
    strategy: args.strategy,
    pieceRows: args.pieceRows === undefined ? undefined : wholeNumber('piece-rows', args.pieceRows, 1, 0),
    tableRules: config.tableRules,
    checks: checkSelection(args, config),
    pushdown: args.pushdown,
    baseline: args.baseline === undefined ? undefined : { file: last(args.baseline), update: args.updateBaseline },
    shard: args.shard === undefined ? undefined : shardFromOption(last(args.shard)),
    envFiles: flagEnvFiles ?? config.envFiles,
    outputs,
    progress: args.progress,
  };
}

/** --checks wins over the config's "checks"; the config's per-table "checks" apply either way. */
function checkSelection(args: ParsedArgs, config: LoadedConfig): CheckSelection {
  const checks = args.checks === undefined ? config.checks ?? ALL_CHECKS : parseChecks(last(args.checks), '--checks');
  const tables = config.tableRules.flatMap((rule) => (rule.checks ? [{ name: rule.name, checks: rule.checks }] : []));
  return { checks, tables };
}

/** A flag given more than once arrives as a list: the last one wins. */
function last(value: string | string[]): string {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

function formatValues(args: ParsedArgs): string[] {
  return args.format === undefined ? [] : ([] as string[]).concat(args.format);
}

function checkCombinations(args: ParsedArgs): void {
  if (args.updateBaseline && args.baseline === undefined) {
    throw new UserError('--update-baseline needs --baseline FILE, the file to write the invalid rows to (such as --baseline validate-records.baseline.json).');
  }
  if (args.shard !== undefined && args.updateBaseline) {
    throw new UserError('--update-baseline cannot be combined with --shard: a shard sees only part of the rows. Update the baseline with one run without --shard.');
  }
  if (args.shard !== undefined && args.strategy === 'buckets') {
    throw new UserError('--shard plans its own pieces, so it cannot be combined with --strategy buckets.');
  }
}

async function mergeCommand(args: ParsedArgs): Promise<number> {
  const outputs = parseOutputTargets(formatValues(args));
  prepareOutputs(outputs);
  const report = mergeReports(args.files ?? []);
  writeOutputs(report, outputs);
  return EXIT_CODES[report.status];
}

export async function main(argv: string[]): Promise<number> {
  try {
    const args = (await parser(argv).parseAsync()) as unknown as ParsedArgs & { help?: boolean; version?: boolean };
    if (args.help || args.version) return 0;
    if (args._[0] === 'merge-reports') return await mergeCommand(args);
    checkCombinations(args);
    const options = await resolveOptions(args);
    const cancellation = new Cancellation();
    const stopOnSignals = handleStopSignals(cancellation);
    // Stdout carries only the report: user code running in this process (an @AfterLoad, a
    // promise of the data source module) prints to stderr for the whole run.
    const restoreConsole = consoleToStderr();
    try {
      const { report, baselineUpdate } = await validateRecords(options, chooseProgress(options.progress), cancellation);
      if (baselineUpdate) process.stderr.write(`validate-records: ${describeBaselineUpdate(baselineUpdate)}\n`);
      writeOutputs(report, options.outputs);
      // Every report went to a file: the verdict still reaches the terminal or the CI log.
      if (options.outputs.length > 0 && options.outputs.every((target) => target.file)) {
        process.stderr.write(`validate-records: ${verdict(report)} Reports: ${options.outputs.map((target) => target.file).join(', ')}\n`);
      }
      return EXIT_CODES[report.status];
    } finally {
      restoreConsole();
      stopOnSignals();
    }
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`validate-records: ${error.message}\n`);
      const cause = error.cause as { stack?: unknown } | undefined;
      if (process.env.VALIDATE_RECORDS_DEBUG && typeof cause?.stack === 'string') process.stderr.write(`${cause.stack}\n`);
    } else {
      process.stderr.write(`validate-records: unexpected error: ${describeError(error)}\n` +
        (process.env.VALIDATE_RECORDS_DEBUG ? `${(error as Error).stack}\n` : 'Set VALIDATE_RECORDS_DEBUG=1 for the stack trace.\n'));
    }
    return USAGE_EXIT;
  }
}

/** Runs the CLI as the process: sets the exit code, and fails loudly where Node would exit 0 quietly. */
export function runAsProgram(argv: string[]): void {
  let finished = false;
  // Node exits with code 0 when nothing is left to wait for, such as when a user's promise
  // (an async validator, an @AfterLoad) can never settle: say so and fail instead.
  process.on('beforeExit', () => {
    if (finished) return;
    process.stderr.write('validate-records: the run cannot go on: it waits for a promise that nothing will ever settle (an async validator or @AfterLoad listener that never resolves?).\n');
    process.exit(USAGE_EXIT);
  });
  main(argv).then((code) => {
    finished = true;
    exitWhenFlushed(code);
  });
}

if (require.main === module) runAsProgram(process.argv.slice(2));
