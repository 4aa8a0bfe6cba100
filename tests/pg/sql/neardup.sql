-- near-duplicate search: minhash, the % operators and their GIN indexes, clustering

-- settings and their defaults (registered when the module loads)
SELECT fuzzy_compare('3::', '3::');
SHOW antidote.ssdeep_threshold;
SHOW antidote.minhash_threshold;
SET antidote.ssdeep_threshold = 101;
SET antidote.minhash_threshold = 1.5;
SET antidote.no_such_setting = 1;

-- minhash: same signature as the SQLite extension (same digest of its bytes)
SELECT content_sha256(minhash_send(minhash('The quick brown fox jumps over the lazy dog'::text)));
SELECT length(minhash('abc'::text)::text) AS hex_digits, left(minhash('abc'::text)::text, 16) AS header;
SELECT minhash_similarity(minhash('The Quick  brown fox'::text), minhash('the quick brown FOX'::text)) AS normal_form_first;
SELECT minhash_similarity(minhash('a b c d e f g h i j'::text), minhash('a b c d e f g h i j k l m n o p q r s t'::text)) AS about_9_of_19;
SELECT minhash_similarity(minhash('word'::text), minhash(''::text)) AS word_vs_empty;
SELECT minhash_similarity(minhash('great blender, arrived in two days, five stars'::text), minhash('great kettle, arrived in two days, five stars'::text));
SELECT minhash(NULL::text) IS NULL AS null_in_null_out;
-- a literal argument is the type's input (as for any type name); text goes through the function
SELECT minhash('abc');
SELECT minhash('abc'::text)::text::minhash::text = minhash('abc'::text)::text AS round_trip_text;
SELECT 'abcd'::minhash;
SELECT repeat('00', 520)::minhash;
SELECT (replace(minhash('abc'::text)::text, '61644d48', '61644d49'))::minhash;
SELECT minhash('abc'::text) % minhash('abc'::text) AS same, minhash('abc def ghi'::text) % minhash('xyz uvw'::text) AS different;

-- index keys
SELECT count(*) FROM ssdeep_keys('3:AAAAAb:c');
SELECT (SELECT key FROM ssdeep_keys('3:AAAAAb:c')) = (SELECT key FROM ssdeep_keys('3:AAAb:c')) AS same_after_run_cutting;
SELECT count(*) > 1 AS grams_at_1, (SELECT count(*) FROM ssdeep_keys('3:abcdefghijklmnopqrst:', 60)) AS keys_at_60 FROM ssdeep_keys('3:abcdefghijklmnopqrst:');
SELECT count(*) AS bands FROM minhash_keys(minhash('abc'::text));
SELECT count(*) FROM ssdeep_keys(NULL);
SELECT * FROM ssdeep_keys('5:abc:def');
-- the same keys as SQLite's
SELECT sum(key % 1000003) FROM ssdeep_keys('96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo');
SELECT sum(key % 1000003) FROM minhash_keys(minhash('The quick brown fox jumps over the lazy dog'::text));

-- % follows the settings
SELECT '96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo'::ssdeep % '96:abcdefghijklmnopqrstuXYZ:zyxwvutsrqpq'::ssdeep AS similar_at_60,
       fuzzy_compare('96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo', '96:abcdefghijklmnopqrstuXYZ:zyxwvutsrqpq');
SET antidote.ssdeep_threshold = 95;
SELECT '96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo'::ssdeep % '96:abcdefghijklmnopqrstuXYZ:zyxwvutsrqpq'::ssdeep AS similar_at_95;
SET antidote.minhash_threshold = 0.3;
SELECT minhash('great blender, arrived in two days, five stars'::text) % minhash('great kettle, arrived in two days, five stars'::text) AS similar_at_03;
RESET antidote.minhash_threshold;
SELECT minhash('great blender, arrived in two days, five stars'::text) % minhash('great kettle, arrived in two days, five stars'::text) AS similar_at_05;
RESET antidote.ssdeep_threshold;

