import { UserError } from '../errors';
import type { ConstraintMetadataLike, MetadataStorageLike, ValidationMetadataLike } from './class-validator-api';

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
