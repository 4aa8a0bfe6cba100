-- ssdeep_distance, the <-> operator and the GiST class ssdeep_gist_ops:
-- ORDER BY sig <-> probe LIMIT k and % through the index equal a sequential scan

-- ssdeep_distance = 100 - fuzzy_compare (the same values as the SQLite test)
SELECT ssdeep_distance('96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo', '96:abcdefghijklmnopqrstuXYZ:zyxwvutsrqpq') AS edited,
       100 - fuzzy_compare('96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo', '96:abcdefghijklmnopqrstuXYZ:zyxwvutsrqpq') AS from_compare,
       ssdeep_distance('96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo', '96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo') AS same,
       ssdeep_distance('96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo', '192:zyxwvutsrqpoNMLK:abc') AS doubled_block,
       ssdeep_distance('96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo', '384:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo') AS far_block,
       ssdeep_distance('3::', '3::') AS empty_parts;
SELECT '96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo'::ssdeep <-> '192:zyxwvutsrqpoNMLK:abc'::ssdeep AS op,
       '192:zyxwvutsrqpoNMLK:abc'::ssdeep <-> '96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo'::ssdeep AS commuted;
SELECT ssdeep_distance(fuzzy_hash(string_agg(md5(i::text), ' ' ORDER BY i)),
                       fuzzy_hash(string_agg(md5((i + (i = 30)::int)::text), ' ' ORDER BY i))) AS one_word_changed
FROM generate_series(1, 80) i;
-- top-k by distance over a small table (the SQLite test orders the same rows)
CREATE TEMP TABLE sigs (id serial PRIMARY KEY, h ssdeep);
INSERT INTO sigs (h) VALUES ('96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo'), ('96:abcdefghijklmnopqrstuXYZ:zyxwvutsrqpq'),
	('192:zyxwvutsrqpoNMLK:abc'), ('384:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo'), (NULL), ('96:abcdefghijklmnoXXXXXXXvwx:zyxwvutsrqpo');
SELECT id, d FROM (SELECT id, h <-> '96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo' AS d FROM sigs) s
ORDER BY d IS NULL, d, id LIMIT 4;
-- STRICT: NULL in, NULL out
SELECT ssdeep_distance(NULL, '3::') IS NULL AS null_a, ssdeep_distance('3::', NULL) IS NULL AS null_b,
       ('3::'::ssdeep <-> NULL) IS NULL AS null_op;
-- invalid signatures: the type's input names the problem
SELECT ssdeep_distance('3:abc:def', '4:abc:def');
SELECT ssdeep_distance('3:abc:d*f', '3:abc:def');
SELECT '3:abc:def'::ssdeep <-> 'not a signature';
SELECT ssdeep_distance('3:abc:def', '3:abc:def'::text::ssdeep);
-- the operator and its commutator are in the catalog; GIN stays the default class
SELECT oprname, oprresult::regtype, oprcom = oid AS self_commutator FROM pg_operator
WHERE oprname = '<->' AND oprleft = 'ssdeep'::regtype;
SELECT opcname, opcdefault FROM pg_opclass WHERE opcintype = 'ssdeep'::regtype ORDER BY opcname;

-- an empty table
CREATE TEMP TABLE empty (id int, h ssdeep);
CREATE INDEX ON empty USING gist (h ssdeep_gist_ops);
SET enable_seqscan = off;
SELECT count(*) FROM (SELECT id FROM empty ORDER BY h <-> '3:abc:def' LIMIT 10) s;
SELECT count(*) FROM empty WHERE h % '3:abc:def';
RESET enable_seqscan;

-- 3,000 ssdeep hashes with near-duplicates: 500 documents of 40..400 words, each
-- re-posted 5 times with 1..10% of its words replaced; and rows without a hash.
SELECT setseed(0.17);
CREATE TEMP TABLE vocab AS
SELECT array_agg(substr(md5(i::text), 1, 2 + i % 7) ORDER BY i) AS w FROM generate_series(0, 1999) i;
CREATE TEMP TABLE base AS
SELECT d, array_agg(w[1 + (random() * 1999)::int] ORDER BY k) AS words
FROM vocab, generate_series(1, 500) d, LATERAL generate_series(1, 40 + (d * 7919) % 360) k
GROUP BY d;
CREATE TEMP TABLE corpus (id serial PRIMARY KEY, doc int, h ssdeep);
INSERT INTO corpus (doc, h)
SELECT d, fuzzy_hash(array_to_string(ARRAY(
         SELECT CASE WHEN v > 0 AND random() < v * 0.02 THEN 'x' || (random() * 100000)::int ELSE words[k] END
         FROM generate_subscripts(words, 1) k ORDER BY k), ' '))
