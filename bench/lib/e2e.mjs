// End-to-end latency of a purchase, as a partner sees it: from the 201 of
// POST /api/v1/customers/{id}/purchases (customer-service, through the gateway) to the moment the
// gateway's customer-360 overview (GET /api/v1/customers/{id}/overview) shows the purchase's
// points: outbox -> Kafka -> loyalty-service earns -> outbox -> Kafka -> gateway projection.
//
//   node e2e.mjs --key=API_KEY --rate=80 [--seconds=20] [--interval=5] [--timeout=10000]
//                [--track-rate=20] [--gateway=http://localhost:8080] [--customer=http://localhost:8081]
//                [--customer-token=INTERNAL_TOKEN] [--out=result.json]
//
// --customer-token: the gateway's internal token for customer-service (./crm internal-token
// customer-service), which the set-up's direct calls on --customer need.
//
// Purchases go out open-loop at a fixed --rate (each at its scheduled time, whether or not earlier
// ones have answered). A documented sample is tracked: every k-th purchase, k = rate/track-rate
// rounded (all when rate <= track-rate), on a pool of customers that have at most one tracked
// purchase in flight, so "the balance went up" can only mean this purchase's points arrived. The
// others go to a separate pool of customers. Each tracked purchase is polled every --interval ms,
// or every 2% of the time since its 201 once that is longer (one request at a time), until the
// overview's loyalty.balance exceeds the balance seen before it; after --timeout ms it counts as a
// failure. Sampling keeps the polling itself (about
// track-rate x latency / interval requests/s) from loading the 2-core machine it measures.
import http from 'node:http';
import { writeFileSync } from 'node:fs';

const args = Object.fromEntries(process.argv.slice(2).map(a => a.replace(/^--/, '').split('=')).map(([k, ...v]) => [k, v.join('=') || 'true']));
const GW = new URL(args.gateway || 'http://localhost:8080');
const CS = new URL(args.customer || 'http://localhost:8081');
const KEY = args.key;
const CUSTOMER_TOKEN = args['customer-token'];
const RATE = Number(args.rate);
const SECONDS = Math.min(Number(args.seconds || 20), 120);
const INTERVAL = Math.max(1, Number(args.interval || 5));
const TIMEOUT = Math.min(Number(args.timeout || 10000), 60000);
const TRACK_RATE = Number(args['track-rate'] || 20);
if (!KEY || !(RATE > 0) || RATE > 5000) {
  console.error('e2e: --key and --rate (0 < rate <= 5000) are required');
  process.exit(2);
}
const K = Math.max(1, Math.round(RATE / TRACK_RATE));
// enough customers for 5 s of tracked purchases in flight
const TRACKED_POOL = Math.min(200, Math.max(16, Math.ceil((RATE / K) * 5)));
const OTHER_POOL = Math.min(400, Math.max(20, Math.ceil(RATE)));
const RUN = Date.now().toString(36);
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
const sleep = ms => new Promise(r => setTimeout(r, ms));
const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a);

function request(method, path, body, base = GW) {
  return new Promise(resolve => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    // The gateway takes the partner's key; a service's own port only the gateway's internal token.
    const headers = base === GW ? { 'X-API-Key': KEY, Accept: 'application/json' }
      : { Authorization: `Bearer ${CUSTOMER_TOKEN}`, Accept: 'application/json' };
    if (data) { headers['Content-Type'] = 'application/json'; headers['Content-Length'] = data.length; }
    const req = http.request({ host: base.hostname, port: base.port, path, method, headers, agent, timeout: 10000 }, res => {
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', e => resolve({ status: e.message === 'timeout' ? 'timeout' : 'neterr', text: String(e) }));
    if (data) req.write(data);
    req.end();
  });
}
const json = r => { try { return JSON.parse(r.text); } catch { return {}; } };

// Set-up, not measured: straight on customer-service, with the internal token the gateway would
// send, so creating the pools costs the measured partner neither rate limit nor gateway hops.
async function createCustomers(n, tag) {
  const ids = [];
  let next = 0;
  async function worker() {
    while (next < n) {
      const i = next++;
      const r = await request('POST', '/api/v1/customers', {
        name: `E2E ${tag} ${i}`, email: `e2e-${RUN}-${tag}-${i}@example.com`, consents: { partnerSharing: true },
      }, CS);
      if (r.status !== 201) throw new Error(`creating a customer answered ${r.status}: ${r.text.slice(0, 200)}`);
      ids.push(json(r).id);
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker));
  return ids;
}

// The overview of a new customer answers once the gateway has its registration and consent; the
// loyalty section once loyalty-service has opened the account.
async function baseline(id) {
  const until = Date.now() + 60000;
  while (Date.now() < until) {
    const r = await request('GET', `/api/v1/customers/${id}/overview`);
    if (r.status === 200) {
      const doc = json(r);
      if (doc.loyalty) return doc.loyalty.balance ?? 0;
    }
    await sleep(100);
  }
  throw new Error(`customer ${id} never showed a loyalty section in the overview`);
}

const pct = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] : null;
const round = v => v === null ? null : Math.round(v * 10) / 10;

