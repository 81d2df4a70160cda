-- Why the complaint was last reopened (required on every reopening, shown on the complaint).
alter table complaint add column last_reopen_reason text;
