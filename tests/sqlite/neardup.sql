-- near-duplicate search: minhash, index keys, an indexed lookup kept by triggers, clustering
.mode list
.headers on
-- minhash: the same signature as PostgreSQL's (same digest of its bytes) and the same similarities
SELECT content_sha256(minhash('The quick brown fox jumps over the lazy dog')) AS digest;
SELECT length(minhash('abc')) AS bytes, lower(hex(substr(minhash('abc'), 1, 8))) AS header;
SELECT minhash_similarity(minhash('The Quick  brown fox'), minhash('the quick brown FOX')) AS normal_form_first;
SELECT minhash_similarity(minhash('a b c d e f g h i j'), minhash('a b c d e f g h i j k l m n o p q r s t')) AS about_9_of_19;
SELECT minhash_similarity(minhash('word'), minhash('')) AS word_vs_empty;
SELECT minhash_similarity(minhash('great blender, arrived in two days, five stars'), minhash('great kettle, arrived in two days, five stars')) AS s;
SELECT minhash(NULL) IS NULL AS null_in_null_out, minhash_similarity(NULL, minhash('a')) IS NULL AS null_sim;
SELECT minhash(42);
SELECT minhash_similarity(x'0011', minhash('a'));
SELECT minhash_similarity(minhash('a'), 'text');

-- index keys
SELECT count(*) AS n FROM ssdeep_keys('3:AAAAAb:c');
SELECT (SELECT key FROM ssdeep_keys('3:AAAAAb:c')) = (SELECT key FROM ssdeep_keys('3:AAAb:c')) AS same_after_run_cutting;
SELECT count(*) > 1 AS grams_at_1, (SELECT count(*) FROM ssdeep_keys('3:abcdefghijklmnopqrst:', 60)) AS keys_at_60 FROM ssdeep_keys('3:abcdefghijklmnopqrst:');
SELECT count(*) AS bands FROM minhash_keys(minhash('abc'));
SELECT count(*) FROM ssdeep_keys(NULL);
SELECT * FROM ssdeep_keys('5:abc:def');
SELECT * FROM minhash_keys(x'00');
-- the same keys as PostgreSQL's
SELECT sum(key % 1000003) FROM ssdeep_keys('96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo');
SELECT sum(key % 1000003) FROM minhash_keys(minhash('The quick brown fox jumps over the lazy dog'));

-- An indexed lookup from plain SQL: a side table of keys kept by triggers.
-- 1,000 documents of 40..200 words, each re-posted 4 times with 2..8% of its words replaced (ver * 5 / 256).
CREATE TABLE docs (id INTEGER PRIMARY KEY, doc INTEGER, body TEXT, h TEXT, m BLOB);
CREATE TABLE docs_keys (key INTEGER NOT NULL, id INTEGER NOT NULL);
CREATE INDEX docs_keys_key ON docs_keys (key);
CREATE TRIGGER docs_keys_ins AFTER INSERT ON docs BEGIN
  INSERT INTO docs_keys SELECT key, new.id FROM ssdeep_keys(new.h);
  INSERT INTO docs_keys SELECT key, new.id FROM minhash_keys(new.m);
END;
CREATE TRIGGER docs_keys_del AFTER DELETE ON docs BEGIN
  DELETE FROM docs_keys WHERE id = old.id;
END;
WITH RECURSIVE
  v(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM v WHERE x < 4),
  d(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM d WHERE x < 1000),
  w(doc, ver, k, n, body) AS (
    SELECT d.x, v.x, 0, 40 + (d.x * 7919) % 160, '' FROM d, v
    UNION ALL
    SELECT doc, ver, k + 1, n, body || ' ' ||
      CASE WHEN substr(content_sha256(doc || '/' || k || '/' || ver), 1, 2) < printf('%02x', ver * 5)
           THEN 'x' || substr(content_sha256(doc || '/' || k || '/' || ver), 2, 6)
           ELSE substr(content_sha256(doc || '.' || k), 1, 2 + k % 6) END
    FROM w WHERE k < n)