async function main() {
  log(`e2e: ${RATE}/s for ${SECONDS} s, tracking every ${K === 1 ? '' : K + '-th '}purchase, poll every ${INTERVAL} ms, timeout ${TIMEOUT} ms`);
  const t0 = Date.now();
  const tracked = (await createCustomers(TRACKED_POOL, 't')).map(id => ({ id, busy: false, balance: 0 }));
  const others = await createCustomers(OTHER_POOL, 'o');
  await Promise.all(tracked.map(async c => { c.balance = await baseline(c.id); }));
  log(`e2e: ${tracked.length} tracked + ${others.length} other customers ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const latencies = [], purchaseSeen = [], answer201 = [], statuses = {};
  let issued = 0, ok = 0, trackedCount = 0, timeouts = 0, skipped = 0, polls = 0, lateStarts = 0;
  const inflight = new Set();
  let rr = 0, ro = 0;

  async function purchase(i) {
    let customer = null;
    if (i % K === 0) {
      for (let s = 0; s < tracked.length && !customer; s++) {
        const c = tracked[(rr + s) % tracked.length];
        if (!c.busy) { customer = c; rr = (rr + s + 1) % tracked.length; }
      }
      if (!customer) skipped++;
    }
    if (customer) customer.busy = true;
    const id = customer ? customer.id : others[ro++ % others.length];
    const sent = performance.now();
    const r = await request('POST', `/api/v1/customers/${id}/purchases`,
      { externalOrderId: `E2E-${RUN}-${i}`, amount: 99.00, currency: 'CNY', discounted: false });
    const at201 = performance.now();
    statuses[r.status] = (statuses[r.status] || 0) + 1;
    if (r.status !== 201) { if (customer) customer.busy = false; return; }
    ok++;
    answer201.push(at201 - sent);
    if (!customer) return;
    trackedCount++;
    const purchaseId = json(r).id;
    let seenPurchase = false, arrived = false;
    while (true) {
      const res = await request('GET', `/api/v1/customers/${id}/overview`);
      polls++;
      const now = performance.now();
      if (res.status === 200) {
        const doc = json(res);
        if (!seenPurchase && doc.value?.lastPurchase?.purchaseId === purchaseId) { seenPurchase = true; purchaseSeen.push(now - at201); }
        const balance = doc.loyalty?.balance ?? 0;
        if (balance > customer.balance) {
          latencies.push(now - at201);
          customer.balance = balance;
          arrived = true;
          break;
        }
      }
      if (now - at201 > TIMEOUT) { timeouts++; break; } // this customer's balance is now unknown: keep it busy
      // every INTERVAL ms, or 2% of the time since the 201 once that is longer (past 250 ms at 5 ms):
      // the error stays within 2%, and a lagging pipeline is not buried under polls of its own overview
      await sleep(Math.max(INTERVAL, (now - at201) / 50));
    }
    if (arrived) customer.busy = false;
  }

  const total = Math.round(RATE * SECONDS);
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + i * 1000 / RATE;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait); else if (wait < -20) lateStarts++;
    issued++;
    const p = purchase(i).catch(e => { statuses.error = (statuses.error || 0) + 1; log(String(e)); });
    inflight.add(p); p.finally(() => inflight.delete(p));
  }
  const sendSeconds = (performance.now() - start) / 1000;
  await Promise.all([...inflight]);
  agent.destroy();
  latencies.sort((a, b) => a - b); purchaseSeen.sort((a, b) => a - b); answer201.sort((a, b) => a - b);
  const result = {
    rate: RATE, seconds: SECONDS, issued, achievedRate: round(issued / sendSeconds), created: ok, statuses,
    sampleEvery: K, tracked: trackedCount, visible: latencies.length, timeouts, trackingSkipped: skipped, polls,
    pollIntervalMs: INTERVAL, timeoutMs: TIMEOUT, lateStarts,
    pointsMs: { p50: round(pct(latencies, 50)), p99: round(pct(latencies, 99)), max: round(latencies.at(-1) ?? null) },
    purchaseMs: { p50: round(pct(purchaseSeen, 50)), p99: round(pct(purchaseSeen, 99)), max: round(purchaseSeen.at(-1) ?? null) },
    answer201Ms: { p50: round(pct(answer201, 50)), p99: round(pct(answer201, 99)), max: round(answer201.at(-1) ?? null) },
  };
  log(`e2e: ${issued} purchases sent (${result.achievedRate}/s), ${ok} answered 201; ${trackedCount} tracked, points visible for ${latencies.length}, ${timeouts} timed out`);
  log(`e2e: 201 -> points in the overview p50 ${result.pointsMs.p50} ms, p99 ${result.pointsMs.p99} ms, max ${result.pointsMs.max} ms` +
      ` (purchase itself visible p50 ${result.purchaseMs.p50} ms, p99 ${result.purchaseMs.p99} ms; ${polls} polls)`);
  if (args.out) writeFileSync(args.out, JSON.stringify(result, null, 2));
}

main().catch(e => { console.error('e2e:', e.message); process.exit(1); });
