-- filters on the pure functions run in parallel workers
CREATE TABLE par_docs AS
SELECT g AS id, 'document ' || g || ' ' || repeat(md5(g::text), 20) AS body
FROM generate_series(1, 5000) g;
ANALYZE par_docs;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
SELECT count(*) FROM par_docs
WHERE fuzzy_compare(fuzzy_hash(body), fuzzy_hash('document 1 ' || repeat(md5('1'), 20))) >= 50
  AND text_normalize(body) <> '' AND content_sha256(body) <> '';
-- the parallel answer equals the serial one
SELECT count(*) FROM par_docs
WHERE fuzzy_compare(fuzzy_hash(body), fuzzy_hash('document 1 ' || repeat(md5('1'), 20))) >= 50;
SET max_parallel_workers_per_gather = 0;
SELECT count(*) FROM par_docs
WHERE fuzzy_compare(fuzzy_hash(body), fuzzy_hash('document 1 ' || repeat(md5('1'), 20))) >= 50;
RESET ALL;
DROP TABLE par_docs;
