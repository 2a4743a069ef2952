import * as os from 'node:os';
import { BaselineRun, type BaselineUpdate } from './baseline/baseline-run';
import { databaseFamily } from './datasource/database-family';
import { loadEnvFiles } from './datasource/env-files';
import { isLocalServer } from './datasource/local-server';
import { describeTarget, openDataSource } from './datasource/open-data-source';
import type { DataSource } from './datasource/typeorm-types';
import { UserError } from './errors';
import { describeTables } from './inventory/describe-tables';
import type { TableDescription } from './inventory/table-description';
import type { RunOptions } from './options';
import { buildPlan } from './plan/build-pieces';
import { buildShardPlan, type ShardPlan } from './plan/shard-plan';
import { assembleTables } from './report/assemble-tables';
import type { RunReport } from './report/model';
import type { PieceResult } from './report/piece-result';
import { buildRunReport } from './report/run-report';
import { Cancellation } from './run/cancellation';
import { busySlots, runPlan } from './run/manager';
import { decidePoolSize, estimatedRates, type PoolSize } from './run/pool-size';
import type { RunObserver } from './run/run-observer';
import { RunWorkers } from './run/run-workers';
import type { SessionSettings } from './scan/scan-session';
import { prefilteredTables } from './scan/table-checks';
import { loadClassValidator, type ClassValidatorApi } from './validation/class-validator-api';

export interface RunOutcome {
  report: RunReport;
  /** With --update-baseline: what changed in the file, and whether it was written. */
  baselineUpdate?: BaselineUpdate;
}

/**
 * Validates every row of every selected entity table (or, with --shard, this machine's
 * part of them) and returns the report: load the project, describe its tables, decide the
 * workers and plan the pieces, run them, then assemble and judge the tables.
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
  const settings = sessionSettings(options, baseline);
  const loadStarted = performance.now();
  const dataSource = await openDataSource(options.dataSource);
  const loadMs = performance.now() - loadStarted;
  let workers: RunWorkers | undefined;
  try {
    const classValidator = loadClassValidator(options.dataSource);
    const groups = options.validatorOptions.groups as string[] | undefined;
    const allTables = await describeTables(dataSource, classValidator, options, groups);
    if (allTables.length === 0) throw new UserError(noTablesMessage(dataSource, options));
    const shardPlan = options.shard ? await buildShardPlan(dataSource, allTables, options.shard, options.pieceRows) : undefined;
    const tables = shardPlan?.tables ?? allTables;
    const poolSize = choosePoolSize(options, dataSource, tables, shardPlan, loadMs, classValidator, settings);
    workers = RunWorkers.start(poolSize, { dataSource, dataSourceModule: options.dataSource, envFiles, classValidator, settings });
    const plan = shardPlan?.plan ?? await buildPlan(dataSource, tables, poolSize.procs, options.strategy, options.pieceRows);
    const used = { ...poolSize, procs: busySlots(poolSize.procs, plan) };
    observer.planned?.(shardPlan?.shareOfTables ?? tables, used.procs);
    const scanned = await runPlan(plan, await workers.connect(), observer, cancellation);
    observer.finished?.();
    // A run limited by --only/--except keeps the baseline's other entities; a whole run drops those the data source no longer has.
    const keepUnscanned = options.only.length > 0 || options.except.length > 0;
    const results = baseline ? baseline.apply({ tables, results: scanned, keepUnscanned }, options.maxSamples, scanComplete(tables, scanned, cancellation)) : scanned;
    const tableReports = assembleTables(tables, results, {
      maxSamples: options.maxSamples,
      cancelled: cancellation.cancelled,
      tableRules: options.tableRules,
      baselineRows: baseline && ((entity) => baseline.rowsOf(entity)),
      shard: shardPlan,
    });
    const report = buildRunReport(tableReports, {
      durationMs: Date.now() - startedAt,
      pool: used,
      cancelled: cancellation.cancelled,
      baseline: options.baseline?.file,
      fallbackClasses: results.flatMap((result) => result.report?.fallbackClasses ?? []),
      pushdown: results.flatMap((result) => result.report?.pushdown ?? []),
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
    await workers?.close();
    if (dataSource.isInitialized) await dataSource.destroy();
    baseline?.dispose();
  }
}

function sessionSettings(options: RunOptions, baseline: BaselineRun | undefined): SessionSettings {
  return {
    batchSize: options.batchSize,
    maxSamples: options.maxSamples,
    showValues: options.showValues,
    withDeleted: options.withDeleted,
    validatorOptions: options.validatorOptions,
    failingRowsDir: baseline?.spillDir,
    checks: options.checks,
    pushdown: options.pushdown,
  };
}

/** How many workers pay off for the rows this run (or this shard) scans; see src/run/pool-size.ts. */
function choosePoolSize(
  options: RunOptions,
  dataSource: DataSource,
  tables: TableDescription[],
  shardPlan: ShardPlan | undefined,
  loadMs: number,
  classValidator: ClassValidatorApi | undefined,
  settings: SessionSettings,
): PoolSize {
  const server = databaseFamily(dataSource) !== 'sqlite';
  const scannable = tables.filter((table) => table.validated && !table.error);
  // Which tables are prefiltered matters only where the model decides (more than one process allowed, not forced).
  const decides = options.procs > 1 && !options.exactProcs;
  const prefiltered = decides ? prefilteredTables(dataSource, classValidator, settings, scannable.map((table) => table.table)) : new Set<string>();
  const scanned = shardPlan
    ? shardPlan.plan.pieces.map((piece) => ({ table: piece.table, rows: piece.estimatedRows, prefiltered: prefiltered.has(piece.table) }))
    : scannable.map((table) => ({ table: table.table, rows: table.rows, prefiltered: prefiltered.has(table.table) }));
  return decidePoolSize({
    requested: options.procs,
    exact: options.exactProcs ?? false,
    cpus: os.availableParallelism(),
    server,
    remote: server && !isLocalServer(dataSource),
    tables: scanned,
    splits: !shardPlan && options.strategy === 'dynamic',
    loadMs,
    ...estimatedRates(server),
  });
}

/** Every table scanned to its end: only then may --update-baseline replace the file. */
function scanComplete(tables: TableDescription[], results: PieceResult[], cancellation: Cancellation): boolean {
  return !cancellation.cancelled && tables.every((table) => !table.error) &&
    results.every((result) => result.report && result.complete && !result.error);
}

/** The settings that change what a shard reports: shards of one set must share them. */
function resultSettings(options: RunOptions, baseline: BaselineRun | undefined) {
  return {
    maxSamples: options.maxSamples,
    showValues: options.showValues,
    withDeleted: options.withDeleted,
    validatorOptions: options.validatorOptions,
    tableRules: options.tableRules,
    checks: options.checks ?? null,
    baseline: baseline?.fingerprint() ?? null,
  };
}

function noTablesMessage(dataSource: DataSource, options: RunOptions): string {
  const filtered = options.only.length > 0 || options.except.length > 0;
  return `No entity table of ${describeTarget(dataSource)} is selected` +
    (filtered ? ' by --only/--except.' : '; the DataSource lists no entities.');
}
