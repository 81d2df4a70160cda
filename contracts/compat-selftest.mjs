// Proves check-compat.mjs catches what it must and lets additions through, on mutated copies of
// the released v1 documents. Run: node --test compat-selftest.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareFiles } from './check-compat.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const releasedAsync = join(here, 'released/v1/asyncapi.yaml');
const releasedOpenApi = join(here, 'released/v1/openapi.json');
const work = mkdtempSync(join(tmpdir(), 'crm-compat-'));
let n = 0;

function yamlVariant(edit) {
  const text = readFileSync(releasedAsync, 'utf8');
  const changed = edit(text);
  assert.notEqual(changed, text, 'the mutation must change the document');
  const file = join(work, `asyncapi-${n++}.yaml`);
  writeFileSync(file, changed);
  return file;
}

function openApiVariant(edit) {
  const doc = JSON.parse(readFileSync(releasedOpenApi, 'utf8'));
  edit(doc);
  const file = join(work, `openapi-${n++}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

const lostAt = "                  lostAt: {$ref: '#/components/schemas/Timestamp'}\n";

test('the released documents are compatible with themselves', async () => {
  assert.deepEqual(await compareFiles(releasedAsync, releasedAsync), []);
  assert.deepEqual(await compareFiles(releasedOpenApi, releasedOpenApi), []);
});

test('an added event data field passes', async () => {
  const added = yamlVariant((t) => t.replace(lostAt, lostAt + "                  lostBy: {type: [string, 'null']}\n"));
  assert.deepEqual(await compareFiles(releasedAsync, added), []);
});

test('an added event type passes', async () => {
  const added = yamlVariant((t) => t.replace(
    "      crm.customer.erased.v1: {$ref: '#/components/messages/crm.customer.erased.v1'}\n",
    "      crm.customer.erased.v1: {$ref: '#/components/messages/crm.customer.erased.v1'}\n" +
    "      crm.customer.erased.v2: {$ref: '#/components/messages/crm.customer.erased.v1'}\n"));
  assert.deepEqual(await compareFiles(releasedAsync, added), []);
});

test('a removed event data field fails', async () => {
  const removed = yamlVariant((t) => t.replace('[customerId, reasonCode, lostAt]', '[customerId, lostAt]')
    .replace("                  reasonCode: {type: string, enum: [PRICE, QUALITY, SERVICE, COMPETITOR, MOVED, OTHER]}\n", ''));
  const problems = await compareFiles(releasedAsync, removed);
  assert.ok(problems.some((p) => p.includes('crm.customer.marked-lost.v1') && p.includes('data.reasonCode')), problems.join('\n'));
});

test('a renamed event data field fails', async () => {
  const renamed = yamlVariant((t) => t.replace('[customerId, reasonCode, lostAt]', '[customerId, reasonCode, lostOn]')
    .replace(lostAt, lostAt.replace('lostAt', 'lostOn')));
  const problems = await compareFiles(releasedAsync, renamed);
  assert.ok(problems.some((p) => p.includes('data.lostAt was removed')), problems.join('\n'));
});

test('a required event data field that becomes optional fails', async () => {
  const optional = yamlVariant((t) => t.replace('[customerId, reasonCode, lostAt]', '[customerId, lostAt]'));
  const problems = await compareFiles(releasedAsync, optional);
  assert.ok(problems.some((p) => p.includes('data.reasonCode is no longer required')), problems.join('\n'));
});

test('a removed or renamed event type fails', async () => {
  const renamed = yamlVariant((t) => t.replaceAll('crm.complaint.closed.v1', 'crm.complaint.shut.v1'));
  const problems = await compareFiles(releasedAsync, renamed);
  assert.ok(problems.includes('event type crm.complaint.closed.v1 was removed or renamed'), problems.join('\n'));
});

test('an added response property, path and optional parameter pass', async () => {
  const added = openApiVariant((doc) => {
    doc.components.schemas.Problem.properties.traceId = { type: 'string' };
    doc.paths['/api/v1/brand-new'] = { get: { operationId: 'brandNew', responses: { 200: { description: 'ok' } } } };
    const get = doc.paths['/api/v1/customers'].get;
    get.parameters.push({ name: 'newFilter', in: 'query', schema: { type: 'string' } });
  });
  assert.deepEqual(await compareFiles(releasedOpenApi, added), []);
});

test('an optional property that becomes nullable passes (readers lose nothing)', async () => {
  // What the platform's OptionalMeansNullable filter does: "null" added to a type, a reference
  // wrapped in anyOf with a null branch (its target's properties, e.g. address.city, still count).
  const nullable = openApiVariant((doc) => {
    const customer = doc.components.schemas.Customer.properties;
    customer.givenName = { ...customer.givenName, type: ['string', 'null'] };
    // The released document may already wrap it (the filter ran when it was released): take the ref either way.
    const ref = customer.address.$ref ?? customer.address.anyOf.find((branch) => branch.$ref).$ref;
    customer.address = { anyOf: [{ $ref: ref }, { type: 'null' }] };
  });
  assert.deepEqual(await compareFiles(releasedOpenApi, nullable), []);
  const dropped = openApiVariant((doc) => {
    doc.components.schemas.Customer.properties.address = { anyOf: [{ type: 'null' }] };
  });
  const problems = await compareFiles(releasedOpenApi, dropped);
  assert.ok(problems.some((p) => p.includes('address.city')), problems.join('\n'));
});

test('a removed schema property fails', async () => {
  const removed = openApiVariant((doc) => delete doc.components.schemas.Problem.properties.title);
  const problems = await compareFiles(releasedOpenApi, removed);
  assert.ok(problems.some((p) => p.includes('property title was removed')), problems.join('\n'));
});

test('a removed path, operation, response status or parameter fails', async () => {
  const changed = openApiVariant((doc) => {
    delete doc.paths['/api/v1/surveys'];
    const customers = doc.paths['/api/v1/customers'];
    delete customers.post;
    const status = Object.keys(customers.get.responses).find((s) => s.startsWith('4')) ?? '200';
    delete customers.get.responses[status];
    customers.get.parameters = customers.get.parameters.filter((p) => p.name !== 'cursor');
  });
  const problems = await compareFiles(releasedOpenApi, changed);
  for (const expected of ['path /api/v1/surveys was removed', 'operation POST /api/v1/customers was removed',
    'GET /api/v1/customers: response', 'GET /api/v1/customers: parameter query cursor was removed']) {
    assert.ok(problems.some((p) => p.includes(expected)), `${expected} not in:\n${problems.join('\n')}`);
  }
});

test('a removed optional header passes, a removed required header fails', async () => {
  const operation = (doc) => doc.paths['/api/v1/customers'].get;
  const withHeaders = openApiVariant((doc) => operation(doc).parameters.push(
    { name: 'X-Optional', in: 'header', schema: { type: 'string' } },
    { name: 'X-Required', in: 'header', required: true, schema: { type: 'string' } }));
  const without = openApiVariant((doc) => doc);
  const problems = await compareFiles(withHeaders, without);
  assert.ok(!problems.some((p) => p.includes('X-Optional')), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('parameter header X-Required was removed')), problems.join('\n'));
});

test('a renamed operationId or a new required parameter fails', async () => {
  const changed = openApiVariant((doc) => {
    const get = doc.paths['/api/v1/customers'].get;
    get.operationId = 'findCustomers';
    get.parameters.push({ name: 'region', in: 'query', required: true, schema: { type: 'string' } });
  });
  const problems = await compareFiles(releasedOpenApi, changed);
  assert.ok(problems.some((p) => p.includes('operationId')), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('new required parameter query region')), problems.join('\n'));
});

test('a new optional request member with required members of its own passes; a new requirement in an old member fails', async () => {
  const added = openApiVariant((doc) => {
    doc.components.schemas.CustomerProfile.properties.loyaltyPreferences = {
      type: 'object', required: ['channel'], properties: { channel: { type: 'string' } } };
  });
  assert.deepEqual(await compareFiles(releasedOpenApi, added), []);
  const tightened = openApiVariant((doc) => {
    const address = doc.components.schemas.Address;
    address.required = [...(address.required ?? []), 'city'].filter((v, i, all) => all.indexOf(v) === i);
  });
  const problems = await compareFiles(releasedOpenApi, tightened);
  assert.ok(problems.some((p) => p.includes('address.city became required')), problems.join('\n'));
});
