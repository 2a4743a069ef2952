import { MAX_VIOLATION_MESSAGES, type RowKey, type RunReport, type TableReport, type ViolationCount, type Sample } from './model';

/** Words and numbers shared by the formatters, so that every format says the same thing. */

/**
 * 1234567 as "1,234,567", as toLocaleString('en-US') writes it; integers are grouped here
 * because the first toLocaleString call of a process loads locale data (about 10 ms).
 */
export const number = (n: number): string =>
  Number.isSafeInteger(n) && !Object.is(n, -0) ? String(n).replace(/\B(?=(\d{3})+$)/g, ',') : n.toLocaleString('en-US');
export const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
export const plural = (n: number, word: string) => `${number(n)} ${word}${n === 1 ? '' : 's'}`;

/** After a violation's first message: how many different messages its rows failed with, when more than one. */
export function otherMessages(violation: ViolationCount): string {
  const count = violation.messages?.length ?? 1;
  if (count <= 1) return '';
  return ` (first of ${count === MAX_VIOLATION_MESSAGES ? `${count} or more` : count} different messages)`;
}

export function keyText(key: RowKey): string {
  return Object.entries(key).map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(', ');
}

export function usesBaseline(table: TableReport): boolean {
  return table.baselineRows !== undefined;
}

/** The violations and samples the verdict rests on: the new ones when a baseline is in use. */
export function judgedFindings(table: TableReport): { invalidRows: number; violations: ViolationCount[]; samples: Sample[] } {
  return usesBaseline(table)
    ? { invalidRows: table.newInvalidRows ?? 0, violations: table.newViolations ?? [], samples: table.newSamples ?? [] }
    : { invalidRows: table.invalidRows, violations: table.violations, samples: table.samples };
}

/** "3 new invalid rows (12 of 572,000 invalid, 9 known from the baseline, 2 fixed)" or "5,842 of 572,000 rows invalid". */
export function tableHeadline(table: TableReport): string {
  const thresholds = table.thresholds ? `; ${thresholdText(table)}` : '';
  if (!usesBaseline(table)) return `${number(table.invalidRows)} of ${plural(table.rows, 'row')} invalid${thresholds}`;
  const fixed = table.fixedRows === null || table.fixedRows === undefined ? '' : `, ${number(table.fixedRows)} fixed`;
  return `${plural(table.newInvalidRows ?? 0, 'new invalid row')} (${number(table.invalidRows)} of ${number(table.rows)} invalid, ` +
    `${number(table.knownInvalidRows ?? 0)} known from the baseline${fixed})${thresholds}`;
}

export function thresholdText(table: TableReport): string {
  const { errorIf, warnIf } = table.thresholds!;
  return [errorIf && `error if ${errorIf}`, warnIf && `warn if ${warnIf}`].filter(Boolean).join(', ') || 'never fails';
}

/** The one-line outcome of the run. */
export function verdict(report: RunReport): string {
  const { summary } = report;
  const baseline = summary.newInvalidRows !== undefined;
  const counted = (tables: TableReport[]) => tables.reduce((n, t) => n + judgedFindings(t).invalidRows, 0);
  const what = baseline ? 'new invalid row' : 'invalid row';
  const warned = summary.warnedTables > 0 ? `; ${plural(summary.warnedTables, 'table')} warned` : '';
  const known = baseline ? ` (${number(summary.knownInvalidRows!)} known from the baseline, ${number(summary.fixedRows!)} fixed)` : '';
  switch (report.status) {
    case 'passed': {
      const total = counted(report.tables);
      if (summary.invalidRows === 0) return baseline && summary.fixedRows! > 0 ? `PASSED: every row is valid${known}.` : 'PASSED: every row is valid.';
      if (total === 0) return `PASSED: no new invalid rows${known}.`;
      return `PASSED: ${plural(total, what)}, within the thresholds${warned}${known}.`;
    }
    case 'failed': {
      const failed = report.tables.filter((t) => t.status === 'failed');
      return `FAILED: ${plural(counted(failed), what)} in ${number(failed.length)} of ${plural(summary.tables, 'table')}${warned}${known}.`;
    }
    case 'error':
      return `ERROR: ${plural(summary.erroredTables, 'table')} could not be scanned` +
        (summary.invalidRows > 0 ? `; ${plural(summary.invalidRows, 'invalid row')} in the others.` : '.');
    case 'cancelled':
      return `CANCELLED: partial report, ${plural(summary.invalidRows, 'invalid row')} found before the stop.`;
  }
}

/** How many rows the SQL prefilter let through, and which classes were read whole and why; undefined without pushdown. */
export function pushdownNote(report: RunReport): string | undefined {
  const classes = report.validation?.pushdown ?? [];
  if (classes.length === 0) return undefined;
  const whole = classes.filter((c) => !c.pushed);
  const rows = report.summary.rows;
  const hydrated = report.summary.rowsHydrated ?? rows;
  const read = hydrated < rows
    ? `pushdown: ${number(hydrated)} of ${plural(rows, 'row')} read and validated, the others proven valid in SQL`
    : `pushdown: every row read and validated`;
  return whole.length === 0 ? read : `${read}; read whole: ${whole.map((c) => `${c.className} (${c.reason})`).join(', ')}`;
}