-- A corpus of 20,000 ssdeep hashes with many near-duplicates: 2,000 documents of
-- 40..400 words, each re-posted 9 times with 1..12% of its words replaced.
SELECT setseed(0.42);
CREATE TEMP TABLE vocab AS
SELECT array_agg(substr(md5(i::text), 1, 2 + i % 7) ORDER BY i) AS w FROM generate_series(0, 1999) i;
CREATE TEMP TABLE base AS
SELECT d, array_agg(w[1 + (random() * 1999)::int] ORDER BY k) AS words
FROM vocab, generate_series(1, 2000) d, LATERAL generate_series(1, 40 + (d * 7919) % 360) k
GROUP BY d;
CREATE TEMP TABLE corpus (id serial PRIMARY KEY, doc int, body text, h ssdeep, m minhash);
INSERT INTO corpus (doc, body)
SELECT d, array_to_string(ARRAY(
         SELECT CASE WHEN v > 0 AND random() < v * 0.01 THEN 'x' || (random() * 100000)::int ELSE words[k] END
         FROM generate_subscripts(words, 1) k ORDER BY k), ' ')
FROM base, generate_series(0, 9) v;
UPDATE corpus SET h = fuzzy_hash(body), m = minhash(body);
SELECT count(*) AS hashes, count(DISTINCT h::text) AS distinct_hashes FROM corpus;
CREATE INDEX corpus_h ON corpus USING gin (h);
CREATE INDEX corpus_m ON corpus USING gin (m);
-- ssdeep has byte-wise btree operators of its own, so ANALYZE and = work on it
ANALYZE corpus;
SELECT count(*) AS equal_pairs, count(*) FILTER (WHERE a.doc <> b.doc) AS across_documents FROM corpus a JOIN corpus b ON a.h = b.h WHERE a.id < b.id;
SELECT '3:abc:def'::ssdeep < '3:abd:def'::ssdeep AS ordered, '3:abc:def'::ssdeep = '3:abc:def'::ssdeep AS equal;
CREATE TEMP TABLE probes AS SELECT id, h, m FROM corpus WHERE id % 97 = 1;

-- The planner uses the indexes.
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM corpus WHERE h % '96:abcdefghijklmnopqrstuvwx:abcdefghijkl';
EXPLAIN (COSTS OFF) SELECT c.id FROM corpus c, probes p WHERE p.id = 1 AND c.m % p.m;

