import type { TableReport, TableStatus } from '../../model';
import { judgedFindings, number, seconds, thresholdText } from '../../wording';
import { STATUS_LABEL, esc, hasDetails, share, statusBadge } from './markup';

const FILTERS: Array<[string, string]> = [
  ['all', 'all tables'],
  ['problems', 'failed, errored, warned or stopped'],
  ...(['failed', 'error', 'warned', 'cancelled', 'passed', 'no-validators'] as TableStatus[]).map((s): [string, string] => [s, STATUS_LABEL[s]]),
];

/**
 * Every table as one row of a semantic table; the page's script sorts it (by the column
 * headers) and filters it (by the controls, hidden until the script shows them).
 */
export function tableList(tables: TableReport[], baseline: boolean, anchor: (table: TableReport) => string): string {
  const headers = ['Status', 'Entity', 'Table', 'Rows', 'Invalid', ...(baseline ? ['New', 'Fixed'] : []), 'Share', 'Thresholds', 'Time'];
  const numeric = new Set(['Rows', 'Invalid', 'New', 'Fixed', 'Share', 'Time']);
  const controls = `<div id="controls" class="controls" hidden><label>Filter <input id="q" type="search" placeholder="entity or table" autocomplete="off"></label>` +
    `<label>Show <select id="st">${FILTERS.map(([value, label]) => `<option value="${value}">${label}</option>`).join('')}</select></label>` +
    `<output id="shown"></output><button type="button" id="open-all">Expand all</button><button type="button" id="close-all">Collapse all</button></div>`;
  const head = `<thead><tr>${headers.map((h) => `<th${numeric.has(h) ? ' class="n"' : ''}>${h}</th>`).join('')}</tr></thead>`;
  return `${controls}<table id="list" class="list">${head}<tbody>${tables.map((t) => row(t, baseline, anchor)).join('')}</tbody></table>`;
}

function row(t: TableReport, baseline: boolean, anchor: (table: TableReport) => string): string {
  const scanned = t.status !== 'no-validators' && t.status !== 'error';
  const entity = hasDetails(t) ? `<a href="#${anchor(t)}">${esc(t.entity)}</a>` : esc(t.entity);
  const invalid = t.status === 'no-validators' ? 'no validators' : scanned ? number(t.invalidRows) : '-';
  const cells = [
    statusBadge(t.status),
    entity,
    esc(t.table),
    number(t.rows),
    invalid,
    ...(baseline ? [scanned ? number(t.newInvalidRows ?? 0) : '-', t.fixedRows == null ? '-' : number(t.fixedRows)] : []),
    scanned ? share(judgedFindings(t).invalidRows, t.rows) : '-',
    t.thresholds ? esc(thresholdText(t)) : '',
    scanned ? seconds(t.durationMs) : '-',
  ];
  // Closing tags of cells and rows are optional in HTML: leaving them out keeps 5,000-table pages small.
  return `<tr data-s="${t.status}">${cells.map((c, i) => (i >= 3 && i !== cells.length - 2 ? `<td class="n">${c}` : `<td>${c}`)).join('')}`;
}
