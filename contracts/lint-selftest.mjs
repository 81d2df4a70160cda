// Self-test of the crm lint rules' functions on tiny documents: each rule must fail where it should.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import listPagination from './functions/listPagination.js';

const context = { path: ['paths', '/api/v1/things'] };
const page = (extra = {}) => ({ type: 'object', properties: { items: { type: 'array', ...extra }, nextCursor: { type: ['string', 'null'] } } });
const get = (schema, parameters = [], headers) => ({
  get: { operationId: 'listThings', parameters, responses: { 200: { headers, content: { 'application/json': { schema } } } } },
});
const paging = [{ in: 'query', name: 'limit' }, { in: 'query', name: 'cursor' }];

test('a page with limit and cursor passes', () => {
  assert.deepEqual(listPagination(get(page(), paging), {}, context), []);
});

test('a bare array fails, a bare array with maxItems is a bounded list', () => {
  assert.match(listPagination(get({ type: 'array' }, paging), {}, context)[0].message, /bare array/);
  assert.deepEqual(listPagination(get({ type: 'array', maxItems: 20 }), {}, context), []);
});

test('a page without limit or cursor fails unless its items are bounded', () => {
  assert.match(listPagination(get(page(), [{ in: 'query', name: 'limit' }]), {}, context)[0].message, /cursor/);
  assert.deepEqual(listPagination(get(page({ maxItems: 20 })), {}, context), []);
});

test('a list documenting a Link header fails', () => {
  const found = listPagination(get(page(), paging, { Link: { schema: { type: 'string' } } }), {}, context);
  assert.equal(found.length, 1);
  assert.match(found[0].message, /Link header/);
});

test('an answer that is no list is not this rule\'s business', () => {
  assert.deepEqual(listPagination(get({ type: 'object', properties: { id: { type: 'string' } } }), {}, context), []);
});
