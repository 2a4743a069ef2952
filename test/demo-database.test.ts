import * as fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { expectBlogCounts } from './helpers/blog-report';
import { runCli } from './helpers/run-cli';
import { TempDir } from './helpers/temp-project';

const tmp = new TempDir('demo');
afterAll(() => tmp.cleanup());

describe('the demo database', () => {
  it('is generated once, by one process, with progress on stderr, when two runs start together', async () => {
    const env = { BLOG_SCALE: '0.02', BLOG_DATABASE: tmp.path('blog.sqlite') };
    const runs = await Promise.all([1, 2].map(() => runCli(['--procs', '2', '--format', 'json', '--no-progress'], { env })));
    expect(runs.map((run) => run.code)).toEqual([1, 1]);
    for (const run of runs) expectBlogCounts(JSON.parse(run.stdout), 0.02);
    const stderr = runs.map((run) => run.stderr).join('');
    expect(stderr.match(/validate-records demo: generating /g)).toHaveLength(1);
    expect(stderr).toMatch(/validate-records demo: {3}posts: \d+ rows, table 7 of 7/);
    expect(stderr.match(/validate-records demo: generated /g)).toHaveLength(1);
    // Nothing but the database is left: no temporary copy, no lock.
    expect(fs.readdirSync(tmp.dir).filter((name) => name !== 'node_modules')).toEqual(['blog.sqlite']);
  });
});
