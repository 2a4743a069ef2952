/** One table to scan, as the manager plans it and the workers receive it (plain data). */
export interface TableDescription {
  /** Name of the entity that owns the table (the root of a single-table inheritance). */
  entity: string;
  /** Table path as TypeORM names it (schema-qualified where the database has schemas). */
  table: string;
  /** Property paths of the primary key, in key order. */
  keyProperties: string[];
  /** False when no class of the table's entities carries a class-validator decorator and the table has no declaration to check. */
  validated: boolean;
  /** Exact for tables that are not scanned; for big scanned ones the server's estimate (planning only). */
  rows: number;
  /**
   * `rows` is this run's COUNT(*) of the live rows, and the database is read without a
   * transaction (SQLite, see ReadConnection): a scan of the whole table takes it as its row
   * count instead of counting again, which would be no more consistent with the rows it reads.
   */
  rowsCounted?: boolean;
  /** Why the table cannot be scanned (it does not exist, cannot be read...). */
  error: string | null;
}
