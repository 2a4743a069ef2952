import { Console } from 'node:console';

const STDOUT_METHODS = ['log', 'info', 'debug', 'dir', 'table'] as const;

/**
 * Stdout carries the report (`--format json > report.json`): whatever the user's modules
 * print while they load (`import 'dotenv/config'`, debug lines) goes to stderr instead.
 */
export function consoleToStderr(): () => void {
  const saved = STDOUT_METHODS.map((name) => [name, console[name]] as const);
  const toStderr = new Console({ stdout: process.stderr, stderr: process.stderr });
  for (const name of STDOUT_METHODS) (console as unknown as Record<string, unknown>)[name] = toStderr[name].bind(toStderr);
  return () => {
    for (const [name, method] of saved) (console as unknown as Record<string, unknown>)[name] = method;
  };
}
