import type { ClassValidatorApi, ValidationMetadataLike } from './class-validator-api';

const NESTED_TYPES = new Set(['nestedValidation', 'NESTED_VALIDATION']);

export interface ClassValidationFacts {
  hasValidators: boolean;
  /** class-validator's validateSync would skip something: async constraints, or nested objects whose class may have them. */
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
  return { hasValidators, needsAsync: hasAsyncConstraint || (hasNested && anyAsyncConstraintRegistered(api)) };
}

function isAsync(api: ClassValidatorApi, metadata: ValidationMetadataLike): boolean {
  if (metadata.async) return true;
  if (!metadata.constraintCls) return false;
  return api.getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls).some((c) => c.async);
}

function anyAsyncConstraintRegistered(api: ClassValidatorApi): boolean {
  const storage = api.getMetadataStorage() as unknown as { constraintMetadatas?: Map<Function, Array<{ async: boolean }>> };
  const all = storage.constraintMetadatas;
  if (!all) return true; // unknown storage layout: stay exact
  for (const list of all.values()) if (list.some((c) => c.async)) return true;
  return false;
}
