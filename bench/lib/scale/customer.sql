-- customer-service: customers n = :from..:to (one transaction), their emails in customer_email, the
-- profiles' personal records.
\set ON_ERROR_STOP on
begin;
insert into customer (id, version, kind, display_name, email, created_at, updated_at, given_name, family_name,
                      emails, phone, phones, address, acquisition_channel, account_manager,
                      consent_marketing, consent_marketing_at, consent_partner_sharing, consent_partner_sharing_at,
                      tags, attributes, search_text, price_sensitivity, relationship_orientation, segment,
                      revenue_12m, lifetime_value, value_tier, value_computed_at, stage, stage_reason, stage_changed_at)
select :cid, 3, case when :company then 'COMPANY' else 'PERSON' end, :name, :email, :joined, :epoch,
       case when :company then null else :given end, case when :company then null else :family end,
       jsonb_build_array(jsonb_build_object('address', :email, 'primary', true)), :phone,
       jsonb_build_array(jsonb_build_object('number', :phone, 'primary', true)),
       :address,
       (array['STORE','WEB','PHONE','CALL_CENTRE','EVENT','REFERRAL','PARTNER','ADVERTISING','NEWSLETTER','OTHER'])[n % 10 + 1],
       :manager, :marketing, :joined, :sharing, :joined,
       case when n % 10 = 3 then '["vip"]'::jsonb else '[]'::jsonb end, '{}'::jsonb,
       lower(:name) || ' ' || :email || ' ' || :phone,
       case when n % 2 = 0 then 'HIGH' else 'LOW' end, case when n % 3 = 0 then 'HIGH' else 'LOW' end, :segment,
       s.revenue, s.revenue * 5, :tier, :epoch, :stage, 'rule: bulk-loaded scale data', :epoch
from (select n, (select sum(:earn) from generate_series(1, 10) j where j <> 7) as revenue
      from generate_series(:from::bigint, :to::bigint) n) s
order by n;
insert into customer_email (email, customer_id)
select :email, :cid from generate_series(:from::bigint, :to::bigint) n order by n;
-- the profile's personal record, as if published on crm.customers.personal (the gateway's copy is in
-- gateway.sql): without it PersonalDataBackfill would publish a million records during the bench
insert into personal_record (record_key, topic, customer_id, recorded_at)
select (:cid)::text || '/customer/' || (:cid)::text, 'crm.customers.personal', :cid, :joined
from generate_series(:from::bigint, :to::bigint) n order by n;
commit;
