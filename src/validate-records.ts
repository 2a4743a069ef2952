import { openDataSource, describeTarget } from './datasource/open-data-source';
import { UserError } from './errors';
import { describeTables } from './inventory/describe-tables';
import type { RunOptions } from './options';
import type { RunReport } from './report/model';
import { buildRunReport } from './report/run-report';
import { runInProcess } from './run/in-process-runner';
import type { Cancellation, RunObserver } from './run/run-observer';
import { ScanSession } from './scan/scan-session';
import { loadClassValidator } from './validation/class-validator-api';

/** Validates every row of every selected entity table and returns the report. */
export async function validateRecords(
  options: RunOptions,
  observer: RunObserver = {},
  cancellation: Cancellation = { cancelled: false },
): Promise<RunReport> {
  const startedAt = Date.now();
  const dataSource = await openDataSource(options.dataSource);
  const classValidator = loadClassValidator(options.dataSource);
  try {
    const groups = options.validatorOptions.groups as string[] | undefined;
    const tables = await describeTables(dataSource, classValidator, options, groups);
    if (tables.length === 0) {
      throw new UserError(`No entity table of ${describeTarget(dataSource)} is selected` +
        (options.only.length || options.except.length ? ' by --only/--except.' : '; the DataSource lists no entities.'));
    }
    observer.planned?.(tables, 1);
    const session = new ScanSession(dataSource, classValidator, options);
    const tableReports = await runInProcess(session, tables, options.maxSamples, cancellation, observer);
    observer.finished?.();
    return buildRunReport(tableReports, { durationMs: Date.now() - startedAt, procs: 1, cancelled: cancellation.cancelled });
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}
