-- Comments written within the same instant (a batch import, a frozen test clock) keep the order they were written in.
alter table complaint_comment add column seq bigint generated always as identity;
create index complaint_comment_order on complaint_comment (complaint_id, created_at, seq);
