import * as fs from 'node:fs';
import * as path from 'node:path';

export type ModuleFormat = 'module' | 'commonjs';

const typeByDirectory = new Map<string, ModuleFormat>();

/**
 * The module system Node runs a file under: .mts/.mjs are ES modules, .cts/.cjs CommonJS,
 * and .ts/.js follow the "type" of the nearest package.json (TypeORM's own rule for its
 * entity globs too).
 */
export function moduleFormatOf(file: string): ModuleFormat {
  if (/\.m[jt]sx?$/.test(file)) return 'module';
  if (/\.c[jt]sx?$/.test(file)) return 'commonjs';
  return packageTypeOf(path.dirname(file));
}

function packageTypeOf(directory: string): ModuleFormat {
  const known = typeByDirectory.get(directory);
  if (known) return known;
  let format: ModuleFormat = 'commonjs';
  const manifest = path.join(directory, 'package.json');
  if (fs.existsSync(manifest)) {
    try {
      format = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { type?: string }).type === 'module' ? 'module' : 'commonjs';
    } catch {
      format = 'commonjs'; // Node itself would fail on it later, naming the file
    }
  } else if (path.dirname(directory) !== directory && path.basename(directory) !== 'node_modules') {
    format = packageTypeOf(path.dirname(directory));
  }
  typeByDirectory.set(directory, format);
  return format;
}
