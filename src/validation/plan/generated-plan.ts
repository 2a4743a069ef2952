import { GeneratedCode } from '../../generated-code';
import type { ClassPlan } from './class-plan';
import type { ConstraintCheck } from './constraint-check';
import type { ErrorNode } from './error-node';
import type { PlanOptions } from './plan-options';
import type { PlanRun } from './plan-run';
import { allHold, type PropertyChecks } from './property-checks';

type Apply = (object: object, into: ErrorNode[], run: PlanRun) => void;

/**
 * A class's plan as one generated function: performValidations for each property in
 * class-validator's order, without building an error for a property that passes.
 *
 * Generated rather than interpreted for speed: an interpreter calls the constraints of every
 * class from one call site, which V8 cannot inline (the calls cost more than the validators
 * themselves); generated code has a call site per constraint. The function only strings the
 * checks together: decisions with more than one outcome (results that are promises or falsy,
 * validateIf, each, stopAtFirstError, nested values) are made by ConstraintCheck and
 * NestedCheck, shared with nothing else.
 */
export class GeneratedPlan implements ClassPlan {
  readonly empty = false;
  readonly apply: Apply;

  /** What the plan checks, property by property (src/pushdown/ reads it to build SQL prefilters). */
  constructor(className: string, readonly properties: PropertyChecks[], options: PlanOptions) {
    this.apply = generateApply(className, properties, options);
  }
}

function generateApply(className: string, properties: PropertyChecks[], options: PlanOptions): Apply {
  const code = new GeneratedCode();
  const constant = (value: unknown) => code.constant(value);
  const skipped = skipCondition(options);
  const body: string[] = [];
  for (const property of properties) {
    const conditional = property.conditions.length > 0;
    body.push(`value = object[${JSON.stringify(property.name)}];`, 'node = undefined;');
    if (conditional) body.push(`if (${constant(allHold)}(${constant(property.conditions)}, object, value)) {`);
    for (const check of property.defined) body.push(...checkLines(check, constant));
    if (skipped) body.push(`if (!(${skipped})) {`);
    for (const check of property.custom) body.push(...checkLines(check, constant));
    if (property.nested) body.push(`node = ${constant(property.nested)}.run(value, ${JSON.stringify(property.name)}, node, run);`);
    if (skipped) body.push('}');
    body.push('if (node !== undefined) into.push(node);');
    if (conditional) body.push('}');
  }
  const name = GeneratedCode.functionName('validate', className);
  return code.compile<Apply>(`return function ${name}(object, into, run) {\nlet value, node, result;\n${body.join('\n')}\n};`);
}

/**
 * A direct check calls each constraint with the arguments class-validator gives it (a new
 * object per call) and leaves anything but `true` to settle(); other checks run whole.
 */
function checkLines(check: ConstraintCheck, constant: (value: unknown) => string): string[] {
  const self = constant(check);
  if (!check.direct) return [`node = ${self}.run(object, value, node, run);`];
  const targetName = constant(check.targetName);
  const property = JSON.stringify(check.propertyName);
  const constraintArgs = constant(check.constraintArgs);
  return check.constraints.flatMap((bound) => {
    const args = `{ targetName: ${targetName}, property: ${property}, object: object, value: value, constraints: ${constraintArgs} }`;
    return [
      `result = ${constant(bound.instance)}.validate(value, ${args});`,
      `if (result !== true) node = ${self}.settle(${constant(bound)}, object, value, result, node, run);`,
    ];
  });
}

/** performValidations' skip options as an expression of `value`, or '' when none is set. */
function skipCondition(options: PlanOptions): string {
  const tests: string[] = [];
  if (options.skipUndefinedProperties) tests.push('value === undefined');
  if (options.skipNullProperties) tests.push('value === null');
  if (options.skipMissingProperties) tests.push('value === null || value === undefined');
  return tests.join(' || ');
}
