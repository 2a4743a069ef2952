import type { TableDescription } from '../inventory/table-description';

export function scannableRows(tables: TableDescription[]): number {
  return tables.filter((t) => t.validated && !t.error).reduce((sum, t) => sum + t.rows, 0);
}
