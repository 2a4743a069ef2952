import type { RunObserver } from '../run/run-observer';
import { PlainProgress } from './plain-progress';
import type { TerminalProgress } from './terminal-progress';

/** Bars on a terminal, plain lines elsewhere, nothing with --no-progress. Always stderr. */
export function chooseProgress(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): RunObserver {
  if (!enabled) return {};
  if (!stream.isTTY) return new PlainProgress(stream);
  // Loaded only for a terminal: cli-progress costs a few milliseconds of every other start.
  const { TerminalProgress: Bars } = require('./terminal-progress') as { TerminalProgress: typeof TerminalProgress };
  return new Bars(stream);
}
