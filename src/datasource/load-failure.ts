import * as path from 'node:path';
import { UserError, describeError } from '../errors';

const OUR_PACKAGE = path.resolve(__dirname, '..', '..');

/**
 * One paragraph for a module that threw while loading: which module, what was thrown,
 * and the file and line of the user's code it came from (the first stack frame outside
 * Node, node_modules and validate-records). The stack itself travels as the cause, which
 * the CLI prints with VALIDATE_RECORDS_DEBUG=1.
 */
export function loadFailure(error: unknown, role: string, file: string): UserError {
  return new UserError(`The ${role} module ${file} could not be loaded: ${describeThrown(error)}`, { cause: error });
}

/** The first line of an error's message, and where in the user's code it was thrown. */
export function describeThrown(error: unknown): string {
  const message = firstLine(describeError(error));
  const where = userLocation(error);
  return where && !message.includes(where) ? `${message} (thrown at ${where})` : message;
}

function userLocation(error: unknown): string | undefined {
  const stack = (error as { stack?: unknown })?.stack;
  if (typeof stack !== 'string') return undefined;
  // A SyntaxError from Node's own parser starts with "file:line" above the message.
  const header = /^(\/[^\n]*?:\d+)\n/.exec(stack);
  if (header && isUserFile(header[1].replace(/:\d+$/, ''))) return header[1];
  for (const line of stack.split('\n')) {
    const frame = /^\s+at (?:.*? \()?(?:file:\/\/)?(\/[^()]*?):(\d+):\d+\)?$/.exec(line);
    if (frame && isUserFile(frame[1])) return `${decodeURI(frame[1])}:${frame[2]}`;
  }
  return undefined;
}

function isUserFile(file: string): boolean {
  return !file.includes(`${path.sep}node_modules${path.sep}`) && !file.startsWith(OUR_PACKAGE + path.sep);
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? text;
}
