-- A partner's customer list holds only customers visible to partners (consented, not merged, not
-- erased). Without a filter that page walks this index, however few customers consented, instead of
-- skipping hidden rows of customer_list one by one.
create index customer_list_partner on customer (created_at desc, id desc)
    where merged_into is null and erased_at is null and consent_partner_sharing;
