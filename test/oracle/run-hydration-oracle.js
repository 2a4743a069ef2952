#!/usr/bin/env node
'use strict';
/*
 * Prints compareHydration's result (JSON) for a data source module: node run-hydration-oracle.js <module>.
 * A plain JS runner so the .ts files load through our own TypeScript loader (dist/), as in run-oracle.js.
 */
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
require(path.join(root, 'dist/datasource/register-typescript')).registerTypeScript();
const { compareHydration } = require('./hydration-oracle.ts');

compareHydration(path.resolve(process.argv[2])).then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exitCode = 1;
  },
);
