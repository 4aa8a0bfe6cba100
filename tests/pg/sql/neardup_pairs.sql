-- near_duplicate_pairs: the pairs near_duplicate_clusters verifies, each once, with both scores
-- (the same rows and the same answers as tests/sqlite/neardup_pairs.sql)
CREATE TEMP TABLE reviews (id int, body text, src text);
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
SELECT id_a, id_b, method FROM near_duplicate_pairs('SELECT id::text, body FROM reviews WHERE id IN (1, 2) UNION ALL SELECT ''10'', body FROM reviews WHERE id = 6 UNION ALL SELECT ''9'', body FROM reviews WHERE id = 1');
-- a repeated id pairs with itself
SELECT id_a, id_b, method FROM near_duplicate_pairs('SELECT 1, ''a'' UNION ALL SELECT 1, ''A''');
SELECT count(*) AS n FROM near_duplicate_pairs('SELECT id, body FROM reviews WHERE false');

-- (each word ends in two letters that number it, not digits, so that only ssdeep and MinHash
-- relate these texts: words with digits are figures for the rare-token evidence)
-- six texts of 150 words (1 a base, 2 and 3 with their last 10 and 30 words replaced, 4 and 5
-- every 10th and 15th word, 6 its first 40), a copy of 1, and two texts near none of them
CREATE TEMP TABLE w(n int PRIMARY KEY, word text);
WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 150)
INSERT INTO w SELECT n, substr('alphabravocharliedeltaechofoxtrotgolfhotelindiajulietkilolimamikenovemberoscarpapaquebecromeosierratangouniformvictorwhiskeyxrayyankeezulu',
                               1 + (n * 37) % 120, 3 + n % 5) || chr(97 + n % 26) || chr(97 + n / 26) FROM c;
CREATE TEMP TABLE src(id int PRIMARY KEY, body text);
INSERT INTO src SELECT 1, string_agg(word, ' ' ORDER BY n) FROM w;
INSERT INTO src SELECT 2, string_agg(CASE WHEN n > 140 THEN 'zz' || chr(97 + n % 26) || chr(97 + n / 26) ELSE word END, ' ' ORDER BY n) FROM w;
INSERT INTO src SELECT 3, string_agg(CASE WHEN n > 120 THEN 'qq' || chr(97 + n % 26) || chr(97 + n / 26) ELSE word END, ' ' ORDER BY n) FROM w;
INSERT INTO src SELECT 4, string_agg(CASE WHEN n % 10 = 0 THEN 'rr' || chr(97 + n % 26) || chr(97 + n / 26) ELSE word END, ' ' ORDER BY n) FROM w;
INSERT INTO src SELECT 5, string_agg(CASE WHEN n % 15 = 0 THEN 'rr' || chr(97 + n % 26) || chr(97 + n / 26) ELSE word END, ' ' ORDER BY n) FROM w;
INSERT INTO src SELECT 6, string_agg(CASE WHEN n <= 40 THEN 'pp' || chr(97 + n % 26) || chr(97 + n / 26) ELSE word END, ' ' ORDER BY n) FROM w;
INSERT INTO src SELECT 7, body FROM src WHERE id = 1;
INSERT INTO src SELECT 8, string_agg(word, ' ' ORDER BY n DESC) FROM w WHERE n % 2 = 0;
INSERT INTO src VALUES (9, 'an unrelated short note');
SELECT id_a, id_b, ssdeep_score, CAST(minhash_similarity * 128 AS INTEGER) AS minima, method
FROM near_duplicate_pairs('SELECT id, body FROM src');
-- the same as all pairs scored by hand at the thresholds (9, the one text under 512 bytes, is near nothing)
CREATE TEMP TABLE brute AS
SELECT CAST(a.id AS TEXT) AS id_a, CAST(b.id AS TEXT) AS id_b,
       fuzzy_compare(fuzzy_hash(text_normalize(a.body)), fuzzy_hash(text_normalize(b.body))) AS s,
       minhash_similarity(minhash(a.body), minhash(b.body)) AS m
FROM src a JOIN src b ON CAST(a.id AS TEXT) COLLATE "C" < CAST(b.id AS TEXT) COLLATE "C";
CREATE TEMP TABLE got AS SELECT id_a, id_b, ssdeep_score AS s, minhash_similarity AS m FROM near_duplicate_pairs('SELECT id, body FROM src');
SELECT (SELECT count(*) FROM got) AS pairs,
       (SELECT count(*) FROM (SELECT * FROM got EXCEPT SELECT * FROM brute WHERE s >= 60 OR m >= 0.5) x) AS got_minus_brute,
       (SELECT count(*) FROM (SELECT * FROM brute WHERE s >= 60 OR m >= 0.5 EXCEPT SELECT * FROM got) x) AS brute_minus_got;
-- the same rows in the opposite order give the same pairs
SELECT count(*) AS asc_minus_desc FROM (
  SELECT * FROM near_duplicate_pairs('SELECT id, body FROM src ORDER BY id')
  EXCEPT SELECT * FROM near_duplicate_pairs('SELECT id, body FROM src ORDER BY id DESC')) x;
-- every member of a cluster is in a pair with its representative
SELECT count(*) AS members_without_pair FROM near_duplicate_clusters('SELECT id, body FROM src') c
WHERE c.id <> c.representative AND NOT EXISTS (
  SELECT 1 FROM near_duplicate_pairs('SELECT id, body FROM src') p
  WHERE (p.id_a, p.id_b) IN (VALUES (c.id, c.representative), (c.representative, c.id)));
-- the thresholds: at ssdeep 90 and MinHash 0.6 fewer pairs, and ssdeep below 90 becomes minhash
SET antidote.ssdeep_threshold = 90;
SET antidote.minhash_threshold = 0.6;
SELECT id_a, id_b, ssdeep_score, CAST(minhash_similarity * 128 AS INTEGER) AS minima, method
FROM near_duplicate_pairs('SELECT id, body FROM src');
RESET antidote.ssdeep_threshold;
RESET antidote.minhash_threshold;

-- a flood of n identical rows makes n(n-1)/2 pairs: more than 4,194,304 is an error (2,897 rows)
SELECT count(*) AS pairs FROM near_duplicate_pairs('SELECT g, ''same'' FROM generate_series(1, 300) g');
SELECT count(*) AS pairs FROM near_duplicate_pairs('SELECT g, ''same'' FROM generate_series(1, 2897) g');
-- errors
SELECT * FROM near_duplicate_pairs('SELECT id FROM reviews');
SELECT * FROM near_duplicate_pairs('SELECT id, id FROM reviews');
SELECT * FROM near_duplicate_pairs('DELETE FROM reviews RETURNING id, body');
SELECT * FROM near_duplicate_pairs('SELECT nonsense');
SELECT count(*) AS n FROM reviews;
-- cancellable: a statement timeout stops it
SET statement_timeout = '200ms';
SELECT count(*) FROM near_duplicate_pairs('SELECT g, ''text '' || g FROM generate_series(1, 3000000) g');
RESET statement_timeout;
