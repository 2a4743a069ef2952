import type { TableReport, Thresholds } from './model';
import { conditionHolds, parseCondition } from './threshold-condition';

/** Without a rule in the config file, any invalid row fails its table. */
export const DEFAULT_THRESHOLDS: Thresholds = { errorIf: '> 0', warnIf: null };

export interface TableGate {
  /** The table's rule from the config file, if one matched. */
  thresholds?: Thresholds;
  /** With a baseline: how many of its rows belong to this table's entity. */
  baselineRows?: number;
  /** False when only some pieces of the table were scanned (a --shard run): rows fixed since the baseline are then unknown. */
  whole: boolean;
}

/**
 * The verdict on a table: the rows that count (the new ones when a baseline is in use,
 * else all invalid rows) against its thresholds. Tables that were not scanned to the
 * end (error, cancelled) or have no validators keep their status.
 */
export function gateTable(table: TableReport, gate: TableGate): TableReport {
  const gated: TableReport = { ...table };
  if (gate.baselineRows !== undefined) Object.assign(gated, baselineFields(table, gate.baselineRows, gate.whole));
  if (gate.thresholds) gated.thresholds = gate.thresholds;
  if (table.status !== 'passed' && table.status !== 'failed') return gated;
  const counted = gated.newInvalidRows ?? gated.invalidRows;
  const thresholds = gate.thresholds ?? DEFAULT_THRESHOLDS;
  const holds = (text: string | null) => text !== null && conditionHolds(condition(text), counted, gated.rows);
  gated.status = holds(thresholds.errorIf) ? 'failed' : holds(thresholds.warnIf) ? 'warned' : 'passed';
  return gated;
}

function baselineFields(table: TableReport, baselineRows: number, whole: boolean): Partial<TableReport> {
  const knownInvalidRows = table.knownInvalidRows ?? 0;
  const counted = whole && (table.status === 'passed' || table.status === 'failed' || table.status === 'no-validators');
  return {
    newInvalidRows: table.newInvalidRows ?? 0,
    knownInvalidRows,
    newViolations: table.newViolations ?? [],
    newSamples: table.newSamples ?? [],
    baselineRows,
    fixedRows: counted ? baselineRows - knownInvalidRows : null,
  };
}

function condition(text: string) {
  const parsed = parseCondition(text);
  if (!parsed) throw new Error(`not a threshold condition: ${JSON.stringify(text)}`);
  return parsed;
}
