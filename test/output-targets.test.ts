import * as fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli';
import { TempDir } from './helpers/temp-project';

// The full demo database, progress on: the plain progress line "... rows to validate" tells
// that the scan began. The time limit is loose for a loaded machine (a bare start takes ~0.3 s).
const QUICK_MS = 2_000;
const FULL = { BLOG_SCALE: '1' };
const tmp = new TempDir('outputs');
afterAll(() => tmp.cleanup());

async function timedRun(args: string[], env: NodeJS.ProcessEnv = {}) {
  const startedAt = Date.now();
  const result = await runCli(['--procs', '1', ...args], { env: { ...FULL, ...env } });
  return { ...result, ms: Date.now() - startedAt };
}

describe('report files are checked before the scan', () => {
  it('a folder as the file is an exit-2 error naming it, in under a second', async () => {
    const folder = tmp.mkdir('reports');
    const result = await timedRun(['-f', `json:${folder}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^validate-records: The --format json report file ${folder} is a folder`));
    expect(result.stderr).not.toMatch(/rows to validate/);
    expect(result.ms).toBeLessThan(QUICK_MS);
  });

  it('a folder that cannot be created (/proc/nope) is an exit-2 error at once, not a spin', async () => {
    const result = await timedRun(['-f', 'text', '-f', 'json:/proc/nope/out.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/The --format json report file \/proc\/nope\/out.json cannot be written: its folder \/proc\/nope could not be created/);
    expect(result.stderr).not.toMatch(/rows to validate/);
    expect(result.ms).toBeLessThan(QUICK_MS);
  });

  it('a read-only report file and an unwritable $GITHUB_STEP_SUMMARY are refused before the scan', async () => {
    const readOnly = tmp.write({ 'locked.xml': '' });
    fs.chmodSync(readOnly, 0o444);
    const asRoot = process.getuid?.() === 0; // root may write anything: only the folder case applies
    if (!asRoot) {
      const locked = await timedRun(['-f', `junit:${readOnly}`]);
      expect(locked.code).toBe(2);
      expect(locked.stderr).toMatch(/cannot be written/);
    }
    const summary = await timedRun(['-f', 'github'], { GITHUB_STEP_SUMMARY: tmp.dir });
    expect(summary.code).toBe(2);
    expect(summary.stderr).toMatch(/job summary \(\$GITHUB_STEP_SUMMARY\) file .* is a folder/);
    expect(summary.ms).toBeLessThan(QUICK_MS);
  });

  it('merge-reports checks its outputs before reading the reports', async () => {
    const result = await runCli(['merge-reports', tmp.path('missing.json'), '-f', `json:${tmp.dir}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is a folder/);
  });
});
