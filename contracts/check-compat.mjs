// Compatibility of a current contract with the released one: fails when something partners rely on
// was removed or renamed (a rename is a removal plus an addition). Additions are fine.
//
// Usage: node check-compat.mjs RELEASED CURRENT   (both OpenAPI JSON, or both AsyncAPI YAML/JSON)
//
// OpenAPI: every path, operation (method), response status, parameter (name+in), schema in
//   components and property of a schema (request and response bodies and components, nested through
//   properties, items, allOf/oneOf/anyOf) of RELEASED must still be in CURRENT; a parameter or
//   request-body property that becomes required, or a new required parameter, breaks callers too.
//   An optional header parameter may go: a client that still sends it is not refused.
// AsyncAPI: every message (event type) must still be on the same channel address, every property of
//   its payload (envelope and data, nested) must still be there, and a required one must stay
//   required (consumers rely on it being present).
// A deliberate break is versioned instead: a new /api/v2 path or a .v2 event type next to the old one.
import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

export async function load(file) {
  const text = readFileSync(file, 'utf8');
  if (/^\s*\{/.test(text) && JSON.parse(text).openapi) return { kind: 'openapi', doc: JSON.parse(text) };
  // AsyncAPI (YAML): the project's own parser reads it and resolves its $refs.
  const { document, diagnostics } = await new Parser().parse(text, { source: file });
  if (!document) {
    throw new Error(`${file}: not a valid AsyncAPI or OpenAPI document: ` +
      diagnostics.filter((d) => d.severity === 0).map((d) => d.message).join('; '));
  }
  return { kind: 'asyncapi', doc: document.json() };
}

/** Resolves local "#/..." references (OpenAPI), leaving cycles as they are. */
function deref(doc, node, seen = new Set()) {
  while (node && typeof node === 'object' && typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
    if (seen.has(node.$ref)) return {};
    seen.add(node.$ref);
    node = node.$ref.slice(2).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((n, key) => (n == null ? n : n[key]), doc);
  }
  return node;
}

/**
 * Property paths of a schema: "a", "a.b", "list[].c", with "!" appended to required ones.
 * Composition keywords are flattened, so moving a field into an allOf part is no change.
 */
function properties(doc, schema, prefix = '', out = new Set(), seen = new Set(), depth = 0) {
  schema = deref(doc, schema, new Set());
  if (!schema || typeof schema !== 'object' || depth > 12 || seen.has(schema)) return out;
  seen = new Set(seen).add(schema);
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  for (const [name, sub] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    out.add(path);
    if (required.has(name)) out.add(path + '!');
    properties(doc, sub, path, out, seen, depth + 1);
  }
  for (const name of required) if (!schema.properties?.[name]) out.add((prefix ? `${prefix}.${name}` : name) + '!');
  if (schema.items) properties(doc, schema.items, `${prefix}[]`, out, seen, depth + 1);
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    for (const part of schema[key] ?? []) properties(doc, part, prefix, out, seen, depth + 1);
  }
  return out;
}

/**
 * Whether {@code path} sits inside a member that is new and optional: a client that never sends
 * that member (every client of the released contract) sends nothing the new requirement applies to.
 */
function underNewOptionalMember(path, released, current) {
  const parts = path.split('.');
  for (let i = 1; i < parts.length; i++) {
    const ancestor = parts.slice(0, i).join('.');
    if (!released.has(ancestor) && current.has(ancestor) && !current.has(ancestor + '!')) return true;
  }
  return false;
}

function compareProperties(what, released, current, problems, { requiredMayGrow = true, requiredMayShrink = true } = {}) {
  for (const p of released) {
    if (p.endsWith('!')) {
      if (!current.has(p) && current.has(p.slice(0, -1)) && !requiredMayShrink) problems.push(`${what}: ${p.slice(0, -1)} is no longer required`);
    } else if (!current.has(p)) {
      problems.push(`${what}: property ${p} was removed or renamed`);
    }
  }
  if (!requiredMayGrow) {
    for (const p of current) {
      if (p.endsWith('!') && !released.has(p) && !underNewOptionalMember(p.slice(0, -1), released, current)) {
        problems.push(`${what}: ${p.slice(0, -1)} became required`);
      }
    }
  }
}

