-- customer-service, what the insights read (issue 21), for customers n = :from..:to, loaded after
-- customer.sql (one transaction):
--   purchase       each customer's last three of the nine purchases in the loyalty ledger (j = 8, 9,
--                  10: same ids, amounts and times as the ledger's 'purchase:' entries), each with
--                  one or two items of the customer's product range (8 ranges of 4 products, range
--                  n % 8): three of the range's four products bought, so there is a fourth to suggest
--                  and co-occurrence to suggest it from
--   customer_risk  the assessment the daily risk sweep stores: 10% HIGH (two unresolved complaints),
--                  20% MEDIUM (last NPS 3), the rest LOW; recency and rhythm from the purchases above
--   customer       a known duplicate of every 100th customer (n % 100 = 1): same name and phone,
--                  another email, id prefix 5ca1e005 (so 1% more rows than --customers), with its
--                  customer_email row; found by GET /customers/{id}/duplicates of either
\set ON_ERROR_STOP on
\set twin '(''5ca1e005-0000-4000-8000-'' || lpad(to_hex(n), 12, ''0''))::uuid'
\set prod '(''P'' || (n % 8) || ''-'' || (k % 4))'
begin;
insert into purchase (id, customer_id, external_order_id, amount, refunded_amount, currency, purchased_at, discounted, items, recorded_at)
select :pid, :cid, 'SCALE-' || n || '-' || j, :earn, 0, 'CNY', :at, n % 2 = 0,
       (select jsonb_agg(jsonb_build_object('sku', :prod, 'name', 'Range ' || (n % 8) || ' product ' || (k % 4),
                                            'quantity', 1, 'unitPrice', case when (n + j) % 3 = 0 then round(:earn::numeric / 2, 2) else :earn end) order by k)
        from (values (n + j), (case when (n + j) % 3 = 0 then n + j + 1 end)) x(k) where k is not null),
       :at
from generate_series(:from::bigint, :to::bigint) n cross join generate_series(8, 10) j
order by n, j;
-- the gap between two of the customer's purchases is (epoch - joined) / 11 (see :at): their rhythm
insert into customer_risk (customer_id, level, level_rank, reasons, last_purchase_at, recency_days, purchases_12m, revenue_12m,
                           usual_interval_days, expected_next_purchase, unresolved_complaints, last_nps, high_since, computed_at)
select :cid, r.level, r.rank, r.reasons, :epoch - s.gap, extract(day from s.gap)::int, 3, s.revenue,
       extract(day from s.gap)::int, :epoch, case when r.rank = 2 then 2 else 0 end, case when r.rank = 1 then 3 end,
       case when r.rank = 2 then :epoch end, :epoch
from (select n, (:epoch - :joined) / 11 as gap,
             (select sum(:earn) from generate_series(8, 10) j) as revenue
      from generate_series(:from::bigint, :to::bigint) n) s
cross join lateral (select case when n % 10 = 1 then 'HIGH' when n % 10 in (2, 3) then 'MEDIUM' else 'LOW' end as level,
                           case when n % 10 = 1 then 2 when n % 10 in (2, 3) then 1 else 0 end as rank,
                           case when n % 10 = 1 then '["two unresolved complaints"]'::jsonb
                                when n % 10 in (2, 3) then '["last NPS 3"]'::jsonb else '[]'::jsonb end as reasons) r
order by n
-- a customer who bought through the API since (an earlier bench's writes) has a real assessment: kept
on conflict (customer_id) do nothing;
insert into customer (id, version, kind, display_name, email, created_at, updated_at, given_name, family_name,
                      emails, phone, phones, address, acquisition_channel, consent_marketing, consent_partner_sharing,
                      consent_partner_sharing_at, tags, attributes, search_text, segment, stage, stage_reason, stage_changed_at)
select :twin, 1, case when :company then 'COMPANY' else 'PERSON' end, :name, 'again.' || :email,
       :joined + interval '1 day', :epoch,
       case when :company then null else :given end, case when :company then null else :family end,
       jsonb_build_array(jsonb_build_object('address', 'again.' || :email, 'primary', true)), :phone,
       jsonb_build_array(jsonb_build_object('number', :phone, 'primary', true)), null, 'STORE', false, :sharing, :joined,
       '[]'::jsonb, '{}'::jsonb, lower(:name) || ' again.' || :email || ' ' || :phone, :segment, 'PROSPECT',
       'rule: bulk-loaded known duplicate', :epoch
from generate_series(:from::bigint, :to::bigint) n where n % 100 = 1
order by n;
insert into customer_email (email, customer_id)
select 'again.' || :email, :twin from generate_series(:from::bigint, :to::bigint) n where n % 100 = 1 order by n;
-- their personal records, as for the customers (the gateway holds no overview of a twin)
insert into personal_record (record_key, topic, customer_id, recorded_at)
select (:twin)::text || '/customer/' || (:twin)::text, 'crm.customers.personal', :twin, :joined + interval '1 day'
from generate_series(:from::bigint, :to::bigint) n where n % 100 = 1 order by n;
commit;
