import { execFile } from 'node:child_process';
import * as path from 'node:path';
import type { OracleResult } from './oracle-result';

const RUNNER = path.join(__dirname, 'run-oracle.js');

/** Runs the naive oracle on a data source module in its own process (our TS loader, not vitest's). */
export function runOracle(dataSourceModule: string, env: NodeJS.ProcessEnv = {}): Promise<OracleResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [RUNNER, dataSourceModule], { env: { ...process.env, ...env }, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`the oracle failed (${error.message}): ${stderr}`));
        else resolve(JSON.parse(stdout) as OracleResult);
      });
  });
}
