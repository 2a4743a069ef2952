/**
 * A problem with what the user gave us (a path, a module, a database, a flag).
 * The CLI prints its message as one paragraph and exits 2, without a stack trace
 * (with VALIDATE_RECORDS_DEBUG=1 it adds the stack of the cause, when there is one).
 */
export class UserError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserError';
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
