import type { ClassValidatorApi, ValidationMetadataLike } from './class-validator-api';

const NESTED_TYPES = new Set(['nestedValidation', 'NESTED_VALIDATION']);

export interface ClassValidationFacts {
  hasValidators: boolean;
  /**
   * class-validator's validateSync would skip something: async constraints, @ValidatePromise
   * (its errors arrive after the promise settles), or nested objects whose class may have them.
   */
  needsAsync: boolean;
}

export function classValidationFacts(
  api: ClassValidatorApi, target: Function, groups?: string[], always = false, strictGroups = false,
): ClassValidationFacts {
  const storage = api.getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(target, '', always, strictGroups, groups);
  const hasValidators = metadatas.length > 0;
  const hasAsyncConstraint = metadatas.some((m) => isAsync(api, m));
  const hasNested = metadatas.some((m) => NESTED_TYPES.has(m.type));
  const awaitsValues = metadatas.some((m) => m.type === 'promiseValidation');
  return { hasValidators, needsAsync: hasAsyncConstraint || awaitsValues || (hasNested && anythingAsyncRegistered(api)) };
}

function isAsync(api: ClassValidatorApi, metadata: ValidationMetadataLike): boolean {
  if (metadata.async) return true;
  if (!metadata.constraintCls) return false;
  return api.getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls).some((c) => c.async);
}

/** Whether any class at all has an async constraint or @ValidatePromise: a nested object might be of that class. */
function anythingAsyncRegistered(api: ClassValidatorApi): boolean {
  const storage = api.getMetadataStorage() as unknown as {
    constraintMetadatas?: Map<unknown, Array<{ async: boolean }>>;
    validationMetadatas?: Map<unknown, Array<{ type: string }>>;
  };
  const constraints = storage.constraintMetadatas;
  const validations = storage.validationMetadatas;
  if (!(constraints instanceof Map) || !(validations instanceof Map)) return true; // unknown storage layout: stay exact
  for (const list of constraints.values()) if (list.some((c) => c.async)) return true;
  for (const list of validations.values()) if (list.some((m) => m.type === 'promiseValidation')) return true;
  return false;
}
