import Database from 'better-sqlite3';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './run-cli';

/**
 * Throwaway user projects for end-to-end tests: a folder under the system temp dir whose
 * `node_modules` is a symlink to this repository's, so the user's modules import 'typeorm'
 * and 'class-validator' by name, as a real project does, and resolve to the very copies
 * the CLI uses (Node follows the link to the real path, so there is one module instance).
 * Nothing is written inside the repository.
 */
export class TempDir {
  readonly dir: string;

  constructor(label: string) {
    this.dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `validate-records-${label}-`)));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(this.dir, 'node_modules'), 'dir');
  }

  path(...parts: string[]): string {
    return path.join(this.dir, ...parts);
  }

  /** Writes files (relative path -> text or bytes), creating folders; returns the first file's absolute path. */
  write(files: Record<string, string | Buffer>): string {
    let first = '';
    for (const [relative, content] of Object.entries(files)) {
      const file = this.path(relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      first ||= file;
    }
    return first;
  }

  mkdir(relative: string): string {
    const dir = this.path(relative);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Removes the folder; the node_modules symlink is unlinked, never followed. */
  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Creates a SQLite database file (rollback journal, closed afterwards: no side files). */
export function createDatabase(file: string, sql: string, rows: Record<string, Array<Record<string, unknown>>> = {}): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.exec(sql);
    for (const [table, records] of Object.entries(rows)) {
      for (const record of records) {
        const columns = Object.keys(record);
        db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
          .run(...columns.map((c) => record[c]));
      }
    }
  } finally {
    db.close();
  }
  return file;
}

export function tableNames(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{ name: string }>)
      .map((row) => row.name);
  } finally {
    db.close();
  }
}

export interface FileFingerprint {
  mtimeMs: number;
  size: number;
  sha256: string;
  /** Files of the database's folder whose names start with the database's name (-wal, -journal, -shm...). */
  siblings: string[];
}

export function fingerprint(file: string): FileFingerprint {
  const stat = fs.statSync(file);
  const base = path.basename(file);
  return {
    mtimeMs: stat.mtimeMs,
    size: stat.size,
    sha256: crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'),
    siblings: fs.readdirSync(path.dirname(file)).filter((name) => name !== base && name.startsWith(base)).sort(),
  };
}

// ---------------------------------------------------------------------------------------
// The standard little project: users (name, email) and posts (title), one table per entity.

export const SCHEMA_SQL = `
  CREATE TABLE users (id INTEGER PRIMARY KEY NOT NULL, name VARCHAR NOT NULL, email VARCHAR NOT NULL);
  CREATE TABLE posts (id INTEGER PRIMARY KEY NOT NULL, title VARCHAR NOT NULL);
`;

export const VALID_ROWS = {
  users: [
    { id: 1, name: 'Ada', email: 'ada@example.com' },
    { id: 2, name: 'Grace', email: 'grace@example.com' },
    { id: 3, name: 'Linus', email: 'linus@example.com' },
  ],
  posts: [
    { id: 1, title: 'Hello world' },
    { id: 2, title: 'Second post' },
  ],
};

/** users 2 and 4 have a bad email, post 3 a title too short. */
export const INVALID_ROWS = {
  users: [
    { id: 1, name: 'Ada', email: 'ada@example.com' },
    { id: 2, name: 'Grace', email: 'not-an-email' },
    { id: 3, name: 'Linus', email: 'linus@example.com' },
    { id: 4, name: 'Ken', email: 'also wrong' },
  ],
  posts: [
    { id: 1, title: 'Hello world' },
    { id: 2, title: 'Second post' },
    { id: 3, title: 'x' },
  ],
};

/** entities.ts of the standard project (legacy decorators, implicit column types). */
export const ENTITIES_TS = `
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IsEmail, MaxLength, MinLength } from 'class-validator';

@Entity('users')
export class User {
  @PrimaryColumn()
  id: number;

  @Column()
  @MaxLength(40)
  name: string;

  @Column()
  @IsEmail()
  email: string;
}

@Entity('posts')
export class Post {
  @PrimaryColumn()
  id: number;

  @Column()
  @MinLength(3)
  title: string;
}
`;

/** The same entities as plain CommonJS: decorators applied by hand, column types explicit. */
export const ENTITIES_JS = `
'use strict';
const { Column, Entity, PrimaryColumn } = require('typeorm');
const { IsEmail, MaxLength, MinLength } = require('class-validator');

class User {}
PrimaryColumn({ type: 'integer' })(User.prototype, 'id');
Column({ type: 'varchar' })(User.prototype, 'name');
MaxLength(40)(User.prototype, 'name');
Column({ type: 'varchar' })(User.prototype, 'email');
IsEmail()(User.prototype, 'email');
Entity('users')(User);

class Post {}
PrimaryColumn({ type: 'integer' })(Post.prototype, 'id');
Column({ type: 'varchar' })(Post.prototype, 'title');
MinLength(3)(Post.prototype, 'title');
Entity('posts')(Post);

module.exports = { User, Post };
`;

/** A .ts data source module for the standard entities (./entities), default export. */
export function dataSourceTs(database: string, options: { extraOptions?: string; exportLine?: string; entities?: string } = {}): string {
  return `
import { DataSource } from 'typeorm';
import { Post, User } from './entities';

const dataSource = new DataSource({
  type: 'better-sqlite3',
  database: ${JSON.stringify(database)},
  entities: ${options.entities ?? '[User, Post]'},
  ${options.extraOptions ?? ''}
});
${options.exportLine ?? 'export default dataSource;'}
`;
}
