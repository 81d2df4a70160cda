// Lints OpenAPI documents with Spectral (the pinned @stoplight/spectral-cli and .spectral.yaml) and
// prints, per document, the counts by severity and the rules most often broken.
//
// Usage: node lint.mjs [--strict] [files or directories...]
//   default input: e2e/target/openapi/*.json (written by e2e's OpenApiDocumentsIT)
//   fails on any error or warning in any document (infos and hints are only counted). --strict names
//   that mode and is accepted for scripts written when a ratchet baseline still existed; it is the
//   only mode since every document became clean (issue 9).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const args = process.argv.slice(2);
const unknown = args.filter((a) => a.startsWith('--') && a !== '--strict');
if (unknown.length) {
  console.error(`lint: unknown option(s) ${unknown.join(' ')} (usage: node lint.mjs [--strict] [files or directories...])`);
  process.exit(2);
}
const inputs = args.filter((a) => !a.startsWith('--'));
const started = Date.now();

const files = [];
// Inputs are resolved to absolute paths: Spectral reports absolute sources, and a relative directory
// would otherwise match none of them (every document would look clean).
for (const input of (inputs.length ? inputs : [join(root, 'e2e/target/openapi')]).map((i) => resolve(i))) {
  if (!existsSync(input)) {
    console.error(`lint: ${input} does not exist: run ./mvnw verify first (e2e OpenApiDocumentsIT writes the documents)`);
    process.exit(2);
  }
  if (statSync(input).isDirectory()) {
    readdirSync(input).filter((f) => f.endsWith('.json')).sort().forEach((f) => files.push(join(input, f)));
  } else files.push(resolve(input));
}
if (files.length === 0) {
  console.error('lint: no OpenAPI documents to lint');
  process.exit(2);
}

let results;
try {
  const out = execFileSync(join(here, 'node_modules/.bin/spectral'),
    ['lint', '--ruleset', join(here, '.spectral.yaml'), '--format', 'json', '--quiet', '--fail-severity', 'error', ...files],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  results = JSON.parse(out || '[]');
} catch (e) {
  // Spectral exits 1 when it found errors; its JSON report is still on stdout.
  if (!e.stdout) throw e;
  results = JSON.parse(e.stdout);
}

const names = ['error', 'warning', 'info', 'hint'];
const docName = (source) => basename(source, '.json');
let failures = 0;
let total = [0, 0, 0, 0];

for (const file of files) {
  const doc = docName(file);
  const mine = results.filter((r) => resolve(r.source ?? '') === file);
  const counts = [0, 0, 0, 0];
  const byRule = new Map();
  for (const r of mine) {
    counts[r.severity]++;
    const key = `${names[r.severity]} ${r.code}`;
    byRule.set(key, (byRule.get(key) ?? 0) + 1);
  }
  total = total.map((t, i) => t + counts[i]);
  console.log(`lint: ${doc}: ${counts[0]} errors, ${counts[1]} warnings, ${counts[2]} infos, ${counts[3]} hints`);
  [...byRule.entries()].sort((a, b) => b[1] - a[1]).forEach(([rule, n]) => console.log(`        ${String(n).padStart(4)}  ${rule}`));

  const offending = mine.filter((r) => r.severity <= 1);
  for (const r of offending) {
    failures++;
    console.error(`lint: FAIL ${doc}: ${names[r.severity]} ${r.code} at ${r.path.join('.')}: ${r.message}`);
  }
}

console.log(`lint: ${files.length} documents, ${total[0]} errors, ${total[1]} warnings in total; ` +
  `${failures} failing (any error or warning fails), ${Date.now() - started} ms`);
process.exit(failures > 0 ? 1 : 0);
