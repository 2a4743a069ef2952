import { expect } from 'vitest';
import type { CliResult } from './run-cli';

/** The contract of every error run. */
export function expectUserError(result: CliResult, ...mentions: Array<string | RegExp>): void {
  const context = `exit ${result.code}\nstderr: ${result.stderr}\nstdout: ${result.stdout.slice(0, 500)}`;
  expect(result.code, context).toBe(2);
  expect(result.stderr, context).toMatch(/^validate-records: /);
  expect(result.stderr, 'no stack trace').not.toMatch(/^\s+at /m);
  expect(result.stderr, 'an anticipated problem, not an internal error').not.toMatch(/unexpected error/i);
  expect(result.stderr.trim(), 'one paragraph').not.toMatch(/\n\s*\n/);
  for (const mention of mentions) {
    if (typeof mention === 'string') expect(result.stderr, context).toContain(mention);
    else expect(result.stderr, context).toMatch(mention);
  }
}
