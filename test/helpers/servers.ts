import { execFile } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { serverOptions, type ServerType } from '../../fixtures/servers/servers';
import { ROOT } from './run-cli';

const TS_RUNNER = path.join(ROOT, 'bench/ts.js');
const LOADER = path.join(ROOT, 'fixtures/servers/load.ts');
export const BLOG_ON_SERVER = path.join(ROOT, 'fixtures/servers/blog-data-source.ts');
export const HARD_ON_SERVER = path.join(ROOT, 'fixtures/servers/hard-data-source.ts');

/** A database name of this test process: validate_records_test_<pid>_<label>. */
export function testDatabase(label: string): string {
  return `validate_records_test_${process.pid}_${label}`;
}

/** The environment under which the fixtures' server data source modules read `database`. */
export function serverEnv(type: ServerType, database: string): NodeJS.ProcessEnv {
  return { VR_SERVER: type, VR_DATABASE: database };
}

/** Fails with what to do when the server is not listening (CI starts them: .ci/start-services). */
export async function expectServerUp(type: ServerType): Promise<void> {
  const { host, port } = serverOptions(type);
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(5_000);
    const fail = (why: string) => {
      socket.destroy();
      reject(new Error(`${type} is not reachable on ${host}:${port} (${why}); start it with .ci/start-services`));
    };
    socket.on('connect', () => {
      socket.end();
      resolve();
    });
    socket.on('timeout', () => fail('timeout'));
    socket.on('error', (error) => fail(error.message));
  });
}

export interface LoadSummary {
  refused: Array<{ table: string; row: Record<string, unknown>; reason: string }>;
  ms: number;
}

/** Creates `database` afresh and fills it with a fixture, in a process of its own (see fixtures/servers/load.ts). */
export function loadFixture(type: ServerType, database: string, fixture: 'blog' | 'hard', scale?: number): Promise<LoadSummary> {
  const args = [TS_RUNNER, LOADER, type, database, fixture, ...(scale === undefined ? [] : [String(scale)])];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`loading ${fixture} into ${type} ${database} failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as LoadSummary);
    });
  });
}
