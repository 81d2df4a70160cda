-- A reopened complaint was not resolved at first contact: clear the flag complaints reopened
-- before this rule kept (the workflow clears it on every reopening from now on).
update complaint set first_contact_resolution = false where reopen_count > 0 and first_contact_resolution;
