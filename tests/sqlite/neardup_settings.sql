-- settable near-duplicate thresholds (antidote_config 'ssdeep_threshold', 'minhash_threshold'):
-- read by near_duplicate_clusters and antidote_audit at each call, and copied into a guard's
-- triggers when it is created, so a writer's antidote_config() cannot loosen the guard
.mode list
.headers on
-- (each word ends in two letters that number it, not digits, so that only ssdeep and MinHash
-- relate these texts: words with digits are figures for the rare-token evidence)
-- six texts of 150 words: 1 a base, 2 and 3 with their last 10 and 30 words replaced, 4 and 5
-- with every 10th and 15th word replaced, 6 with its first 40 words replaced
CREATE TABLE w(n INTEGER PRIMARY KEY, word TEXT);
WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 150)
INSERT INTO w SELECT n, substr('alphabravocharliedeltaechofoxtrotgolfhotelindiajulietkilolimamikenovemberoscarpapaquebecromeosierratangouniformvictorwhiskeyxrayyankeezulu',
                               1 + (n * 37) % 120, 3 + n % 5) || char(97 + n % 26, 97 + n / 26) FROM c;
CREATE TABLE src(id INTEGER PRIMARY KEY, body TEXT);
INSERT INTO src SELECT 1, group_concat(word, ' ') FROM (SELECT word FROM w ORDER BY n);
INSERT INTO src SELECT 2, group_concat(CASE WHEN n > 140 THEN 'zz' || char(97 + n % 26, 97 + n / 26) ELSE word END, ' ') FROM (SELECT n, word FROM w ORDER BY n);
INSERT INTO src SELECT 3, group_concat(CASE WHEN n > 120 THEN 'qq' || char(97 + n % 26, 97 + n / 26) ELSE word END, ' ') FROM (SELECT n, word FROM w ORDER BY n);
INSERT INTO src SELECT 4, group_concat(CASE WHEN n % 10 = 0 THEN 'rr' || char(97 + n % 26, 97 + n / 26) ELSE word END, ' ') FROM (SELECT n, word FROM w ORDER BY n);
INSERT INTO src SELECT 5, group_concat(CASE WHEN n % 15 = 0 THEN 'rr' || char(97 + n % 26, 97 + n / 26) ELSE word END, ' ') FROM (SELECT n, word FROM w ORDER BY n);
INSERT INTO src SELECT 6, group_concat(CASE WHEN n <= 40 THEN 'pp' || char(97 + n % 26, 97 + n / 26) ELSE word END, ' ') FROM (SELECT n, word FROM w ORDER BY n);
-- the pairs' scores, for reading the results below
SELECT a.id AS a, b.id AS b, fuzzy_compare(fuzzy_hash(a.body), fuzzy_hash(b.body)) AS ssdeep,
       minhash_similarity(minhash(a.body), minhash(b.body)) AS minhash
FROM src a JOIN src b ON a.id < b.id ORDER BY a.id, b.id;

-- the defaults, as PostgreSQL's settings
SELECT antidote_config('ssdeep_threshold') AS ssdeep_threshold, antidote_config('minhash_threshold') AS minhash_threshold;
SELECT typeof(antidote_config('ssdeep_threshold')) AS ssdeep_type, typeof(antidote_config('minhash_threshold')) AS minhash_type;
-- out of range or of the wrong kind: errors naming the setting, and the value stays
SELECT antidote_config('ssdeep_threshold', 101);
SELECT antidote_config('ssdeep_threshold', -1);
SELECT antidote_config('ssdeep_threshold', 60.5);
SELECT antidote_config('minhash_threshold', 1.01);
SELECT antidote_config('minhash_threshold', -0.1);
SELECT antidote_config('minhash_threshold', 'high');
SELECT antidote_config('minhash_thresholds', 0.5);
SELECT antidote_config('ssdeep_threshold') AS ssdeep_unchanged, antidote_config('minhash_threshold') AS minhash_unchanged;
-- the bounds are accepted; a whole REAL is an integer
SELECT antidote_config('ssdeep_threshold', 100) AS s100, antidote_config('ssdeep_threshold', 0) AS s0,
       antidote_config('ssdeep_threshold', 75.0) AS s75, antidote_config('minhash_threshold', 1) AS m1,
       antidote_config('minhash_threshold', 0) AS m0;
SELECT antidote_config('ssdeep_threshold', 60) AS ssdeep_threshold, antidote_config('minhash_threshold', 0.5) AS minhash_threshold;

