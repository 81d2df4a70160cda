-- The record of value-tier runs becomes the record of every long back-office run that can outlive
-- its request: value tiers and, new, the risk backtest (GET /api/v1/analytics/backtests/risk with
-- Prefer: respond-async). One table, told apart by kind; parameters keep what a run was asked.
alter table value_tier_run rename to recorded_run;
alter table recorded_run add column kind text not null default 'VALUE_TIERS' check (kind in ('VALUE_TIERS', 'RISK_BACKTEST'));
alter table recorded_run alter column kind drop default;
alter table recorded_run add column parameters jsonb;
