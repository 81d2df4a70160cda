-- Formulas shared by the three loaders, so customer-service, loyalty-service and the gateway's
-- read model describe the same customers. Everything is a function of n (1..N), the customer's
-- number: ids, names, dates, points. bench/scale runs it in front of customer.sql, loyalty.sql and gateway.sql.
--
-- Ids are valid UUIDs (version 4 bits) in one prefix per table and ascending with n, so every
-- btree grows at its right edge (fast) and the loaded prefix is max(id) (the loaders' marker).
\set cid '(''5ca1e000-0000-4000-8000-'' || lpad(to_hex(n), 12, ''0''))::uuid'
-- entry / lot / redemption / purchase ids of customer n, item j (1..10)
\set eid '(''5ca1e001-0000-4000-8000-'' || lpad(to_hex(n * 16 + j), 12, ''0''))::uuid'
\set lid '(''5ca1e002-0000-4000-8000-'' || lpad(to_hex(n * 16 + j), 12, ''0''))::uuid'
\set rid '(''5ca1e003-0000-4000-8000-'' || lpad(to_hex(n * 16 + j), 12, ''0''))::uuid'
\set pid '(''5ca1e004-0000-4000-8000-'' || lpad(to_hex(n * 16 + j), 12, ''0''))::uuid'
-- registered one every 31 s from 2025-01-01: older than anything created through the API today
\set joined '(timestamptz ''2025-01-01 00:00:00+00'' + n * interval ''31 seconds'')'
\set epoch 'timestamptz ''2026-11-01 00:00:00+00'''
-- the j-th of 10 ledger entries, spread between joining and the epoch
\set at '(:joined + (:epoch - :joined) * j / 11.0)'
\set given '((''{Wei,Fang,Na,Min,Jing,Li,Qiang,Lei,Yang,Jun,Anna,Lukas,Sofia,Jonas,Mia,Noah,Emma,Paul,Lena,Felix}''::text[])[n % 20 + 1])'
\set family '((''{Wang,Li,Zhang,Liu,Chen,Yang,Huang,Zhao,Wu,Zhou,Mueller,Schmidt,Schneider,Fischer,Weber,Meyer,Wagner,Becker,Schulz,Hoffmann}''::text[])[(n / 20) % 20 + 1])'
\set company '(n % 10 = 7)'
\set name '(case when :company then :family || '' Trading '' || n else :given || '' '' || :family end)'
\set email '(lower(:given) || ''.'' || lower(:family) || ''.'' || n || ''@example.com'')'
\set phone '(''+86138'' || lpad((n % 100000000)::text, 8, ''0''))'
\set address '(jsonb_build_object(''line1'', (n % 900 + 1) || '' Nanjing Road'', ''line2'', null, ''city'', (''{Shanghai,Beijing,Shenzhen,Hangzhou,Berlin,Munich}''::text[])[n % 6 + 1], ''region'', null, ''postalCode'', lpad((n % 100000)::text, 6, ''0''), ''country'', case when n % 6 < 4 then ''CN'' else ''DE'' end))'
\set sharing '(n % 10 <> 0)'
\set marketing '(n % 3 = 0)'
\set segment '((''{TRANSACTIONAL,INDIFFERENT,RELATIONAL,KEY_ACCOUNT}''::text[])[n % 4 + 1])'
\set tier '((''{A,B,C}''::text[])[n % 3 + 1])'
\set stage '((''{HESITANT,TRUSTING,REPEAT_BUYER,STABLE_PARTNER}''::text[])[n % 4 + 1])'
\set manager '(''manager.'' || (n % 500))'
-- points of entry j: 9 purchases (EARN, 30..100 points, 1 point per CNY) and at j = 7 a REDEEM of
-- 150, taken from the oldest lots first (FIFO) as Ledger.debit does. 9 x 100 < 1,000 qualifying
-- points: every account stays MEMBER, so the tier review job has nothing to do.
\set earn '(30 + ((n * 7 + j * 13) % 8) * 10)'
\set pts '(case when j = 7 then -150 else :earn end)'
