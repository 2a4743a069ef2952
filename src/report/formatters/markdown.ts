import type { RunReport, TableReport, TableStatus } from '../model';
import { judgedFindings, keyText, number, otherMessages, plural, seconds, tableHeadline, usesBaseline, verdict } from '../wording';

const STATUS_ICON: Record<TableStatus, string> = {
  passed: '✅',
  warned: '⚠️',
  failed: '❌',
  error: '💥',
  'no-validators': '➖',
  cancelled: '⏹️',
};

/** GitHub-flavoured markdown, fit for a job summary or a pull-request comment. */
export function formatMarkdown(report: RunReport): string {
  const { summary } = report;
  const baseline = report.baseline !== undefined;
  const lines = [
    `## validate-records: ${report.status.toUpperCase()}`,
    '',
    escape(verdict(report)),
    '',
    `${plural(summary.rows, 'row')} in ${plural(summary.tables, 'table')}, ${seconds(summary.durationMs)}` +
      (report.shard ? `, shard ${report.shard.index}/${report.shard.count}` : '') +
      (baseline ? `, compared with the baseline ${escape(report.baseline!.file)}` : ''),
    '',
    `| | Entity | Table | Invalid |${baseline ? ' New | Fixed |' : ''} Rows |`,
    `| --- | --- | --- | ---: |${baseline ? ' ---: | ---: |' : ''} ---: |`,
    ...report.tables.map((t) => {
      const scanned = t.status !== 'no-validators' && t.status !== 'error';
      const invalid = t.status === 'no-validators' ? 'no validators' : scanned ? number(t.invalidRows) : '-';
      const extra = baseline ? ` ${scanned ? number(t.newInvalidRows ?? 0) : '-'} | ${t.fixedRows == null ? '-' : number(t.fixedRows)} |` : '';
      return `| ${STATUS_ICON[t.status]} | ${escape(t.entity)} | ${escape(t.table)} | ${invalid} |${extra} ${number(t.rows)} |`;
    }),
  ];
  for (const table of report.tables) {
    if (judgedFindings(table).invalidRows > 0) lines.push('', ...details(table));
    if (table.error) lines.push('', `### ${escape(table.entity)} (${escape(table.table)})`, '', `Could not be scanned: ${escape(table.error)}`);
  }
  return `${lines.join('\n')}\n`;
}

function details(table: TableReport): string[] {
  const { violations, samples } = judgedFindings(table);
  const lines = [
    `### ${STATUS_ICON[table.status]} ${escape(table.entity)} (${escape(table.table)})`,
    '',
    escape(tableHeadline(table)),
    '',
    '| Property | Constraint | Rows | Message |',
    '| --- | --- | ---: | --- |',
    ...violations.map((v) => `| ${escape(v.property)} | ${escape(v.constraint)} | ${number(v.count)} | ${escape(v.message + otherMessages(v))} |`),
  ];
  if (samples.length > 0) {
    lines.push('', `First ${usesBaseline(table) ? 'new ' : ''}invalid rows: ${samples.map((s) => escape(keyText(s.key))).join('; ')}`);
  }
  return lines;
}

/** Text from the database or a validator, inside markdown and table cells: no markup, no HTML, one line. */
export function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_[\]<>|~#]/g, '\\$&')
    .replace(/\r?\n|\r/g, ' ');
}
