-- near_duplicate_pairs: the pairs near_duplicate_clusters verifies, each once, with both scores
-- (the same rows and the same answers as tests/pg/sql/neardup_pairs.sql)
.mode list
.headers on
CREATE TABLE reviews (id INTEGER, body TEXT, src TEXT);
INSERT INTO reviews VALUES
  (1, 'Great blender, works perfectly, arrived in two days. Five stars!', 'shop-a'),
  (2, 'great  BLENDER, works perfectly, arrived in two days. Five stars!', 'shop-b'),
  (3, 'Terrible service and the box was damaged.', 'shop-a'),
  (4, 'I love this toaster from Acme, it works perfectly and arrived in two days, five stars and highly recommended to everyone', 'shop-c'),
  (5, 'I love this kettle from Bolt, it works perfectly and arrived in two days, five stars and highly recommended to everyone', 'shop-d'),
  (6, 'Great blender, works perfectly, arrived in two days. Five stars!', 'shop-a'),
  (7, NULL, 'shop-e');
-- minhash_similarity as a count of equal minima (of 128), printed alike in both engines
SELECT id_a, id_b, ssdeep_score, CAST(minhash_similarity * 128 AS INTEGER) AS minima, method
FROM near_duplicate_pairs('SELECT id, body, src FROM reviews');
-- every pair once, id_a before id_b by bytes ('10' < '9'), in (id_a, id_b) order
SELECT id_a, id_b, method FROM near_duplicate_pairs('SELECT id || '''', body FROM reviews WHERE id IN (1, 2) UNION ALL SELECT ''10'', body FROM reviews WHERE id = 6 UNION ALL SELECT ''9'', body FROM reviews WHERE id = 1');
-- a repeated id pairs with itself
SELECT id_a, id_b, method FROM near_duplicate_pairs('SELECT 1, ''a'' UNION ALL SELECT 1, ''A''');
SELECT count(*) AS n FROM near_duplicate_pairs('SELECT id, body FROM reviews WHERE 0');

-- (each word ends in two letters that number it, not digits, so that only ssdeep and MinHash
-- relate these texts: words with digits are figures for the rare-token evidence)
-- six texts of 150 words (1 a base, 2 and 3 with their last 10 and 30 words replaced, 4 and 5
-- every 10th and 15th word, 6 its first 40), a copy of 1, and two texts near none of them
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
INSERT INTO src SELECT 7, body FROM src WHERE id = 1;
INSERT INTO src SELECT 8, group_concat(word, ' ') FROM (SELECT word FROM w WHERE n % 2 = 0 ORDER BY n DESC);
INSERT INTO src VALUES (9, 'an unrelated short note');
SELECT id_a, id_b, ssdeep_score, CAST(minhash_similarity * 128 AS INTEGER) AS minima, method
FROM near_duplicate_pairs('SELECT id, body FROM src');
-- the same as all pairs scored by hand at the thresholds (9, the one text under 512 bytes, is near nothing)
CREATE TEMP TABLE brute AS
SELECT CAST(a.id AS TEXT) AS id_a, CAST(b.id AS TEXT) AS id_b,
       fuzzy_compare(fuzzy_hash(text_normalize(a.body)), fuzzy_hash(text_normalize(b.body))) AS s,
       minhash_similarity(minhash(a.body), minhash(b.body)) AS m
FROM src a JOIN src b ON CAST(a.id AS TEXT) < CAST(b.id AS TEXT);
CREATE TEMP TABLE got AS SELECT id_a, id_b, ssdeep_score AS s, minhash_similarity AS m FROM near_duplicate_pairs('SELECT id, body FROM src');
SELECT (SELECT count(*) FROM got) AS pairs,
       (SELECT count(*) FROM (SELECT * FROM got EXCEPT SELECT * FROM brute WHERE s >= 60 OR m >= 0.5)) AS got_minus_brute,
       (SELECT count(*) FROM (SELECT * FROM brute WHERE s >= 60 OR m >= 0.5 EXCEPT SELECT * FROM got)) AS brute_minus_got;
-- the same rows in the opposite order give the same pairs
SELECT count(*) AS asc_minus_desc FROM (
  SELECT * FROM near_duplicate_pairs('SELECT id, body FROM src ORDER BY id')
  EXCEPT SELECT * FROM near_duplicate_pairs('SELECT id, body FROM src ORDER BY id DESC'));
-- every member of a cluster is in a pair with its representative
SELECT count(*) AS members_without_pair FROM near_duplicate_clusters('SELECT id, body FROM src') c
WHERE c.id <> c.representative AND NOT EXISTS (
  SELECT 1 FROM near_duplicate_pairs('SELECT id, body FROM src') p
  WHERE (p.id_a, p.id_b) IN (VALUES (c.id, c.representative), (c.representative, c.id)));
-- the thresholds: at ssdeep 90 and MinHash 0.6 fewer pairs, and ssdeep below 90 becomes minhash
SELECT antidote_config('ssdeep_threshold', 90) AS ssdeep_threshold, antidote_config('minhash_threshold', 0.6) AS minhash_threshold;
SELECT id_a, id_b, ssdeep_score, CAST(minhash_similarity * 128 AS INTEGER) AS minima, method
FROM near_duplicate_pairs('SELECT id, body FROM src');
SELECT antidote_config('ssdeep_threshold', 60) AS ssdeep_threshold, antidote_config('minhash_threshold', 0.5) AS minhash_threshold;

-- a flood of n identical rows makes n(n-1)/2 pairs: more than 4,194,304 is an error (2,897 rows)
SELECT count(*) AS pairs FROM near_duplicate_pairs('WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < 300) SELECT x, ''same'' FROM g');
SELECT count(*) AS pairs FROM near_duplicate_pairs('WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < 2897) SELECT x, ''same'' FROM g');
-- errors
SELECT * FROM near_duplicate_pairs('SELECT id FROM reviews');
SELECT * FROM near_duplicate_pairs('SELECT id, id FROM reviews');
SELECT * FROM near_duplicate_pairs('DELETE FROM reviews RETURNING id, body');
SELECT * FROM near_duplicate_pairs('SELECT nonsense');
SELECT * FROM near_duplicate_pairs;
SELECT count(*) AS n FROM reviews;
-- the progress handler can stop it
.progress 100000 --limit 5 --quiet
SELECT count(*) FROM near_duplicate_pairs('WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < 1000000) SELECT x, ''text '' || x FROM g');
.progress off
-- it runs caller SQL, so schema objects may not use it
CREATE VIEW v AS SELECT * FROM near_duplicate_pairs('SELECT id, body FROM reviews');
SELECT * FROM v;