INSERT INTO docs (doc, body) SELECT doc, body FROM w WHERE k = n ORDER BY doc, ver;
UPDATE docs SET h = fuzzy_hash(body), m = minhash(body);
-- UPDATE does not fire the insert trigger: index the rows now.
INSERT INTO docs_keys SELECT k.key, d.id FROM docs d, ssdeep_keys(d.h) k;
INSERT INTO docs_keys SELECT k.key, d.id FROM docs d, minhash_keys(d.m) k;
SELECT count(*) AS docs, count(DISTINCT h) AS distinct_hashes FROM docs;
CREATE TEMP TABLE probes AS SELECT id, h, m FROM docs WHERE id % 23 = 1;
-- ssdeep at 60: candidates from the keys (query keys at the threshold), then fuzzy_compare
CREATE TEMP TABLE sd_index AS
SELECT DISTINCT p.id AS probe, d.id FROM probes p, ssdeep_keys(p.h, 60) q
  JOIN docs_keys k ON k.key = q.key JOIN docs d ON d.id = k.id
WHERE fuzzy_compare(d.h, p.h) >= 60;
CREATE TEMP TABLE sd_scan AS SELECT p.id AS probe, d.id FROM probes p, docs d WHERE fuzzy_compare(d.h, p.h) >= 60;
SELECT (SELECT count(*) FROM probes) AS probes, (SELECT count(*) FROM sd_scan) AS pairs,
       (SELECT count(*) FROM (SELECT * FROM sd_index EXCEPT SELECT * FROM sd_scan)) AS index_minus_scan,
       (SELECT count(*) FROM (SELECT * FROM sd_scan EXCEPT SELECT * FROM sd_index)) AS scan_minus_index;
-- the plan uses the key index
EXPLAIN QUERY PLAN
SELECT DISTINCT d.id FROM ssdeep_keys('96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo', 60) q
  JOIN docs_keys k ON k.key = q.key JOIN docs d ON d.id = k.id
WHERE fuzzy_compare(d.h, '96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo') >= 60;
-- minhash at 0.5: LSH candidates; recall against the scan
CREATE TEMP TABLE mh_index AS
SELECT DISTINCT p.id AS probe, d.id FROM probes p, minhash_keys(p.m) q
  JOIN docs_keys k ON k.key = q.key JOIN docs d ON d.id = k.id
WHERE minhash_similarity(d.m, p.m) >= 0.5;
CREATE TEMP TABLE mh_scan AS SELECT p.id AS probe, d.id FROM probes p, docs d WHERE minhash_similarity(d.m, p.m) >= 0.5;
SELECT (SELECT count(*) FROM mh_scan) > 100 AS many_pairs,
       (SELECT count(*) FROM (SELECT * FROM mh_index EXCEPT SELECT * FROM mh_scan)) AS false_answers,
       (SELECT count(*) FROM mh_index) * 1.0 / (SELECT count(*) FROM mh_scan) >= 0.95 AS recall_at_least_095;
-- the delete trigger keeps the side table in step
DELETE FROM docs WHERE doc = 1;
SELECT count(*) AS keys_of_deleted_rows FROM docs_keys WHERE id NOT IN (SELECT id FROM docs);

-- near_duplicate_clusters: the same rows as in the PostgreSQL suite, same answer
CREATE TABLE reviews (id INTEGER, body TEXT, src TEXT);
INSERT INTO reviews VALUES
  (1, 'Great blender, works perfectly, arrived in two days. Five stars!', 'shop-a'),
  (2, 'great  BLENDER, works perfectly, arrived in two days. Five stars!', 'shop-b'),
  (3, 'Terrible service and the box was damaged.', 'shop-a'),
  (4, 'I love this toaster from Acme, it works perfectly and arrived in two days, five stars and highly recommended to everyone', 'shop-c'),
  (5, 'I love this kettle from Bolt, it works perfectly and arrived in two days, five stars and highly recommended to everyone', 'shop-d'),
  (6, 'Great blender, works perfectly, arrived in two days. Five stars!', 'shop-a'),
  (7, NULL, 'shop-e');
