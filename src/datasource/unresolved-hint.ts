import * as path from 'node:path';
import { tsconfigFor } from './project-tsconfig';

/** Adds to "Cannot find module" what the project's tsconfig made of the request, if it looks like an alias. */
export function explainUnresolved(error: Error, request: string, candidates: string[], from: string): Error {
  if (request.startsWith('.') || path.isAbsolute(request)) return error;
  const tsconfig = tsconfigFor(from).file;
  if (candidates.length > 0) {
    error.message = withHint(error.message, ` (the paths/baseUrl of ${tsconfig} lead to ${candidates.join(', ')}: none exists)`);
  } else if (/^[@~#]\//.test(request) || request.startsWith('src/')) {
    error.message = withHint(error.message, tsconfig
      ? ` (no "paths" entry of ${tsconfig} matches it, and it sets no "baseUrl")`
      : ` (it looks like a tsconfig path alias, but no tsconfig.json governs ${from})`);
  }
  return error;
}

/** Node's message goes on with a "Require stack" list: the hint belongs on its first line. */
function withHint(message: string, hint: string): string {
  const end = message.indexOf('\n');
  return end < 0 ? message + hint : message.slice(0, end) + hint + message.slice(end);
}
