import { databaseFamily } from '../datasource/database-family';
import type { DataSource } from '../datasource/typeorm-types';
import { checksFor, DEFAULT_CHECKS, type CheckSelection } from '../declarations/checks';
import { compileDeclarations } from '../declarations/compile-declarations';
import { describeError } from '../errors';
import { dialectOf } from '../rules';
import type { ClassValidatorApi } from '../validation/class-validator-api';
import { hasValidators } from '../validation/has-validators';
import { entityTables, tableClasses } from './entity-tables';
import type { TableDescription } from './table-description';
import { liveRowsCondition } from './live-rows';
import { tableSize } from './table-size';
import { matchesSelection, type TableSelection } from './select-tables';
import { compareText } from '../compare-text';

export interface InventoryOptions extends TableSelection {
  /**
   * Set when this run is one shard of several: every machine must cut the same pieces, so
   * sizes are exact counts, not catalog estimates that may change between their runs.
   */
  shard?: unknown;
  /** Count soft-deleted rows too (--with-deleted). */
  withDeleted?: boolean;
  /** What is checked per table: a table is scanned when it has validators or declarations to check. */
  checks?: CheckSelection;
}

/** Every selected entity table with its key, whether it has validators or declarations to check, and its size. */
export async function describeTables(
  dataSource: DataSource,
  classValidator: ClassValidatorApi | undefined,
  selection: InventoryOptions,
  groups?: string[],
): Promise<TableDescription[]> {
  const exactSizes = selection.shard !== undefined;
  const tables: TableDescription[] = [];
  for (const metadata of entityTables(dataSource)) {
    if (!matchesSelection(selection, metadata.name, metadata.tablePath)) continue;
    const checks = checksFor(selection.checks ?? DEFAULT_CHECKS, metadata.name, metadata.tablePath);
    const dialect = dialectOf(dataSource);
    const validated = (checks.includes('validators') && classValidator !== undefined &&
      tableClasses(metadata).some((target) => hasValidators(classValidator, target, groups))) ||
      (dialect !== undefined && compileDeclarations(metadata, dialect.name, checks).length > 0);
    const description: TableDescription = {
      entity: metadata.name,
      table: metadata.tablePath,
      keyProperties: metadata.primaryColumns.map((column) => column.propertyPath),
      validated,
      rows: 0,
      error: null,
    };
    try {
      // Scanned tables report the rows they counted; the others report this number.
      const live = liveRowsCondition(dataSource, metadata, selection.withDeleted ?? false);
      description.rows = await tableSize(dataSource, metadata, exactSizes || !validated, live);
      if (databaseFamily(dataSource) === 'sqlite') description.rowsCounted = true; // tableSize always counts there
    } catch (error) {
      description.error = tableErrorMessage(metadata.name, metadata.tablePath, error);
    }
    tables.push(description);
  }
  return tables.sort((a, b) => b.rows - a.rows || compareText(a.table, b.table));
}

export function tableErrorMessage(entity: string, table: string, error: unknown): string {
  const message = describeError(error);
  const column = /no such column: (?:\S+\.)?"?([^\s"]+)"?|column "?([^\s"]+)"? does not exist|Unknown column '([^']+)'/i.exec(message);
  if (column) {
    const name = (column[1] ?? column[2] ?? column[3]).replace(/^.*\./, '');
    return `table "${table}" has no column "${name}", which entity ${entity} maps: the entities and the database schema differ (a migration not run, or a renamed column?)`;
  }
  if (/no such table|does not exist|doesn't exist/i.test(message)) {
    return `table "${table}" of entity ${entity} does not exist in the database (${message})`;
  }
  return `table "${table}" of entity ${entity} could not be read: ${message}`;
}
