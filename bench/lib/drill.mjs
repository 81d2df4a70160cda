// Fault drills 1-3 and 8 against a running ./crm up stack (see bench/drill --help). Each drill: a
// bounded purchase load through the gateway, a fault injected in the middle, recovery, client retries
// of whatever failed (same Idempotency-Key, as a careful client does), then the books are checked.
import { execSync, execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync, openSync, existsSync, mkdirSync, rmSync } from 'node:fs';

const args = Object.fromEntries(process.argv.slice(2).map(a => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const ROOT = process.env.CRM_ROOT;
const GW = args.gateway || 'http://localhost:8080';
const DRILLS = (args.drills || '1,2,3,8').split(',').map(Number);
const PURCHASES = Math.min(Number(args.purchases || 2000), 20000);
const CUSTOMERS = Math.min(Number(args.customers || 20), 200);
const CONCURRENCY = Math.min(Number(args.concurrency || 4), 32);
const KAFKA_OUTAGE_S = Math.min(Number(args['kafka-outage'] || 30), 120);
// The PostgreSQL every service uses, as ./crm up was given it (PG_PORT), and its cluster.
const PG_PORT = process.env.PG_PORT || '5432';
const TOKEN = process.env.CRM_TOKEN;
const RUN = `${Date.now().toString(36)}`;
const RUN_DIR = `${ROOT}/.crm/run`, LOGS = `${ROOT}/.crm/logs`;
const JAVA = process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : 'java';
const sleep = ms => new Promise(r => setTimeout(r, ms));
const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a);
const report = [];
// Drill 1's outage window and what was answered inside it (degrade, do not go dark: issue 18).
const outage = { from: null, to: null, reads: [], readiness: {} };

async function http(method, path, { body, key, token, idem, timeout = 10000 } = {}) {
  const headers = {};
  if (key) headers['X-API-Key'] = key;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idem) headers['Idempotency-Key'] = idem;
  const started = performance.now();
  try {
    const res = await fetch(GW + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(timeout) });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') || '', text, ms: performance.now() - started, json: () => JSON.parse(text) };
  } catch (e) {
    return { status: e.name === 'TimeoutError' ? 'timeout' : 'neterr', type: '', text: String(e), ms: performance.now() - started };
  }
}

