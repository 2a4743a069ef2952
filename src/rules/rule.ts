import type { SqlLiteral, StorageClass } from './dialect';

/**
 * A rule names the rows that break it: its SQL (ruleToSql) is a predicate TRUE for those
 * rows and FALSE or NULL for the others. Columns are database column names of the table the
 * predicate is evaluated on; set rules (unique, references) look at the whole table,
 * whatever part of it the outer query reads.
 */
export type Rule =
  /** The column is NULL. */
  | { kind: 'isNull'; column: string }
  /** The column's length (chars as the database counts them, or bytes) compares so with the limit. */
  | { kind: 'length'; column: string; measure: 'chars' | 'bytes'; operator: ComparisonOperator; limit: number }
  /** The column's length is below `min` or above `max` (simplifyRule's merge of two length rules). */
  | { kind: 'lengthOutside'; column: string; measure: 'chars' | 'bytes'; min: number; max: number }
  /** A non-NULL value compares so with a literal (numbers on numeric columns). */
  | { kind: 'compare'; column: string; operator: ComparisonOperator; value: SqlLiteral }
  /**
   * A non-NULL value is (`in`) or is not (`notIn`) one of the literals. `asText`: the value's
   * text is compared byte for byte with the literals' text (enums: no collation, no enum type).
   */
  | { kind: 'in' | 'notIn'; column: string; values: SqlLiteral[]; asText?: boolean }
  /** SQLite: the value's storage class (typeof) is one of these. Never true on servers, whose columns have one type. */
  | { kind: 'storageClass'; column: string; classes: StorageClass[] }
  /** The value's text contains one of these texts, compared byte for byte (whatever the collation). */
  | { kind: 'containsText'; column: string; texts: string[] }
  /** A non-NULL value matches the pattern, in the database's regex syntax (no rule on SQLite: not expressible). */
  | { kind: 'matches'; column: string; pattern: string }
  /** The row's non-NULL values of these columns occur in more than one row of the whole table. */
  | { kind: 'duplicate'; columns: string[] }
  /** The row's values of these columns, none NULL, have no row in the target table with those values in its columns. */
  | { kind: 'missingReference'; columns: string[]; targetTable: string; targetColumns: string[] }
  | { kind: 'any'; rules: Rule[] }
  | { kind: 'all'; rules: Rule[] }
  /** The rule does not hold: NULL (unknown) counts as false before negation, so `not` is exact. */
  | { kind: 'not'; rule: Rule };

export type ComparisonOperator = '<' | '<=' | '>' | '>=' | '=' | '<>';
