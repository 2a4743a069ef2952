import type { RunReport, RunSummary } from '../../model';
import { EXIT_CODES } from '../../run-report';
import { number, plural, seconds, verdict } from '../../wording';
import { esc, notesList, otherFields, words } from './markup';

const RENDERED_SUMMARY_FIELDS = new Set([
  'tables', 'rows', 'invalidRows', 'failedTables', 'warnedTables', 'erroredTables', 'durationMs', 'rowsPerSecond',
  'procs', 'procsRequested', 'procsReason', 'newInvalidRows', 'knownInvalidRows', 'fixedRows', 'baselineRows',
]);

/** The banner: status, the verdict sentence, the exit code and what was scanned. */
export function verdictBanner(report: RunReport): string {
  const { summary } = report;
  const scope = [`${plural(summary.rows, 'row')} in ${plural(summary.tables, 'table')}`, seconds(summary.durationMs)];
  if (report.shard) scope.push(`shard ${report.shard.index} of ${report.shard.count}`);
  if (report.baseline) scope.push(`compared with the baseline ${report.baseline.file}`);
  return `<header class="verdict ${report.status}"><div><h1>${report.status.toUpperCase()}</h1>` +
    `<p class="exit">exit code ${EXIT_CODES[report.status]}</p></div>` +
    `<div><p class="sentence">${esc(verdict(report))}</p><p>${esc(scope.join(' · '))}</p></div></header>`;
}

/** The run's numbers as tiles; summary fields this page does not know by name are shown too. */
export function summaryTiles(report: RunReport): string {
  const s = report.summary;
  const tiles: Array<[string, string, string?]> = [
    ['tables', number(s.tables)],
    ['rows', number(s.rows)],
    ['invalid rows', number(s.invalidRows), s.invalidRows > 0 ? 'bad' : 'good'],
  ];
  if (s.newInvalidRows !== undefined) {
    tiles.push(['new invalid rows', number(s.newInvalidRows), s.newInvalidRows > 0 ? 'bad' : 'good']);
    tiles.push(['known from the baseline', number(s.knownInvalidRows ?? 0)]);
    tiles.push(['fixed since the baseline', number(s.fixedRows ?? 0)]);
  }
  tiles.push(
    ['failed tables', number(s.failedTables), s.failedTables > 0 ? 'bad' : undefined],
    ['warned tables', number(s.warnedTables), s.warnedTables > 0 ? 'warn' : undefined],
    ['errored tables', number(s.erroredTables), s.erroredTables > 0 ? 'bad' : undefined],
    ['duration', seconds(s.durationMs)],
    ['rows per second', number(s.rowsPerSecond)],
    ['processes', processes(s)],
  );
  const others = otherFields(s, RENDERED_SUMMARY_FIELDS);
  for (const [name, value] of others) if (typeof value === 'number') tiles.push([words(name), number(value)]);
  // Words (such as why fewer processes ran than asked for) read better as a line than as a tile.
  const notes = notesList(others.filter(([, value]) => typeof value !== 'number'));
  // A value's words after the number (as in "1 of 2 allowed") are set small, so the tile stays one line.
  const value = (text: string) => esc(text).replace(/^([\d,.]+(?: s)?) (.+)$/, '$1<small> $2</small>');
  return `<dl class="tiles">${tiles.map(([label, text, tone]) =>
    `<div${tone ? ` class="${tone}"` : ''}><dt>${esc(label)}</dt><dd>${value(text)}</dd></div>`).join('')}</dl>${notes}`;
}

/** Reports from before the pool decided how many processes pay off have no procsRequested. */
function processes(s: RunSummary): string {
  if (typeof s.procsRequested === 'number' && s.procsRequested > s.procs) return `${number(s.procs)} of ${number(s.procsRequested)} allowed`;
  return number(s.procs);
}

/** Why fewer processes ran than --procs allows, as the pool decided. */
export function processNote(s: RunSummary): string {
  if (typeof s.procsRequested !== 'number' || s.procsRequested <= s.procs || !s.procsReason) return '';
  return `<li>Ran in ${number(s.procs)} ${s.procs === 1 ? 'process' : 'processes'}, not the ${number(s.procsRequested)} <code>--procs</code> allows: ${esc(s.procsReason)}.`;
}