// ------------------------------------------------------------------ processes of the ./crm stack
const pidOf = name => Number(readFileSync(`${RUN_DIR}/${name}.pid`, 'utf8').trim());
function kill9(name) { const pid = pidOf(name); process.kill(pid, 'SIGKILL'); log(`kill -9 ${name} (pid ${pid})`); }
async function waitDead(name) { const pid = pidOf(name); for (let i = 0; i < 100; i++) { try { process.kill(pid, 0); await sleep(100); } catch { return; } } }
// The same command lines as ./crm up, so ./crm down and ./crm status keep working on them.
function startKafka() {
  const out = openSync(`${LOGS}/kafka.log`, 'a');
  const p = spawn(JAVA, ['-Xms256m', '-Xmx512m', '-XX:+UseSerialGC', '-cp', `${ROOT}/.crm/kafka/libs/*`,
    `-Dlog4j2.configurationFile=${ROOT}/infra/kafka/log4j2.yaml`, 'kafka.Kafka', `${ROOT}/.crm/kafka/server.properties`],
    { detached: true, stdio: ['ignore', out, out] });
  p.unref(); writeFileSync(`${RUN_DIR}/kafka.pid`, `${p.pid}\n`); log(`kafka restarted (pid ${p.pid})`);
}
const PORTS = { 'customer-service': 8081, 'loyalty-service': 8082, 'complaint-service': 8083, 'survey-service': 8084, gateway: 8080 };
// Health (and metrics) answer only on the management ports, as ./crm up starts the services.
const MANAGEMENT_PORTS = { 'customer-service': 9081, 'loyalty-service': 9082, 'complaint-service': 9083, 'survey-service': 9084, gateway: 9080 };
function startService(svc) {
  const db = `crm_${svc.replace(/-service$/, '')}`;
  const env = { ...process.env, CUSTOMER_PORT: '8081', LOYALTY_PORT: '8082', COMPLAINT_PORT: '8083', SURVEY_PORT: '8084', GATEWAY_PORT: '8080',
    CUSTOMER_MANAGEMENT_PORT: '9081', LOYALTY_MANAGEMENT_PORT: '9082', COMPLAINT_MANAGEMENT_PORT: '9083', SURVEY_MANAGEMENT_PORT: '9084',
    GATEWAY_MANAGEMENT_PORT: '9080',
    CRM_DB_URL: `jdbc:postgresql://localhost:${PG_PORT}/${db}`, CRM_DB_USER: db, CRM_DB_PASSWORD: db, KAFKA_BOOTSTRAP_SERVERS: 'localhost:9092',
    CRM_JWT_PUBLIC_KEY_LOCATION: `${ROOT}/.crm/jwt/public.pem`,
    // ./crm up's internal-token pair: the public key for every service, the private one for the gateway only.
    CRM_INTERNAL_PUBLIC_KEY_LOCATION: `${ROOT}/.crm/keys/internal-public.pem`,
    ...(svc === 'gateway' ? { CRM_INTERNAL_PRIVATE_KEY_LOCATION: `${ROOT}/.crm/keys/internal-private.pem` } : {}),
    CRM_SERVICE_CUSTOMER_URL: 'http://localhost:8081', CRM_SERVICE_LOYALTY_URL: 'http://localhost:8082',
    CRM_SERVICE_COMPLAINT_URL: 'http://localhost:8083', CRM_SERVICE_SURVEY_URL: 'http://localhost:8084' };
  const out = openSync(`${LOGS}/${svc}.log`, 'a');
  const opts = (process.env.CRM_JAVA_OPTS || '-Xms64m -Xmx384m -XX:+UseSerialGC').split(/\s+/);
  const p = spawn(JAVA, [...opts, '-jar', `${ROOT}/${svc}/target/quarkus-app/quarkus-run.jar`], { env, detached: true, stdio: ['ignore', out, out] });
  p.unref(); writeFileSync(`${RUN_DIR}/${svc}.pid`, `${p.pid}\n`); log(`${svc} restarted (pid ${p.pid})`);
  return Date.now();
}
async function waitReady(svc, maxS = 180) {
  const t0 = Date.now();
  while (Date.now() - t0 < maxS * 1000) {
    try { const r = await fetch(`http://localhost:${MANAGEMENT_PORTS[svc]}/q/health/ready`, { signal: AbortSignal.timeout(2000) }); if (r.ok) return Date.now() - t0; } catch { }
    await sleep(300);
  }
  throw new Error(`${svc} not ready after ${maxS} s`);
}
async function kafkaUp(maxS = 120) {
  const t0 = Date.now();
  while (Date.now() - t0 < maxS * 1000) { try { execSync('bash -c "echo > /dev/tcp/127.0.0.1/9092"', { stdio: 'ignore' }); return Date.now() - t0; } catch { await sleep(300); } }
  throw new Error('kafka did not come back');
}

// ------------------------------------------------------------------ load
async function setup(tag) {
  const key = (await http('POST', '/api/v1/admin/api-keys', { token: TOKEN, body: { partner: `bench drill ${RUN} ${tag}`,
    scopes: ['customers:read', 'customers:write', 'loyalty:read'], requestsPerMinute: 100000 } })).json().apiKey;
  const customers = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const r = await http('POST', '/api/v1/customers', { key, idem: `drill-${RUN}-${tag}-c${i}`, body: { name: `Drill ${tag} ${i}`,
      email: `drill-${RUN}-${tag}-${i}@example.com`, consents: { marketing: false, partnerSharing: true } } });
    if (r.status !== 201) throw new Error(`customer create: ${r.status} ${r.text}`);
    customers.push(r.json().id);
  }
  // Partner visibility follows the consent event into the gateway: wait until every customer is readable,
  // and the loyalty account that customer-service's event opens exists (the outage drill reads it).
  for (const id of customers) { for (let k = 0; k < 100; k++) { if ((await http('GET', `/api/v1/customers/${id}`, { key })).status === 200) break; await sleep(200); } }
  for (const id of customers) { for (let k = 0; k < 100; k++) { if ((await http('GET', `/api/v1/loyalty/accounts/${id}`, { key })).status === 200) break; await sleep(200); } }
  return { key, customers };
}

