// The gateway's merged OpenAPI document says exactly what each service says about its own operations.
// Two services may define a schema under the same name with different content (the touchpoint and the
// complaint `Channel` once did): a merge that keeps one of them silently documents the other service's
// operations with the wrong schema, and Prism and generated clients then believe it. So, for every
// operation of every service's own document, each request body and each response body the service
// documents (per media type and status) must be, fully dereferenced, identical in the merged document,
// whatever name the merge gave the schema. Answers the gateway adds itself (401, 403, 429, 503, 504) are
// not the service's and are not compared.
//
// Usage: node check-merged.mjs DIR   (DIR holds <service>.json and gateway.json, as e2e writes them)
//        node check-merged.mjs SERVICE.json... GATEWAY.json
// Exit 1 with one line per difference: the operation, where in it, and the first place the two differ.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

function target(doc, ref) {
  return ref.slice(2).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((n, key) => (n == null ? n : n[key]), doc);
}

/**
 * The schema with every local $ref replaced by what it names, recursively. A reference back into a
 * schema being expanded (a recursive type) becomes {"$recursive": depth}, how many levels up it points,
 * which is the same in both documents whatever the schema is called.
 */
export function dereference(doc, node, stack = []) {
  if (Array.isArray(node)) return node.map((n) => dereference(doc, n, stack));
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
    const at = stack.indexOf(node.$ref);
    if (at >= 0) return { $recursive: stack.length - at };
    const resolved = target(doc, node.$ref);
    if (resolved === undefined) return { $unresolved: node.$ref };
    const { $ref, ...siblings } = node;
    const expanded = dereference(doc, resolved, [...stack, node.$ref]);
    return Object.keys(siblings).length ? { ...expanded, ...dereference(doc, siblings, stack) } : expanded;
  }
  const out = {};
  for (const key of Object.keys(node).sort()) out[key] = dereference(doc, node[key], stack);
  return out;
}

/** Where two dereferenced schemas first differ, as a JSON-pointer-like path and both values; null when equal. */
export function firstDifference(a, b, path = '') {
  if (a === b) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object' || Array.isArray(a) !== Array.isArray(b)) {
    return `${path || '/'}: ${short(a)} vs ${short(b)}`;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    if (!(key in a)) return `${path}/${key}: missing in the service's document vs ${short(b[key])}`;
    if (!(key in b)) return `${path}/${key}: ${short(a[key])} vs missing in the merged document`;
    const d = firstDifference(a[key], b[key], `${path}/${key}`);
    if (d) return d;
  }
  return null;
}

function short(value) {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 160 ? text.slice(0, 160) + '…' : text;
}

/** Every difference between what `service` documents for its operations and what `merged` documents for them. */
export function compareDocuments(serviceName, service, merged) {
  const problems = [];
  let compared = 0;
  for (const [path, item] of Object.entries(service.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const key = `${method.toUpperCase()} ${path}`;
      const mergedOp = merged.paths?.[path]?.[method];
      if (!mergedOp) {
        problems.push(`${serviceName}: ${key} is missing from the merged document`);
        continue;
      }
      const bodies = [];
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
        bodies.push([`request body ${type}`, media.schema, mergedOp.requestBody?.content?.[type]?.schema]);
      }
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        for (const [type, media] of Object.entries(response?.content ?? {})) {
          bodies.push([`response ${status} ${type}`, media.schema, mergedOp.responses?.[status]?.content?.[type]?.schema]);
        }
      }
      for (const [where, own, inMerged] of bodies) {
        if (own === undefined) continue;
        compared++;
        if (inMerged === undefined) {
          problems.push(`${serviceName}: ${key} ${where}: missing from the merged document`);
          continue;
        }
        const difference = firstDifference(dereference(service, own), dereference(merged, inMerged));
        if (difference) {
          const names = [own.$ref, inMerged.$ref].filter(Boolean).map((r) => r.split('/').pop());
          problems.push(`${serviceName}: ${key} ${where}${names.length ? ` (schema ${[...new Set(names)].join(' -> ')})` : ''}`
            + ` differs in the merged document at ${difference}`);
        }
      }
    }
  }
  return { problems, compared };
}

function main(args) {
  let services, gatewayFile;
  if (args.length === 1 && statSync(args[0]).isDirectory()) {
    gatewayFile = join(args[0], 'gateway.json');
    services = readdirSync(args[0]).filter((f) => f.endsWith('.json') && f !== 'gateway.json').sort().map((f) => join(args[0], f));
  } else if (args.length >= 2) {
    gatewayFile = args[args.length - 1];
    services = args.slice(0, -1);
  } else {
    console.error('usage: node check-merged.mjs DIR | SERVICE.json... GATEWAY.json');
    return 2;
  }
  const merged = JSON.parse(readFileSync(gatewayFile, 'utf8'));
  const problems = [];
  let compared = 0;
  for (const file of services) {
    const result = compareDocuments(basename(file, '.json'), JSON.parse(readFileSync(file, 'utf8')), merged);
    problems.push(...result.problems);
    compared += result.compared;
  }
  console.log(`merged document: ${compared} request and response bodies of ${services.length} services compared with ${basename(gatewayFile)}, `
    + `${problems.length} differ`);
  problems.forEach((p) => console.log(`  ${p}`));
  return problems.length ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv.slice(2));
}
