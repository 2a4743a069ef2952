import type { MetadataStorageLike, ValidationErrorLike, ValidationMetadataLike } from '../class-validator-api';
import type { ErrorNode } from './error-node';
import { messageTemplate, replaceMessageSpecialTokens, HIDDEN_VALUE } from './validation-message';

/**
 * validate()'s errors carry finished messages only. For a class validated by class-validator
 * itself, each failed constraint's message is built again from its metadata with the $value
 * token hidden (as a plan's recordFailure does), so that hiding values never searches the text.
 * A message that cannot be rebuilt (no metadata gives it, or its message function throws) is
 * hidden whole unless it is one of class-validator's built-in default messages: it may quote the value.
 */
export function addHiddenMessages(errors: ValidationErrorLike[], object: object, storage: MetadataStorageLike, dismissDefaultMessages: boolean): void {
  const metadatas = storage.getTargetValidationMetadatas(object.constructor, '', false, false, undefined);
  for (const error of errors) {
    const node = error as unknown as ErrorNode;
    for (const type of Object.keys(error.constraints ?? {})) {
      let hidden: string;
      try {
        hidden = hiddenMessage(metadatas, storage, object, error, type, dismissDefaultMessages);
      } catch {
        hidden = HIDDEN_VALUE;
      }
      if (hidden !== error.constraints![type]) (node.hiddenMessages ??= {})[type] = hidden;
    }
    if (error.children?.length && error.value instanceof Object) {
      addHiddenMessages(error.children, error.value as object, storage, dismissDefaultMessages);
    }
  }
}

function hiddenMessage(
  metadatas: ValidationMetadataLike[], storage: MetadataStorageLike, object: object,
  error: ValidationErrorLike, type: string, dismissDefaultMessages: boolean,
): string {
  const candidates: string[] = [];
  for (const metadata of metadatas) {
    if (metadata.propertyName !== error.property) continue;
    const bound = metadata.constraintCls ? storage.getTargetValidatorConstraints(metadata.constraintCls) : [];
    const instances = bound.length > 0
      ? bound.filter((constraint) => (constraint.name ?? metadata.type) === type).map((constraint) => constraint.instance)
      : metadata.type === type ? [undefined] : [];
    for (const instance of instances) {
      const args = {
        targetName: object.constructor?.name, property: error.property, object, value: error.value, constraints: metadata.constraints,
      };
      const template = messageTemplate(metadata.message, instance, args, dismissDefaultMessages);
      const text = template instanceof Function ? template(args) : template;
      // The right metadata is the one whose message, rebuilt, is the message validate() gave.
      if (replaceMessageSpecialTokens(text, args) === error.constraints![type]) candidates.push(replaceMessageSpecialTokens(text, args, true));
    }
  }
  if (candidates.length > 0) return candidates[0];
  // class-validator's own default messages (before 0.13 not rebuilt from a constraint class) never quote the value.
  const ownDefaults = metadatas.every((metadata) => metadata.propertyName !== error.property || (!metadata.message && !metadata.constraintCls));
  return ownDefaults ? error.constraints![type] : HIDDEN_VALUE;
}
