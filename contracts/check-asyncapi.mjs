// Validates docs/asyncapi.yaml with the AsyncAPI project's own parser (@asyncapi/parser: the spec's
// JSON Schema plus its semantic rules), then cross-checks it against docs/event-contracts.md: every
// event type the prose lists must be a message of the channel of its topic, and nothing else.
// Usage: node check-asyncapi.mjs [path/to/asyncapi.yaml]   (exit 1 on any error)
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser } from '@asyncapi/parser';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const file = resolve(process.argv[2] ?? `${root}/docs/asyncapi.yaml`);
const started = Date.now();

const parser = new Parser();
const { document, diagnostics } = await parser.parse(readFileSync(file, 'utf8'), { source: file });
const severities = ['error', 'warning', 'info', 'hint'];
for (const d of diagnostics) {
  console.log(`${severities[d.severity] ?? d.severity} ${d.code} ${d.path.join('.')}: ${d.message}`);
}
const errors = diagnostics.filter((d) => d.severity === 0).length;
if (!document || errors > 0) {
  console.error(`asyncapi: ${file} is NOT a valid AsyncAPI document (${errors} errors)`);
  process.exit(1);
}

// Topic -> event types, as docs/event-contracts.md lists them ("## crm.<topic> (...)" or
// "### crm.<topic>.personal (...)", then table rows whose first cell names the type in backticks).
const contracts = readFileSync(`${root}/docs/event-contracts.md`, 'utf8');
const documented = new Map();
let topic = null;
for (const line of contracts.split('\n')) {
  const heading = line.match(/^##+ (crm\.[a-z]+(?:\.personal)?)(?![a-z.])/);
  if (heading) topic = heading[1];
  else if (/^##+ /.test(line)) topic = null;
  const cell = line.match(/^\|([^|]*)\|/);
  const row = cell && cell[1].match(/`(crm\.[a-z.-]+\.v\d+)`/);
  if (row && topic) documented.set(row[1], topic);
}

const described = new Map();
for (const channel of document.channels()) {
  for (const message of channel.messages()) described.set(message.name(), channel.address());
}
const problems = [];
for (const [type, t] of documented) {
  if (!described.has(type)) problems.push(`${type} (${t}) is in docs/event-contracts.md but not in ${file}`);
  else if (described.get(type) !== t) problems.push(`${type} is on ${described.get(type)} in AsyncAPI but on ${t} in docs/event-contracts.md`);
}
for (const type of described.keys()) {
  if (!documented.has(type)) problems.push(`${type} is in ${file} but not in docs/event-contracts.md`);
}
// Each message's payload must pin its CloudEvents type, so a consumer can pick the schema by `type`.
for (const message of document.messages()) {
  const pinned = JSON.stringify(message.payload()?.json() ?? {}).includes(`"const":"${message.name()}"`);
  if (!pinned) problems.push(`${message.name()}: payload does not pin type to const "${message.name()}"`);
}
problems.forEach((p) => console.error(`asyncapi: ${p}`));
const channels = document.channels().length;
console.log(`asyncapi: ${file}: valid AsyncAPI ${document.version()}, ${channels} channels, ${described.size} event types ` +
  `(${documented.size} in docs/event-contracts.md), ${diagnostics.length} diagnostics, ${problems.length} problems, ${Date.now() - started} ms`);
process.exit(problems.length > 0 ? 1 : 0);
