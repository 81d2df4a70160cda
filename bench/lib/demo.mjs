// Loads a small, realistic data set through the gateway's public API (see bench/demo --help).
// Deterministic (seeded), bounded (every loop has a fixed count, every request a timeout) and
// rerunnable: every POST carries an Idempotency-Key derived from the seed and the item, so a rerun
// replays the first answers instead of creating twins.
const args = Object.fromEntries(process.argv.slice(2).map(a => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const BASE = args.gateway || process.env.CRM_GATEWAY || 'http://localhost:8080';
const TOKEN = process.env.CRM_TOKEN;
const N = Math.min(Number(args.customers || 300), 5000);
const SEED = Number(args.seed || 42);
const CONCURRENCY = Math.min(Number(args.concurrency || 4), 16);
const DEADLINE = Date.now() + 1000 * Number(args['max-seconds'] || 600);
if (!TOKEN) { console.error('demo: CRM_TOKEN is not set (export CRM_TOKEN=$(./crm token admin))'); process.exit(2); }

// mulberry32: a tiny seeded PRNG so reruns create exactly the same data.
function rng(seed) { let a = seed >>> 0; return () => { a |= 0; a = a + 0x6D2B79F5 | 0; let t = Math.imul(a ^ a >>> 15, 1 | a); t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t; return ((t ^ t >>> 14) >>> 0) / 4294967296; }; }
const pick = (r, xs) => xs[Math.floor(r() * xs.length)];

const given = ['Wei', 'Fang', 'Min', 'Jing', 'Lei', 'Yan', 'Hao', 'Xin', 'Anna', 'Lukas', 'Sofia', 'Mateo', 'Amara', 'Kenji', 'Priya', 'Omar', 'Elena', 'Noah', 'Chloe', 'Ivan'];
const family = ['Li', 'Wang', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Müller', 'García', 'Rossi', 'Nakamura', 'Patel', 'Haddad', 'Ivanova', 'Smith', 'Dubois', 'Kowalski', 'Okafor', 'Silva'];
const companies = ['Harbour Logistics', 'Jade Garden Hotels', 'Nordlicht GmbH', 'Sunrise Dental', 'Blue Peak Outdoor', 'Lotus Print', 'Kite & Co', 'Meridian Clinics', 'Orchard Foods', 'Atlas Build'];
const cities = ['Shanghai', 'Beijing', 'Shenzhen', 'Hangzhou', 'Chengdu', 'Berlin', 'Lyon', 'Milan', 'Osaka', 'Mumbai'];
const channels = ['STORE', 'WEB', 'PHONE', 'CALL_CENTRE', 'EVENT', 'REFERRAL', 'PARTNER', 'ADVERTISING', 'NEWSLETTER'];
const managers = ['zhang.min', 'li.na', 'chen.hao', 'anna.weber'];
// Each city's time zone: campaigns respect quiet hours in the customer's own zone.
const zones = { Shanghai: 'Asia/Shanghai', Beijing: 'Asia/Shanghai', Shenzhen: 'Asia/Shanghai', Hangzhou: 'Asia/Shanghai',
  Chengdu: 'Asia/Shanghai', Berlin: 'Europe/Berlin', Lyon: 'Europe/Paris', Milan: 'Europe/Rome', Osaka: 'Asia/Tokyo', Mumbai: 'Asia/Kolkata' };

const stats = { rateLimited: 0, requests: 0, created: 0, replayed: 0, failed: 0, byStatus: {} };
let progressTotal = 1, progressDone = 0, progressLabel = '';
function bar() {
  const w = 30, f = Math.round(w * progressDone / progressTotal);
  process.stderr.write(`\r  ${progressLabel.padEnd(22)} [${'#'.repeat(f)}${'.'.repeat(w - f)}] ${progressDone}/${progressTotal}   `);
}
async function phase(label, items, fn) {
  progressLabel = label; progressTotal = Math.max(items.length, 1); progressDone = 0; bar();
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      if (Date.now() > DEADLINE) throw new Error('time budget (--max-seconds) used up');
      const item = items[next++];
      try { await fn(item); } catch (e) { stats.failed++; if (stats.failed <= 10) process.stderr.write(`\n  ! ${label}: ${e.message}\n`); }
      progressDone++; bar();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  process.stderr.write('\n');
}

async function call(method, path, body, idemKey, okStatuses = [200, 201, 202, 204]) {
  const headers = { Authorization: `Bearer ${TOKEN}`, 'X-Request-Id': `demo-${SEED}-${idemKey || 'get'}`.slice(0, 200) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idemKey && method === 'POST') headers['Idempotency-Key'] = `demo-${SEED}-${idemKey}`;
  let waits429 = 0;
  for (let attempt = 1; attempt <= 5; attempt++) {
    stats.requests++;
    let res;
    try {
      res = await fetch(BASE + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(15000) });
    } catch (e) { if (attempt === 5) throw e; await new Promise(r => setTimeout(r, 300 * attempt)); continue; }
    stats.byStatus[res.status] = (stats.byStatus[res.status] || 0) + 1;
    const text = await res.text();
    if (res.status === 429 && waits429 < 60) {
      // The gateway's per-user rate limit (600/min by default): wait as told, then go on.
      waits429++; attempt--; stats.rateLimited++;
      await new Promise(r => setTimeout(r, 1000 * Math.min(10, Number(res.headers.get('retry-after')) || 1))); continue;
    }
    if (res.status === 503 || (res.status === 409 && /still being processed/.test(text))) {
      await new Promise(r => setTimeout(r, 200 * attempt * attempt)); continue;
    }
    // A rerun on another day computes other purchase dates: the key still names the same item, which exists.
    if (res.status === 422 && /idempotency-key-reused/.test(text)) { stats.replayed++; return { status: 200, json: null, headers: res.headers }; }
    if (res.headers.get('idempotent-replayed') === 'true') stats.replayed++; else if (res.status === 201) stats.created++;
    if (!okStatuses.includes(res.status)) throw new Error(`${method} ${path} -> ${res.status} ${text.slice(0, 300)}`);
    return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
  }
  throw new Error(`${method} ${path}: gave up after 5 attempts`);
}

// What the purchases hold, for the suggestions (products bought together) and their backtest. Each
// customer leans to one range and buys mostly within it, now and then something from another: so
// there is co-occurrence to learn from and a hidden last basket the rule can guess.
const ranges = [
  [['TV-55-OLED', '55" OLED television', 5999], ['SOUNDBAR-300', 'Soundbar 300 W', 1299], ['HDMI-2M', 'HDMI cable 2 m', 59], ['WALL-MOUNT-L', 'Wall mount, large', 249]],
  [['LAPTOP-14', 'Laptop 14"', 6999], ['MOUSE-WL', 'Wireless mouse', 129], ['BAG-15', 'Laptop bag 15"', 299], ['USB-C-HUB', 'USB-C hub', 249]],
  [['PHONE-X', 'Smartphone X', 4999], ['CASE-X', 'Phone case', 99], ['CHARGER-65', 'Charger 65 W', 199], ['EARBUDS', 'Wireless earbuds', 899]],
  [['ESPRESSO-1', 'Espresso machine', 2499], ['BEANS-1KG', 'Coffee beans 1 kg', 149], ['DESCALER', 'Descaler', 59], ['MILK-JUG', 'Milk jug', 89]],
];
function itemsFor(r, range) {
  const own = ranges[range], basket = new Map();
  for (let k = 1 + Math.floor(r() * 2); k > 0; k--) { const p = pick(r, own); basket.set(p[0], p); }
  if (r() < 0.2) { const p = pick(r, pick(r, ranges)); basket.set(p[0], p); }
  return [...basket.values()].map(([sku, name, unitPrice]) => ({ sku, name, quantity: 1, unitPrice }));
}

// Dates hang off the start of today (UTC), so a rerun the same day sends identical bodies.
const TODAY = Math.floor(Date.now() / 86400000) * 86400000 - 86400000;
function plan() {
  const r = rng(SEED);
  const customers = [];
  for (let i = 0; i < N; i++) {
    const company = r() < 0.12;
    const g = pick(r, given), f = pick(r, family);
    const name = company ? `${pick(r, companies)} ${i}` : `${g} ${f}`;
    // Price sensitivity and relationship orientation drive the derived segment: the share of
    // discounted purchases and the number of repeat purchases.
    const priceSensitive = r() < 0.45, relational = r() < 0.4;
    const purchases = [];
    const count = relational ? 3 + Math.floor(r() * 5) : (r() < 0.3 ? 0 : 1 + Math.floor(r() * 2));
    for (let j = 0; j < count; j++) {
      const daysAgo = Math.floor(r() * 720);
      purchases.push({
        externalOrderId: `DEMO-${SEED}-${i}-${j}`, currency: 'CNY',
        amount: Number((company ? 500 + r() * 20000 : 20 + r() * 3000).toFixed(2)),
        discounted: priceSensitive ? r() < 0.8 : r() < 0.1,
        purchasedAt: new Date(TODAY - daysAgo * 86400000).toISOString(),
      });
    }
    const address = { line1: `${1 + Math.floor(r() * 200)} ${pick(r, ['Century Avenue', 'Nanjing Road', 'Hauptstraße', 'Via Roma', 'Rue de la Paix'])}`, city: pick(r, cities) };
    const c = {
      i, purchases,
      profile: {
        kind: company ? 'COMPANY' : 'PERSON', name,
        ...(company ? {} : { givenName: g, familyName: f }),
        email: `demo-${SEED}-${i}@example.com`,
        phone: `+86 138 ${String(1000 + i).padStart(4, '0')} ${String(Math.floor(r() * 10000)).padStart(4, '0')}`,
        address, timeZone: zones[address.city],
        acquisitionChannel: pick(r, channels),
        consents: { marketing: r() < 0.6, partnerSharing: r() < 0.35 },
        tags: r() < 0.3 ? ['newsletter'] : [],
        ...(relational && r() < 0.5 ? { accountManager: pick(r, managers) } : {}),
      },
      touchpoints: Array.from({ length: Math.floor(r() * 4) }, (_, k) => ({
        channel: pick(r, ['PHONE', 'EMAIL', 'VISIT', 'WEB', 'CALL_CENTRE', 'EVENT']), direction: pick(r, ['INBOUND', 'OUTBOUND']),
        phase: pick(r, ['PRE_SALE', 'SALE', 'AFTER_SALE']), staff: pick(r, managers),
        summary: pick(r, ['Asked about delivery times', 'Follow-up call after delivery', 'Interested in the premium range', 'Visited the showroom', 'Newsletter click-through']),
        k })),
      segmentation: null, lost: false, complaint: null,
    };
    if (c.profile.accountManager && r() < 0.4) c.segmentation = { priceSensitivity: priceSensitive ? 'HIGH' : 'LOW', relationshipOrientation: 'HIGH', keyAccount: true };
    else if (r() < 0.1) c.segmentation = { priceSensitivity: pick(r, ['LOW', 'HIGH']), relationshipOrientation: pick(r, ['LOW', 'HIGH']), keyAccount: false };
    if (!c.segmentation && r() < 0.06) c.lost = true;
    if (r() < 0.3) c.complaint = {
      state: pick(r, ['OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'RESOLVED', 'RESOLVED']),
      body: { channel: pick(r, ['PHONE', 'EMAIL', 'WEB', 'CALL_CENTRE', 'IN_PERSON', 'SOCIAL']), category: pick(r, ['PRODUCT', 'SERVICE', 'DELIVERY', 'BILLING', 'STAFF', 'OTHER']),
        subject: pick(r, ['Parcel arrived damaged', 'Charged twice', 'Rude staff at the store', 'Product stopped working', 'Late delivery']),
        description: 'Demo complaint loaded by bench/demo.' },
      resolution: { outcome: pick(r, ['Replacement sent', 'Refund issued', 'Apology and voucher']), rootCause: pick(r, ['Packaging', 'Billing system', 'Training', 'Supplier defect']),
        firstContactResolution: r() < 0.5, compensationPoints: pick(r, [0, 50, 100, 200]) },
      nps: Math.floor(r() * 11), answers: r() < 0.75,
    };
    customers.push(c);
  }
  // Separate generators, so adding these left the rest of a seed's data set as it was.
  const ri = rng(SEED + 30);
  for (const c of customers) {
    const range = Math.floor(ri() * ranges.length);
    for (const p of c.purchases) p.items = itemsFor(ri, range);
  }
  // Known duplicates: every 25th customer registered a second time, as happens at a till (same name
  // and phone, another email). The registration answers 201 with a CRM-Possible-Duplicates warning.
  const rd = rng(SEED + 40);
  for (const c of customers) {
    if (c.i % 25 === 3) c.twin = { ...c.profile, email: `demo-${SEED}-${c.i}-again-${Math.floor(rd() * 1000)}@example.com`, tags: [] };
  }
  return customers;
}

async function main() {
  const started = Date.now();
  console.log(`Loading demo data into ${BASE}: ${N} customers, seed ${SEED}, ${CONCURRENCY} at a time`);
  const customers = plan();

  const survey = (await call('POST', '/api/v1/surveys', {
    title: `How did we handle your complaint? (demo ${SEED})`,
    questions: [{ key: 'recommend', type: 'NPS', text: 'How likely are you to recommend us?', required: true },
                { key: 'why', type: 'FREE_TEXT', text: 'What could we do better?' }],
    triggers: [{ on: 'COMPLAINT_RESOLVED' }] }, 'survey')).json;
  await call('POST', `/api/v1/surveys/${survey.id}/publish`, undefined, 'survey-publish', [200, 201, 409]);

  await phase('customers', customers, async c => {
    const r = await call('POST', '/api/v1/customers', c.profile, `customer-${c.i}`);
    c.id = r.json?.id ?? (await call('GET', `/api/v1/customers?q=${encodeURIComponent(c.profile.email)}`)).json.items?.[0]?.id;
    if (!c.id) throw new Error(`customer ${c.profile.email}: created earlier but not found`);
  });
  const made = customers.filter(c => c.id);
  const twins = made.filter(c => c.twin);
  await phase('known duplicates', twins, async c => {
    const r = await call('POST', '/api/v1/customers', c.twin, `customer-${c.i}-twin`);
    c.twinWarned = (r.headers.get('crm-possible-duplicates') || '').split(',').includes(c.id);
  });
  const purchases = made.flatMap(c => c.purchases.map((p, j) => ({ c, p, j })));
  await phase('purchases', purchases, ({ c, p, j }) => call('POST', `/api/v1/customers/${c.id}/purchases`, p, `purchase-${c.i}-${j}`));
  const tps = made.flatMap(c => c.touchpoints.map(t => ({ c, t })));
  await phase('touchpoints', tps, ({ c, t }) => { const { k, ...body } = t; return call('POST', `/api/v1/customers/${c.id}/touchpoints`, body, `touchpoint-${c.i}-${k}`); });
  await phase('segments & stages', made.filter(c => c.segmentation || c.lost), async c => {
    if (c.segmentation) await call('PUT', `/api/v1/customers/${c.id}/segmentation`, c.segmentation, undefined, [200, 422]);
    if (c.lost) await call('PUT', `/api/v1/customers/${c.id}/stage`, { stage: 'LOST', reason: 'demo: customer told us', lostReasonCode: 'COMPETITOR', lostReasonText: 'Found a cheaper offer elsewhere' });
  });
  const complaints = made.filter(c => c.complaint);
  await phase('complaints', complaints, async c => {
    const x = c.complaint;
    const created = (await call('POST', '/api/v1/complaints', { customerId: c.id, ...x.body }, `complaint-${c.i}`)).json
      ?? (await call('GET', `/api/v1/complaints?customerId=${c.id}`)).json.items?.[0];
    if (!created) throw new Error(`complaint of ${c.id}: created earlier but not found`);
    x.id = created.id;
    const order = ['OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED'];
    const target = order.indexOf(x.state);
    // On a rerun the complaint is already further along: a 409 for a step already taken is fine.
    if (target >= 1) await call('POST', `/api/v1/complaints/${x.id}/acknowledge`, undefined, `complaint-ack-${c.i}`, [200, 409]);
    if (target >= 2) await call('POST', `/api/v1/complaints/${x.id}/start`, undefined, `complaint-start-${c.i}`, [200, 409]);
    if (target >= 3) await call('POST', `/api/v1/complaints/${x.id}/resolution`, x.resolution, `complaint-resolve-${c.i}`, [200, 409]);
  });
  // Each resolution invites the customer to the survey (an event away); answer three in four.
  const answering = complaints.filter(c => c.complaint.state === 'RESOLVED' && c.complaint.answers);
  await phase('survey answers', answering, async c => {
    // The customer's open invitation (ours, or another survey's when a contact-frequency rule skipped ours).
    let token = null;
    for (let k = 0; k < 40 && !token; k++) {
      const list = (await call('GET', `/api/v1/survey-invitations?customerId=${c.id}`)).json;
      const answered = list.items?.some(inv => inv.status === 'ANSWERED');
      if (answered) return; // a rerun: answered already
      token = list.items?.find(inv => inv.status === 'OPEN' && inv.token)?.token ?? null;
      if (!token && list.items?.length && list.items.every(inv => inv.status && inv.status !== 'OPEN' && inv.status !== 'SCHEDULED')) return;
      if (!token) await new Promise(r => setTimeout(r, 250));
    }
    if (!token) throw new Error(`no open survey invitation for customer ${c.id} after 10 s`);
    const form = (await call('GET', `/api/v1/survey-invitations/${token}`)).json;
    const answers = {};
    for (const q of form.questions || []) {
      if (q.type === 'NPS') answers[q.key] = c.complaint.nps;
      else if (q.type === 'FREE_TEXT') answers[q.key] = c.complaint.nps >= 9 ? 'Quick and friendly' : 'It took too long';
      else if (q.type === 'RATING' || q.type === 'SCALE') answers[q.key] = 1 + (c.complaint.nps % 5);
    }
    await call('POST', `/api/v1/survey-invitations/${token}/responses`, { answers }, `answer-${c.i}`, [200, 201, 409, 410]);
  });

  const campaign = await newsletter(made);

  const seg = {}, stage = {};
  for (const c of made.slice(0, Math.min(made.length, 100))) {
    const v = (await call('GET', `/api/v1/customers/${c.id}`)).json;
    const sg = v.segmentation?.segment ?? 'not yet derived', st = v.lifecycle?.stage; seg[sg] = (seg[sg] || 0) + 1; stage[st] = (stage[st] || 0) + 1;
  }
  const sample = made.find(c => c.complaint?.state === 'RESOLVED' && c.purchases.length > 2) || made[0];
  console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s: ${stats.requests} requests, ${stats.created} created, ${stats.replayed} replayed (rerun), ${stats.failed} failed`);
  console.log(`  statuses      ${JSON.stringify(stats.byStatus)}`);
  console.log(`  customers     ${made.length}, purchases ${purchases.length}, touchpoints ${tps.length}, complaints ${complaints.length} (${answering.length} answered the survey)`);
  console.log(`  rate limited  ${stats.rateLimited} times (waited as Retry-After said)`);
  console.log(`  segments (first 100) ${JSON.stringify(seg)}`);
  console.log(`  stages (first 100)   ${JSON.stringify(stage)}`);
  if (campaign) printCampaign(campaign);
  await printBacktests(twins);
  if (sample?.id) console.log(`  try           curl -s -H "Authorization: Bearer $CRM_TOKEN" ${BASE}/api/v1/customers/${sample.id}/overview | jq .`);
  process.exit(stats.failed ? 1 : 0);
}
// A newsletter to the customers tagged "newsletter", with a seeded 20% holdout. The mailer's part is
// played here: it reports deliveries, bounces and opens back through the API, and some recipients
// (more of them than of the holdout) buy within the measurement window, so the report has a lift.
async function newsletter(made) {
  const name = `Newsletter readers (demo ${SEED})`;
  let audience = (await call('POST', '/api/v1/audiences', { name, description: 'Customers tagged newsletter',
    filter: { tags: { allOf: ['newsletter'] } } }, 'audience', [200, 201, 409])).json;
  if (!audience?.id) audience = (await call('GET', '/api/v1/audiences?limit=200')).json.items.find(a => a.name === name);
  const title = `Winter newsletter (demo ${SEED})`;
  let campaign = (await call('POST', '/api/v1/campaigns', { name: title, kind: 'NEWSLETTER', audienceId: audience.id,
    subject: 'What is new this winter', templateKey: 'newsletter/winter', variables: { season: 'winter' },
    holdoutShare: 0.2, holdoutSeed: SEED, measurementDays: 14 }, 'campaign', [200, 201])).json;
  if (!campaign?.id) campaign = (await call('GET', '/api/v1/campaigns?kind=NEWSLETTER&limit=200')).json.items.find(c => c.name === title);
  await call('POST', `/api/v1/campaigns/${campaign.id}/schedule`, {}, 'campaign-schedule', [200, 409]);
  progressLabel = 'newsletter sending'; progressTotal = 1; progressDone = 0; bar();
  for (let k = 0; k < 120 && campaign.status !== 'SENT'; k++) {
    await new Promise(r => setTimeout(r, 1000));
    campaign = (await call('GET', `/api/v1/campaigns/${campaign.id}`)).json;
  }
  progressDone = 1; bar(); process.stderr.write('\n');
  if (campaign.status !== 'SENT') throw new Error(`campaign ${campaign.id} still ${campaign.status} after 2 minutes`);
  const deliveries = async status => {
    const all = [];
    let cursor = null;
    do {
      const page = (await call('GET', `/api/v1/campaigns/${campaign.id}/deliveries?status=${status}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json;
      all.push(...page.items); cursor = page.nextCursor;
    } while (cursor);
    return all;
  };
  const r = rng(SEED + 20);
  const requested = await deliveries('REQUESTED');
  await phase('newsletter reports', requested, async d => {
    const bounced = r() < 0.05, opened = !bounced && r() < 0.45, clicked = opened && r() < 0.3;
    await call('POST', `/api/v1/campaign-deliveries/${d.id}/reports`, { report: bounced ? 'BOUNCED' : 'DELIVERED',
      ...(bounced ? { bounceReason: '550 mailbox unavailable' } : {}) }, `report-${d.id}`);
    if (opened) await call('POST', `/api/v1/campaign-deliveries/${d.id}/reports`, { report: 'OPENED' }, `open-${d.id}`);
    if (clicked) await call('POST', `/api/v1/campaign-deliveries/${d.id}/reports`, { report: 'CLICKED' }, `click-${d.id}`);
  });
  // Orders in the window: a third of the recipients and a sixth of the holdout (rounded up) buy once more.
  // Recipients as the report counts them (a rerun finds them reported already: DELIVERED or BOUNCED).
  const recipients = [...await deliveries('REQUESTED'), ...await deliveries('DELIVERED'), ...await deliveries('BOUNCED')];
  const holdout = await deliveries('HOLDOUT');
  const share = (xs, f) => xs.map(x => [r(), x]).sort((a, b) => a[0] - b[0]).slice(0, Math.ceil(xs.length * f)).map(([, x]) => x);
  const buyers = [...share(recipients, 0.33), ...share(holdout, 0.17)];
  await phase('orders after it', buyers, d => call('POST', `/api/v1/customers/${d.customerId}/purchases`, {
    externalOrderId: `DEMO-${SEED}-NL-${d.customerId}`, currency: 'CNY', amount: Number((80 + r() * 600).toFixed(2)),
    discounted: false }, `newsletter-order-${d.customerId}`));
  return (await call('GET', `/api/v1/campaigns/${campaign.id}/report`)).json;
}

// The insights' backtests (admin endpoints of customer-service, through the gateway), in plain words.
async function printBacktests(twins) {
  const get = async path => { try { return (await call('GET', path)).json; } catch (e) { return { error: e.message }; } };
  const n = x => (x == null ? 'n/a' : Number(x).toFixed(2));
  const pct = x => (x == null ? 'n/a' : `${Math.round(100 * Number(x))}%`);
  console.log('  backtests     how good the insights are on this data (GET /api/v1/analytics/backtests/*, admin):');
  const risk = await get('/api/v1/analytics/backtests/risk?horizonDays=90');
  if (risk.error) console.log(`    risk          failed: ${risk.error}`);
  else console.log(`    risk          run as of ${String(risk.asOf).slice(0, 10)} on the ${risk.customers} customers who had bought by then: `
    + `${risk.flaggedHigh} flagged HIGH; ${risk.stopped} stopped buying (no purchase in the ${risk.horizonDays} days after). `
    + `Precision ${n(risk.precision)} (${pct(risk.precision)} of those flagged did stop), recall ${n(risk.recall)} `
    + `(${pct(risk.recall)} of those who stopped had been flagged)`);
  const sug = await get('/api/v1/analytics/backtests/suggestions');
  if (sug.error) console.log(`    suggestions   failed: ${sug.error}`);
  else console.log(`    suggestions   each customer's last purchase hidden (${sug.customers} customers with something new in it): `
    + `a suggested product was bought in ${pct(sug.hitRateAt3)} of cases within the first 3 suggestions and ${pct(sug.hitRateAt5)} within 5; `
    + `suggesting the most popular products instead: ${pct(sug.baselineAt3)} at 3, ${pct(sug.baselineAt5)} at 5`);
  const dup = await get(`/api/v1/analytics/backtests/duplicates?customers=300&seed=${SEED}`);
  if (dup.error) console.log(`    duplicates    failed: ${dup.error}`);
  else console.log(`    duplicates    generated set of ${dup.customers} people plus ${dup.duplicates} known duplicates (seed ${dup.seed}): `
    + `${dup.flagged} pairs flagged, ${dup.truePositives} of them real. Precision ${n(dup.precision)} (${pct(dup.precision)} of flagged pairs are real), `
    + `recall ${n(dup.recall)} (${pct(dup.recall)} of the real duplicates found); found per kind: `
    + Object.entries(dup.recallByKind || {}).map(([k, v]) => `${k} ${pct(v)}`).join(', '));
  if (twins.length) console.log(`    on create     ${twins.filter(c => c.twinWarned).length} of the ${twins.length} customers this demo registered twice `
    + `(same name and phone, another email) got the CRM-Possible-Duplicates warning naming the first record`);
}

function printCampaign(report) {
  const o = report.overall, l = o.lift;
  const money = d => (d?.estimate == null ? "n/a" : `${d.estimate} [${d.low ?? "?"}, ${d.high ?? "?"}]`);
  console.log(`  campaign      "${report.name}": audience ${o.audienceSize}, excluded ${JSON.stringify(o.excluded)}, holdout ${o.holdout}, `
    + `requested ${o.requested}, deferred (quiet hours) ${o.deferred}, delivered ${o.delivered}, bounced ${o.bounced}, opened ${o.opened}, clicked ${o.clicked}`);
  if (l) console.log(`  lift          revenue per customer ${l.recipients?.revenuePerCustomer ?? 'n/a'} (recipients) vs ${l.holdout?.revenuePerCustomer ?? 'n/a'} `
    + `(holdout): difference ${money(l.revenuePerCustomer)} ${report.currency}, 95% CI; window ${report.windowComplete ? 'complete' : 'still open'}`);
  console.log(`  report        curl -s -H "Authorization: Bearer $CRM_TOKEN" ${BASE}/api/v1/campaigns/${report.campaignId}/report | jq .`);
}
main().catch(e => { console.error(`\ndemo: ${e.message}`); process.exit(1); });
