// Proves check-merged.mjs fails on a schema-name collision the merge resolved the wrong way, and passes
// a merge that told the two schemas apart. Run: node --test merged-selftest.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareDocuments } from './check-merged.mjs';

const channel = (values) => ({ type: 'string', enum: values });
const service = (name, path, values) => ({
  openapi: '3.1.0', info: { title: name, version: '1' },
  paths: {
    [path]: {
      post: {
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/New' } } } },
        responses: { 201: { description: 'created', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } } },
      },
    },
  },
  components: {
    schemas: {
      Channel: channel(values),
      New: { type: 'object', required: ['channel'], properties: { channel: { $ref: '#/components/schemas/Channel' } } },
      // recursive, as a comment thread or a category tree is
      Item: { type: 'object', properties: { channel: { $ref: '#/components/schemas/Channel' },
        replies: { type: 'array', items: { $ref: '#/components/schemas/Item' } } } },
    },
  },
});
const touchpoints = service('customer-service', '/api/v1/touchpoints', ['PHONE', 'VISIT', 'LETTER']);
const complaints = service('complaint-service', '/api/v1/complaints', ['PHONE', 'IN_PERSON', 'SOCIAL']);

/** A merge of both documents with each service's schemas renamed by `names(service, schema)`. */
function merge(names, keep = (service, schema) => service.components.schemas[schema]) {
  const merged = { openapi: '3.1.0', info: { title: 'gateway', version: '1' }, paths: {}, components: { schemas: {} } };
  for (const [key, doc] of [['Touchpoint', touchpoints], ['Complaint', complaints]]) {
    const rename = (text) => text.replace(/#\/components\/schemas\/(\w+)/g, (_, s) => `#/components/schemas/${names(key, s)}`);
    Object.assign(merged.paths, JSON.parse(rename(JSON.stringify(doc.paths))));
    for (const schema of Object.keys(doc.components.schemas)) {
      const name = names(key, schema);
      if (!(name in merged.components.schemas)) {
        merged.components.schemas[name] = JSON.parse(rename(JSON.stringify(keep(doc, schema))));
      }
    }
  }
  return merged;
}

test('a merge that told same-name schemas apart passes, recursion included', () => {
  const merged = merge((service, schema) => (schema === 'Channel' ? service + 'Channel' : service + schema));
  for (const [name, doc] of [['customer-service', touchpoints], ['complaint-service', complaints]]) {
    const { problems, compared } = compareDocuments(name, doc, merged);
    assert.deepEqual(problems, []);
    assert.equal(compared, 2);
  }
});

test('a merge that kept one of two different same-name schemas fails, naming the operation and the difference', () => {
  // The first definition of "Channel" wins, as a plain merge by name does.
  const merged = merge((service, schema) => (schema === 'Channel' ? 'Channel' : service + schema));
  assert.deepEqual(compareDocuments('customer-service', touchpoints, merged).problems, []);
  const { problems } = compareDocuments('complaint-service', complaints, merged);
  assert.equal(problems.length, 2);
  assert.match(problems[0], /^complaint-service: POST \/api\/v1\/complaints request body application\/json \(schema New -> ComplaintNew\) differs .*\/properties\/channel\/enum\/1: "IN_PERSON" vs "VISIT"/);
  assert.match(problems[1], /response 201 application\/json/);
});

test('a dropped property, a lost response body and a missing operation fail', () => {
  const merged = merge((service, schema) => service + schema, (service, schema) => {
    const copy = structuredClone(service.components.schemas[schema]);
    if (service === complaints && schema === 'Item') delete copy.properties.replies;
    return copy;
  });
  delete merged.paths['/api/v1/touchpoints'].post.requestBody;
  const complaintProblems = compareDocuments('complaint-service', complaints, merged).problems;
  assert.equal(complaintProblems.length, 1);
  assert.match(complaintProblems[0], /response 201 .*\/properties\/replies: .* vs missing in the merged document/);
  assert.match(compareDocuments('customer-service', touchpoints, merged).problems[0], /request body application\/json: missing from the merged document/);
  delete merged.paths['/api/v1/touchpoints'];
  assert.deepEqual(compareDocuments('customer-service', touchpoints, merged).problems,
    ['customer-service: POST /api/v1/touchpoints is missing from the merged document']);
});
