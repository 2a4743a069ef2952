import type { ConstraintInstanceLike, MessageLike, ValidationArgumentsLike } from '../class-validator-api';

/**
 * The message class-validator's ValidationExecutor.createValidationError gives a failed
 * constraint: the decorator's message, else the constraint's defaultMessage (unless
 * dismissDefaultMessages), with its special tokens replaced.
 */
export function validationMessage(
  message: MessageLike | undefined,
  instance: ConstraintInstanceLike | undefined,
  args: ValidationArgumentsLike,
  dismissDefaultMessages: boolean,
): string {
  let text: MessageLike = message || '';
  if (!message && !dismissDefaultMessages && instance && instance.defaultMessage instanceof Function) {
    text = instance.defaultMessage(args);
  }
  return replaceMessageSpecialTokens(text, args);
}

/** class-validator's ValidationUtils.replaceMessageSpecialTokens (not exported by the package), step for step. */
export function replaceMessageSpecialTokens(message: MessageLike, args: ValidationArgumentsLike): string {
  let text: string | undefined;
  if (message instanceof Function) text = message(args);
  else if (typeof message === 'string') text = message;
  if (text && Array.isArray(args.constraints)) {
    args.constraints.forEach((constraint, index) => {
      text = text!.replace(new RegExp(`\\$constraint${index + 1}`, 'g'), constraintToString(constraint));
    });
  }
  const value = args.value;
  if (text && value !== undefined && value !== null && ['string', 'boolean', 'number'].includes(typeof value)) {
    // A replacement that is not a string is converted by replace() itself, `$&` patterns included.
    text = text.replace(/\$value/g, value as string);
  }
  if (text) text = text.replace(/\$property/g, args.property);
  if (text) text = text.replace(/\$target/g, args.targetName as string);
  return text as string;
}

function constraintToString(constraint: unknown): string {
  if (Array.isArray(constraint)) return constraint.join(', ');
  if (typeof constraint === 'symbol') constraint = constraint.description;
  return `${constraint}`;
}
