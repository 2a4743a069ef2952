import type { PartReport, Sample, TableReport, ViolationCount } from '../../model';
import { judgedFindings, keyText, number, otherMessages, plural, tableHeadline, usesBaseline } from '../../wording';
import { esc, notesList, otherFields, share, statusBadge } from './markup';

const RENDERED_TABLE_FIELDS = new Set([
  'entity', 'table', 'rows', 'invalidRows', 'status', 'durationMs', 'violations', 'samples', 'error', 'baselineRows',
  'fixedRows', 'thresholds', 'parts', 'newInvalidRows', 'knownInvalidRows', 'newViolations', 'newSamples',
]);

/** One table's section, closed unless `open`: its constraints as bars, sample keys, error, notes. */
export function tableDetails(table: TableReport, id: string, open: boolean): string {
  const { violations, samples } = judgedFindings(table);
  const parts = [
    `<summary>${statusBadge(table.status)} <b>${esc(table.entity)}</b> <code>${esc(table.table)}</code> <span class="headline">${esc(headline(table))}</span></summary>`,
  ];
  if (table.error) parts.push(`<p class="scan-error">Could not be scanned: ${esc(table.error)}</p>`);
  if (table.status === 'cancelled') parts.push('<p class="note">The run was stopped before this table was scanned in full: its counts cover only the rows read.</p>');
  if (violations.length > 0) parts.push(violationBars(violations, table, usesBaseline(table)));
  if (samples.length > 0) parts.push(sampleTable(samples, usesBaseline(table)));
  if (table.parts) parts.push(shardParts(table.parts));
  parts.push(notesList(otherFields(table, RENDERED_TABLE_FIELDS)));
  return `<details id="${id}" class="d ${table.status}"${open ? ' open' : ''}>${parts.join('')}</details>`;
}

function headline(table: TableReport): string {
  if (table.status === 'error') return 'could not be scanned';
  if (table.status === 'no-validators') return `${plural(table.rows, 'row')}, no validators`;
  return tableHeadline(table);
}

function violationBars(violations: ViolationCount[], table: TableReport, baseline: boolean): string {
  const most = Math.max(...violations.map((v) => v.count));
  const rows = violations.map((v) =>
    // Compact on purpose (a page can hold 250,000 of these rows): alignment comes from column CSS, end tags are optional.
    `<tr><td>${esc(v.property)}<td>${esc(v.constraint)}<td>${number(v.count)}<td>${share(v.count, table.rows)}` +
    `<td><i style=width:${Math.max(1, Math.round((v.count / most) * 100))}%></i><td>${esc(v.message + otherMessages(v))}`).join('');
  return `<table class="v"><caption>${baseline ? 'New failures' : 'Failures'} by property and constraint</caption>` +
    `<thead><tr><th>Property<th>Constraint<th>Rows<th>Share<th>Rows, relative<th>First message</thead><tbody>${rows}</tbody></table>`;
}

function sampleTable(samples: Sample[], baseline: boolean): string {
  const rows = samples.map((s) => {
    const errors = s.errors.map((e) => {
      const value = 'value' in e ? ` <span class="value">value: ${esc(JSON.stringify(e.value) ?? String(e.value))}</span>` : '';
      return `<li><code>${esc(e.property)}</code> ${esc(e.constraint)}: ${esc(e.message)}${value}`;
    }).join('');
    return `<tr><td><code>${esc(keyText(s.key))}</code><td><ul>${errors}</ul>`;
  }).join('');
  return `<table class="samples"><caption>First ${plural(samples.length, baseline ? 'new invalid row' : 'invalid row')}, by primary key</caption>` +
    `<thead><tr><th>Key<th>Failures</thead><tbody>${rows}</tbody></table>`;
}

function shardParts(parts: PartReport[]): string {
  const broken = parts.filter((p) => !p.complete || p.error);
  const of = parts[0]?.of ?? 0;
  const lines = broken.map((p) => `<li>piece ${p.part} of ${p.of}: ${p.error ? `could not be scanned: ${esc(p.error)}` : 'not scanned in full'}`).join('');
  return `<p class="note">This shard scanned ${number(parts.length)} of the table's ${number(of)} ${of === 1 ? 'piece' : 'pieces'}.</p>` +
    (lines ? `<ul class="note">${lines}</ul>` : '');
}
