import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * The CLI under test is the compiled one, exactly what `npx validate-records` runs.
 * VITEST_SKIP_BUILD=1 skips the build when dist/ is known to be fresh.
 */
export default function setup(): void {
  if (process.env.VITEST_SKIP_BUILD) return;
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