-- For every probe and several thresholds, the index answer equals the sequential scan.
CREATE TEMP TABLE by_index (t int, probe int, id int);
CREATE FUNCTION pg_temp.collect(t int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	PERFORM set_config('antidote.ssdeep_threshold', t::text, true);
	INSERT INTO by_index SELECT t, p.id, c.id FROM probes p JOIN corpus c ON c.h % p.h;
END $$;
SELECT pg_temp.collect(t) FROM unnest(ARRAY[1, 30, 60, 90, 95, 98, 100]) t;
RESET enable_seqscan;
SET enable_bitmapscan = off;
CREATE TEMP TABLE scores AS SELECT p.id AS probe, c.id, fuzzy_compare(c.h, p.h) AS score FROM probes p, corpus c;
CREATE TEMP TABLE by_scan AS
SELECT t, probe, id FROM scores, unnest(ARRAY[1, 30, 60, 90, 95, 98, 100]) t WHERE score >= t;
SELECT t, (SELECT count(*) FROM probes) AS probes, count(*) AS matches,
       count(*) FILTER (WHERE probe <> id) AS near_duplicates
FROM by_scan GROUP BY t ORDER BY t;
SELECT count(*) AS index_minus_scan FROM (SELECT * FROM by_index EXCEPT SELECT * FROM by_scan) s;
SELECT count(*) AS scan_minus_index FROM (SELECT * FROM by_scan EXCEPT SELECT * FROM by_index) s;
RESET enable_seqscan;
RESET enable_bitmapscan;
-- threshold 0: every row matches, the index answers that too
SET antidote.ssdeep_threshold = 0;
SET antidote.minhash_threshold = 0;
SET enable_seqscan = off;
SELECT count(*) AS all_rows_ssdeep FROM corpus WHERE h % '3:abc:def';
SELECT count(*) AS all_rows_minhash FROM corpus WHERE m % minhash('abc'::text);
RESET enable_seqscan;
RESET antidote.minhash_threshold;
RESET antidote.ssdeep_threshold;

-- minhash %: LSH may miss pairs near the threshold; recall against the scan.
SET enable_seqscan = off;
CREATE TEMP TABLE mh_index AS SELECT p.id AS probe, c.id FROM probes p JOIN corpus c ON c.m % p.m;
RESET enable_seqscan;
SET enable_bitmapscan = off;
CREATE TEMP TABLE mh_scan AS SELECT p.id AS probe, c.id FROM probes p, corpus c WHERE minhash_similarity(c.m, p.m) >= 0.5;
RESET enable_bitmapscan;
SELECT (SELECT count(*) FROM mh_scan) > 1000 AS many_pairs,
       (SELECT count(*) FROM (SELECT * FROM mh_index EXCEPT SELECT * FROM mh_scan) s) AS false_answers,
       (SELECT count(*) FROM mh_index)::float8 / (SELECT count(*) FROM mh_scan) >= 0.95 AS recall_at_least_095;

-- Operator class option bits: keys folded into 2^bits values.  The fewest bits
-- (12) make many rows share keys: more candidates, the same answers (ssdeep
-- exactly as the scan; MinHash at least what the default index found).
CREATE INDEX corpus_h12 ON corpus USING gin (h ssdeep_gin_ops (bits = 12));
CREATE INDEX corpus_m12 ON corpus USING gin (m minhash_gin_ops (bits = 12));
SELECT pg_get_indexdef('corpus_h12'::regclass) AS h12, pg_get_indexdef('corpus_m12'::regclass) AS m12;
SELECT pg_relation_size('corpus_h12') < pg_relation_size('corpus_h') AS h12_smaller,
       pg_relation_size('corpus_m12') < pg_relation_size('corpus_m') AS m12_smaller;
DROP INDEX corpus_h, corpus_m;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM corpus WHERE h % '96:abcdefghijklmnopqrstuvwx:abcdefghijkl';
TRUNCATE by_index;
SELECT pg_temp.collect(t) FROM unnest(ARRAY[1, 30, 60, 90, 95, 98, 100]) t;
SELECT count(*) AS index12_minus_scan FROM (SELECT * FROM by_index EXCEPT SELECT * FROM by_scan) s;
SELECT count(*) AS scan_minus_index12 FROM (SELECT * FROM by_scan EXCEPT SELECT * FROM by_index) s;
CREATE TEMP TABLE mh_index12 AS SELECT p.id AS probe, c.id FROM probes p JOIN corpus c ON c.m % p.m;
RESET enable_seqscan;
SELECT (SELECT count(*) FROM (SELECT * FROM mh_index12 EXCEPT SELECT * FROM mh_scan) s) AS false_answers12,
       (SELECT count(*) FROM (SELECT * FROM mh_index EXCEPT SELECT * FROM mh_index12) s) AS lost_by_folding;
-- bits must be 12..48
CREATE INDEX ON corpus USING gin (h ssdeep_gin_ops (bits = 11));
CREATE INDEX ON corpus USING gin (m minhash_gin_ops (bits = 49));
CREATE INDEX ON corpus USING gin (m minhash_gin_ops (width = 20));
DROP INDEX corpus_h12, corpus_m12;

-- The count filter (a row must share enough keys of a part for the threshold)
-- against adversarial signatures: a random part and copies with an edit every
-- k characters, which score high while sharing few 7-character runs; copies
-- at twice the block size compare part 2 with part 1.  Index = scan at every
-- threshold, default bits and bits = 12.
CREATE FUNCTION pg_temp.every_kth(s text, k int, op int, off int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text := ''; i int;
BEGIN
	FOR i IN 1 .. length(s) LOOP
		IF (i + off) % k = 0 THEN
			IF op = 0 THEN r := r || CASE WHEN substr(s, i, 1) = 'Z' THEN 'Y' ELSE 'Z' END;
			ELSIF op = 2 THEN r := r || '+' || substr(s, i, 1);
			END IF;
		ELSE
			r := r || substr(s, i, 1);
		END IF;
	END LOOP;
	RETURN left(r, 64);
END $$;
CREATE TEMP TABLE adv_base AS
SELECT b, left(translate(encode(sha256(('p1-' || b)::bytea), 'base64') || encode(sha256(('q1-' || b)::bytea), 'base64'), '=', ''), 30 + b % 35) AS p1,
       left(translate(encode(sha256(('p2-' || b)::bytea), 'base64'), '=', ''), 12 + b % 21) AS p2
FROM generate_series(1, 60) b;
CREATE TEMP TABLE adv (id serial PRIMARY KEY, b int, h ssdeep);
INSERT INTO adv (b, h) SELECT b, ('48:' || p1 || ':' || p2)::ssdeep FROM adv_base;
INSERT INTO adv (b, h)
SELECT b, ('48:' || pg_temp.every_kth(p1, k, op, b % 7) || ':' || pg_temp.every_kth(p2, k + 1, op, b % 5))::ssdeep
FROM adv_base, unnest(ARRAY[3, 5, 7, 9, 12, 20, 40]) k, generate_series(0, 2) op;
INSERT INTO adv (b, h)
SELECT b, ('96:' || pg_temp.every_kth(p2, k, op, 0) || ':' || left(p1, 20))::ssdeep
FROM adv_base, unnest(ARRAY[4, 8, 30]) k, generate_series(0, 2) op;
CREATE TEMP TABLE adv_scan AS
SELECT t, p.id AS probe, c.id FROM adv p, adv c, unnest(ARRAY[1, 40, 60, 80, 86, 90, 93, 95, 97, 100]) t
WHERE p.id % 3 = 0 AND fuzzy_compare(c.h, p.h) >= t;
SELECT count(*) AS adversarial_matches, count(*) FILTER (WHERE t >= 90 AND probe <> id) AS at_90_or_more_not_self FROM adv_scan;
CREATE FUNCTION pg_temp.adv_index() RETURNS TABLE (t int, probe int, id int) LANGUAGE plpgsql AS $$
DECLARE th int;
BEGIN
	FOREACH th IN ARRAY ARRAY[1, 40, 60, 80, 86, 90, 93, 95, 97, 100] LOOP
		PERFORM set_config('antidote.ssdeep_threshold', th::text, true);
		RETURN QUERY SELECT th, p.id, c.id FROM adv p JOIN adv c ON c.h % p.h WHERE p.id % 3 = 0;
	END LOOP;
END $$;
-- Rows an index scan handed to the recheck for one probe.
CREATE FUNCTION pg_temp.rechecked(th int, probe ssdeep) RETURNS int LANGUAGE plpgsql AS $$
DECLARE plan json;
BEGIN
	PERFORM set_config('antidote.ssdeep_threshold', th::text, true);
	EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF, FORMAT JSON) SELECT 1 FROM adv WHERE h % $1' INTO plan USING probe;
	RETURN (SELECT (x->>'Actual Rows')::int + coalesce((x->>'Rows Removed by Index Recheck')::int, 0)
	        FROM jsonb_path_query(plan::jsonb, 'strict $.**') x WHERE x->>'Node Type' = 'Bitmap Heap Scan');
END $$;
CREATE INDEX adv_h ON adv USING gin (h);
SET enable_seqscan = off;
SELECT count(*) AS adv_index_minus_scan FROM (SELECT * FROM pg_temp.adv_index() EXCEPT SELECT * FROM adv_scan) s;
SELECT count(*) AS adv_scan_minus_index FROM (SELECT * FROM adv_scan EXCEPT SELECT * FROM pg_temp.adv_index()) s;
-- near the top of the scale the filter hands fewer rows to the recheck; at 60 one key is enough
SELECT sum(pg_temp.rechecked(100, h)) < sum(pg_temp.rechecked(60, h)) AS fewer_rechecked_at_100,
       sum(pg_temp.rechecked(60, h)) = sum(pg_temp.rechecked(1, h)) AS same_rechecked_at_60_and_1
FROM adv WHERE id <= 60;
DROP INDEX adv_h;
CREATE INDEX adv_h12 ON adv USING gin (h ssdeep_gin_ops (bits = 12));
SELECT count(*) AS adv_index12_minus_scan FROM (SELECT * FROM pg_temp.adv_index() EXCEPT SELECT * FROM adv_scan) s;
SELECT count(*) AS adv_scan_minus_index12 FROM (SELECT * FROM adv_scan EXCEPT SELECT * FROM pg_temp.adv_index()) s;
RESET enable_seqscan;
RESET antidote.ssdeep_threshold;

-- near_duplicate_clusters: the same rows as in the SQLite suite, same answer
CREATE TEMP TABLE reviews (id int, body text, src text);
INSERT INTO reviews VALUES
  (1, 'Great blender, works perfectly, arrived in two days. Five stars!', 'shop-a'),
  (2, 'great  BLENDER, works perfectly, arrived in two days. Five stars!', 'shop-b'),
  (3, 'Terrible service and the box was damaged.', 'shop-a'),
  (4, 'I love this toaster from Acme, it works perfectly and arrived in two days, five stars and highly recommended to everyone', 'shop-c'),
  (5, 'I love this kettle from Bolt, it works perfectly and arrived in two days, five stars and highly recommended to everyone', 'shop-d'),
  (6, 'Great blender, works perfectly, arrived in two days. Five stars!', 'shop-a'),
  (7, NULL, 'shop-e');
SELECT * FROM near_duplicate_clusters('SELECT id, body, src FROM reviews') ORDER BY id::int;
SELECT * FROM near_duplicate_clusters('SELECT id, body FROM reviews') ORDER BY id::int;
SELECT count(*) FROM near_duplicate_clusters('SELECT id, body FROM reviews WHERE false');
-- the documents above: every re-post joins its original's cluster
SELECT count(DISTINCT cluster_id) AS clusters, count(*) AS rows_in_clusters, min(cluster_size), max(cluster_size)
FROM near_duplicate_clusters('SELECT id, body FROM corpus WHERE doc <= 300');
SELECT count(*) AS rows_split_from_their_document FROM (
  SELECT c.doc, count(DISTINCT n.cluster_id) AS k
  FROM near_duplicate_clusters('SELECT id, body FROM corpus WHERE doc <= 300') n JOIN corpus c ON c.id = n.id::int
  GROUP BY c.doc HAVING count(DISTINCT n.cluster_id) > 1) s;
-- short texts (under 512 bytes) that share only a boilerplate sentence: ssdeep alone says near,
-- MinHash says no, so they are not a cluster (two Debian bookworm package descriptions,
-- libghc-hmatrix-dev and libghc-hslua-aeson-dev)
CREATE TEMP TABLE short_pair (id text, body text);
INSERT INTO short_pair VALUES ('hmatrix', E'Linear algebra in Haskell\nPurely functional interface to linear algebra based on BLAS and LAPACK.\nThis package provides a library for the Haskell programming language. See http://www.haskell.org/ for more information on Haskell.'), ('hslua', E'Allow aeson data types to be used with Lua.\nThis package provides instances to push and receive any datatype encodable as JSON to and from the Lua stack.\nThis package provides a library for the Haskell programming language. See http://www.haskell.org/ for more information on Haskell.');
SELECT fuzzy_compare(fuzzy_hash(text_normalize(x.body)), fuzzy_hash(text_normalize(y.body))) >= 60 AS ssdeep_near,
       minhash_similarity(minhash(x.body), minhash(y.body)) < 0.25 AS minhash_far,
       length(x.body) < 512 AND length(y.body) < 512 AS short
FROM short_pair x, short_pair y WHERE x.id = 'hmatrix' AND y.id = 'hslua';
SELECT count(*) AS clustered FROM near_duplicate_clusters('SELECT id, body FROM short_pair');
-- reworded campaign: the same figures, names and URL in other words cluster by rare tokens
-- (numbers, codes and URLs shared by few texts of the input); rows that share one or two of
-- them with the campaign do not join it
CREATE TEMP TABLE reworded (id text, body text);
INSERT INTO reworded VALUES
  ('r1', 'Zorvex-42 beats Quintara by 37% in trials run at Helmholtz-311 Biolabs; 4.2 million buyers agree. See https://deal.example/5521'),
  ('r2', 'Independent testing at Helmholtz-311 Biolabs found Zorvex-42 37% better than Quintara. 4.2 million customers switched already: https://deal.example/5521'),
  ('r3', 'According to Helmholtz-311 Biolabs, Quintara falls 37% short of Zorvex-42, and 4.2 million households noticed. Source: https://deal.example/5521'),
  ('r4', 'Why settle? 4.2 million people picked Zorvex-42 over Quintara after the Helmholtz-311 Biolabs report (https://deal.example/5521) showed a 37% lead.'),
  ('u1', 'Our garden club meets on Tuesday; directions at https://deal.example/5521 and coffee is provided.'),
  ('u2', 'The 37% tariff on imported steel was debated in parliament yesterday afternoon.'),
  ('u3', 'Quarterly report: revenue rose 37% while the Helmholtz-311 cryostat stayed offline for maintenance.');
-- neither ssdeep nor MinHash finds the campaign
SELECT max(minhash_similarity(minhash(x.body), minhash(y.body))) < 0.25 AS minhash_far,
       max(fuzzy_compare(fuzzy_hash(text_normalize(x.body)), fuzzy_hash(text_normalize(y.body)))) < 60 AS ssdeep_far
FROM reworded x, reworded y WHERE x.id < y.id AND x.id LIKE 'r%' AND y.id LIKE 'r%';
SELECT id, cluster_size, method, representative FROM near_duplicate_clusters('SELECT id, body FROM reworded') ORDER BY id;
-- near_duplicate_pairs reports the same evidence: the campaign's six pairs, none with u1..u3
SELECT id_a, id_b, method FROM near_duplicate_pairs('SELECT id, body FROM reworded') ORDER BY id_a, id_b;
CREATE TEMP TABLE rw_asc AS SELECT * FROM near_duplicate_clusters('SELECT id, body FROM reworded ORDER BY id');
CREATE TEMP TABLE rw_desc AS SELECT * FROM near_duplicate_clusters('SELECT id, body FROM reworded ORDER BY id DESC');
SELECT (SELECT count(*) FROM (SELECT * FROM rw_asc EXCEPT SELECT * FROM rw_desc) x) AS asc_minus_desc,
       (SELECT count(*) FROM (SELECT * FROM rw_desc EXCEPT SELECT * FROM rw_asc) x) AS desc_minus_asc;
-- the same rows in opposite orders give the same clusters
CREATE TEMP TABLE nd_asc AS SELECT * FROM near_duplicate_clusters('SELECT id, body FROM corpus WHERE doc <= 300 ORDER BY id');
CREATE TEMP TABLE nd_desc AS SELECT * FROM near_duplicate_clusters('SELECT id, body FROM corpus WHERE doc <= 300 ORDER BY id DESC');
SELECT (SELECT count(*) FROM nd_asc) > 100 AS many_rows,
       (SELECT count(*) FROM (SELECT * FROM nd_asc EXCEPT SELECT * FROM nd_desc) x) AS asc_minus_desc,
       (SELECT count(*) FROM (SELECT * FROM nd_desc EXCEPT SELECT * FROM nd_asc) x) AS desc_minus_asc;
-- every representative is a member of its own cluster; cluster_id ranks the representatives (by bytes)
SELECT count(*) AS bad_representatives FROM nd_asc n
WHERE NOT EXISTS (SELECT 1 FROM nd_asc m WHERE m.id = n.representative AND m.cluster_id = n.cluster_id);
SELECT count(*) AS bad_cluster_ids FROM (
  SELECT cluster_id, dense_rank() OVER (ORDER BY representative COLLATE "C") AS r
  FROM (SELECT DISTINCT cluster_id, representative FROM nd_asc) d) x WHERE cluster_id <> r;
SELECT count(*) AS clusters_with_two_representatives FROM (
  SELECT cluster_id FROM nd_asc GROUP BY cluster_id HAVING count(DISTINCT representative) > 1) x;
-- errors
SELECT * FROM near_duplicate_clusters('SELECT id FROM reviews');
SELECT * FROM near_duplicate_clusters('SELECT id, id FROM reviews');
SELECT * FROM near_duplicate_clusters('DELETE FROM reviews RETURNING id, body');
SELECT * FROM near_duplicate_clusters('SELECT nonsense');
SELECT count(*) FROM reviews;
-- cancellable: a statement timeout stops it
SET statement_timeout = '200ms';
SELECT count(*) FROM near_duplicate_clusters('SELECT g, ''text '' || g FROM generate_series(1, 3000000) g');
RESET statement_timeout;
