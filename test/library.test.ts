import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blogExpectations } from '../fixtures/blog/blog-tables';
import { ROOT } from './helpers/run-cli';

// The compiled package, as `require('validate-records')` gives it (workers are forked from dist/).
const library = require(path.join(ROOT, 'dist', 'index.js')) as typeof import('../src/index');
const DATA_SOURCE = path.join(ROOT, 'fixtures', 'blog', 'data-source.ts');

describe('the library', () => {
  it('runs the same validation as the CLI, in process and with forked workers', async () => {
    process.env.BLOG_SCALE = '0.01';
    try {
      const expected = blogExpectations(0.01);
      for (const procs of [1, 2]) {
        const { report } = await library.validateRecords(library.withDefaults({ dataSource: DATA_SOURCE, procs }));
        expect(report.status).toBe('failed');
        expect(library.EXIT_CODES[report.status]).toBe(1);
        expect(report.summary.invalidRows).toBe(expected.reduce((sum, t) => sum + t.invalidRows, 0));
        expect(library.FORMATTERS.text(report)).toMatch(/FAILED: .* invalid rows/);
      }
    } finally {
      delete process.env.BLOG_SCALE;
    }
  });
});
