#!/usr/bin/env node
'use strict';
/*
 * Prints an oracle's result (JSON) for a data source module:
 *   node run-oracle.js <module>            find() + validate() per table (naive-validation.ts)
 *   node run-oracle.js <module> hydration  our hydrator against find(), entity by entity (hydration-oracle.ts)
 * A plain JS runner so the .ts files load through our own TypeScript loader (dist/), which
 * emits decorator metadata; vitest's transformer may not.
 */
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
require(path.join(root, 'dist/datasource/register-typescript')).registerTypeScript();
const [moduleFile, oracle = 'validation'] = process.argv.slice(2);
const run = oracle === 'hydration'
  ? require('./hydration-oracle.ts').compareHydration
  : require('./naive-validation.ts').naiveValidation;

run(path.resolve(moduleFile)).then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exitCode = 1;
  },
);
