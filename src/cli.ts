import * as os from 'node:os';
import * as path from 'node:path';
import yargs from 'yargs';
import { findConfigFile, loadConfigFile, type ConfigFile } from './config/load-config';
import { UserError, describeError } from './errors';
import { DEFAULTS, type CliOptions } from './options';
import { STRATEGIES, type Strategy } from './plan/piece';
import { chooseProgress } from './progress/choose-progress';
import { Cancellation } from './run/cancellation';
import { FORMATTERS, FORMAT_NAMES, type FormatName } from './report/formatters';
import { EXIT_CODES } from './report/run-report';
import { validateRecords } from './validate-records';

const USAGE_EXIT = 2;

interface ParsedArgs {
  dataSource?: string;
  config?: string;
  procs?: number;
  format: FormatName;
  only?: string[];
  except?: string[];
  maxSamples?: number;
  batchSize?: number;
  showValues: boolean;
  progress: boolean;
  strategy: Strategy;
  pieceRows?: number;
}

function parser(argv: string[]) {
  return yargs(argv)
    .scriptName('validate-records')
    .usage('$0 [options]\n\nValidates every row of a TypeORM database with its entities\' class-validator decorators.')
    .option('data-source', { alias: 'd', type: 'string', describe: 'Module exporting the DataSource (.ts or .js)' })
    .option('config', { alias: 'c', type: 'string', describe: 'Config file (default: ./validate-records.config.{ts,js,cjs,mjs,json})' })
    .option('procs', { alias: 'p', type: 'number', describe: `Worker processes (default: CPU count, ${os.availableParallelism()})` })
    .option('format', { alias: 'f', choices: FORMAT_NAMES, default: 'text' as FormatName, describe: 'Report format on stdout' })
    .option('only', { type: 'array', string: true, describe: 'Only these entities or tables (globs)' })
    .option('except', { type: 'array', string: true, describe: 'Skip these entities or tables (globs)' })
    .option('max-samples', { type: 'number', describe: `Invalid rows shown per table (default ${DEFAULTS.maxSamples})` })
    .option('batch-size', { type: 'number', describe: `Rows read per query (default ${DEFAULTS.batchSize})` })
    .option('strategy', { choices: STRATEGIES, default: 'dynamic' as Strategy, describe: 'dynamic: big tables split, idle workers pull; buckets: the original round-robin dealing' })
    .option('piece-rows', { type: 'number', describe: 'Advanced: rows per key range when splitting big tables (default: automatic)' })
    .option('show-values', { type: 'boolean', default: false, describe: 'Put the invalid values in the report (off: reports end up in CI logs)' })
    .option('progress', { type: 'boolean', default: true, describe: 'Progress on stderr (--no-progress to silence)' })
    .strict()
    .version()
    .help()
    .alias('help', 'h')
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw new UserError(message ?? describeError(error));
    });
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new UserError(`--${name} must be a whole number of at least 1; got ${JSON.stringify(value)}.`);
  }
  return value;
}

async function resolveOptions(args: ParsedArgs): Promise<CliOptions> {
  const configFile = args.config ?? findConfigFile(process.cwd());
  const config: ConfigFile = configFile ? await loadConfigFile(configFile) : {};
  const dataSource = args.dataSource ? path.resolve(args.dataSource) : config.dataSource;
  if (!dataSource) {
    throw new UserError('No data source given. Pass -d <module> (the file that exports your TypeORM DataSource) or create validate-records.config.json with { "dataSource": "./src/data-source.ts" } in this directory.');
  }
  return {
    dataSource,
    procs: positiveInteger('procs', args.procs ?? config.procs, os.availableParallelism()),
    batchSize: positiveInteger('batch-size', args.batchSize ?? config.batchSize, DEFAULTS.batchSize),
    maxSamples: args.maxSamples ?? config.maxSamples ?? DEFAULTS.maxSamples,
    showValues: args.showValues,
    only: args.only ?? config.only ?? [],
    except: args.except ?? config.except ?? [],
    validatorOptions: config.validatorOptions ?? {},
    strategy: args.strategy,
    pieceRows: args.pieceRows === undefined ? undefined : positiveInteger('piece-rows', args.pieceRows, 1),
    format: args.format,
    progress: args.progress,
  };
}

export async function main(argv: string[]): Promise<number> {
  try {
    const args = (await parser(argv).parseAsync()) as unknown as ParsedArgs & { help?: boolean; version?: boolean };
    if (args.help || args.version) return 0;
    const options = await resolveOptions(args);
    if (!Number.isInteger(options.maxSamples) || options.maxSamples < 0) {
      throw new UserError(`--max-samples must be a whole number of at least 0; got ${JSON.stringify(options.maxSamples)}.`);
    }
    const cancellation = new Cancellation();
    const cancel = () => cancellation.cancel();
    process.on('SIGINT', cancel);
    process.on('SIGTERM', cancel);
    try {
      const report = await validateRecords(options, chooseProgress(options.progress), cancellation);
      process.stdout.write(FORMATTERS[options.format](report));
      return EXIT_CODES[report.status];
    } finally {
      process.off('SIGINT', cancel);
      process.off('SIGTERM', cancel);
    }
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`validate-records: ${error.message}\n`);
    } else {
      process.stderr.write(`validate-records: unexpected error: ${describeError(error)}\n` +
        (process.env.VALIDATE_RECORDS_DEBUG ? `${(error as Error).stack}\n` : 'Set VALIDATE_RECORDS_DEBUG=1 for the stack trace.\n'));
    }
    return USAGE_EXIT;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
