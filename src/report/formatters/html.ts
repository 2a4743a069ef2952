import type { RunReport, TableReport } from '../model';
import { number, plural, pushdownNote } from '../wording';
import { invalidRowsChart } from './html/chart';
import { esc, hasDetails, notesList, otherFields } from './html/markup';
import { PAGE_SCRIPT } from './html/page-script';
import { PAGE_STYLE } from './html/page-style';
import { processNote, summaryTiles, verdictBanner } from './html/summary';
import { tableDetails } from './html/table-details';
import { tableList } from './html/table-list';

/** Sections open on load when there are at most this many; more are listed closed. */
const MOST_OPEN_SECTIONS = 12;
/** With more sections than this, those off screen are not rendered until scrolled to (a 5,000-table page lays out in a fraction of the time). */
const LAZY_SECTIONS = 200;
const RENDERED_REPORT_FIELDS = new Set(['version', 'status', 'summary', 'baseline', 'shard', 'validation', 'tables']);

/**
 * One self-contained HTML page: inline CSS, script and SVG, and a policy that forbids the
 * page any request. Semantic tables carry everything; the script only sorts, filters and expands.
 */
export function formatHtml(report: RunReport): string {
  const ids = new Map(report.tables.map((t, i) => [t, `t${i + 1}`]));
  const anchor = (t: TableReport) => ids.get(t)!;
  const detailed = report.tables.filter(hasDetails);
  const open = detailed.length <= MOST_OPEN_SECTIONS;
  const sections = [
    verdictBanner(report),
    summaryTiles(report),
    `<h2>Invalid rows per table, worst first</h2>${invalidRowsChart(report.tables, anchor)}`,
    `<h2>All ${plural(report.tables.length, 'table')}</h2>${tableList(report.tables, report.baseline !== undefined, anchor)}<script>${PAGE_SCRIPT}</script>`,
  ];
  if (detailed.length > 0) {
    sections.push(`<h2>Tables to look at (${number(detailed.length)})</h2>${detailed.map((t) => tableDetails(t, anchor(t), open)).join('')}`);
  }
  const notes = runNotes(report);
  if (notes) sections.push(`<h2>Notes</h2>${notes}`);
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>validate-records: ${report.status.toUpperCase()}</title><style>${PAGE_STYLE}</style></head>\n` +
    `<body${detailed.length > LAZY_SECTIONS ? ' class="many"' : ''}><main>${sections.join('\n')}\n<footer>validate-records report, version ${report.version}</footer></main></body></html>\n`;
}

function runNotes(report: RunReport): string {
  const items: string[] = [];
  if (report.shard) {
    items.push(`<li>This is shard ${report.shard.index} of ${report.shard.count}: it holds only the tables and pieces this machine scanned. ` +
      'Combine the JSON reports of every shard with <code>validate-records merge-reports</code> for the whole run.');
  }
  const processes = processNote(report.summary);
  if (processes) items.push(processes);
  for (const { className, reason } of report.validation?.fallbackClasses ?? []) {
    items.push(`<li><b>${esc(className)}</b> is validated by class-validator itself (slower, same verdicts): ${esc(reason)}`);
  }
  const pushdown = pushdownNote(report);
  if (pushdown) items.push(`<li>${esc(pushdown.charAt(0).toUpperCase() + pushdown.slice(1))}.`);
  const list = items.length > 0 ? `<ul class="note">${items.join('')}</ul>` : '';
  return list + notesList([...otherFields(report.validation ?? {}, new Set(['fallbackClasses', 'pushdown'])), ...otherFields(report, RENDERED_REPORT_FIELDS)]);
}