-- near_duplicate_clusters at the defaults: one cluster of six
SELECT id, cluster_size, method, representative FROM near_duplicate_clusters('SELECT id, body FROM src') ORDER BY id;
-- ssdeep at 90: only 2 is near 1 by ssdeep (94); 3, 4, 5 and 6 join 1 by MinHash (0.57 and more)
SELECT antidote_config('ssdeep_threshold', 90) AS ssdeep_threshold;
SELECT id, cluster_size, method, representative FROM near_duplicate_clusters('SELECT id, body FROM src') ORDER BY id;
-- and MinHash at 0.8: only the pair 1-2 (ssdeep 94, MinHash 0.85) is left
SELECT antidote_config('minhash_threshold', 0.8) AS minhash_threshold;
SELECT id, cluster_size, method, representative FROM near_duplicate_clusters('SELECT id, body FROM src') ORDER BY id;
-- antidote_audit reads them too
SELECT id, cluster_size FROM antidote_audit('SELECT id, body FROM src') ORDER BY id;
-- back at the defaults, the first answer again
SELECT antidote_config('ssdeep_threshold', 60) AS ssdeep_threshold, antidote_config('minhash_threshold', 0.5) AS minhash_threshold;
SELECT group_concat(id || ':' || cluster_size || ':' || method, ' ') AS defaults_again
FROM (SELECT * FROM near_duplicate_clusters('SELECT id, body FROM src') ORDER BY id);

-- A guard counts near-duplicates with the thresholds of the connection that created it.
-- Stored rows 1..5; text 6 is near 1, 2, 3 and 5 at the defaults (ssdeep 82, 74, 66, 61), near
-- only 1 at ssdeep 80 / MinHash 0.7.
CREATE TABLE g_default(id INTEGER PRIMARY KEY, body TEXT);
CREATE TABLE g_strict(id INTEGER PRIMARY KEY, body TEXT);
CREATE TABLE g_zero(id INTEGER PRIMARY KEY, body TEXT);
INSERT INTO g_default SELECT * FROM src WHERE id <= 5;
INSERT INTO g_strict SELECT * FROM src WHERE id <= 5;
INSERT INTO g_zero SELECT * FROM src WHERE id <= 5;
SELECT antidote_guard('g_default', 'body', '', 'max_near_duplicates=0,on_reject=quarantine') AS policy;
SELECT antidote_config('ssdeep_threshold', 80) AS ssdeep_threshold, antidote_config('minhash_threshold', 0.7) AS minhash_threshold;
SELECT antidote_guard('g_strict', 'body', '', 'max_near_duplicates=1,on_reject=quarantine') AS policy;
-- a threshold of 0 makes every stored row near, as PostgreSQL's % does
SELECT antidote_config('ssdeep_threshold', 0) AS ssdeep_threshold;
SELECT antidote_guard('g_zero', 'body', '', 'max_near_duplicates=4,on_reject=quarantine') AS policy;
-- the writer sets the loosest thresholds that still match anything
SELECT antidote_config('ssdeep_threshold', 100) AS ssdeep_threshold, antidote_config('minhash_threshold', 1) AS minhash_threshold;
INSERT INTO g_default SELECT * FROM src WHERE id = 6;
INSERT INTO g_strict SELECT * FROM src WHERE id = 6;
INSERT INTO g_zero SELECT * FROM src WHERE id = 6;
-- g_default rejects (neighbours 1, 2, 3, 5 at 60 / 0.5); g_strict takes it (one neighbour, 1);
-- g_zero rejects (all 5 stored rows)
SELECT (SELECT count(*) FROM g_default) AS g_default_rows, (SELECT count(*) FROM g_strict) AS g_strict_rows,
       (SELECT count(*) FROM g_zero) AS g_zero_rows;
SELECT table_name, json_extract(verdict, '$.near_duplicates.count') AS near_duplicates,
       (SELECT group_concat(value, ',') FROM (SELECT value FROM json_each(verdict, '$.neighbours') ORDER BY value)) AS ids
FROM antidote_quarantine ORDER BY id;
-- on g_strict the 6th row is now stored; a 7th copy of text 6 has two neighbours (1 and 6)
INSERT INTO g_strict SELECT 7, body FROM src WHERE id = 6;
SELECT count(*) AS g_strict_rows FROM g_strict;
SELECT table_name, json_extract(verdict, '$.near_duplicates.count') AS near_duplicates,
       (SELECT group_concat(value, ',') FROM (SELECT value FROM json_each(verdict, '$.neighbours') ORDER BY value)) AS ids
FROM antidote_quarantine ORDER BY id;
-- the thresholds sit in the triggers as literals
SELECT name, instr(sql, 'fuzzy_compare(s.h, fuzzy_hash(NEW."body")) >= 60 ') > 0 AS ssdeep_60,
       instr(sql, 'fuzzy_compare(s.h, fuzzy_hash(NEW."body")) >= 80 ') > 0 AS ssdeep_80,
       instr(sql, 'minhash(NEW."body")) >= 0.5 ') > 0 AS minhash_05,
       instr(sql, 'minhash(NEW."body")) >= 0.7 ') > 0 AS minhash_07,
       instr(sql, 'antidote_config') = 0 AS no_live_setting
FROM sqlite_master WHERE name IN ('antidote_guard_g_default_INSERT', 'antidote_guard_g_strict_INSERT', 'antidote_guard_g_zero_INSERT') ORDER BY name;
