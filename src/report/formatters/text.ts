import type { RunReport, Sample, TableReport, TableStatus, UnscannedRange, ViolationCount } from '../model';
import { judgedFindings, keyText, number, otherMessages, plural, seconds, tableHeadline, usesBaseline, verdict, pushdownNote } from '../wording';

const STATUS_LABEL: Record<TableStatus, string> = {
  passed: 'ok',
  warned: 'WARN',
  failed: 'FAIL',
  error: 'ERROR',
  'no-validators': 'skip',
  cancelled: 'stopped',
};

/** The human report: a table of tables, then the details of each one with rows to look at. */
export function formatText(report: RunReport): string {
  const { summary } = report;
  const lines: string[] = [];
  const shard = report.shard ? `, shard ${report.shard.index}/${report.shard.count}` : '';
  lines.push(
    `validate-records: ${plural(summary.rows, 'row')} in ${plural(summary.tables, 'table')}, ` +
      `${seconds(summary.durationMs)} (${number(summary.rowsPerSecond)} rows/s, ` +
      `${summary.procs} ${summary.procs === 1 ? 'process' : 'processes'}${shard})`,
  );
  if (report.baseline) lines.push(`compared with the baseline ${report.baseline.file}: only new invalid rows count`);
  lines.push('');
  lines.push(...tableOverview(report.tables, report.baseline !== undefined), '');
  for (const table of report.tables) {
    if (judgedFindings(table).invalidRows > 0) lines.push(...tableDetails(table), '');
  }
  for (const table of report.tables) {
    if (table.unscannedRanges?.length) lines.push(`${table.entity} (${table.table}): stopped; not scanned: ${table.unscannedRanges.map(rangeText).join(', ')}`, '');
  }
  for (const table of report.tables) {
    if (table.error) lines.push(`${table.entity} (${table.table}): ERROR ${table.error}`, '');
  }
  for (const { className, reason } of report.validation?.fallbackClasses ?? []) {
    lines.push(`note: ${className} is validated by class-validator itself (slower, same verdicts): ${reason}`);
  }
  const pushdownNote = pushdownLine(report);
  if (pushdownNote) lines.push(pushdownNote);
  if (report.validation?.fallbackClasses.length || pushdownNote) lines.push('');
  if (summary.procsRequested > summary.procs) {
    lines.push(`note: ran in ${summary.procs} ${summary.procs === 1 ? 'process' : 'processes'}, not the ${summary.procsRequested} --procs allows: ${summary.procsReason}.`, '');
  }
  lines.push(verdict(report));
  return `${lines.join('\n')}\n`;
}

function tableOverview(tables: TableReport[], baseline: boolean): string[] {
  const header = ['', 'entity', 'table', 'invalid', ...(baseline ? ['new', 'fixed'] : []), 'rows', 'time'];
  const counted = (t: TableReport) => t.status !== 'no-validators' && t.status !== 'error';
  const rows = tables.map((t) => [
    STATUS_LABEL[t.status],
    t.entity,
    t.table,
    t.status === 'no-validators' ? 'no validators' : t.status === 'error' ? '-' : number(t.invalidRows),
    ...(baseline ? [counted(t) ? number(t.newInvalidRows ?? 0) : '-', t.fixedRows == null ? '-' : number(t.fixedRows)] : []),
    number(t.rows),
    counted(t) ? seconds(t.durationMs) : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const render = (cells: string[]) =>
    `  ${cells.map((cell, i) => (i >= 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ')}`.trimEnd();
  return [render(header), ...rows.map(render)];
}

function tableDetails(table: TableReport): string[] {
  const { violations, samples } = judgedFindings(table);
  const lines = [`${table.entity} (${table.table}): ${tableHeadline(table)}`, ...violationLines(violations)];
  if (samples.length > 0) {
    const which = usesBaseline(table) ? 'new invalid' : 'invalid';
    const all = samples.length === judgedFindings(table).invalidRows;
    lines.push(`  ${all ? (samples.length === 1 ? 'the' : `all ${samples.length}`) : `first ${samples.length}`} ${which} ${samples.length === 1 ? 'row' : 'rows'}:`);
    for (const sample of samples) lines.push(...sampleLines(sample));
  }
  return lines;
}

function violationLines(violations: ViolationCount[]): string[] {
  const widths = [
    Math.max(...violations.map((v) => v.property.length)),
    Math.max(...violations.map((v) => v.constraint.length)),
    Math.max(...violations.map((v) => number(v.count).length)),
  ];
  return violations.map((v) =>
    `  ${v.property.padEnd(widths[0])}  ${v.constraint.padEnd(widths[1])}  ${number(v.count).padStart(widths[2])}  ${v.message}${otherMessages(v)}`);
}

function sampleLines(sample: Sample): string[] {
  const key = keyText(sample.key);
  return sample.errors.map((error, index) => {
    const value = 'value' in error ? ` (value: ${JSON.stringify(error.value)})` : '';
    return `    ${index === 0 ? key : ' '.repeat(key.length)}  ${error.property} ${error.constraint}: ${error.message}${value}`;
  });
}

function pushdownLine(report: RunReport): string | undefined {
  const note = pushdownNote(report);
  return note && `note: ${note}`;
}

function rangeText(range: UnscannedRange): string {
  const bound = (key: unknown[]) => key.map((value) => JSON.stringify(value)).join(', ');
  if (!range.after && !range.through) return 'every row';
  if (!range.after) return `keys up to ${bound(range.through!)}`;
  return range.through ? `keys after ${bound(range.after)} up to ${bound(range.through)}` : `keys after ${bound(range.after)}`;
}
