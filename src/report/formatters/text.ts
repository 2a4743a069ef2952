import type { RunReport, Sample, TableReport, TableStatus } from '../model';

const STATUS_LABEL: Record<TableStatus, string> = {
  passed: 'ok',
  failed: 'FAIL',
  error: 'ERROR',
  'no-validators': 'skip',
  cancelled: 'stopped',
};

const number = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** The human report: a table of tables, then the details of each one that failed. */
export function formatText(report: RunReport): string {
  const { summary } = report;
  const lines: string[] = [];
  lines.push(
    `validate-records: ${number(summary.rows)} rows in ${summary.tables} tables, ` +
      `${seconds(summary.durationMs)} (${number(summary.rowsPerSecond)} rows/s, ` +
      `${summary.procs} ${summary.procs === 1 ? 'process' : 'processes'})`,
    '',
  );
  lines.push(...tableOverview(report.tables), '');
  for (const table of report.tables) {
    if (table.invalidRows > 0) lines.push(...tableDetails(table), '');
  }
  for (const table of report.tables) {
    if (table.error) lines.push(`${table.entity} (${table.table}): ERROR ${table.error}`, '');
  }
  lines.push(verdict(report));
  return `${lines.join('\n')}\n`;
}

function tableOverview(tables: TableReport[]): string[] {
  const header = ['', 'entity', 'table', 'invalid', 'rows', 'time'];
  const rows = tables.map((t) => [
    STATUS_LABEL[t.status],
    t.entity,
    t.table,
    t.status === 'no-validators' ? 'no validators' : t.status === 'error' ? '-' : number(t.invalidRows),
    number(t.rows),
    t.status === 'passed' || t.status === 'failed' || t.status === 'cancelled' ? seconds(t.durationMs) : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const numeric = new Set([3, 4, 5]);
  const render = (cells: string[]) =>
    `  ${cells.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ')}`.trimEnd();
  return [render(header), ...rows.map(render)];
}

function tableDetails(table: TableReport): string[] {
  const lines = [`${table.entity} (${table.table}): ${number(table.invalidRows)} of ${number(table.rows)} rows invalid`];
  const widths = [
    Math.max(...table.violations.map((v) => v.property.length)),
    Math.max(...table.violations.map((v) => v.constraint.length)),
    Math.max(...table.violations.map((v) => number(v.count).length)),
  ];
  for (const v of table.violations) {
    lines.push(`  ${v.property.padEnd(widths[0])}  ${v.constraint.padEnd(widths[1])}  ${number(v.count).padStart(widths[2])}  ${v.message}`);
  }
  if (table.samples.length > 0) {
    lines.push(`  first ${table.samples.length} invalid ${table.samples.length === 1 ? 'row' : 'rows'}:`);
    for (const sample of table.samples) lines.push(...sampleLines(sample));
  }
  return lines;
}

function sampleLines(sample: Sample): string[] {
  const key = Object.entries(sample.key).map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(', ');
  return sample.errors.map((error, index) => {
    const value = 'value' in error ? ` (value: ${JSON.stringify(error.value)})` : '';
    return `    ${index === 0 ? key : ' '.repeat(key.length)}  ${error.property} ${error.constraint}: ${error.message}${value}`;
  });
}

function verdict(report: RunReport): string {
  const { summary } = report;
  switch (report.status) {
    case 'passed':
      return `PASSED: every row is valid.`;
    case 'failed':
      return `FAILED: ${number(summary.invalidRows)} invalid rows in ${summary.failedTables} of ${summary.tables} tables.`;
    case 'error':
      return `ERROR: ${summary.erroredTables} ${summary.erroredTables === 1 ? 'table' : 'tables'} could not be scanned` +
        (summary.invalidRows > 0 ? `; ${number(summary.invalidRows)} invalid rows in the others.` : '.');
    case 'cancelled':
      return `CANCELLED: partial report, ${number(summary.invalidRows)} invalid rows found before the stop.`;
  }
}
