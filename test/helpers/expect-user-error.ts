import { expect } from 'vitest';
import type { CliResult } from './run-cli';

/** The contract of a run refused for bad input: exit 2, one paragraph on stderr naming the problem. */
export function expectUserError(result: CliResult, ...mentions: RegExp[]): void {
  const context = `exit ${result.code}\nstderr: ${result.stderr}`;
  expect(result.code, context).toBe(2);
  expect(result.stderr, context).toMatch(/^validate-records: /);
  expect(result.stderr.trim(), 'one paragraph').not.toMatch(/\n/);
  for (const mention of mentions) expect(result.stderr, context).toMatch(mention);
}
