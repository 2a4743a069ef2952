import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { requireFromProject } from '../datasource/peer-modules';
import { UserError } from '../errors';

/** The parts of class-validator we use, loaded from the user's project. */
export interface ClassValidatorApi {
  validate(object: object, options?: Record<string, unknown>): Promise<ValidationErrorLike[]>;
  validateSync(object: object, options?: Record<string, unknown>): ValidationErrorLike[];
  getMetadataStorage(): MetadataStorageLike;
  /** The installed package's version, when it could be read; validation plans mirror known versions only. */
  version?: string;
}

export interface ValidationErrorLike {
  property: string;
  value?: unknown;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

/** A message option: a string with $value/$property/$target/$constraintN tokens, or a function of the arguments. */
export type MessageLike = string | ((args: ValidationArgumentsLike) => string);

export interface ValidationMetadataLike {
  type: string;
  name?: string;
  target: Function | string;
  propertyName: string;
  constraintCls?: Function;
  constraints?: any[];
  async?: boolean;
  each?: boolean;
  message?: MessageLike;
  groups?: string[];
  always?: boolean;
  context?: unknown;
  /** Per-decorator condition (class-validator 0.15+). */
  validateIf?: (object: any, value: any) => boolean;
}

export interface ValidationArgumentsLike {
  targetName: string | undefined;
  property: string;
  object: object;
  value: unknown;
  constraints: any[] | undefined;
}

export interface ConstraintInstanceLike {
  validate(value: unknown, args: ValidationArgumentsLike): unknown;
  defaultMessage?(args: ValidationArgumentsLike): string;
}

export interface ConstraintMetadataLike {
  target: Function;
  name?: string;
  async: boolean;
  readonly instance: ConstraintInstanceLike;
}

export interface MetadataStorageLike {
  getTargetValidationMetadatas(
    target: Function, schema: string | undefined, always: boolean, strictGroups: boolean, groups?: string[],
  ): ValidationMetadataLike[];
  groupByPropertyName(metadatas: ValidationMetadataLike[]): Record<string, ValidationMetadataLike[]>;
  getTargetValidatorConstraints(target: Function | undefined): ConstraintMetadataLike[];
}

export function loadClassValidator(projectFile: string): ClassValidatorApi | undefined {
  const module = requireFromProject<ClassValidatorApi & StorageExports>('class-validator', projectFile);
  if (!module) return undefined;
  const version = installedVersion(projectFile);
  return {
    validate: module.validate,
    validateSync: module.validateSync,
    getMetadataStorage: metadataStorageOf(module, version),
    version,
  };
}

/** The version of the class-validator copy `requireFromProject` loads (same lookup order). */
function installedVersion(projectFile: string): string | undefined {
  for (const load of [createRequire(projectFile), require]) {
    let entry: string;
    try {
      entry = load.resolve('class-validator');
    } catch {
      continue;
    }
    for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (!fs.existsSync(file)) continue;
      try {
        const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (manifest.name === 'class-validator') return manifest.version;
      } catch {
        return undefined;
      }
    }
    return undefined;
  }
  return undefined;
}

/** The class-validator exports that reach its metadata storage, in every version we support. */
export interface StorageExports {
  getMetadataStorage?: () => MetadataStorageLike;
  /** class-validator before 0.13: the storage is the container's MetadataStorage instance. */
  getFromContainer?: (someClass: Function) => unknown;
  MetadataStorage?: Function;
}

/** What the storage of class-validator 0.9 to 0.12 offers: no `always`/`strictGroups` arguments. */
interface LegacyStorage {
  getTargetValidationMetadatas(target: Function, schema: string | undefined, groups?: string[]): ValidationMetadataLike[];
  groupByPropertyName(metadatas: ValidationMetadataLike[]): Record<string, ValidationMetadataLike[]>;
  getTargetValidatorConstraints(target: Function | undefined): ConstraintMetadataLike[];
}

export const SUPPORTED_VERSIONS = '0.9 to 0.15';

/**
 * class-validator's metadata storage behind the 0.13+ interface. Older versions (0.9 and
 * 0.11 are still pinned by real projects) keep it in their container and take no
 * `always`/`strictGroups` arguments; rows of those versions are validated by their own
 * validate() (no plan mirrors them), so the storage only tells which classes have validators.
 */
export function metadataStorageOf(exports: StorageExports, version: string | undefined): () => MetadataStorageLike {
  if (typeof exports.getMetadataStorage === 'function') return exports.getMetadataStorage;
  const { getFromContainer, MetadataStorage } = exports;
  if (typeof getFromContainer !== 'function' || typeof MetadataStorage !== 'function') {
    throw new UserError(`class-validator ${version ?? '(version unknown)'} is not supported: its API has neither getMetadataStorage() nor MetadataStorage; validate-records supports class-validator ${SUPPORTED_VERSIONS}.`);
  }
  return () => {
    const legacy = getFromContainer(MetadataStorage) as LegacyStorage;
    return {
      getTargetValidationMetadatas: (target, schema, _always, _strictGroups, groups) =>
        legacy.getTargetValidationMetadatas(target, schema, groups),
      groupByPropertyName: (metadatas) => legacy.groupByPropertyName(metadatas),
      getTargetValidatorConstraints: (target) => legacy.getTargetValidatorConstraints(target),
    };
  };
}
