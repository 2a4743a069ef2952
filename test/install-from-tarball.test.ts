import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/run-cli';
import { ENTITIES_JS, INVALID_ROWS, SCHEMA_SQL, createDatabase } from './helpers/temp-project';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'validate-records-install-')));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** The peers a user's project has already: taken from this repository's install (offline). */
const PEERS = ['typeorm', 'class-validator', 'better-sqlite3', 'reflect-metadata'];

describe('adding the tool to a project as the README says', () => {
  it('npm pack, then npm install of the tarball into a fresh project, then npx validate-records there', () => {
    // dist/ is fresh (the global setup built it): pack without running the prepare build again.
    const tarball = execFileSync(NPM, ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      .trim().split('\n').pop()!;
    const app = path.join(work, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    execFileSync(NPM, ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', '--legacy-peer-deps', path.join(work, tarball)], {
      cwd: app,
      stdio: 'pipe',
    });
    expect(JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8')).devDependencies['validate-records']).toMatch(/\.tgz$/);
    // Linked after the install, which would prune them as extraneous.
    for (const peer of PEERS) fs.symlinkSync(path.join(ROOT, 'node_modules', peer), path.join(app, 'node_modules', peer), 'dir');
    // The installed copy is a real folder in the project, not a link back to this repository.
    expect(fs.lstatSync(path.join(app, 'node_modules', 'validate-records')).isSymbolicLink()).toBe(false);

    createDatabase(path.join(app, 'app.sqlite'), SCHEMA_SQL, INVALID_ROWS);
    fs.writeFileSync(path.join(app, 'entities.js'), ENTITIES_JS);
    fs.writeFileSync(path.join(app, 'data-source.js'), `
const { DataSource } = require('typeorm');
const { User, Post } = require('./entities');
module.exports = new DataSource({ type: 'better-sqlite3', database: 'app.sqlite', entities: [User, Post] });
`);
    let stdout = '';
    let code = 0;
    try {
      execFileSync(NPM, ['exec', '--offline', '--', 'validate-records', '-d', 'data-source.js', '--format', 'json', '--no-progress', '--procs', '1'], {
        cwd: app,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      ({ stdout, status: code } = error as { stdout: string; status: number });
    }
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.summary).toMatchObject({ tables: 2, rows: 7, invalidRows: 3 });
  });
});
