#!/usr/bin/env node
'use strict';
// Runs a bench/*.ts script through validate-records' own TypeScript loader (from dist/).
const path = require('node:path');
require(path.join(__dirname, '..', 'dist', 'datasource', 'register-typescript.js')).registerTypeScript();
const [script, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...rest];
require(path.resolve(script));