const purchaseId = r => { if (r.status !== 201) return undefined; try { return r.json().id; } catch { return undefined; } };

async function load(tag, { key, customers }, faultAt, fault, failurePauseMs = 0) {
  const results = new Array(PURCHASES);
  let next = 0, faultFired = false, faultPromise = null;
  const t0 = Date.now();
  const one = n => {
    const customer = customers[n % customers.length];
    return http('POST', `/api/v1/customers/${customer}/purchases`, { key, idem: `drill-${RUN}-${tag}-p${n}`,
      body: { externalOrderId: `DRILL-${RUN}-${tag}-${n}`, amount: 100.00, currency: 'CNY', discounted: false } });
  };
  const worker = async () => {
    while (next < PURCHASES) {
      const n = next++;
      if (!faultFired && n >= faultAt) { faultFired = true; faultPromise = fault(); }
      const sentAt = Date.now();
      const r = await one(n);
      results[n] = { n, status: r.status, type: r.type, ms: r.ms, at: Date.now() - t0, sentAt, doneAt: Date.now(), id: purchaseId(r), text: r.status >= 500 || typeof r.status !== 'number' ? r.text.slice(0, 300) : undefined };
      // Drill 8: a client that backs off after a failure, so the load stays steady through the outage
      // instead of burning the remaining purchases on fast refusals.
      if (r.status !== 201 && failurePauseMs) await sleep(failurePauseMs);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const loadMs = Date.now() - t0;
  if (faultPromise) await faultPromise;
  // What failed is retried with the same Idempotency-Key and order id until it is in (bounded).
  const failed = results.filter(r => r.status !== 201);
  const retryOutcome = {};
  for (const r of failed) {
    let last;
    for (let k = 0; k < 40; k++) { last = await one(r.n); if (last.status === 201 || (last.status === 409 && !/still being processed/.test(last.text))) break; await sleep(500); }
    r.retryStatus = last.status; r.retryId = purchaseId(last);
    const label = last.status === 409 ? `409 ${/still being processed/.test(last.text) ? 'still processing' : 'already recorded'}` : last.status;
    retryOutcome[label] = (retryOutcome[label] || 0) + 1;
  }
  return { results, loadMs, failed, retryOutcome };
}

// ------------------------------------------------------------------ books
async function pages(path, key, max = 1000) {
  const items = []; let cursor = null;
  for (let i = 0; i < max; i++) {
    const r = await http('GET', `${path}${path.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { key });
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${r.text.slice(0, 200)}`);
    const page = r.json(); items.push(...page.items);
    if (!page.nextCursor) return items; cursor = page.nextCursor;
  }
  return items;
}
function topicCounts(customers) {
  writeFileSync(`${RUN_DIR}/drill-customers.txt`, customers.join('\n'));
  const out = execSync(`"${JAVA}" -cp "${ROOT}/.crm/kafka/libs/*" "${ROOT}/bench/lib/TopicCount.java" localhost:9092 "${RUN_DIR}/drill-customers.txt" crm.customers crm.loyalty`,
    { maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'], timeout: 120000 }).toString();
  return JSON.parse(out);
}
async function books({ key, customers }, expectedPurchases) {
  // Converge: every committed purchase has its ledger entry (bounded wait).
  const t0 = Date.now(); let b;
  for (let k = 0; k < 120; k++) {
    b = { purchases: 0, purchaseIds: new Set(), ledgerPurchaseEntries: 0, duplicateEarnings: 0, balanceMismatch: 0, ledgerSumMismatch: 0, overviewMismatch: [] };
    for (const id of customers) {
      const ps = await pages(`/api/v1/customers/${id}/purchases`, key);
      b.purchases += ps.length; ps.forEach(p => b.purchaseIds.add(p.id));
      const ledger = await pages(`/api/v1/loyalty/accounts/${id}/ledger`, key);
      const earn = ledger.filter(e => (e.sourceRef || '').startsWith('purchase:'));
      b.ledgerPurchaseEntries += earn.length;
      b.duplicateEarnings += earn.length - new Set(earn.map(e => e.sourceRef)).size;
      const acct = (await http('GET', `/api/v1/loyalty/accounts/${id}`, { key })).json();
      const sum = ledger.reduce((s, e) => s + e.points, 0);
      if (sum !== acct.balance) b.ledgerSumMismatch++;
      b[id] = acct.balance;
    }
    if (b.ledgerPurchaseEntries >= b.purchases && b.purchases >= expectedPurchases) break;
    await sleep(1000);
  }
  b.convergedMs = Date.now() - t0;
  // The gateway's overview is built from events only: it must show the loyalty balance.
  for (let k = 0; k < 30; k++) {
    b.overviewMismatch = [];
    for (const id of customers) {
      const o = await http('GET', `/api/v1/customers/${id}/overview`, { token: TOKEN });
      const ob = o.status === 200 ? o.json().loyalty?.balance : null;
      if (ob !== b[id]) b.overviewMismatch.push(`${id}: overview ${ob} vs loyalty ${b[id]}`);
    }
    if (!b.overviewMismatch.length) break;
    await sleep(1000);
  }
  const t = topicCounts(customers);
  b.events = t;
  for (const id of customers) delete b[id];
  b.distinctPurchases = b.purchaseIds.size; delete b.purchaseIds;
  return b;
}

function summarize(name, fault, setupInfo, l, b, extra = { checks: [], lines: [] }) {
  const statuses = {}; l.results.forEach(r => statuses[r.status] = (statuses[r.status] || 0) + 1);
  const lat = l.results.map(r => r.ms).sort((a, c) => a - c), q = p => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))].toFixed(0);
  const bad500 = l.results.filter(r => r.status === 500 || (typeof r.status === 'number' && r.status >= 400 && !r.type.startsWith('application/problem+json')));
  const hangs = l.results.filter(r => r.status === 'timeout');
  const ok201 = statuses[201] || 0;
  const earned = b.events['crm.points.earned.v1'] || { distinct: 0, total: 0 };
  const recorded = b.events['crm.purchase.recorded.v1'] || { distinct: 0, total: 0 };
  const checks = [
    [`every acknowledged (201) purchase is stored`, b.distinctPurchases >= ok201],
    [`every purchase (acknowledged + retried) stored exactly once: ${b.purchases} stored for ${PURCHASES} sent`, b.purchases === PURCHASES && b.distinctPurchases === PURCHASES],
    [`each purchase earned points exactly once: ${b.ledgerPurchaseEntries} ledger entries, ${b.duplicateEarnings} duplicates`, b.ledgerPurchaseEntries === b.purchases && b.duplicateEarnings === 0],
    [`crm.purchase.recorded.v1 published for every purchase: ${recorded.distinct} distinct (${recorded.total} records)`, recorded.distinct === b.purchases],
    [`crm.points.earned.v1 once per purchase: ${earned.distinct} distinct (${earned.total} records)`, earned.distinct === b.purchases],
    [`balance = sum of the ledger on every account (${b.ledgerSumMismatch} mismatches)`, b.ledgerSumMismatch === 0],
    [`gateway overview = loyalty balance on every account (${b.overviewMismatch.length} mismatches)`, b.overviewMismatch.length === 0],
    [`no 500 and every error problem+json during the fault (${bad500.length} offending)`, bad500.length === 0],
    [`no request hung past 10 s (${hangs.length})`, hangs.length === 0],
  ];
  if (outage.from && !outage.summarized) {
    outage.summarized = true;
    const during = l.results.filter(r => r.sentAt >= outage.from && r.doneAt <= outage.to);
    const count = xs => xs.reduce((m, r) => (m[r.status] = (m[r.status] || 0) + 1, m), {});
    const ok = r => typeof r.status === 'number' && r.status >= 200 && r.status < 300;
    outage.purchaseStatuses = count(during); outage.readStatuses = count(outage.reads);
    checks.push(
      [`reads through the gateway while Kafka was down: ${outage.reads.length} sent, ${outage.reads.filter(ok).length} 2xx ${JSON.stringify(outage.readStatuses)}`,
        outage.reads.length > 0 && outage.reads.every(ok)],
      [`purchases sent and answered while Kafka was down: ${during.length}, ${during.filter(ok).length} 2xx ${JSON.stringify(outage.purchaseStatuses)}`,
        during.length > 0 && during.every(ok)],
      [`every service ready (/q/health/ready 200) while Kafka was down: ${JSON.stringify(outage.readiness)}`,
        Object.keys(PORTS).every(svc => outage.readiness[svc] === 200)]);
  }
  checks.push(...extra.checks);
  const passed = checks.every(c => c[1]);
  const lines = [`## ${name}`, '', `Fault: ${fault}`, '',
    `Load: ${PURCHASES} purchases over ${CUSTOMERS} customers, ${CONCURRENCY} concurrent, through the gateway with a partner key; ${(l.loadMs / 1000).toFixed(1)} s.`,
    `Answers during the load: ${JSON.stringify(statuses)}; latency p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${lat[lat.length - 1].toFixed(0)} ms.`,
    `Client retries of the ${l.failed.length} failed requests (same Idempotency-Key): ${JSON.stringify(l.retryOutcome)}.`,
    `Books converged ${(b.convergedMs / 1000).toFixed(1)} s after the load.`, ...extra.lines, '',
    '| check | result |', '|---|---|', ...checks.map(([c, ok]) => `| ${c} | ${ok ? 'ok' : '**FAILED**'} |`), ''];
  const badReads = outage.reads.filter(r => r.text !== undefined);
  if (outage.from && badReads.length) lines.push('Reads refused while Kafka was down (first 5):', '', ...badReads.slice(0, 5).map(r => `- ${r.path}: ${r.status} ${r.text}`), '');
  if (bad500.length) lines.push('Offending answers (first 5):', '', ...bad500.slice(0, 5).map(r => `- #${r.n}: ${r.status} ${r.type} ${r.text}`), '');
  if (b.overviewMismatch.length) lines.push('Overview mismatches (first 5):', '', ...b.overviewMismatch.slice(0, 5).map(m => `- ${m}`), '');
  report.push(...lines);
  console.log(lines.join('\n'));
  return passed;
}

// Reads a partner's frontend would make, one after another, until `until`: a customer, their
// purchases, their loyalty account. Every answer is kept for drill 1's checks.
async function steadyReads({ key, customers }, until) {
  for (let n = 0; Date.now() < until; n++) {
    const id = customers[n % customers.length];
    const path = [`/api/v1/customers/${id}`, `/api/v1/customers/${id}/purchases?limit=5`, `/api/v1/loyalty/accounts/${id}`][n % 3];
    const r = await http('GET', path, { key });
    outage.reads.push({ path, status: r.status, text: r.status >= 300 || typeof r.status !== 'number' ? r.text.slice(0, 200) : undefined });
    await sleep(50);
  }
}

// ------------------------------------------------------------------ drill 8: data directory lost
// "version name data-directory" of the cluster on PG_PORT.
function pgCluster() {
  const line = execSync(`pg_lsclusters -h | awk -v p=${PG_PORT} '$3==p {print $1" "$2" "$6; exit}'`).toString().trim();
  if (!line) throw new Error(`no PostgreSQL cluster on port ${PG_PORT}`);
  return line.split(' ');
}
function psql(db, sql) {
  const asPostgres = process.getuid() === 0 ? ['runuser', '-u', 'postgres', '--'] : ['sudo', '-u', 'postgres'];
  return execFileSync(asPostgres[0], [...asPostgres.slice(1), 'psql', '-X', '-q', '-p', PG_PORT, '-d', db, '-v', 'ON_ERROR_STOP=1', '-tA', '-F', '|'],
    { input: sql, maxBuffer: 1 << 24, timeout: 60000 }).toString().trim();
}
const crm = (...a) => execFileSync(`${ROOT}/crm`, a, { env: process.env, maxBuffer: 1 << 24, timeout: 900000 }).toString();
const restore = {};

// Every purchase that got a 201 (during the load or on a retry), looked up in crm_customer itself:
// the row with the id the client was given, its order id, and how many rows carry that order id.
function acknowledgedPurchases(l) {
  const acked = [];
  for (const r of l.results) {
    if (r.status === 201 && r.id) acked.push({ id: r.id, order: `DRILL-${RUN}-d8-${r.n}`, when: r.doneAt < restore.stoppedAt ? 'before' : r.sentAt > restore.readyAt ? 'after' : 'during' });
    else if (r.retryStatus === 201 && r.retryId) acked.push({ id: r.retryId, order: `DRILL-${RUN}-d8-${r.n}`, when: 'retry' });
  }
  const values = acked.map(a => `('${a.id}'::uuid, '${a.order}')`).join(',\n');
  const rows = acked.length ? psql('crm_customer', `with acked(id, order_id) as (values ${values})
    select a.id, p.id is not null and p.external_order_id = a.order_id,
           (select count(*) from purchase q where q.external_order_id = a.order_id)
    from acked a left join purchase p on p.id = a.id;`).split('\n').filter(Boolean) : [];
  const found = new Map(rows.map(line => { const [id, present, copies] = line.split('|'); return [id, { present: present === 't', copies: Number(copies) }]; }));
  const missing = acked.filter(a => !found.get(a.id)?.present);
  const notOnce = acked.filter(a => found.get(a.id) && found.get(a.id).copies !== 1);
  const byWhen = acked.reduce((m, a) => (m[a.when] = (m[a.when] || 0) + 1, m), {});
  // The ones acknowledged in the last second before the stop: their WAL was at most in the segment
  // the receiver was still writing (archive_command would not have had it).
  const lastSecond = acked.filter(a => a.when === 'before' && l.results.find(r => r.id === a.id)?.doneAt >= restore.stoppedAt - 1000).length;
  return { acked: acked.length, missing, notOnce, byWhen, lastSecond };
}

const DRILL_DEFS = {
  1: { name: 'Drill 1: Kafka broker killed (kill -9) mid-load', fault: `kill -9 of the broker at 1/3 of the load, down ${KAFKA_OUTAGE_S} s, then started again; meanwhile steady reads through the gateway and a readiness probe of every service`,
    run: async s => {
      kill9('kafka'); await waitDead('kafka');
      outage.from = Date.now();
      const until = outage.from + KAFKA_OUTAGE_S * 1000;
      const probe = (async () => {
        await sleep(Math.min(10000, KAFKA_OUTAGE_S * 500));
        for (const svc of Object.keys(PORTS)) {
          try { outage.readiness[svc] = (await fetch(`http://localhost:${MANAGEMENT_PORTS[svc]}/q/health/ready`, { signal: AbortSignal.timeout(5000) })).status; }
          catch (e) { outage.readiness[svc] = String(e.name); }
        }
      })();
      await Promise.all([steadyReads(s, until), probe]);
      outage.to = Date.now();
      startKafka(); log(`kafka answering after ${await kafkaUp()} ms`);
    } },
  2: { name: 'Drill 2: services killed (kill -9) mid-load and restarted', fault: 'kill -9 of customer-service (the writer) at 1/3 of the load and of loyalty-service (the consumer) right after its restart; each started again at once',
    run: async () => {
      kill9('customer-service'); await waitDead('customer-service'); startService('customer-service'); log(`customer-service ready after ${await waitReady('customer-service')} ms`);
      kill9('loyalty-service'); await waitDead('loyalty-service'); startService('loyalty-service'); log(`loyalty-service ready after ${await waitReady('loyalty-service')} ms`);
    } },
  3: { name: 'Drill 3: PostgreSQL restarted mid-load', fault: 'pg_ctlcluster restart (fast) of the PostgreSQL every service uses, at 1/3 of the load',
    run: async () => {
      const cluster = pgCluster().slice(0, 2).join(' ');
      const t = Date.now(); execSync(`pg_ctlcluster ${cluster} restart -m fast`, { stdio: 'ignore', timeout: 60000 });
      log(`postgresql ${cluster} restarted in ${Date.now() - t} ms`);
      for (const svc of Object.keys(PORTS)) log(`${svc} ready again after ${await waitReady(svc, 120)} ms`);
    } },
  8: { name: 'Drill 8: PostgreSQL data directory lost mid-load, restored from ./crm backup',
    fault: 'at 1/3 of the load PostgreSQL is stopped hard (pg_ctlcluster stop -m immediate) and its data directory deleted; ./crm backup restore copies the base backup back, replays the archived WAL to its end (the segment pg_receivewal was writing included) and starts PostgreSQL; the services stay up and reconnect. The client backs off 200 ms after each failed request',
    failurePauseMs: 200,
    // A fresh set, so the drill restores the base backup plus the WAL streamed during this load.
    before: async () => {
      const out = crm('backup');
      restore.set = (out.match(/into (\S+)/) || [])[1];
      log(`backup taken: ${restore.set}`);
      const status = crm('backup', 'status');
      if (!/streaming, sync/.test(status)) throw new Error(`the WAL receiver is not a synchronous standby:\n${status}`);
    },
    run: async () => {
      const [, , dir] = pgCluster();
      restore.lostBytes = Number(execSync(`du -sb "${dir}" | cut -f1`).toString().trim());
      restore.lsnBefore = psql('postgres', 'select pg_current_wal_lsn()');
      restore.stoppedAt = Date.now();
      execSync(`pg_ctlcluster ${pgCluster().slice(0, 2).join(' ')} stop -m immediate`, { stdio: 'ignore', timeout: 60000 });
      rmSync(dir, { recursive: true, force: true });
      log(`postgresql stopped hard at ${restore.lsnBefore} and ${dir} deleted (${(restore.lostBytes / 1048576).toFixed(0)} MB)`);
      const t = Date.now();
      restore.output = crm('backup', 'restore');
      restore.restoreMs = Date.now() - t;
      restore.replayedTo = (restore.output.match(/now at (\S+) on timeline (\d+)/) || []).slice(1).join(' on timeline ');
      log(`restored in ${restore.restoreMs} ms: ${restore.replayedTo}`);
      for (const svc of Object.keys(PORTS)) log(`${svc} ready again after ${await waitReady(svc, 120)} ms`);
      restore.readyAt = Date.now();
    },
    checks: async (l, s) => {
      const a = acknowledgedPurchases(l);
      const ready = {};
      for (const svc of Object.keys(PORTS)) {
        try { ready[svc] = (await fetch(`http://localhost:${MANAGEMENT_PORTS[svc]}/q/health`, { signal: AbortSignal.timeout(5000) })).status; } catch (e) { ready[svc] = e.name; }
      }
      const read = await http('GET', `/api/v1/customers/${s.customers[0]}/purchases?limit=1`, { key: s.key });
      const status = crm('backup', 'status');
      const receiver = (status.match(/receiver\s+(.*)/) || [])[1] || '?';
      return {
        checks: [
          [`every purchase that got a 201 is in crm_customer after the restore: ${a.acked} acknowledged ${JSON.stringify(a.byWhen)}, ${a.missing.length} missing`, a.acked > 0 && a.missing.length === 0],
          [`each of them exactly once (one row per order id): ${a.notOnce.length} not once`, a.notOnce.length === 0],
          [`the services recovered: full health ${JSON.stringify(ready)}, a read through the gateway ${read.status}`, Object.values(ready).every(v => v === 200) && read.status === 200],
          [`backups continue on the restored cluster: receiver ${receiver}`, /streaming, sync/.test(receiver)],
        ],
        lines: ['', `Restore: ${(restore.lostBytes / 1048576).toFixed(0)} MB data directory lost at WAL ${restore.lsnBefore}; \`./crm backup restore\` took ${(restore.restoreMs / 1000).toFixed(1)} s (base copy, replay to ${restore.replayedTo}, new base backup); every service ready ${((restore.readyAt - restore.stoppedAt) / 1000).toFixed(1)} s after the stop.`,
          `${a.lastSecond} purchases were acknowledged in the last second before the stop: their WAL was at most in the segment pg_receivewal was still writing, which archive_command would not have archived yet.`,
          '', 'What `./crm backup restore` printed:', '', '```', ...restore.output.trim().split('\n'), '```',
          ...(a.missing.length ? ['', 'Acknowledged but missing (first 5):', '', ...a.missing.slice(0, 5).map(m => `- ${m.id} ${m.order} (${m.when})`)] : [])],
      };
    } },
};

async function main() {
  if (!TOKEN) throw new Error('CRM_TOKEN is not set');
  for (const svc of Object.keys(PORTS)) await waitReady(svc, 5);
  let allPassed = true;
  const started = new Date();
  // Drill 8 turns continuous backup on (./crm backup); if it was off before, it is turned off again
  // afterwards (the sets stay in .crm/backup), so commits do not keep waiting for a receiver.
  const backupWasOn = existsSync(`${ROOT}/.crm/backup/current`);
  for (const d of DRILLS) {
    const def = DRILL_DEFS[d]; if (!def) throw new Error(`no drill ${d}`);
    log(`${def.name}: setting up ${CUSTOMERS} customers`);
    const s = await setup(`d${d}`);
    if (def.before) await def.before(s);
    log(`load of ${PURCHASES} purchases, fault at ${Math.floor(PURCHASES / 3)}`);
    const l = await load(`d${d}`, s, Math.floor(PURCHASES / 3), () => def.run(s), def.failurePauseMs || 0);
    log('load done; checking the books');
    const b = await books(s, PURCHASES);
    const extra = def.checks ? await def.checks(l, s) : undefined;
    allPassed = summarize(def.name, def.fault, s, l, b, extra) && allPassed;
  }
  if (DRILLS.includes(8) && !backupWasOn) { crm('backup', 'stop'); log('continuous backup turned off again (./crm backup turns it on)'); }
  mkdirSync(`${ROOT}/bench/results`, { recursive: true });
  const file = `${ROOT}/bench/results/drills-${started.toISOString().slice(0, 10)}.md`;
  writeFileSync(file, [`# Fault drills, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`, '',
    `Run by \`bench/drill ${process.argv.slice(2).join(' ')}\` against a \`./crm up\` stack on ${execSync('nproc').toString().trim()} cores (run id ${RUN}).`,
    '', ...report, `Result: ${allPassed ? 'every check passed' : 'SOME CHECKS FAILED'}.`, ''].join('\n'));
  log(`written ${file}`);
  process.exit(allPassed ? 0 : 1);
}
main().catch(e => { console.error(`drill: ${e.stack || e}`); process.exit(2); });
