import type { ReadConnection } from '../consistency/read-connection';
import type { DeclarationQuery } from '../declarations/declaration-query';
import { rowKeyId } from '../declarations/row-key-id';
import { describeError } from '../errors';
import { findTableMetadata } from '../inventory/entity-tables';
import { liveRowsCondition } from '../inventory/live-rows';
import type { PieceReport, RowKey } from '../report/model';
import { PieceAccumulator, type SampleOptions } from '../report/piece-accumulator';
import type { Finding } from '../validation/flatten-errors';
import { NO_VALIDATION, type RowVerdict, type Validator } from '../validation/row-validator';
import { createHydrator, HydrationError, type Hydrator } from './hydrator';
import type { KeyRange, KeyTuple } from './key-range';
import { buildKeysetQuery } from './keyset-query';
import { countRange } from './range-count';
import { openPostgresCursor } from './postgres-cursor';
import { createBatchReader, type BatchReader, type PieceReader } from './row-source';
import { databaseFamily } from '../datasource/database-family';
import type { TablePrefilter } from '../pushdown/table-prefilter';

export interface ScanSettings extends SampleOptions {
  batchSize: number;
  /** Read soft-deleted rows too (find() leaves them out). */
  withDeleted?: boolean;
}

export interface ScanHooks {
  /** Called after each batch with the number of rows it held. */
  onRows?(rows: number): void;
  /** Checked between batches; a cancelled scan returns what it has. */
  isCancelled?(): boolean;
  /** The range's rows, already counted (Piece.countedRows): a complete prefiltered scan does not count them again. */
  countedRows?: number;
}

/** A scan's report; a stopped scan's report says where it stopped (PieceReport.stoppedAfter). */
export interface ScanResult {
  report: PieceReport;
  complete: boolean;
}

/** Reads one table in keyset batches, hydrates each row, validates it, and counts. */
export class TableScanner {
  private readonly hydrator: Hydrator;
  /** Opens a piece's reader: a cursor (PostgreSQL with a prefilter, see postgres-cursor.ts), else keyset batches. */
  private readonly openReader: (range: KeyRange) => PieceReader;
  private readonly keyProperties: string[];
  private readonly connection: ReadConnection;
  private readonly keyColumns: string[];
  private readonly live: string | undefined;
  private readonly keysOnly: boolean;
  private readonly keyIndexes: number[];

  constructor(
    connection: ReadConnection,
    private readonly table: string,
    private readonly validator: Validator,
    private readonly settings: ScanSettings,
    /** The table's declaration checks, merged into each row's validator findings. */
    private readonly declarations?: DeclarationQuery,
    /** With pushdown: the rows that could fail, the only ones read; the others are counted as valid. */
    private readonly prefilter?: TablePrefilter,
  ) {
    this.connection = connection;
    const { dataSource } = connection;
    const metadata = findTableMetadata(dataSource, table);
    this.hydrator = createHydrator(dataSource, metadata);
    this.keyProperties = metadata.primaryColumns.map((column) => column.propertyPath);
    const keyColumns = metadata.primaryColumns.map((column) => column.databaseName);
    const live = liveRowsCondition(dataSource, metadata, settings.withDeleted ?? false);
    this.keyColumns = keyColumns;
    this.live = live;
    // A table checked for its declarations only is not hydrated: its keys are all the scan reads.
    this.keysOnly = validator === NO_VALIDATION;
    const columnNames = this.keysOnly ? keyColumns : this.hydrator.columnNames;
    this.keyIndexes = this.keysOnly ? keyColumns.map((_, index) => index) : this.hydrator.keyIndexes;
    const filter = prefilter?.sql === undefined ? live : [...(live ? [live] : []), `(${prefilter.sql})`].join(' AND ');
    if (prefilter?.sql !== undefined && databaseFamily(dataSource) === 'postgres') {
      this.openReader = (range) => openPostgresCursor(connection, table, columnNames, keyColumns, range, filter!, settings.batchSize);
    } else {
      const query = buildKeysetQuery(dataSource, table, columnNames, keyColumns, true, settings.batchSize, filter);
      const openQuery = buildKeysetQuery(dataSource, table, columnNames, keyColumns, false, settings.batchSize, filter);
      const bounded = createBatchReader(connection, query);
      const open = createBatchReader(connection, openQuery);
      const read: BatchReader = (after, through) => (through ? bounded(after, through) : open(after, null));
      this.openReader = (range) => ({ next: (after) => read(after, range.through), close: async () => undefined });
    }
  }

