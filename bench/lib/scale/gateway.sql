-- gateway: partner consents, the customer-360 documents of customers n = :from..:to, as the
-- projection (OverviewProjection) would have built them from the customers' events, and the copy of
-- their profiles' personal records (the documents hold no name, email or phone; the overview merges
-- them in from personal_copy as it reads). The events
-- themselves are not loaded (overview_event, the topics): ?asOf= answers 404 for these customers
-- and a read-model rebuild drops them. One transaction.
\set ON_ERROR_STOP on
\set iso 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'
begin;
insert into partner_consent (customer_id, partner_sharing, merged_into, updated_at)
select (:cid)::text, :sharing, null, :joined from generate_series(:from::bigint, :to::bigint) n order by n;
insert into customer_overview (customer_id, version, document, updated_at)
select (:cid)::text, 14, jsonb_build_object(
         'customerId', (:cid)::text,
         'lastEventAt', to_char(s.last_at at time zone 'UTC', :'iso'),
         'profile', jsonb_build_object('asOf', to_char(:joined at time zone 'UTC', :'iso'),
             'kind', case when :company then 'COMPANY' else 'PERSON' end,
             'consents', jsonb_build_object('marketing', :marketing, 'partnerSharing', :sharing),
             'tags', case when n % 10 = 3 then '["vip"]'::jsonb else '[]'::jsonb end, 'accountManager', :manager,
             'registeredAt', to_char(:joined at time zone 'UTC', :'iso')),
         'value', jsonb_build_object('asOf', to_char(s.last_at at time zone 'UTC', :'iso'),
             'segment', :segment, 'valueTier', :tier, 'lifetimeValue', s.earned * 5, 'purchaseCount', 9,
             'lastPurchase', jsonb_build_object('purchaseId', s.last_pid::text, 'amount', s.last_amount, 'currency', 'CNY',
                                                'purchasedAt', to_char(s.last_at at time zone 'UTC', :'iso'))),
         'lifecycle', jsonb_build_object('asOf', to_char(s.last_at at time zone 'UTC', :'iso'), 'stage', :stage),
         'loyalty', jsonb_build_object('asOf', to_char(s.last_at at time zone 'UTC', :'iso'), 'tier', 'MEMBER',
             'joinedAt', to_char(:joined at time zone 'UTC', :'iso'), 'balance', s.earned - 150,
             'expiringNext', jsonb_build_object('points', s.first_rem, 'on', to_char(s.first_exp at time zone 'UTC', 'YYYY-MM-DD')))),
       :epoch
from (select n, e.earned, l.*, p.*
      from generate_series(:from::bigint, :to::bigint) n
      cross join lateral (select sum(:earn) as earned from generate_series(1, 10) j where j <> 7) e
      -- the oldest lot the REDEEM of 150 left points in (FIFO), and what is left of it
      cross join lateral (select least(c.e, c.cum - 150) as first_rem, c.at + interval '24 months' as first_exp
                          from (select :earn as e, sum(:earn) over (order by j) as cum, :at as at
                                from generate_series(1, 6) j) c
                          where c.cum > 150 order by c.cum limit 1) l
      cross join lateral (select :pid as last_pid, :earn as last_amount, :at as last_at from (values (10)) v(j)) p) s
order by n;
insert into personal_copy (record_key, customer_id, thing, object_id, data, recorded_at)
select (:cid)::text || '/customer/' || (:cid)::text, (:cid)::text, 'customer', (:cid)::text,
       jsonb_build_object('name', :name, 'email', :email, 'phone', :phone, 'postalAddress', :address), :joined
from generate_series(:from::bigint, :to::bigint) n order by n;
commit;
