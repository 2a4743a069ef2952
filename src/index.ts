/**
 * validate-records as a library: the same run as the CLI, returning the report.
 *
 *   import { validateRecords, withDefaults } from 'validate-records';
 *   const { report } = await validateRecords(withDefaults({ dataSource: 'src/data-source.ts', procs: 4 }));
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULTS, type RunOptions } from './options';

export { validateRecords, type RunOutcome } from './validate-records';
export { mergeReports } from './merge/merge-reports';
export { Cancellation } from './run/cancellation';
export { FORMATTERS, type FormatName } from './report/formatters';
export { EXIT_CODES } from './report/run-report';
export { UserError } from './errors';
export type { RunObserver } from './run/run-observer';
export type { RunOptions } from './options';
export type {
  FallbackClass, PieceReport, RunReport, RunStatus, RunSummary, Sample, TableReport, TableStatus, ViolationCount,
} from './report/model';

/** The CLI's defaults for every option not given; `dataSource` is resolved from the working directory. */
export function withDefaults(options: Partial<RunOptions> & Pick<RunOptions, 'dataSource'>): RunOptions {
  return {
    procs: os.availableParallelism(),
    batchSize: DEFAULTS.batchSize,
    maxSamples: DEFAULTS.maxSamples,
    showValues: false,
    withDeleted: false,
    only: [],
    except: [],
    validatorOptions: {},
    strategy: 'dynamic',
    tableRules: [],
    ...options,
    dataSource: path.resolve(options.dataSource),
  };
}
