import type { DialectName } from './dialect';
import type { Rule } from './rule';

type LengthRule = Extract<Rule, { kind: 'length' }>;

/**
 * The same rule with nested `any` flattened, repeated alternatives dropped and tests of one
 * column merged, so the database evaluates each test once (a storage-class test shared by
 * every constraint of a property, say; `len > 120 OR len = 0` as one `NOT BETWEEN`). Exact:
 * OR is associative and idempotent, lengths are whole numbers >= 0, and on SQLite `IS NULL`
 * is the storage class 'null'.
 */
export function simplifyRule(rule: Rule, dialect?: DialectName): Rule {
  if (rule.kind === 'all') return { kind: 'all', rules: rule.rules.map((r) => simplifyRule(r, dialect)) };
  if (rule.kind === 'not') return { kind: 'not', rule: simplifyRule(rule.rule, dialect) };
  if (rule.kind !== 'any') return rule;
  const seen = new Set<string>();
  let alternatives: Rule[] = [];
  const add = (alternative: Rule) => {
    const simple = simplifyRule(alternative, dialect);
    if (simple.kind === 'any') return simple.rules.forEach(add);
    const id = JSON.stringify(simple);
    if (seen.has(id)) return;
    seen.add(id);
    alternatives.push(simple);
  };
  rule.rules.forEach(add);
  alternatives = mergeLengths(alternatives);
  if (dialect === 'sqlite') alternatives = mergeNullIntoStorageClass(alternatives);
  return alternatives.length === 1 ? alternatives[0] : { kind: 'any', rules: alternatives };
}

/**
 * Alternatives `len > a`, `len >= b`, `len < c`, `len <= d`, `len = 0` of one column and
 * measure become `len < min OR len > max` (a `lengthOutside` rule), in the place of the first.
 */
function mergeLengths(alternatives: Rule[]): Rule[] {
  const groups = new Map<string, { min?: number; max?: number; first: number }>();
  const merged: Array<Rule | undefined> = [...alternatives];
  alternatives.forEach((rule, index) => {
    const bound = rule.kind === 'length' ? lengthBound(rule) : undefined;
    if (!bound || rule.kind !== 'length') return;
    const key = `${rule.column}\0${rule.measure}`;
    const group = groups.get(key) ?? { first: index };
    if (bound.max !== undefined) group.max = group.max === undefined ? bound.max : Math.min(group.max, bound.max);
    if (bound.min !== undefined) group.min = group.min === undefined ? bound.min : Math.max(group.min, bound.min);
    groups.set(key, group);
    merged[index] = undefined;
  });
  for (const [key, group] of groups) {
    const [column, measure] = key.split('\0') as [string, LengthRule['measure']];
    merged[group.first] = group.min === undefined
      ? { kind: 'length', column, measure, operator: '>', limit: group.max! }
      : group.max === undefined
        ? { kind: 'length', column, measure, operator: '<', limit: group.min }
        : { kind: 'lengthOutside', column, measure, min: group.min, max: group.max };
  }
  return merged.filter((rule): rule is Rule => rule !== undefined);
}

/** The rows `len > max` (as `max`) or `len < min` (as `min`) name, for whole-number limits. */
function lengthBound(rule: LengthRule): { min?: number; max?: number } | undefined {
  if (!Number.isInteger(rule.limit)) return undefined;
  switch (rule.operator) {
    case '>': return { max: rule.limit };
    case '>=': return { max: rule.limit - 1 };
    case '<': return { min: rule.limit };
    case '<=': return { min: rule.limit + 1 };
    case '=': return rule.limit === 0 ? { min: 1 } : undefined;
    default: return undefined;
  }
}

/** SQLite: `x IS NULL OR typeof(x) IN (...)` is `typeof(x) IN ('null', ...)`, one test. */
function mergeNullIntoStorageClass(alternatives: Rule[]): Rule[] {
  const nullable = new Set(alternatives.flatMap((rule) => (rule.kind === 'isNull' ? [rule.column] : [])));
  const classed = new Set(alternatives.flatMap((rule) => (rule.kind === 'storageClass' ? [rule.column] : [])));
  const merged: Rule[] = [];
  for (const rule of alternatives) {
    if (rule.kind === 'isNull' && classed.has(rule.column)) continue;
    if (rule.kind === 'storageClass' && nullable.has(rule.column) && !rule.classes.includes('null')) {
      merged.push({ ...rule, classes: [...rule.classes, 'null'] });
    } else merged.push(rule);
  }
  return merged;
}
