import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { DECLARED_BLOG_ENTITIES } from './entities';

/** The declared blog in the SQLite file DECLARED_BLOG_FILE (bench/declarations-cost.ts makes it). */
export const DeclaredBlogDataSource = new DataSource({
  type: 'better-sqlite3',
  database: process.env.DECLARED_BLOG_FILE!,
  entities: DECLARED_BLOG_ENTITIES,
});