export function compareOpenApi(released, current) {
  const problems = [];
  for (const [path, item] of Object.entries(released.paths ?? {})) {
    const now = current.paths?.[path];
    if (!now) {
      problems.push(`path ${path} was removed or renamed`);
      continue;
    }
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const opNow = now[method];
      const name = `${method.toUpperCase()} ${path}`;
      if (!opNow) {
        problems.push(`operation ${name} was removed`);
        continue;
      }
      if (op.operationId && opNow.operationId !== op.operationId) {
        problems.push(`${name}: operationId ${op.operationId} was renamed to ${opNow.operationId} (generated clients' method names)`);
      }
      const params = (doc, o, i) => new Map([...(i.parameters ?? []), ...(o.parameters ?? [])]
        .map((p) => deref(doc, p)).map((p) => [`${p.in} ${p.name}`, p]));
      const before = params(released, op, item);
      const after = params(current, opNow, now);
      for (const [key, p] of before) {
        // An optional request header that the server no longer reads breaks no caller: a client that
        // still sends it sends a valid request (unknown headers are ignored). X-Actor went this way
        // (issue 15: the actor comes from the caller's credentials, never from a header they set).
        if (!after.has(key) && p.in === 'header' && !p.required) continue;
        if (!after.has(key)) problems.push(`${name}: parameter ${key} was removed or renamed`);
        else if (!p.required && after.get(key).required) problems.push(`${name}: parameter ${key} became required`);
      }
      for (const [key, p] of after) {
        if (!before.has(key) && p.required && p.in !== 'path') problems.push(`${name}: new required parameter ${key}`);
      }
      const bodyBefore = deref(released, op.requestBody);
      const bodyNow = deref(current, opNow.requestBody);
      for (const [type, media] of Object.entries(bodyBefore?.content ?? {})) {
        const mediaNow = bodyNow?.content?.[type];
        if (!mediaNow) {
          problems.push(`${name}: request body ${type} is no longer accepted`);
          continue;
        }
        compareProperties(`${name} request ${type}`, properties(released, media.schema), properties(current, mediaNow.schema),
          problems, { requiredMayGrow: false, requiredMayShrink: true });
      }
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const responseNow = opNow.responses?.[status];
        if (!responseNow) {
          problems.push(`${name}: response ${status} was removed`);
          continue;
        }
        const r = deref(released, response);
        const rNow = deref(current, responseNow);
        for (const [type, media] of Object.entries(r?.content ?? {})) {
          const mediaNow = rNow?.content?.[type];
          if (!mediaNow) {
            problems.push(`${name}: response ${status} ${type} was removed`);
            continue;
          }
          compareProperties(`${name} response ${status} ${type}`, properties(released, media.schema),
            properties(current, mediaNow.schema), problems, { requiredMayGrow: true, requiredMayShrink: false });
        }
      }
    }
  }
  for (const [schemaName, schema] of Object.entries(released.components?.schemas ?? {})) {
    const now = current.components?.schemas?.[schemaName];
    if (!now) {
      problems.push(`schema ${schemaName} was removed or renamed`);
      continue;
    }
    compareProperties(`schema ${schemaName}`, properties(released, schema), properties(current, now), problems);
  }
  return problems;
}

export function compareAsyncApi(released, current) {
  const problems = [];
  const messages = (doc) => {
    const out = new Map();
    for (const channel of Object.values(doc.channels ?? {})) {
      for (const [key, message] of Object.entries(channel.messages ?? {})) {
        out.set(message.name ?? key, { address: channel.address, payload: message.payload });
      }
    }
    return out;
  };
  const before = messages(released);
  const after = messages(current);
  for (const [type, m] of before) {
    const now = after.get(type);
    if (!now) {
      problems.push(`event type ${type} was removed or renamed`);
      continue;
    }
    if (now.address !== m.address) problems.push(`event type ${type} moved from ${m.address} to ${now.address}`);
    compareProperties(`event ${type}`, properties(released, m.payload), properties(current, now.payload), problems,
      { requiredMayGrow: true, requiredMayShrink: false });
  }
  return problems;
}

export async function compareFiles(releasedFile, currentFile) {
  const released = await load(releasedFile);
  const current = await load(currentFile);
  if (released.kind !== current.kind) return [`${releasedFile} is ${released.kind} but ${currentFile} is ${current.kind}`];
  return released.kind === 'openapi' ? compareOpenApi(released.doc, current.doc) : compareAsyncApi(released.doc, current.doc);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [releasedFile, currentFile] = process.argv.slice(2);
  if (!releasedFile || !currentFile) {
    console.error('usage: node check-compat.mjs RELEASED CURRENT');
    process.exit(2);
  }
  const started = Date.now();
  const problems = await compareFiles(releasedFile, currentFile);
  problems.forEach((p) => console.error(`compat: BREAKING ${p}`));
  console.log(`compat: ${currentFile} vs released ${releasedFile}: ${problems.length === 0 ? 'compatible' : problems.length + ' breaking changes'} (${Date.now() - started} ms)`);
  process.exit(problems.length === 0 ? 0 : 1);
}
