# Statements and transactions per purchase across the suite's five databases (issue 19 target 3),
# sourced by bench/run. A machine-independent figure: it counts work, not time.
#
# pg_stat_statements counts every statement a database executed (calls per normalised statement);
# pg_stat_database counts committed transactions. Both include background work that has nothing to
# do with purchases (outbox relays and sweeps polling, the gateway's replica heartbeat), so the bench
# counts an idle window of the same machinery before the purchases and one after, and subtracts the
# quieter one's rate. Transaction control
# (BEGIN, COMMIT, SET, SAVEPOINT...) is not counted as a statement: it is where the transaction count
# comes from. The purchases are the rows inserted into customer-service's purchase table in the window.
# shellcheck shell=bash

SUITE_DBS="'crm_customer','crm_loyalty','crm_complaint','crm_survey','crm_gateway'"

# pg_stat_statements must be in shared_preload_libraries, which only a restart applies. The bench
# owns the machine while it runs, so it loads the module once (ALTER SYSTEM, kept for later runs;
# pg_restart_if_pending in bench/lib/common.sh restarts PostgreSQL before measuring). Prints nothing
# and returns 1 when that is not possible here.
statements_ensure() {
  local libs
  libs="$(pg_super -c 'show shared_preload_libraries' 2>/dev/null)" || return 1
  if [[ ",${libs// /}," != *",pg_stat_statements,"* ]]; then
    say "loading pg_stat_statements into PostgreSQL (shared_preload_libraries; one restart, kept afterwards)"
    pg_super -c "alter system set shared_preload_libraries = '${libs:+$libs,}pg_stat_statements'" >/dev/null || return 1
    pg_restart_if_pending || return 1
  fi
  pg_super -c 'create extension if not exists pg_stat_statements' >/dev/null || return 1
}

statements_reset() {
  pg_super -c 'select pg_stat_statements_reset()' >/dev/null
  STATEMENTS_T0=$(date +%s.%N)
  STATEMENTS_XACT0="$(pg_super -c "select sum(xact_commit) from pg_stat_database where datname in ($SUITE_DBS)")"
  STATEMENTS_INS0="$(psql -X -At -d crm_customer -c "select n_tup_ins from pg_stat_user_tables where relname = 'purchase'")"
}

# statements_read -> "seconds statements transactions purchases" since statements_reset
statements_read() {
  local statements xact ins
  # pg_stat_database is flushed by the backends a moment after their transactions end
  sleep 1
  statements="$(pg_super -c "select coalesce(sum(s.calls), 0) from pg_stat_statements s join pg_database d on d.oid = s.dbid
      where d.datname in ($SUITE_DBS)
        and s.query !~* '^\s*(begin|commit|rollback|start transaction|savepoint|release|set|show|reset|discard|deallocate)\M'")"
  xact="$(pg_super -c "select sum(xact_commit) from pg_stat_database where datname in ($SUITE_DBS)")"
  ins="$(psql -X -At -d crm_customer -c "select n_tup_ins from pg_stat_user_tables where relname = 'purchase'")"
  awk -v t0="$STATEMENTS_T0" -v t1="$(date +%s.%N)" -v s="$statements" -v x="$xact" -v x0="$STATEMENTS_XACT0" \
    -v i="$ins" -v i0="$STATEMENTS_INS0" 'BEGIN {printf "%.1f %d %d %d\n", t1 - t0, s, x - x0, i - i0}'
}

# statements_quieter "IDLE1" "IDLE2" -> the window (as statements_read printed it) with the lower
# statement rate
statements_quieter() {
  awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " ");
    if (y[1] > 0 && (x[1] <= 0 || y[2] / y[1] < x[2] / x[1])) print b; else print a }'
}

# statements_per_purchase "IDLE" "LOAD" -> "statements_per_purchase transactions_per_purchase purchases"
# (IDLE and LOAD as statements_read printed them; the idle rate is subtracted for LOAD's duration)
statements_per_purchase() {
  awk -v idle="$1" -v load="$2" 'BEGIN {
    split(idle, a, " "); split(load, b, " ");
    if (b[4] <= 0 || a[1] <= 0) { print "- - 0"; exit }
    s = b[2] - a[2] / a[1] * b[1]; x = b[3] - a[3] / a[1] * b[1];
    printf "%.1f %.1f %d\n", s / b[4], x / b[4], b[4] }'
}
