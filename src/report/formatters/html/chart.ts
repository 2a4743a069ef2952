import type { TableReport } from '../../model';
import { number, usesBaseline } from '../../wording';
import { esc } from './markup';

const MOST_BARS = 25;
const WIDTH = 760;
const LABEL = 230;
const ROW = 24;

/**
 * Inline SVG bars of invalid rows per table, worst first (the MOST_BARS worst). With a
 * baseline, the new invalid rows are the dark part of each bar.
 */
export function invalidRowsChart(tables: TableReport[], anchor: (table: TableReport) => string): string {
  const invalid = tables.filter((t) => t.invalidRows > 0).sort((a, b) => b.invalidRows - a.invalidRows || (b.newInvalidRows ?? 0) - (a.newInvalidRows ?? 0));
  if (invalid.length === 0) return '<p class="none">No table has invalid rows.</p>';
  const shown = invalid.slice(0, MOST_BARS);
  const most = shown[0].invalidRows;
  const barSpace = WIDTH - LABEL - 90;
  const bars = shown.map((t, i) => {
    const y = i * ROW;
    const w = Math.max(2, (t.invalidRows / most) * barSpace);
    const fresh = usesBaseline(t) ? Math.min(w, ((t.newInvalidRows ?? 0) / most) * barSpace) : w;
    const label = `${t.entity} (${t.table})`;
    const shortLabel = label.length > 34 ? `${label.slice(0, 33)}…` : label;
    const count = usesBaseline(t) ? `${number(t.invalidRows)} (${number(t.newInvalidRows ?? 0)} new)` : number(t.invalidRows);
    return `<a href="#${anchor(t)}"><title>${esc(label)}: ${count} invalid rows</title>` +
      `<text x="${LABEL - 8}" y="${y + 16}" text-anchor="end">${esc(shortLabel)}</text>` +
      `<rect class="all" x="${LABEL}" y="${y + 4}" width="${w.toFixed(1)}" height="${ROW - 8}"/>` +
      (fresh > 0 ? `<rect class="new" x="${LABEL}" y="${y + 4}" width="${fresh.toFixed(1)}" height="${ROW - 8}"/>` : '') +
      `<text class="count" x="${(LABEL + w + 6).toFixed(1)}" y="${y + 16}">${count}</text></a>`;
  }).join('');
  const more = invalid.length > shown.length ? `<p class="more">and ${number(invalid.length - shown.length)} more tables with invalid rows: see the list below.</p>` : '';
  const legend = shown.some(usesBaseline) ? '<p class="legend"><i class="new"></i> new <i class="all"></i> known from the baseline</p>' : '';
  const height = shown.length * ROW;
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" ` +
    `aria-label="Invalid rows per table, worst first">${bars}</svg>${legend}${more}`;
}
