import { requireFromProject } from '../datasource/peer-modules';

/** The parts of class-validator we use, loaded from the user's project. */
export interface ClassValidatorApi {
  validate(object: object, options?: Record<string, unknown>): Promise<ValidationErrorLike[]>;
  validateSync(object: object, options?: Record<string, unknown>): ValidationErrorLike[];
  getMetadataStorage(): MetadataStorageLike;
}

export interface ValidationErrorLike {
  property: string;
  value?: unknown;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

export interface ValidationMetadataLike {
  type: string;
  name?: string;
  propertyName: string;
  constraintCls?: Function;
  async?: boolean;
}

export interface MetadataStorageLike {
  getTargetValidationMetadatas(
    target: Function, schema: string, always: boolean, strictGroups: boolean, groups?: string[],
  ): ValidationMetadataLike[];
  getTargetValidatorConstraints(target: Function): Array<{ async: boolean }>;
}

export function loadClassValidator(projectFile: string): ClassValidatorApi | undefined {
  return requireFromProject<ClassValidatorApi>('class-validator', projectFile);
}
