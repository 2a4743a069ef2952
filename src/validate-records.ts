import { BaselineRun, type BaselineUpdate } from './baseline/baseline-run';
import { thresholdsFor } from './config/table-rules';
import { shareSnapshot } from './consistency/shared-snapshot';
import { loadEnvFiles } from './datasource/env-files';
import { describeTarget, openDataSource } from './datasource/open-data-source';
import type { DataSource } from './datasource/typeorm-types';
import { UserError } from './errors';
import { describeTables } from './inventory/describe-tables';
import type { TableDescription } from './inventory/table-description';
import type { RunOptions } from './options';
import { buildPlan, type Plan } from './plan/build-pieces';
import { buildShardPlan, type ShardPlan } from './plan/shard-plan';
import { gateTable } from './report/gate-table';
import type { RunReport } from './report/model';
import { buildRunReport } from './report/run-report';
import { partReports } from './report/shard-parts';
import { assembleTables, resultsByTable } from './run/assemble-tables';
import { Cancellation } from './run/cancellation';
import { ForkedWorker } from './run/forked-worker';
import { InProcessWorker } from './run/in-process-worker';
import { runPlan, type PieceResult } from './run/manager';
import { PrestartedWorkers } from './run/prestarted-workers';
import { managerTitle, setTitle } from './run/process-title';
import type { RunObserver } from './run/run-observer';
import { ScanSession, type SessionSettings } from './scan/scan-session';
import { loadClassValidator } from './validation/class-validator-api';

export interface RunOutcome {
  report: RunReport;
  /** With --update-baseline: what changed in the file, and whether it was written. */
  baselineUpdate?: BaselineUpdate;
}

/**
 * Validates every row of every selected entity table (or, with --shard, this machine's
 * part of them) and returns the report. --procs 1 scans in this process; more forks that
 * many workers (at most one per piece).
 */
export async function validateRecords(
  options: RunOptions,
  observer: RunObserver = {},
  cancellation: Cancellation = new Cancellation(),
): Promise<RunOutcome> {
  const startedAt = Date.now();
  const envFiles = options.envFiles ?? [];
  loadEnvFiles(envFiles);
  const baseline = options.baseline ? new BaselineRun(options.baseline) : undefined;
  const settings: SessionSettings = {
    batchSize: options.batchSize,
    maxSamples: options.maxSamples,
    showValues: options.showValues,
    withDeleted: options.withDeleted,
    validatorOptions: options.validatorOptions,
    collectFailingRows: baseline !== undefined,
  };
  const workerSetup = (workerNumber: number) => ({ workerNumber, dataSource: options.dataSource, envFiles, settings });
  const prestarted = new PrestartedWorkers(options.procs, workerSetup);
  let dataSource: DataSource | undefined;
  let managerOwnsDataSource = true;
  try {
    dataSource = await openDataSource(options.dataSource);
    const classValidator = loadClassValidator(options.dataSource);
    const groups = options.validatorOptions.groups as string[] | undefined;
    const allTables = await describeTables(dataSource, classValidator, options, groups);
    if (allTables.length === 0) throw new UserError(noTablesMessage(dataSource, options));
    const shardPlan = options.shard ? await buildShardPlan(dataSource, allTables, options.shard, options.pieceRows) : undefined;
    const plan: Plan = shardPlan?.plan ?? await buildPlan(dataSource, allTables, options.procs, options.strategy, options.pieceRows);
    const tables = shardPlan?.tables ?? allTables;
    const slots = Math.max(1, Math.min(options.procs, plan.pieces.length));
    observer.planned?.(shardPlan?.shareOfTables ?? tables, slots);
    let results: Map<number, PieceResult>;
    if (options.procs === 1) {
      const session = await ScanSession.open(dataSource, classValidator, settings);
      try {
        const worker = new InProcessWorker(session);
        results = await runPlan(plan, 1, () => worker, observer, cancellation);
      } finally {
        await session.close();
      }
    } else {
      // Workers open their own connections. On PostgreSQL the manager keeps its one to hold
      // open the snapshot they all adopt; elsewhere it is no longer needed.
      const snapshot = await shareSnapshot(dataSource);
      if (snapshot.id === null) {
        managerOwnsDataSource = false;
        await dataSource.destroy();
      }
      try {
        results = await runPlan(
          plan,
          slots,
          (slot) => (prestarted.take(slot + 1) ?? new ForkedWorker(workerSetup(slot + 1))).begin(snapshot.id),
          observer,
          cancellation,
          (pids) => setTitle(managerTitle(pids)),
        );
      } finally {
        await snapshot.release();
      }
    }
    observer.finished?.();
    baseline?.apply(tables, results, options.maxSamples, scanComplete(tables, results, cancellation));
    const byTable = shardPlan ? resultsByTable(results) : undefined;
    const tableReports = assembleTables(tables, results, options.maxSamples, cancellation.cancelled).map((table) => {
      const gated = gateTable(table, {
        thresholds: thresholdsFor(options.tableRules, table.entity, table.table),
        baselineRows: baseline?.rowsOf(table.entity),
        whole: !shardPlan || shardPlan.wholeTables.has(table.table),
      });
      return byTable?.has(table.table) ? { ...gated, parts: partReports(byTable.get(table.table)!) } : gated;
    });
    const report = buildRunReport(tableReports, {
      durationMs: Date.now() - startedAt,
      procs: options.procs === 1 ? 1 : slots,
      cancelled: cancellation.cancelled,
      baseline: options.baseline?.file,
      fallbackClasses: [...results.values()].flatMap((result) => result.report?.fallbackClasses ?? []),
      shard: shardPlan && options.shard && {
        index: options.shard.index,
        count: options.shard.count,
        plan: shardPlan.digest(resultSettings(options, baseline)),
        tables: allTables.map((table) => table.table),
        maxSamples: options.maxSamples,
      },
    });
    return { report, baselineUpdate: baseline?.update };
  } finally {
    await prestarted.dispose();
    if (managerOwnsDataSource && dataSource?.isInitialized) await dataSource.destroy();
  }
}

/** Every table scanned to its end: only then may --update-baseline replace the file. */
function scanComplete(tables: TableDescription[], results: Map<number, PieceResult>, cancellation: Cancellation): boolean {
  return !cancellation.cancelled && tables.every((table) => !table.error) &&
    [...results.values()].every((result) => result.report && result.complete && !result.error);
}

/** The settings that change what a shard reports: shards of one set must share them. */
function resultSettings(options: RunOptions, baseline: BaselineRun | undefined) {
  return {
    maxSamples: options.maxSamples,
    showValues: options.showValues,
    withDeleted: options.withDeleted,
    validatorOptions: options.validatorOptions,
    tableRules: options.tableRules,
    baseline: baseline?.fingerprint() ?? null,
  };
}

function noTablesMessage(dataSource: DataSource, options: RunOptions): string {
  const filtered = options.only.length > 0 || options.except.length > 0;
  return `No entity table of ${describeTarget(dataSource)} is selected` +
    (filtered ? ' by --only/--except.' : '; the DataSource lists no entities.');
}
