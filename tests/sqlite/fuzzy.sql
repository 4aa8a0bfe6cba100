-- fuzzy_hash and fuzzy_compare
.mode list
.headers on
-- Known answers: the ssdeep tool's own output (tests/data/ssdeep.expected) on the stored files.
CREATE TABLE kat(hash TEXT, file TEXT);
.import --csv --skip 1 tests/data/ssdeep.expected kat
SELECT count(*) AS files FROM kat;
SELECT file, fuzzy_hash(readfile('tests/data/ssdeep/' || file)) = hash AS blob_matches_tool,
       CASE WHEN file LIKE '%.txt' THEN fuzzy_hash(CAST(readfile('tests/data/ssdeep/' || file) AS TEXT)) = hash END AS text_matches_tool
FROM kat ORDER BY file;

-- empty input and NULL
SELECT fuzzy_hash(''), fuzzy_hash(x''), fuzzy_hash(NULL) IS NULL AS null_in_null_out;
SELECT fuzzy_hash('A short line of text.' || char(10));
-- wrong types are errors, not coerced
SELECT fuzzy_hash(42);
SELECT fuzzy_hash(4.2);

-- compare
SELECT fuzzy_compare('3:MRBwDFwv:MRBwDGv', '3:MRBwDFwv:MRBwDGv');
SELECT fuzzy_compare('3:abcdefgh:abc', '24:abcdefgh:abc') AS incompatible_block_sizes;
SELECT fuzzy_compare('3:abc:def', NULL) IS NULL AS null_in_null_out, fuzzy_compare(NULL, '3:abc:def') IS NULL AS null_first;
SELECT fuzzy_compare('3::', '3::');
-- malformed hashes name the argument and the problem
SELECT fuzzy_compare('garbage', '3:abc:def');
SELECT fuzzy_compare('3:abc:def', '5:abc:def');
SELECT fuzzy_compare('3:abc:def', '0:abc:def');
SELECT fuzzy_compare('3:abc:def', '6442450944:abc:def');
SELECT fuzzy_compare('3:abc:def', '');
SELECT fuzzy_compare('3:abc:def', '3:abc');
SELECT fuzzy_compare('3:abc:def', '3:abc:def:ghi');
SELECT fuzzy_compare('3:abc:def', '3:ab=c:def');
SELECT fuzzy_compare('3:abc:def', '3:MRBwDFwv:MRBwDGv,"short.txt"');
SELECT fuzzy_compare('3:abc:def', '3:' || printf('%.*c', 65, 'A') || ':B');
SELECT fuzzy_compare('3:abc:def', '3:' || printf('%.*c', 64, 'A') || ':' || printf('%.*c', 64, 'B')) AS score_of_longest_parts;
SELECT fuzzy_compare('3:abc:def', x'333a6162633a646566');
SELECT fuzzy_compare(3, '3:abc:def');
-- a document against itself with one sentence replaced: similar, not identical
WITH doc AS (SELECT CAST(readfile('tests/data/ssdeep/europe.txt') AS TEXT) AS t)
SELECT fuzzy_compare(fuzzy_hash(t), fuzzy_hash(substr(t, 1, 29999) || 'INJECTED: buy cheap widgets at example.com today!' || substr(t, 30050))) BETWEEN 60 AND 99 AS near_duplicate
FROM doc;

-- 200 MB in one value: works, same as in PostgreSQL
SELECT substr(h, 1, instr(h, ':') - 1) AS block_size
FROM (SELECT fuzzy_hash(replace(printf('%.*c', 25 * 1024 * 1024, 'x'), 'x', 'abcdefgh')) AS h);
