-- The suggestions backtest reads every customer's purchases (97 s at a million customers, past any
-- HTTP timeout), so it too can run in the background with a record: a third kind of recorded run.
alter table recorded_run drop constraint recorded_run_kind_check;
alter table recorded_run add constraint recorded_run_kind_check
    check (kind in ('VALUE_TIERS', 'RISK_BACKTEST', 'SUGGESTION_BACKTEST'));
