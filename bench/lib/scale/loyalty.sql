-- loyalty-service: accounts of customers n = :from..:to with 10 ledger entries each (9 EARN, one
-- REDEEM of a discount), the point lots the credits formed (the REDEEM consumed the oldest, FIFO)
-- and the redemption behind the REDEEM entry, and each customer's partner consent as loyalty-service
-- learns it from crm.customers (it enforces partner visibility on its own data). One transaction;
-- balances equal the ledger sums.
\set ON_ERROR_STOP on
begin;
insert into partner_consent (customer_id, partner_sharing, merged_into, updated_at)
select (:cid)::text, :sharing, null, :joined from generate_series(:from::bigint, :to::bigint) n order by n;
-- the window sums sort a chunk in memory rather than on disk
set local work_mem = '256MB';
insert into loyalty_account (customer_id, version, status, tier, balance, lifetime_earned, lifetime_redeemed,
                             joined_at, tier_since, tier_review_at, updated_at)
select :cid, 10, 'ACTIVE', 'MEMBER', s.earned - 150, s.earned, 150, :joined, :joined, :joined + interval '12 months', :epoch
from (select n, (select sum(:earn) from generate_series(1, 10) j where j <> 7) as earned
      from generate_series(:from::bigint, :to::bigint) n) s
order by n;
insert into ledger_entry (id, customer_id, kind, points, balance_after, reason, source_ref, rule_ref, created_at)
select :eid, :cid, case when j = 7 then 'REDEEM' else 'EARN' end, :pts,
       sum(:pts) over (partition by n order by j),
       case when j = 7 then 'discount of 15.00 CNY' else 'purchase of ' || :earn || '.00 CNY' end,
       case when j = 7 then 'redemption:' || :rid else 'purchase:' || :pid end,
       case when j = 7 then null else 'rules-v1' end, :at
from generate_series(:from::bigint, :to::bigint) n cross join generate_series(1, 10) j
order by n, j;
insert into point_lot (id, customer_id, entry_id, points, remaining, earned_at, expires_at)
select :lid, :cid, :eid, :earn,
       case when j > 7 then :earn
            else least(:earn, greatest(0, sum(:earn) over (partition by n order by j) - 150)) end,
       :at, :at + interval '24 months'
from generate_series(:from::bigint, :to::bigint) n cross join generate_series(1, 10) j
where j <> 7
order by n, j;
insert into redemption (id, customer_id, kind, reward_id, quantity, points, discount_amount, currency, entry_id, created_at)
select :rid, :cid, 'DISCOUNT', null, 1, 150, 15.00, 'CNY', :eid, :at
from generate_series(:from::bigint, :to::bigint) n cross join (values (7)) v(j)
order by n;
commit;
