import {
  registerDecorator, ValidatorConstraint, type ValidationArguments, type ValidationOptions, type ValidatorConstraintInterface,
} from 'class-validator';

/** Resolves after `count` extra microtask turns, so async constraints settle in value-dependent orders. */
export function afterTicks<T>(count: number, value: T): Promise<T> {
  let promise = Promise.resolve();
  for (let i = 0; i < count; i++) promise = promise.then(() => undefined);
  return promise.then(() => value);
}

function lengthOf(value: unknown): number {
  return typeof value === 'string' || Array.isArray(value) ? value.length : 0;
}

@ValidatorConstraint({ name: 'divisibleLength' })
export class DivisibleLength implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return typeof value === 'string' && value.length % ((args.constraints?.[0] as number) ?? 2) === 0;
  }

  defaultMessage(): string {
    return '$property of $target must have a length divisible by $constraint1 (got $value)';
  }
}

/** Named after its class; answers with truthy and falsy non-booleans; no default message. */
@ValidatorConstraint()
export class NotBad implements ValidatorConstraintInterface {
  validate(value: unknown): any {
    if (value === 'bad') return 0;
    if (value === 'empty') return '';
    return value === undefined ? 'yes' : 1;
  }
}

/** Never registered with @ValidatorConstraint: class-validator ignores @Validate(Unregistered). */
export class Unregistered implements ValidatorConstraintInterface {
  validate(): boolean {
    return false;
  }
}

@ValidatorConstraint({ name: 'explosive' })
export class Explosive implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (value === 'boom') throw new Error('the explosive constraint exploded');
    return value !== 'fizzle';
  }
}

@ValidatorConstraint({ name: 'remoteUnique', async: true })
export class RemoteUnique implements ValidatorConstraintInterface {
  validate(value: unknown): Promise<boolean> {
    return afterTicks(lengthOf(value) % 3, value !== 'taken' && value !== null);
  }

  defaultMessage(): string {
    return '$value is already taken';
  }
}

/** Not flagged async, yet returns a promise for strings only: validate() awaits it, per value. */
@ValidatorConstraint({ name: 'maybeAsync' })
export class MaybeAsync implements ValidatorConstraintInterface {
  validate(value: unknown): boolean | Promise<boolean> {
    if (typeof value === 'string') return afterTicks(2 - (value.length % 3), value.length < 5);
    return value !== null && value !== false;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} failed maybeAsync`;
  }
}

/** Rejects for one value: validate() rejects, so must the plan. */
@ValidatorConstraint({ name: 'rejecting', async: true })
export class Rejecting implements ValidatorConstraintInterface {
  validate(value: unknown): Promise<boolean> {
    return value === 'reject' ? Promise.reject(new Error('rejected on purpose')) : Promise.resolve(value !== 'no');
  }
}

/** registerDecorator with a validator object and a default message. */
export function IsPalindrome(options?: ValidationOptions): PropertyDecorator {
  return (object, propertyName) => registerDecorator({
    name: 'isPalindrome',
    target: object.constructor,
    propertyName: propertyName as string,
    options,
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value === [...value].reverse().join(''),
      defaultMessage: (args: ValidationArguments) => `${args.property} ("$value") is not a palindrome`,
    },
  });
}

/** registerDecorator without a name or default message: reported as customValidation with an empty message. */
export function IsShortUnnamed(options?: ValidationOptions): PropertyDecorator {
  return (object, propertyName) => registerDecorator({
    target: object.constructor,
    propertyName: propertyName as string,
    options,
    constraints: [4],
    validator: { validate: (value: unknown, args?: ValidationArguments) => lengthOf(value) <= (args?.constraints[0] as number) },
  });
}

/** registerDecorator with an async validator object. */
export function IsEventuallyPositive(options?: ValidationOptions): PropertyDecorator {
  return (object, propertyName) => registerDecorator({
    name: 'isEventuallyPositive',
    async: true,
    target: object.constructor,
    propertyName: propertyName as string,
    options,
    validator: {
      validate: (value: unknown) => afterTicks(typeof value === 'number' ? Math.abs(value) % 4 : 1, typeof value === 'number' && value > 0),
      defaultMessage: () => '$property must eventually be positive, got $value',
    },
  });
}
