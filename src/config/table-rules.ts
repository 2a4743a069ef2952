import { parseChecks, type Check } from '../declarations/checks';
import { UserError } from '../errors';
import { globToRegExp } from '../inventory/select-tables';
import type { Thresholds } from '../report/model';
import { CONDITION_HELP, parseCondition } from '../report/threshold-condition';

/**
 * Per-table severity and thresholds from the config file's "tables" object, keyed by
 * entity or table name (globs allowed):
 *   "tables": { "Post": { "severity": "warn" }, "Article": { "errorIf": "> 100", "warnIf": "> 0" } }
 * As in dbt: errorIf is checked first, then warnIf. errorIf defaults to "> 0" (any invalid row
 * fails) unless severity is "warn"; warnIf defaults to "> 0" when errorIf or severity "warn" is given.
 */
export interface TableRule {
  severity?: 'error' | 'warn';
  errorIf?: string;
  warnIf?: string;
  /** What is checked in these tables, e.g. ["validators", "columns"] (see declarations/checks.ts). */
  checks?: string | string[];
}

/** `thresholds` is absent for a rule that only sets "checks". */
export interface NamedRule {
  name: string;
  thresholds?: Thresholds;
  checks?: Check[];
}

const RULE_KEYS = ['severity', 'errorIf', 'warnIf', 'checks'];

/** Checks the "tables" object of a config file and resolves each rule to its two conditions. */
export function readTableRules(raw: unknown, file: string): NamedRule[] {
  if (raw === undefined) return [];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new UserError(`"tables" in ${file} must be an object keyed by entity or table name, such as { "Post": { "severity": "warn" } }.`);
  }
  return Object.entries(raw as Record<string, unknown>).map(([name, rule]) => resolveRule(name, rule, file));
}

function resolveRule(name: string, rule: unknown, file: string): NamedRule {
  const where = `"tables"."${name}" in ${file}`;
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) {
    throw new UserError(`${where} must be an object with "severity", "errorIf", "warnIf" or "checks", such as { "errorIf": "> 100" }.`);
  }
  const unknown = Object.keys(rule).filter((key) => !RULE_KEYS.includes(key));
  if (unknown.length > 0) {
    throw new UserError(`${where} has unknown ${unknown.length === 1 ? 'key' : 'keys'} ${unknown.map((k) => `"${k}"`).join(', ')}; allowed: "severity", "errorIf", "warnIf", "checks".`);
  }
  const { checks, ...gates } = rule as Record<string, unknown>;
  const resolved: NamedRule = { name };
  if (checks !== undefined) resolved.checks = parseChecks(checks, `${where}: "checks"`);
  if (checks === undefined || Object.keys(gates).length > 0) resolved.thresholds = resolveThresholds(gates, where);
  return resolved;
}

function resolveThresholds(rule: Record<string, unknown>, where: string): Thresholds {
  const { severity, errorIf, warnIf } = rule;
  if (severity !== undefined && severity !== 'error' && severity !== 'warn') {
    throw new UserError(`${where}: "severity" must be "error" or "warn"; got ${JSON.stringify(severity)}.`);
  }
  const error = condition(errorIf, 'errorIf', where);
  const warn = condition(warnIf, 'warnIf', where);
  if (severity === 'warn') {
    if (error) throw new UserError(`${where} sets both "severity": "warn" and "errorIf"; a warn-only table never fails, so drop one of them.`);
    return { errorIf: null, warnIf: warn ?? '> 0' };
  }
  return { errorIf: error ?? '> 0', warnIf: warn ?? (error ? '> 0' : null) };
}

function condition(value: unknown, key: string, where: string): string | undefined {
  if (value === undefined) return undefined;
  const parsed = typeof value === 'string' ? parseCondition(value) : undefined;
  if (!parsed) throw new UserError(`${where}: "${key}" must be ${CONDITION_HELP}; got ${JSON.stringify(value)}.`);
  return `${parsed.operator} ${parsed.value}${parsed.percent ? '%' : ''}`;
}

/** The thresholds of a table: a rule named exactly after its entity or table wins over globs, globs apply in file order. */
export function thresholdsFor(allRules: NamedRule[], entity: string, table: string): Thresholds | undefined {
  const rules = allRules.filter((rule) => rule.thresholds);
  const exact = rules.find((rule) => rule.name === entity || rule.name === table);
  if (exact) return exact.thresholds;
  return rules.find((rule) => {
    const pattern = globToRegExp(rule.name);
    return pattern.test(entity) || pattern.test(table);
  })?.thresholds;
}
