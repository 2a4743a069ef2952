/**
 * The one place that turns a rule into SQL per dialect (SQLite, PostgreSQL, MariaDB/MySQL).
 * Declaration checks (src/declarations/) and the pushdown prefilter build on it:
 *
 *   const dialect = dialectOf(dataSource);                  // or DIALECTS.postgres in tests
 *   const rule: Rule = { kind: 'any', rules: [{ kind: 'isNull', column: 'email' },
 *     { kind: 'length', column: 'email', measure: 'chars', operator: '>', limit: 20 }] };
 *   const where = ruleToSql(dialect, rule, { table: 'users', alias: 'r' });
 *   // SELECT ... FROM "users" AS "r" WHERE <key range> AND (<where>)
 */
export { DIALECTS, type DialectName, type SqlDialect, type SqlLiteral, type StorageClass } from './dialect';
export type { ComparisonOperator, Rule } from './rule';
export { ruleSupported, ruleToSql, type SqlContext } from './to-sql';
export { dialectOf } from './dialect-of';
