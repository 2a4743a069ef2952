/**
 * The physical limit: a raw better-sqlite3 keyset read of every blog row, batch 1000,
 * rows as arrays, no hydration, no validation. Prints { rows } as JSON.
 */
import Database from 'better-sqlite3';
import { BLOG_TABLES } from '../fixtures/blog/blog-tables';
import { blogDatabaseFile } from '../fixtures/blog/generate';

const BATCH = 1000;
const db = new Database(blogDatabaseFile(Number(process.env.BLOG_SCALE ?? 1)), { readonly: true, fileMustExist: true });
let rows = 0;
for (const { table } of BLOG_TABLES) {
  const first = db.prepare(`SELECT "id", "title", "body" FROM "${table}" ORDER BY "id" LIMIT ${BATCH}`).raw(true);
  const next = db.prepare(`SELECT "id", "title", "body" FROM "${table}" WHERE "id" > ? ORDER BY "id" LIMIT ${BATCH}`).raw(true);
  let batch = first.all() as unknown[][];
  while (batch.length > 0) {
    rows += batch.length;
    if (batch.length < BATCH) break;
    batch = next.all(batch[batch.length - 1][0]) as unknown[][];
  }
}
db.close();
process.stdout.write(JSON.stringify({ rows }));
