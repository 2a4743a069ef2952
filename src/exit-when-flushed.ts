/**
 * Ends the process with `code` once stdout and stderr have taken everything written to
 * them. A finished run must not wait for handles the user's modules left open (a timer, a
 * Redis socket opened on import): TypeORM's own CLI exits the same way.
 */
export function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const flushed = () => {
    if (--pending === 0) process.exit(code);
  };
  // A write's callback runs once the data before it has been handed to the OS (or failed: a closed pipe).
  process.stdout.write('', flushed);
  process.stderr.write('', flushed);
}