FROM base, generate_series(0, 5) v;
INSERT INTO corpus (doc, h) SELECT NULL, NULL FROM generate_series(1, 7);
SELECT count(*) AS rows, count(h) AS hashes, count(DISTINCT split_part(h::text, ':', 1)) AS block_sizes FROM corpus;
CREATE INDEX corpus_g ON corpus USING gist (h ssdeep_gist_ops);
ANALYZE corpus;
CREATE TEMP TABLE probes AS SELECT id, h FROM corpus WHERE id % 97 = 1;
SELECT count(*) AS probes FROM probes;

-- The planner orders by the index.
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM corpus ORDER BY h <-> '96:abcdefghijklmnopqrstuvwx:abcdefghijkl' LIMIT 10;
EXPLAIN (COSTS OFF) SELECT id FROM corpus WHERE h % '96:abcdefghijklmnopqrstuvwx:abcdefghijkl';

-- Top 10 and top 50 of every probe through the index and by a sequential scan
-- (ties broken by id there): the same distances rank by rank, each the row's true
-- distance, k distinct rows, and the same rows below the k-th distance (ties at the
-- k-th distance may pick other rows of that distance).
CREATE TEMP TABLE knn_index (k int, probe int, rank int, id int, d int);
CREATE TEMP TABLE knn_scan (LIKE knn_index);
CREATE FUNCTION pg_temp.knn(tab text, k int, tiebreak text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE p record;
BEGIN
	FOR p IN SELECT * FROM probes ORDER BY id LOOP
		EXECUTE format('INSERT INTO %I SELECT $1, $2, row_number() OVER (), id, d FROM '
		               '(SELECT id, h <-> $3 AS d FROM corpus ORDER BY h <-> $3 %s LIMIT $1) s', tab, tiebreak)
			USING k, p.id, p.h;
	END LOOP;
END $$;
CREATE FUNCTION pg_temp.plan(k int, tiebreak text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE format('EXPLAIN (COSTS OFF) SELECT id, h <-> $1 AS d FROM corpus ORDER BY h <-> $1 %s LIMIT %s', tiebreak, k)
		USING (SELECT h FROM probes ORDER BY id LIMIT 1);
END $$;
SELECT * FROM pg_temp.plan(10, '');
SELECT pg_temp.knn('knn_index', 10, ''), pg_temp.knn('knn_index', 50, '');
RESET enable_seqscan;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
SELECT * FROM pg_temp.plan(10, ', id');
SELECT pg_temp.knn('knn_scan', 10, ', id'), pg_temp.knn('knn_scan', 50, ', id');
RESET enable_indexscan;
RESET enable_bitmapscan;
SELECT k, count(*) AS rows, count(*) FILTER (WHERE d < 100) AS scoring, min(d) AS min_d, max(d) AS max_d,
       count(*) FILTER (WHERE rank > 1 AND d < 100) AS near_duplicates
FROM knn_scan GROUP BY k ORDER BY k;
SELECT count(*) AS distances_differ FROM (
	(SELECT k, probe, rank, d FROM knn_index EXCEPT SELECT k, probe, rank, d FROM knn_scan)
	UNION ALL (SELECT k, probe, rank, d FROM knn_scan EXCEPT SELECT k, probe, rank, d FROM knn_index)) s;
SELECT count(*) AS wrong_distances FROM knn_index x JOIN corpus c USING (id) JOIN probes p ON p.id = x.probe
WHERE x.d <> ssdeep_distance(c.h, p.h);
SELECT count(*) AS repeated_rows FROM (SELECT k, probe, id FROM knn_index GROUP BY 1, 2, 3 HAVING count(*) > 1) s;
CREATE TEMP VIEW below_kth AS
SELECT 'index' AS src, k, probe, id FROM knn_index x WHERE d < (SELECT max(d) FROM knn_index y WHERE y.k = x.k AND y.probe = x.probe)
UNION ALL
SELECT 'scan', k, probe, id FROM knn_scan x WHERE d < (SELECT max(d) FROM knn_scan y WHERE y.k = x.k AND y.probe = x.probe);
SELECT count(*) AS rows_below_kth, count(*) FILTER (WHERE n <> 2) AS differing FROM (
	SELECT k, probe, id, count(DISTINCT src) AS n FROM below_kth GROUP BY 1, 2, 3) s;

-- every row in distance order through the index, the rows without a hash last
SET enable_seqscan = off;
SELECT (SELECT array_agg(d) FROM (SELECT h <-> p.h AS d FROM corpus ORDER BY h <-> p.h) s) =
       (SELECT array_agg(d ORDER BY d NULLS LAST) FROM (SELECT h <-> p.h AS d FROM corpus) s) AS full_order_matches,
       (SELECT count(*) FROM (SELECT h <-> p.h AS d FROM corpus ORDER BY h <-> p.h) s) AS rows
FROM probes p WHERE p.id = (SELECT min(id) FROM probes);
-- an absent probe: every row, in any order
SELECT count(*) AS rows_for_null_probe FROM (SELECT id FROM corpus ORDER BY h <-> NULL LIMIT 5000) s;
RESET enable_seqscan;

-- % through the GiST index equals the scan at every threshold
CREATE TEMP TABLE sim_index (t int, probe int, id int);
CREATE FUNCTION pg_temp.collect(t int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	PERFORM set_config('antidote.ssdeep_threshold', t::text, true);
	INSERT INTO sim_index SELECT t, p.id, c.id FROM probes p JOIN corpus c ON c.h % p.h;
END $$;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT c.id FROM probes p JOIN corpus c ON c.h % p.h;
SELECT pg_temp.collect(t) FROM unnest(ARRAY[0, 1, 30, 60, 90, 95, 98, 100]) t;
RESET enable_seqscan;
RESET enable_bitmapscan;
CREATE TEMP TABLE sim_scan AS
SELECT t, p.id AS probe, c.id FROM probes p, corpus c, unnest(ARRAY[0, 1, 30, 60, 90, 95, 98, 100]) t
WHERE fuzzy_compare(c.h, p.h) >= t;
SELECT t, count(*) AS matches, count(*) FILTER (WHERE probe <> id) AS near_duplicates FROM sim_scan GROUP BY t ORDER BY t;
SELECT count(*) AS index_minus_scan FROM (SELECT * FROM sim_index EXCEPT SELECT * FROM sim_scan) s;
SELECT count(*) AS scan_minus_index FROM (SELECT * FROM sim_scan EXCEPT SELECT * FROM sim_index) s;

-- the siglen option: a smaller bitmap, the same answers
DROP INDEX corpus_g;
CREATE INDEX corpus_g8 ON corpus USING gist (h ssdeep_gist_ops (siglen = 8));
SET enable_seqscan = off;
TRUNCATE knn_index;
SELECT * FROM pg_temp.plan(10, '');
SELECT pg_temp.knn('knn_index', 10, '');
SELECT count(*) AS distances_differ FROM (
	(SELECT probe, rank, d FROM knn_index EXCEPT SELECT probe, rank, d FROM knn_scan WHERE k = 10)
	UNION ALL (SELECT probe, rank, d FROM knn_scan WHERE k = 10 EXCEPT SELECT probe, rank, d FROM knn_index)) s;
SELECT count(*) AS rows_below_kth, count(*) FILTER (WHERE n <> 2) AS differing FROM (
	SELECT k, probe, id, count(DISTINCT src) AS n FROM below_kth WHERE k = 10 GROUP BY 1, 2, 3) s;
RESET enable_seqscan;
CREATE INDEX ON corpus USING gist (h ssdeep_gist_ops (siglen = 7));
CREATE INDEX ON corpus USING gist (h ssdeep_gist_ops (siglen = 2025));
-- rows added after the index was built are found
INSERT INTO corpus (doc, h) SELECT doc, h FROM corpus WHERE id = (SELECT min(id) FROM probes);
SET enable_seqscan = off;
SELECT count(*) FILTER (WHERE d = 0) AS exact_copies FROM (
	SELECT h <-> (SELECT h FROM probes ORDER BY id LIMIT 1) AS d FROM corpus
	ORDER BY h <-> (SELECT h FROM probes ORDER BY id LIMIT 1) LIMIT 3) s;
RESET enable_seqscan;
