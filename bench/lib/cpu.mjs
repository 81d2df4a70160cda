// Where the machine's CPU went while a figure was measured, by process, from /proc (Linux).
//
//   node cpu.mjs mark FILE RUN-DIR CLK_TCK    every live process's CPU time so far, into FILE
//   node cpu.mjs since FILE RUN-DIR CLK_TCK [GROUP=SECONDS...]
//                                             "all=N group=N ..." in ms of CPU per second since the
//                                             mark, largest first, groups of 5 ms/s and more; each
//                                             GROUP=SECONDS adds CPU seconds measured by the caller
//
// A figure that misses its target on 2 shared cores may have lost them to its own processes or to
// something beside the load (autovacuum, the checkpointer, the kernel's page-out thread, another
// service's consumers); the report shows which. Groups: the processes ./crm up recorded in RUN-DIR
// (gateway, customer-service, ..., kafka) by name; PostgreSQL's backends by database ("pg:crm_gateway")
// and its own processes by role ("pg:autovacuum", "pg:checkpointer"); everything else by command name.
// A process that ended between the two calls is not counted here: its CPU went to its parent's
// "children" time. The load generator (wrk) ends before the figure does, so the caller measures it
// with its shell's `times` and passes it as wrk=SECONDS.
import fs from 'node:fs';
import path from 'node:path';

const [mode, file, runDir, clkTck = '100', ...added] = process.argv.slice(2);
if (!['mark', 'since'].includes(mode) || !file || !runDir) {
  console.error('usage: cpu.mjs mark|since FILE RUN-DIR [CLK_TCK]');
  process.exit(2);
}

function suitePids() {
  const names = new Map();
  for (const f of fs.existsSync(runDir) ? fs.readdirSync(runDir) : []) {
    if (!f.endsWith('.pid')) continue;
    const pid = fs.readFileSync(path.join(runDir, f), 'utf8').trim();
    if (/^\d+$/.test(pid)) names.set(pid, f.slice(0, -4));
  }
  return names;
}

function postgresGroup(pid) {
  let cmd = '';
  try { cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim(); } catch { return 'pg:other'; }
  const roles = [['autovacuum', 'pg:autovacuum'], ['checkpointer', 'pg:checkpointer'], ['background writer', 'pg:bgwriter'],
    ['walwriter', 'pg:walwriter'], ['walsender', 'pg:walsender'], ['logical replication', 'pg:other'],
    ['archiver', 'pg:other'], ['startup', 'pg:other']];
  for (const [needle, group] of roles) if (cmd.includes(needle)) return group;
  // a backend's title: "postgres: USER DATABASE HOST(PORT) STATE"
  const backend = /^postgres: \S+ (\S+) /.exec(cmd);
  return backend ? `pg:${backend[1]}` : 'pg:other';
}

function snapshot() {
  const names = suitePids();
  const procs = {};
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || pid === String(process.pid)) continue;
    let stat;
    try { stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8'); } catch { continue; }
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const f = stat.slice(close + 2).split(' '); // f[0] is field 3 (state): utime 14, stime 15, starttime 22
    const ticks = Number(f[11]) + Number(f[12]);
    if (!ticks) continue;
    const group = names.get(pid) ?? (comm === 'postgres' ? postgresGroup(pid) : comm);
    procs[pid] = [group, ticks, f[19]];
  }
  return { at: Number(process.hrtime.bigint() / 1000000n), procs };
}

if (mode === 'mark') {
  fs.writeFileSync(file, JSON.stringify(snapshot()));
} else {
  const before = JSON.parse(fs.readFileSync(file, 'utf8'));
  const now = snapshot();
  const seconds = (now.at - before.at) / 1000;
  const msPerTick = 1000 / Number(clkTck);
  const groups = new Map();
  let all = 0;
  for (const [pid, [group, ticks, start]] of Object.entries(now.procs)) {
    const was = before.procs[pid];
    const used = (was && was[2] === start ? ticks - was[1] : ticks) * msPerTick / seconds;
    groups.set(group, (groups.get(group) ?? 0) + used);
    all += used;
  }
  for (const extra of added) {
    const [group, cpuSeconds] = extra.split('=');
    const used = Number(cpuSeconds) * 1000 / seconds;
    if (!group || !Number.isFinite(used)) continue;
    groups.set(group, (groups.get(group) ?? 0) + used);
    all += used;
  }
  const shown = [...groups].filter(([, ms]) => ms >= 5).sort((a, b) => b[1] - a[1]);
  console.log([`all=${Math.round(all)}`, ...shown.map(([g, ms]) => `${g.replace(/\s+/g, '_')}=${Math.round(ms)}`)].join(' '));
}
