import { thresholdsFor, type NamedRule } from '../config/table-rules';
import type { TableDescription } from '../inventory/table-description';
import { assembleTable } from './assemble-table';
import { gateTable } from './gate-table';
import type { TableReport } from './model';
import { resultsByTable, type PieceResult } from './piece-result';
import { partReports } from './shard-parts';
import { unscannedTableReport } from './table-report';

export interface AssemblyContext {
  maxSamples: number;
  cancelled: boolean;
  tableRules: NamedRule[];
  /** With a baseline: its rows of an entity. */
  baselineRows?: (entity: string) => number;
  /** With --shard: the tables this shard scanned whole; their pieces go into the report too, for merge-reports. */
  shard?: { wholeTables: Set<string> };
}

/** The run's table reports, in the order of `tables`: each scanned table merged from its pieces and judged. */
export function assembleTables(tables: TableDescription[], results: PieceResult[], context: AssemblyContext): TableReport[] {
  const byTable = resultsByTable(results);
  return tables.map((table) => {
    const pieces = byTable.get(table.table) ?? [];
    const scanned = !table.error && table.validated;
    const assembled = scanned ? assembleTable(table, pieces, context.maxSamples, context.cancelled) : unscannedTableReport(table);
    const gated = gateTable(assembled, {
      thresholds: thresholdsFor(context.tableRules, table.entity, table.table),
      baselineRows: context.baselineRows?.(table.entity),
      whole: !context.shard || context.shard.wholeTables.has(table.table),
    });
    return context.shard && scanned && pieces.length > 0 ? { ...gated, parts: partReports(pieces) } : gated;
  });
}
