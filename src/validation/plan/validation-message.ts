import type { ConstraintInstanceLike, MessageLike, ValidationArgumentsLike } from '../class-validator-api';
import type { ErrorNode } from './error-node';

/** What stands in a message for the value when values are hidden (reports end up in CI logs). */
export const HIDDEN_VALUE = '[value hidden]';

/**
 * Records a failed constraint's message in its error node as class-validator's
 * ValidationExecutor.createValidationError builds it (the decorator's message, else the
 * constraint's defaultMessage unless dismissDefaultMessages, tokens replaced), and, when the
 * message's `$value` token quotes the value, the same message with exactly that token's
 * substitution hidden (`hiddenMessages`): nothing else of the text changes.
 */
export function recordFailure(
  node: ErrorNode,
  type: string,
  message: MessageLike | undefined,
  instance: ConstraintInstanceLike | undefined,
  args: ValidationArgumentsLike,
  dismissDefaultMessages: boolean,
): void {
  const template = messageTemplate(message, instance, args, dismissDefaultMessages);
  // A message function is called once, with the real value, as class-validator calls it.
  const text = template instanceof Function ? template(args) : template;
  node.constraints[type] = replaceMessageSpecialTokens(text, args);
  if (typeof text === 'string' && text.includes('$value') && substitutesValue(args.value)) {
    (node.hiddenMessages ??= {})[type] = replaceMessageSpecialTokens(text, args, true);
  }
}

/** The decorator's message, else the constraint's defaultMessage (unless dismissDefaultMessages). */
export function messageTemplate(
  message: MessageLike | undefined,
  instance: ConstraintInstanceLike | undefined,
  args: ValidationArgumentsLike,
  dismissDefaultMessages: boolean,
): MessageLike {
  if (!message && !dismissDefaultMessages && instance && instance.defaultMessage instanceof Function) {
    return instance.defaultMessage(args);
  }
  return message || '';
}

/** class-validator replaces $value only by a string, boolean or number. */
function substitutesValue(value: unknown): boolean {
  return value !== undefined && value !== null && ['string', 'boolean', 'number'].includes(typeof value);
}

/**
 * class-validator's ValidationUtils.replaceMessageSpecialTokens (not exported by the
 * package), step for step; with `hideValue`, $value becomes HIDDEN_VALUE instead of the value.
 */
export function replaceMessageSpecialTokens(message: MessageLike, args: ValidationArgumentsLike, hideValue = false): string {
  let text: string | undefined;
  if (message instanceof Function) text = message(args);
  else if (typeof message === 'string') text = message;
  if (text && Array.isArray(args.constraints)) {
    args.constraints.forEach((constraint, index) => {
      text = text!.replace(new RegExp(`\\$constraint${index + 1}`, 'g'), constraintToString(constraint));
    });
  }
  const value = args.value;
  if (text && substitutesValue(value)) {
    // A replacement that is not a string is converted by replace() itself, `$&` patterns included.
    text = text.replace(/\$value/g, hideValue ? HIDDEN_VALUE : value as string);
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
