import type { Cancellation } from './cancellation';

/** After a second signal, the partial report gets this long before the process just exits. */
const AT_ONCE_MS = 1_000;
const INTERRUPTED_EXIT = 130;

/**
 * The first SIGINT/SIGTERM stops the run gracefully (every scan ends its batch and reports
 * what it read); a second one stops at once: workers are killed, and if the partial report
 * is not out shortly after, the process exits 130 without it. Returns the unsubscribe.
 */
export function handleStopSignals(cancellation: Cancellation): () => void {
  let signals = 0;
  const onSignal = () => {
    signals++;
    cancellation.cancel();
    if (signals === 1) {
      process.stderr.write('validate-records: stopping after the current batch of rows; press Ctrl-C again to stop at once.\n');
    }
    if (signals === 2) {
      setTimeout(() => {
        process.stderr.write('validate-records: stopped at once (second signal); no report.\n');
        process.exit(INTERRUPTED_EXIT);
      }, AT_ONCE_MS).unref();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
