import type { ColumnMetadata, DataSource, EntityMetadata } from '../datasource/typeorm-types';
import type { DialectName, Rule } from '../rules';
import type { ClassPlan } from '../validation/plan/class-plan';
import type { ConstraintCheck } from '../validation/plan/constraint-check';
import type { PropertyChecks } from '../validation/plan/property-checks';
import { countsCharacters } from '../datasource/character-counting';
import { constraintCandidates } from './constraint-candidates';
import { valueKind } from './value-kind';

/** A class's candidate rows (every row that could fail its validators), or why they cannot be told in SQL. */
export type ClassCandidates = { rule: Rule } | { reason: string };

/**
 * The rows of one class (entity or STI child) that could fail its compiled plan, property by
 * property: NULL unless every condition is @IsOptional (which skips NULL), else the union of
 * each constraint's candidates (constraint-candidates.ts). Anything else (a plan left to
 * class-validator, @ValidateIf, nested or custom validation, a property that is not a plain
 * column, `each`, per-decorator validateIf) has no proof: the class is read whole.
 */
export function classCandidates(dataSource: DataSource, dialect: DialectName, metadata: EntityMetadata, plan: ClassPlan): ClassCandidates {
  if (plan.empty) return { rule: { kind: 'any', rules: [] } };
  const properties = (plan as { properties?: PropertyChecks[] }).properties;
  if (!properties) return { reason: 'it is validated by class-validator itself' };
  const rules: Rule[] = [];
  for (const property of properties) {
    const candidates = propertyCandidates(dataSource, dialect, metadata, property);
    if (typeof candidates === 'string') return { reason: candidates };
    rules.push(candidates);
  }
  return { rule: { kind: 'any', rules } };
}

function propertyCandidates(dataSource: DataSource, dialect: DialectName, metadata: EntityMetadata, property: PropertyChecks): Rule | string {
  const name = property.name;
  if (property.nested) return `${name} has nested validation`;
  if (property.conditionNames.some((condition) => condition !== 'isOptional')) return `${name} has a @ValidateIf condition`;
  const checks = [...property.defined, ...property.custom];
  if (checks.length === 0) return { kind: 'any', rules: [] };
  const column = plainColumn(metadata, name);
  if (!column) return `${name} is not a column of ${metadata.tableName}`;
  const kind = valueKind(dataSource, dialect, column);
  if (kind !== 'string' && kind !== 'number') return kind;
  const rules: Rule[] = [];
  // @IsOptional skips a NULL value before any check runs, @IsDefined included.
  if (property.conditions.length === 0) rules.push({ kind: 'isNull', column: column.databaseName });
  for (const check of property.custom) {
    const rule = checkCandidates(check, kind, column.databaseName, dialect, countsCharacters(dataSource));
    if (typeof rule === 'string') return `${rule} (${name})`;
    rules.push(rule);
  }
  for (const check of property.defined) {
    if (!check.direct) return `@IsDefined on ${name} has options not translated to SQL`;
  }
  return { kind: 'any', rules };
}

function checkCandidates(check: ConstraintCheck, kind: 'string' | 'number', column: string, dialect: DialectName, characters: boolean): Rule | string {
  if (!check.direct) return 'a decorator with `each`, validateIf or stopAtFirstError is not translated to SQL';
  const rules: Rule[] = [];
  for (const constraint of check.constraints) {
    const rule = constraintCandidates(constraint.type, check.constraintArgs, kind, column, dialect, characters);
    if (typeof rule === 'string') return rule;
    rules.push(rule);
  }
  return { kind: 'any', rules };
}

/** The column a property is hydrated from, when it is one plain column (not embedded, not a relation). */
function plainColumn(metadata: EntityMetadata, property: string): ColumnMetadata | undefined {
  return metadata.columns.find((column) => column.propertyName === property && !column.embeddedMetadata &&
    !column.relationMetadata && !column.isVirtual);
}