  async scan(range: KeyRange, hooks: ScanHooks = {}): Promise<ScanResult> {
    const accumulator = new PieceAccumulator(this.settings);
    const { batchSize } = this.settings;
    let after = range.after;
    let hydrated = 0;
    let complete = false;
    const declared = this.declarations && !this.declarations.empty && !hooks.isCancelled?.()
      ? await this.declarations.findings(this.connection, range)
      : undefined;
    const reader = this.openReader(range);
    let failed = true;
    try {
      for (;;) {
        // SQLite reads are synchronous: without a turn of the event loop between batches, a
        // stop request (a signal, the manager's message, its death) would wait for the last row.
        await turnOfEventLoop();
        if (hooks.isCancelled?.()) break;
        const rows = await reader.next(after);
        if (rows.length > 0) {
          await this.checkBatch(rows, accumulator, declared?.size ? declared : undefined);
          hydrated += rows.length;
          hooks.onRows?.(rows.length);
          after = this.keyTuple(rows[rows.length - 1]);
        }
        if (rows.length < batchSize) {
          complete = true;
          break;
        }
      }
      failed = false;
    } finally {
      // After a failed query the transaction refuses everything: the first error is the one to report.
      await (failed ? reader.close().catch(() => undefined) : reader.close());
    }
    if (this.prefilter?.sql !== undefined && (complete || after !== range.after)) {
      // Rows outside the prefilter are valid by construction: counted, not read (after a
      // stop, those up to the last row read, so the partial report counts every row scanned).
      const counted = complete ? range : { after: range.after, through: after };
      // Fewer counted rows than read means the table changed since it was counted: count again.
      const rows = complete && hooks.countedRows !== undefined && hooks.countedRows >= hydrated
        ? hooks.countedRows
        : await countRange(this.connection, this.table, this.keyColumns, counted, this.live);
      const outside = rows - hydrated;
      accumulator.addValid(outside);
      hooks.onRows?.(outside);
    }
    const report: PieceReport = { ...accumulator.report(), rowsHydrated: hydrated };
    const fallbackClasses = this.validator.fallbackClasses();
    if (fallbackClasses.length > 0) report.fallbackClasses = fallbackClasses;
    const pushdown = this.prefilter?.classes;
    if (pushdown && pushdown.length > 0) report.pushdown = pushdown;
    if (!complete) report.stoppedAfter = after;
    return { report, complete };
  }

  /** `declared`: the piece's rows that break a declaration, by rowKeyId: a row counts once, with both kinds of findings. */
  private async checkBatch(rows: unknown[][], accumulator: PieceAccumulator, declared?: Map<unknown, Finding[]>): Promise<void> {
    const verdicts: RowVerdict[] = new Array(rows.length);
    let pending = false;
    for (let i = 0; i < rows.length; i++) {
      const verdict = this.keysOnly ? NO_FINDINGS : this.checkRow(rows[i]);
      if (verdict instanceof Promise) pending = true;
      verdicts[i] = verdict;
    }
    const settled = pending ? await Promise.all(verdicts) : (verdicts as Finding[][]);
    let valid = 0;
    for (let i = 0; i < settled.length; i++) {
      const findings = declared ? withDeclared(settled[i], declared.get(rowKeyId(this.keyTuple(rows[i])))) : settled[i];
      if (findings.length === 0) valid++;
      else accumulator.addInvalid(this.rowKey(rows[i]), findings);
    }
    accumulator.addValid(valid);
  }

  private checkRow(row: unknown[]): RowVerdict {
    let entity: object;
    try {
      entity = this.hydrator.hydrate(row);
    } catch (error) {
      return [this.hydrationFinding(error)];
    }
    try {
      const loading = this.hydrator.afterLoad(entity);
      if (loading) {
        return loading.then(
          () => this.validateEntity(entity),
          (error) => [finding('*', 'afterLoad', `an @AfterLoad listener threw: ${describeError(error)}`)],
        );
      }
    } catch (error) {
      return [finding('*', 'afterLoad', `an @AfterLoad listener threw: ${describeError(error)}`)];
    }
    return this.validateEntity(entity);
  }

  /** Parser errors quote the bad text (JSON.parse does): the details are values, shown only on request. */
  private hydrationFinding(error: unknown): Finding {
    const hydration = error instanceof HydrationError ? error : undefined;
    const cause = hydration?.cause ?? error;
    const message = this.settings.showValues
      ? `could not be read as TypeORM reads it: ${describeError(cause)}`
      : `could not be read as TypeORM reads it (${cause instanceof Error ? cause.name : 'error'}; --show-values shows the details)`;
    return { property: hydration?.property ?? '*', constraint: 'hydration', message, value: hydration?.value };
  }

  private validateEntity(entity: object): RowVerdict {
    try {
      const verdict = this.validator.validate(entity);
      return verdict instanceof Promise ? verdict.catch(validatorThrew) : verdict;
    } catch (error) {
      return validatorThrew(error);
    }
  }

  private keyTuple(row: unknown[]): KeyTuple {
    return this.keyIndexes.map((index) => row[index]);
  }

  private rowKey(row: unknown[]): RowKey {
    const key: RowKey = {};
    this.keyIndexes.forEach((index, position) => {
      key[this.keyProperties[position]] = row[index];
    });
    return key;
  }
}

const NO_FINDINGS: Finding[] = [];

function withDeclared(findings: Finding[], declared: Finding[] | undefined): Finding[] {
  return declared ? findings.concat(declared) : findings;
}

function validatorThrew(error: unknown): Finding[] {
  return [finding('*', 'validatorThrew', `a validator threw: ${describeError(error)}`)];
}

function finding(property: string, constraint: string, message: string): Finding {
  return { property, constraint, message, value: undefined };
}

function turnOfEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
