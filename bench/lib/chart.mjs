// Latency against load as an SVG, no dependencies: node chart.mjs SWEEP.tsv OUT.svg "title"
// SWEEP.tsv lines: series connections req/s p50_ms p99_ms (one line per wrk run).
// x: achieved requests/s (linear); y: latency in ms (log scale); p50 solid, p99 dashed; each
// point labelled with its number of connections.
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output, title = 'Latency vs load'] = process.argv.slice(2);
const rows = readFileSync(input, 'utf8').trim().split('\n').filter(Boolean).map(l => l.trim().split(/\s+/))
  .map(([series, conn, rps, p50, p99]) => ({ series, conn: +conn, rps: +rps, p50: +p50, p99: +p99 }));
const series = [...new Set(rows.map(r => r.series))];
const colors = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];
const W = 860, H = 520, L = 70, R = 190, T = 50, B = 60;
const pw = W - L - R, ph = H - T - B;
const maxX = Math.max(1, ...rows.map(r => r.rps)) * 1.08;
const lats = rows.flatMap(r => [r.p50, r.p99]).filter(v => v > 0);
const minY = Math.pow(10, Math.floor(Math.log10(Math.max(0.01, Math.min(...lats)))));
const maxY = Math.pow(10, Math.ceil(Math.log10(Math.max(...lats, minY * 10))));
const x = v => L + (v / maxX) * pw;
const y = v => T + ph - (Math.log10(Math.max(v, minY)) - Math.log10(minY)) / (Math.log10(maxY) - Math.log10(minY)) * ph;
const esc = s => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
const out = [];
out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
out.push(`<text x="${L}" y="${T - 20}" font-size="15" font-weight="bold">${esc(title)}</text>`);
// grid and axes
const step = Math.pow(10, Math.floor(Math.log10(maxX))) / (maxX / Math.pow(10, Math.floor(Math.log10(maxX))) < 3 ? 4 : 1);
for (let v = 0; v <= maxX; v += step) {
  out.push(`<line x1="${x(v)}" y1="${T}" x2="${x(v)}" y2="${T + ph}" stroke="#eee"/>`);
  out.push(`<text x="${x(v)}" y="${T + ph + 18}" text-anchor="middle">${Math.round(v).toLocaleString('en')}</text>`);
}
for (let d = minY; d <= maxY * 1.001; d *= 10) {
  for (const m of [1, 2, 5]) {
    const v = d * m;
    if (v > maxY * 1.001) break;
    out.push(`<line x1="${L}" y1="${y(v)}" x2="${L + pw}" y2="${y(v)}" stroke="${m === 1 ? '#ddd' : '#f3f3f3'}"/>`);
    out.push(`<text x="${L - 6}" y="${y(v) + 4}" text-anchor="end">${v >= 1 ? v : v.toPrecision(1)}</text>`);
  }
}
out.push(`<line x1="${L}" y1="${T + ph}" x2="${L + pw}" y2="${T + ph}" stroke="black"/><line x1="${L}" y1="${T}" x2="${L}" y2="${T + ph}" stroke="black"/>`);
out.push(`<text x="${L + pw / 2}" y="${H - 15}" text-anchor="middle">achieved requests/s (wrk; labels: connections)</text>`);
out.push(`<text transform="translate(18 ${T + ph / 2}) rotate(-90)" text-anchor="middle">latency, ms (log scale)</text>`);
series.forEach((s, i) => {
  const pts = rows.filter(r => r.series === s).sort((a, b) => a.conn - b.conn);
  const c = colors[i % colors.length];
  for (const [k, dash] of [['p50', ''], ['p99', '6 4']]) {
    out.push(`<polyline fill="none" stroke="${c}" stroke-width="2" ${dash ? `stroke-dasharray="${dash}"` : ''} points="${pts.map(p => `${x(p.rps).toFixed(1)},${y(p[k]).toFixed(1)}`).join(' ')}"/>`);
    pts.forEach(p => {
      out.push(`<circle cx="${x(p.rps).toFixed(1)}" cy="${y(p[k]).toFixed(1)}" r="3" fill="${c}"><title>${esc(s)} ${k} at ${p.conn} connections: ${p.rps} req/s, ${p[k]} ms</title></circle>`);
      if (k === 'p99') out.push(`<text x="${(x(p.rps) + 4).toFixed(1)}" y="${(y(p[k]) - 5).toFixed(1)}" font-size="10" fill="${c}">${p.conn}</text>`);
    });
  }
  const ly = T + 10 + i * 44;
  out.push(`<line x1="${L + pw + 15}" y1="${ly}" x2="${L + pw + 45}" y2="${ly}" stroke="${c}" stroke-width="2"/><text x="${L + pw + 50}" y="${ly + 4}">${esc(s)} p50</text>`);
  out.push(`<line x1="${L + pw + 15}" y1="${ly + 18}" x2="${L + pw + 45}" y2="${ly + 18}" stroke="${c}" stroke-width="2" stroke-dasharray="6 4"/><text x="${L + pw + 50}" y="${ly + 22}">${esc(s)} p99</text>`);
});
out.push('</svg>');
writeFileSync(output, out.join('\n') + '\n');