SELECT * FROM near_duplicate_clusters('SELECT id, body, src FROM reviews') ORDER BY CAST(id AS INTEGER);
SELECT * FROM near_duplicate_clusters('SELECT id, body FROM reviews') ORDER BY CAST(id AS INTEGER);
SELECT count(*) AS n FROM near_duplicate_clusters('SELECT id, body FROM reviews WHERE 0');
-- the documents above: every re-post joins its original's cluster
SELECT count(DISTINCT cluster_id) AS clusters, count(*) AS rows_in_clusters, min(cluster_size) AS min, max(cluster_size) AS max
FROM near_duplicate_clusters('SELECT id, body FROM docs WHERE doc <= 300');
SELECT count(*) AS docs_split FROM (
  SELECT d.doc FROM near_duplicate_clusters('SELECT id, body FROM docs WHERE doc <= 300') n JOIN docs d ON d.id = CAST(n.id AS INTEGER)
  GROUP BY d.doc HAVING count(DISTINCT n.cluster_id) > 1);
-- short texts (under 512 bytes) that share only a boilerplate sentence: ssdeep alone says near,
-- MinHash says no, so they are not a cluster (two Debian bookworm package descriptions,
-- libghc-hmatrix-dev and libghc-hslua-aeson-dev)
CREATE TEMP TABLE short_pair (id text, body text);
INSERT INTO short_pair VALUES ('hmatrix', replace('Linear algebra in Haskell\nPurely functional interface to linear algebra based on BLAS and LAPACK.\nThis package provides a library for the Haskell programming language. See http://www.haskell.org/ for more information on Haskell.', '\n', char(10))), ('hslua', replace('Allow aeson data types to be used with Lua.\nThis package provides instances to push and receive any datatype encodable as JSON to and from the Lua stack.\nThis package provides a library for the Haskell programming language. See http://www.haskell.org/ for more information on Haskell.', '\n', char(10)));
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
CREATE TEMP TABLE nd_asc AS SELECT * FROM near_duplicate_clusters('SELECT id, body FROM docs WHERE doc <= 300 ORDER BY id');
CREATE TEMP TABLE nd_desc AS SELECT * FROM near_duplicate_clusters('SELECT id, body FROM docs WHERE doc <= 300 ORDER BY id DESC');
SELECT (SELECT count(*) FROM nd_asc) > 100 AS many_rows,
       (SELECT count(*) FROM (SELECT * FROM nd_asc EXCEPT SELECT * FROM nd_desc) x) AS asc_minus_desc,
       (SELECT count(*) FROM (SELECT * FROM nd_desc EXCEPT SELECT * FROM nd_asc) x) AS desc_minus_asc;
-- every representative is a member of its own cluster; cluster_id ranks the representatives (by bytes)
SELECT count(*) AS bad_representatives FROM nd_asc n
WHERE NOT EXISTS (SELECT 1 FROM nd_asc m WHERE m.id = n.representative AND m.cluster_id = n.cluster_id);
SELECT count(*) AS bad_cluster_ids FROM (
  SELECT cluster_id, dense_rank() OVER (ORDER BY representative) AS r
  FROM (SELECT DISTINCT cluster_id, representative FROM nd_asc) d) x WHERE cluster_id <> r;
SELECT count(*) AS clusters_with_two_representatives FROM (
  SELECT cluster_id FROM nd_asc GROUP BY cluster_id HAVING count(DISTINCT representative) > 1) x;
-- errors
SELECT * FROM near_duplicate_clusters('SELECT id FROM reviews');
SELECT * FROM near_duplicate_clusters('SELECT id, id FROM reviews');
SELECT * FROM near_duplicate_clusters('DELETE FROM reviews RETURNING id, body');
SELECT * FROM near_duplicate_clusters('SELECT nonsense');
SELECT * FROM near_duplicate_clusters('SELECT 1, 2; SELECT 3, 4');
SELECT * FROM near_duplicate_clusters;
SELECT count(*) AS n FROM reviews;
-- the progress handler can stop it (here after 5 callbacks of 100,000 steps)
.progress 100000 --limit 5 --quiet
SELECT count(*) FROM near_duplicate_clusters('WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < 1000000) SELECT x, ''text '' || x FROM g');
.progress off
SELECT count(*) AS n FROM near_duplicate_clusters('SELECT 1, ''a'' UNION ALL SELECT 2, ''a''');
-- it runs caller SQL, so schema objects may not use it
CREATE VIEW v AS SELECT * FROM near_duplicate_clusters('SELECT id, body FROM reviews');
SELECT * FROM v;
