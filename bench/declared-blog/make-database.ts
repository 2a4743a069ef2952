import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import { ensureBlogDatabase } from '../../fixtures/blog/generate';

export const AUTHORS = 1000;
/** Rows of posts given a slug another post has, and an author that does not exist. */
export const DUPLICATE_SLUG_EVERY = 5000;
export const MISSING_AUTHOR_EVERY = 7000;

/**
 * The blog at a scale plus, in posts, a unique `slug` and an `authorId` into a new authors
 * table, as a project would declare them, with no index or constraint in the file (the
 * checks must cope with what other tools wrote). Made once per scale.
 */
export function ensureDeclaredBlog(file: string, scale: number): void {
  if (fs.existsSync(file)) return;
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  ensureBlogDatabase(partial, scale);
  const db = new Database(partial);
  db.pragma('journal_mode = OFF');
  db.exec(`
    CREATE TABLE "authors" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar NOT NULL);
    ALTER TABLE "posts" ADD COLUMN "slug" varchar;
    ALTER TABLE "posts" ADD COLUMN "authorId" integer;
  `);
  const insert = db.prepare('INSERT INTO authors (id, name) VALUES (?, ?)');
  db.transaction(() => {
    for (let id = 1; id <= AUTHORS; id++) insert.run(id, `author ${id}`);
    db.prepare(`UPDATE posts SET slug = 'post-' || (CASE WHEN id % ${DUPLICATE_SLUG_EVERY} = 0 THEN id - 1 ELSE id END),
      "authorId" = CASE WHEN id % ${MISSING_AUTHOR_EVERY} = 0 THEN ${AUTHORS + 1} ELSE 1 + id % ${AUTHORS} END`).run();
  })();
  db.close();
  fs.renameSync(partial, file);
}
