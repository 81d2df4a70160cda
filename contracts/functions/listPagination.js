// Spectral custom function for crm-list-pagination: given a path item, reports its GET when the
// 200 JSON answer is a list (a page with `items` and `nextCursor`, or a bare array) and the GET
// (or the path) does not declare both query parameters `limit` and `cursor`.
// A bare array with `maxItems` is a bounded list, not a page: the server refuses (problem+json) a
// write that would take the collection past that cap, so the whole list always fits one answer.
// Spectral hands the function the document with $refs already resolved.
export default function listPagination(pathItem, _options, context) {
  const get = pathItem?.get;
  if (!get) return [];
  const schema = get.responses?.['200']?.content?.['application/json']?.schema;
  if (!schema) return [];
  const isPage = schema.properties && schema.properties.items && schema.properties.nextCursor;
  const isArray = schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array'));
  if (!isPage && !isArray) return [];
  if (!isPage && Number.isInteger(schema.maxItems)) return [];
  const query = [...(pathItem.parameters ?? []), ...(get.parameters ?? [])]
    .filter((p) => p && p.in === 'query')
    .map((p) => p.name);
  const missing = ['limit', 'cursor'].filter((n) => !query.includes(n));
  if (missing.length === 0) return [];
  return [{
    message: `list operation ${get.operationId ?? ''} lacks pagination query parameter(s): ${missing.join(', ')}`,
    path: [...context.path, 'get'],
  }];
}
