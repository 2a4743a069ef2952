#!/usr/bin/env node
'use strict';
/*
 * Prints the naive oracle's result (JSON) for a data source module: node run-oracle.js <module>.
 * A plain JS runner so the .ts files load through our own TypeScript loader (dist/), which
 * emits decorator metadata; vitest's transformer may not.
 */
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
require(path.join(root, 'dist/datasource/register-typescript')).registerTypeScript();
const { naiveValidation } = require('./naive-validation.ts');

naiveValidation(path.resolve(process.argv[2])).then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exitCode = 1;
  },
);
