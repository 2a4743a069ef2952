import type { RunReport, TableReport } from '../model';
import { judgedFindings, keyText, number, otherMessages, plural, tableHeadline, usesBaseline, verdict } from '../wording';

/**
 * GitHub Actions workflow commands: an ::error annotation per failed or unscannable table,
 * a ::warning per warned or stopped table, then the verdict as a plain log line. The
 * markdown job summary is written beside it (see step-summary.ts).
 */
export function formatGithub(report: RunReport): string {
  const lines: string[] = [];
  for (const table of report.tables) {
    const annotation = annotate(table);
    if (annotation) lines.push(annotation);
  }
  lines.push(verdict(report));
  return `${lines.join('\n')}\n`;
}

function annotate(table: TableReport): string | undefined {
  const title = `validate-records: ${table.entity} (${table.table})`;
  switch (table.status) {
    case 'failed':
      return command('error', title, findings(table));
    case 'warned':
      return command('warning', title, findings(table));
    case 'error':
      return command('error', title, `could not be scanned: ${table.error}`);
    case 'cancelled':
      return command('warning', title, `stopped before the end of the table, after ${plural(table.rows, 'row')}`);
    default:
      return undefined;
  }
}

function findings(table: TableReport): string {
  const { violations, samples } = judgedFindings(table);
  const lines = [tableHeadline(table)];
  for (const v of violations) lines.push(`${v.property} ${v.constraint}: ${plural(v.count, 'row')} (${v.message}${otherMessages(v)})`);
  if (samples.length > 0) {
    lines.push(`first ${usesBaseline(table) ? 'new ' : ''}invalid rows: ${samples.map((s) => keyText(s.key)).join('; ')}`);
  }
  return lines.join('\n');
}

function command(kind: 'error' | 'warning', title: string, message: string): string {
  return `::${kind} title=${escapeProperty(title)}::${escapeData(message)}`;
}

/** As @actions/core's toCommandValue escaping: the message of a workflow command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property (title=...) also ends at ':' and ','. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
