import type { SqlDialect } from './dialect';
import type { Rule } from './rule';

export interface SqlContext {
  /** The table the predicate is evaluated on, as TypeORM names it (set rules read it again). */
  table: string;
  /**
   * The outer query's alias of that table. Set rules need it to tell the outer row from the
   * rows they read (a table referring to itself); row rules qualify their columns with it.
   */
  alias: string;
}

/**
 * The SQL predicate of a rule: TRUE for the rows that break it (see Rule). Set rules become
 * subqueries over the whole table (GROUP BY ... HAVING COUNT(*) > 1, NOT EXISTS), so a query
 * reading one key range still judges each of its rows against every row.
 *
 *   ruleToSql(DIALECTS.postgres, { kind: 'length', column: 'email', measure: 'chars', operator: '>', limit: 20 },
 *     { table: 'users', alias: 'r' })  ->  char_length("r"."email") > 20
 */
export function ruleToSql(dialect: SqlDialect, rule: Rule, context: SqlContext): string {
  const column = (name: string) => `${dialect.identifier(context.alias)}.${dialect.identifier(name)}`;
  switch (rule.kind) {
    case 'isNull':
      return `${column(rule.column)} IS NULL`;
    case 'length': {
      const measure = rule.measure === 'chars' ? dialect.charLength(column(rule.column)) : dialect.octetLength(column(rule.column));
      return `${measure} ${rule.operator} ${dialect.literal(rule.limit)}`;
    }
    case 'lengthOutside': {
      const measure = rule.measure === 'chars' ? dialect.charLength(column(rule.column)) : dialect.octetLength(column(rule.column));
      return `${measure} NOT BETWEEN ${dialect.literal(rule.min)} AND ${dialect.literal(rule.max)}`;
    }
    case 'compare':
      return `${column(rule.column)} ${rule.operator} ${dialect.literal(rule.value)}`;
    case 'in':
    case 'notIn': {
      const value = rule.asText ? dialect.exactText(column(rule.column)) : column(rule.column);
      const literals = rule.values.map((v) => dialect.literal(rule.asText && v !== null ? String(v) : v));
      if (literals.length === 0) return rule.kind === 'in' ? dialect.alwaysFalse : `${column(rule.column)} IS NOT NULL`;
      return `${column(rule.column)} IS NOT NULL AND ${value} ${rule.kind === 'in' ? 'IN' : 'NOT IN'} (${literals.join(', ')})`;
    }
    case 'containsText':
      return rule.texts.length === 0 ? dialect.alwaysFalse
        : rule.texts.map((text) => dialect.containsText(column(rule.column), text)).join(' OR ');
    case 'storageClass':
      return dialect.storageClassIn(column(rule.column), rule.classes) ?? dialect.alwaysFalse;
    case 'matches': {
      const match = dialect.regexMatch(column(rule.column), rule.pattern);
      if (match === null) throw new RangeError(`${dialect.name} has no regular expressions: check ruleSupported() first`);
      return `${column(rule.column)} IS NOT NULL AND ${match}`;
    }
    case 'duplicate':
      return duplicateSql(dialect, rule.columns, context);
    case 'missingReference':
      return missingReferenceSql(dialect, rule, context);
    case 'any':
      return rule.rules.length === 0 ? dialect.alwaysFalse : rule.rules.map((r) => `(${ruleToSql(dialect, r, context)})`).join(' OR ');
    case 'all':
      return rule.rules.length === 0 ? dialect.alwaysTrue : rule.rules.map((r) => `(${ruleToSql(dialect, r, context)})`).join(' AND ');
    case 'not':
      return `NOT COALESCE((${ruleToSql(dialect, rule.rule, context)}), ${dialect.alwaysFalse})`;
  }
}

/** Whether the dialect can express the rule at all (regular expressions on SQLite cannot). */
export function ruleSupported(dialect: SqlDialect, rule: Rule): boolean {
  switch (rule.kind) {
    case 'matches':
      return dialect.regexMatch('x', rule.pattern) !== null;
    case 'any':
    case 'all':
      return rule.rules.every((r) => ruleSupported(dialect, r));
    case 'not':
      return ruleSupported(dialect, rule.rule);
    default:
      return true;
  }
}

/** `(a, b) IN (SELECT a, b FROM t WHERE a IS NOT NULL AND b IS NOT NULL GROUP BY a, b HAVING COUNT(*) > 1)` */
function duplicateSql(dialect: SqlDialect, columns: string[], context: SqlContext): string {
  const outer = columns.map((name) => `${dialect.identifier(context.alias)}.${dialect.identifier(name)}`);
  const inner = columns.map((name) => dialect.identifier(name));
  const tuple = (parts: string[]) => (parts.length === 1 ? parts[0] : `(${parts.join(', ')})`);
  return `${tuple(outer)} IN (SELECT ${inner.join(', ')} FROM ${dialect.tablePath(context.table)} ` +
    `WHERE ${inner.map((c) => `${c} IS NOT NULL`).join(' AND ')} GROUP BY ${inner.join(', ')} HAVING COUNT(*) > 1)`;
}

/** `a IS NOT NULL AND NOT EXISTS (SELECT 1 FROM target AS "vr_target" WHERE "vr_target"."id" = "r"."a")` */
function missingReferenceSql(dialect: SqlDialect, rule: Extract<Rule, { kind: 'missingReference' }>, context: SqlContext): string {
  const targetAlias = dialect.identifier(context.alias === 'vr_target' ? 'vr_target2' : 'vr_target');
  const outer = rule.columns.map((name) => `${dialect.identifier(context.alias)}.${dialect.identifier(name)}`);
  const matches = rule.targetColumns.map((name, index) => `${targetAlias}.${dialect.identifier(name)} = ${outer[index]}`);
  return `${outer.map((c) => `${c} IS NOT NULL`).join(' AND ')} AND NOT EXISTS (SELECT 1 FROM ${dialect.tablePath(rule.targetTable)} ` +
    `AS ${targetAlias} WHERE ${matches.join(' AND ')})`;
}
