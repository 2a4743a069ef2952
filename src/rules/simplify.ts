import type { Rule } from './rule';

/**
 * The same rule with nested `any` flattened and repeated alternatives dropped, so the
 * database evaluates each test once (a storage-class test shared by every constraint of a
 * property, say). Exact: OR is associative and idempotent.
 */
export function simplifyRule(rule: Rule): Rule {
  if (rule.kind === 'all') return { kind: 'all', rules: rule.rules.map(simplifyRule) };
  if (rule.kind === 'not') return { kind: 'not', rule: simplifyRule(rule.rule) };
  if (rule.kind !== 'any') return rule;
  const seen = new Set<string>();
  const alternatives: Rule[] = [];
  const add = (alternative: Rule) => {
    const simple = simplifyRule(alternative);
    if (simple.kind === 'any') return simple.rules.forEach(add);
    const id = JSON.stringify(simple);
    if (seen.has(id)) return;
    seen.add(id);
    alternatives.push(simple);
  };
  rule.rules.forEach(add);
  return alternatives.length === 1 ? alternatives[0] : { kind: 'any', rules: alternatives };
}
