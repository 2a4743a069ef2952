import type { TableReport, TableStatus } from '../../model';
import { judgedFindings } from '../../wording';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text from the database, a validator or the user, as HTML text or a quoted attribute value. */
export const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]);

export const STATUS_LABEL: Record<TableStatus, string> = {
  passed: 'passed',
  warned: 'warned',
  failed: 'failed',
  error: 'error',
  'no-validators': 'no validators',
  cancelled: 'stopped',
};

export const statusBadge = (status: TableStatus): string => `<span class="s ${status}">${STATUS_LABEL[status]}</span>`;

/** "1.25%", "<0.01%", "0%": the share of a table's rows that is invalid. */
export function share(part: number, whole: number): string {
  if (whole <= 0 || part <= 0) return '0%';
  const percent = (part * 100) / whole;
  if (percent < 0.01) return '<0.01%';
  return `${percent.toFixed(percent < 10 ? 2 : 1)}%`;
}

/** Whether a table gets a section of its own: something to look at or explain. */
export function hasDetails(table: TableReport): boolean {
  return judgedFindings(table).invalidRows > 0 || table.error !== null || table.status === 'cancelled' ||
    table.status === 'failed' || table.status === 'warned' || (table.parts ?? []).some((p) => !p.complete || p.error);
}

/** "rowsHydrated" -> "rows hydrated", for fields this page does not know by name. */
export const words = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

/** A field's value for a generic note: scalars as they are, anything else as short JSON. */
export function noteValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const json = JSON.stringify(value) ?? '';
  return json.length > 400 ? `${json.slice(0, 400)}…` : json;
}

/** The fields of an object that the page does not render by name, skipping empty ones. */
export function otherFields(object: object, known: ReadonlySet<string>): Array<[string, unknown]> {
  return Object.entries(object).filter(([name, value]) =>
    !known.has(name) && value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0));
}

/** A definition list of generic notes, or nothing. */
export function notesList(fields: Array<[string, unknown]>): string {
  if (fields.length === 0) return '';
  return `<dl class="notes">${fields.map(([name, value]) => `<dt>${esc(words(name))}</dt><dd>${esc(noteValue(value))}</dd>`).join('')}</dl>`;
}
