import { describeError } from '../../errors';
import type { MetadataStorageLike, ValidationMetadataLike } from '../class-validator-api';
import type { ClassPlan, PlanLookup } from './class-plan';
import { ConstraintCheck, type BoundConstraint } from './constraint-check';
import { EmptyPlan } from './empty-plan';
import { NestedCheck } from './nested-check';
import type { PlanOptions } from './plan-options';
import { GeneratedPlan } from './generated-plan';
import type { Condition, PropertyChecks } from './property-checks';

/** A compiled plan, or why the class must be validated by class-validator itself. */
export type CompiledPlan = { plan: ClassPlan } | { fallback: string };

/** ValidationTypes of class-validator; a decorator registered under another name is a customValidation. */
const CUSTOM = 'customValidation';
const NESTED = 'nestedValidation';
const PROMISE = 'promiseValidation';
const CONDITIONAL = 'conditionalValidation';
const WHITELIST = 'whitelistValidation';
const IS_DEFINED = 'isDefined';

/** Reads the class's metadata once, as ValidationExecutor.execute reads it on every call, and compiles it. */
export function compileClassPlan(
  target: Function, storage: MetadataStorageLike, options: PlanOptions, plans: PlanLookup,
): CompiledPlan {
  let grouped: Record<string, ValidationMetadataLike[]>;
  try {
    const metadatas = storage.getTargetValidationMetadatas(target, undefined, options.always, options.strictGroups, options.groups);
    if (metadatas.length === 0) return { plan: new EmptyPlan(options.forbidUnknownValues) };
    grouped = storage.groupByPropertyName(metadatas);
  } catch (error) {
    return { fallback: `class-validator could not read its metadata: ${describeError(error)}` };
  }
  const targetName = target ? target.name : undefined;
  const properties: PropertyChecks[] = [];
  for (const name of Object.keys(grouped)) {
    const checks = propertyChecks(name, grouped[name], storage, options, targetName, plans);
    if (typeof checks === 'string') return { fallback: checks };
    properties.push(checks);
  }
  try {
    return { plan: new GeneratedPlan(targetName ?? 'anonymous', properties, options) };
  } catch (error) {
    // node --disallow-code-generation-from-strings
    return { fallback: `validation plans are generated functions, which this process cannot create: ${describeError(error)}` };
  }
}

function propertyChecks(
  name: string, metadatas: ValidationMetadataLike[], storage: MetadataStorageLike, options: PlanOptions,
  targetName: string | undefined, plans: PlanLookup,
): PropertyChecks | string {
  const checks: PropertyChecks = { name, conditions: [], conditionNames: [], defined: [], custom: [], nested: undefined };
  for (const metadata of metadatas) {
    switch (metadata.type) {
      case IS_DEFINED:
      case CUSTOM: {
        const constraints = boundConstraints(metadata, storage);
        if (typeof constraints === 'string') return constraints;
        const check = new ConstraintCheck(metadata, constraints, targetName, options);
        (metadata.type === IS_DEFINED ? checks.defined : checks.custom).push(check);
        break;
      }
      case CONDITIONAL:
        if (!Array.isArray(metadata.constraints) || typeof metadata.constraints[0] !== 'function') {
          return `the condition of a conditional validation on "${name}" is not a function`;
        }
        checks.conditions.push(metadata.constraints as Condition);
        checks.conditionNames.push((metadata as { name?: string }).name);
        break;
      case NESTED:
        if (checks.nested) return `"${name}" has several @ValidateNested, whose errors class-validator interleaves`;
        checks.nested = new NestedCheck(metadata, plans, options);
        break;
      case WHITELIST:
        break; // @Allow: only the whitelist option reads it, and that option falls back.
      case PROMISE:
        return `@ValidatePromise on "${name}" awaits the property's value before validating it`;
      default:
        return `unknown validation metadata type "${metadata.type}" on "${name}"`;
    }
  }
  return checks;
}

/** The constraint instances class-validator would call for a decorator, looked up once. */
function boundConstraints(metadata: ValidationMetadataLike, storage: MetadataStorageLike): BoundConstraint[] | string {
  const bound: BoundConstraint[] = [];
  for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
    const label = constraint.name || metadata.type;
    let instance;
    try {
      instance = constraint.instance;
      // class-validator asks its container on every call: a container that builds a new
      // instance each time could keep state between calls that one cached instance would not.
      if (constraint.instance !== instance) return `the container returns a new "${label}" constraint instance on each lookup`;
    } catch (error) {
      return `the "${label}" constraint could not be instantiated: ${describeError(error)}`;
    }
    if (!instance || typeof instance.validate !== 'function') return `the "${label}" constraint has no validate() method`;
    bound.push({ type: constraint.name ? constraint.name : metadata.type, instance });
  }
  return bound;
}
