// Spectral custom function for crm-list-pagination: given a path item, reports its GET when the
// 200 JSON answer is a list and it is not the suite's one list shape, or lacks its parameters:
// - a bare array is refused (every list answers {items, nextCursor}; issue 16 item 27), unless it has
//   `maxItems`: a bounded list the server caps (a write past the cap is refused with problem+json);
// - a page (`items` + `nextCursor`) must take the query parameters `limit` and `cursor`, unless its
//   `items` has `maxItems` (a bounded collection that always fits one page, nextCursor null);
// - no list documents a `Link` header: the next page travels in nextCursor only.
// Spectral hands the function the document with $refs already resolved.
export default function listPagination(pathItem, _options, context) {
  const get = pathItem?.get;
  if (!get) return [];
  const ok = get.responses?.['200'];
  const schema = ok?.content?.['application/json']?.schema;
  if (!schema) return [];
  const isPage = schema.properties && schema.properties.items && schema.properties.nextCursor;
  const isArray = schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array'));
  if (!isPage && !isArray) return [];
  const where = [...context.path, 'get'];
  const name = get.operationId ?? '';
  if (!isPage) {
    if (Number.isInteger(schema.maxItems)) return [];
    return [{ message: `list operation ${name} answers a bare array: answer {items, nextCursor} (platform Page)`, path: where }];
  }
  const problems = [];
  if (Object.keys(ok.headers ?? {}).some((h) => h.toLowerCase() === 'link')) {
    problems.push({ message: `list operation ${name} documents a Link header: the next page is nextCursor`, path: where });
  }
  // A bounded page (items with maxItems, the server refusing a write past it) is always one page.
  if (Number.isInteger(schema.properties.items.maxItems)) return problems;
  const query = [...(pathItem.parameters ?? []), ...(get.parameters ?? [])]
    .filter((p) => p && p.in === 'query')
    .map((p) => p.name);
  const missing = ['limit', 'cursor'].filter((n) => !query.includes(n));
  if (missing.length) {
    problems.push({ message: `list operation ${name} lacks pagination query parameter(s): ${missing.join(', ')}`, path: where });
  }
  return problems;
}
