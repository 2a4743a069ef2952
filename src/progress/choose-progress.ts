import type { RunObserver } from '../run/run-observer';
import { PlainProgress } from './plain-progress';
import { TerminalProgress } from './terminal-progress';

/** Bars on a terminal, plain lines elsewhere, nothing with --no-progress. Always stderr. */
export function chooseProgress(enabled: boolean, stream: NodeJS.WriteStream = process.stderr): RunObserver {
  if (!enabled) return {};
  return stream.isTTY ? new TerminalProgress(stream) : new PlainProgress(stream);
}
