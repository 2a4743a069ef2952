import { describeTarget, openDataSource } from './datasource/open-data-source';
import type { DataSource } from './datasource/typeorm-types';
import { UserError } from './errors';
import { describeTables } from './inventory/describe-tables';
import type { RunOptions } from './options';
import { buildPlan } from './plan/build-pieces';
import type { RunReport } from './report/model';
import { buildRunReport } from './report/run-report';
import { assembleTables } from './run/assemble-tables';
import { Cancellation } from './run/cancellation';
import { ForkedWorker } from './run/forked-worker';
import { InProcessWorker } from './run/in-process-worker';
import { runPlan } from './run/manager';
import { managerTitle, setTitle } from './run/process-title';
import type { RunObserver } from './run/run-observer';
import { ScanSession } from './scan/scan-session';
import { loadClassValidator } from './validation/class-validator-api';

/**
 * Validates every row of every selected entity table and returns the report.
 * --procs 1 scans in this process; more forks that many workers (at most one per piece).
 */
export async function validateRecords(
  options: RunOptions,
  observer: RunObserver = {},
  cancellation: Cancellation = new Cancellation(),
): Promise<RunReport> {
  const startedAt = Date.now();
  const dataSource = await openDataSource(options.dataSource);
  let managerOwnsDataSource = true;
  try {
    const classValidator = loadClassValidator(options.dataSource);
    const groups = options.validatorOptions.groups as string[] | undefined;
    const tables = await describeTables(dataSource, classValidator, options, groups);
    if (tables.length === 0) throw new UserError(noTablesMessage(dataSource, options));
    const plan = await buildPlan(dataSource, tables, options.procs, options.strategy, options.pieceRows);
    const slots = Math.max(1, Math.min(options.procs, plan.pieces.length));
    observer.planned?.(tables, slots);
    let results;
    if (options.procs === 1) {
      const worker = new InProcessWorker(new ScanSession(dataSource, classValidator, options));
      results = await runPlan(plan, 1, () => worker, observer, cancellation);
    } else {
      // Workers open their own connections; the manager's is no longer needed.
      managerOwnsDataSource = false;
      await dataSource.destroy();
      const settings = {
        batchSize: options.batchSize,
        maxSamples: options.maxSamples,
        showValues: options.showValues,
        validatorOptions: options.validatorOptions,
      };
      results = await runPlan(
        plan,
        slots,
        (slot) => new ForkedWorker({ workerNumber: slot + 1, dataSource: options.dataSource, settings }),
        observer,
        cancellation,
        (pids) => setTitle(managerTitle(pids)),
      );
    }
    observer.finished?.();
    const tableReports = assembleTables(tables, results, options.maxSamples, cancellation.cancelled);
    return buildRunReport(tableReports, {
      durationMs: Date.now() - startedAt,
      procs: options.procs === 1 ? 1 : slots,
      cancelled: cancellation.cancelled,
    });
  } finally {
    if (managerOwnsDataSource && dataSource.isInitialized) await dataSource.destroy();
  }
}

function noTablesMessage(dataSource: DataSource, options: RunOptions): string {
  const filtered = options.only.length > 0 || options.except.length > 0;
  return `No entity table of ${describeTarget(dataSource)} is selected` +
    (filtered ? ' by --only/--except.' : '; the DataSource lists no entities.');
}

