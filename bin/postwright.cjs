#!/usr/bin/env node
// Runs the built CLI; `npm install` builds it (the package's prepare script).
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'main', 'cli.cjs');
if (!fs.existsSync(cli)) {
  process.stderr.write('postwright: the app is not built yet. Run `npm run build` in the Postwright folder first.\n');
  process.exit(1);
}
require(cli);
