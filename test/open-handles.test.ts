import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './helpers/run-cli';
import { ENTITIES_TS, INVALID_ROWS, SCHEMA_SQL, TempDir, createDatabase, dataSourceTs } from './helpers/temp-project';

/**
 * A project whose modules leave handles open on import (a timer and a listening socket, as
 * entities that connect to Redis do): the run still ends with its exit code once the report
 * is written, in the manager and in every worker.
 */

const HANDLES_TS = `
import * as net from 'node:net';
setInterval(() => undefined, 1000);
net.createServer().listen(0, '127.0.0.1');
`;

let tmp: TempDir;
let dataSource: string;

beforeAll(() => {
  tmp = new TempDir('handles');
  tmp.write({
    'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', experimentalDecorators: true, emitDecoratorMetadata: true } }),
    'app/entities.ts': `import './handles';\n${ENTITIES_TS}`,
    'app/handles.ts': HANDLES_TS,
  });
  const database = createDatabase(tmp.path('db.sqlite'), SCHEMA_SQL, INVALID_ROWS);
  dataSource = tmp.write({ 'app/data-source.ts': dataSourceTs(database) });
});

afterAll(() => tmp?.cleanup());

/** Runs the CLI; a run still alive after `limitMs` is killed and reported as hanging. */
function runWithin(args: string[], limitMs: number): Promise<{ code: number | null; hung: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let hung = false;
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      hung = true;
      process.kill(-child.pid!, 'SIGKILL'); // the manager and its workers
    }, limitMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, hung, stdout, stderr });
    });
  });
}

describe('modules that leave handles open', () => {
  it('the in-process run exits with its code once the report is written', async () => {
    const result = await runWithin(['-d', dataSource, '--procs', '1', '--no-progress'], 30_000);
    expect(result.hung, result.stderr).toBe(false);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/FAILED: 3 invalid rows/);
  });

  it('a run with forked workers exits too, workers included', async () => {
    const result = await runWithin(['-d', dataSource, '--procs', '2', '--exact-procs', '--format', 'json', '--no-progress'], 40_000);
    expect(result.hung, result.stderr).toBe(false);
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.summary.invalidRows).toBe(3);
    expect(report.summary.procs).toBe(2);
  });
});
