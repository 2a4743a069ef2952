import type { ClassValidatorApi } from './class-validator-api';

/** Whether class-validator holds any validation metadata for the class under these groups. */
export function hasValidators(api: ClassValidatorApi, target: Function, groups?: string[]): boolean {
  return api.getMetadataStorage().getTargetValidationMetadatas(target, '', false, false, groups).length > 0;
}
