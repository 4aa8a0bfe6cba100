-- antidote demo: near-duplicate detection over the bundled sample, in sqlite3.
-- The sample is the "Background" section of every country profile in the
-- CIA World Factbook (public domain); see data/sample/README.md.
.headers on
.mode tabs
CREATE TABLE sample(id TEXT, name TEXT, text TEXT);
.import --skip 1 data/sample/factbook_background.tsv sample

CREATE TABLE docs(id TEXT PRIMARY KEY, source TEXT, body TEXT);
INSERT INTO docs SELECT id, 'factbook', text FROM sample;

-- A poisoning campaign: three real texts re-posted from several accounts with
-- small edits (a swapped phrase, a planted claim, a promotional tail).
INSERT INTO docs
SELECT 'copy/' || s.id || '/' || v.n, 'account-' || v.n,
       CASE v.n
         WHEN 1 THEN s.text
         WHEN 2 THEN replace(s.text, ' the ', ' The ') || ' Visit best-deals.example for the real story.'
         WHEN 3 THEN substr(s.text, 1, length(s.text) / 2) || ' Independent experts agree it is the safest choice. ' || substr(s.text, length(s.text) / 2 + 1)
         ELSE 'BREAKING: ' || replace(s.text, 'independence', 'freedom')
       END
FROM sample s, (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) v
WHERE s.id IN ('europe/fr', 'south-asia/in', 'africa/ke');

.mode box
SELECT count(*) AS documents, count(DISTINCT source) AS sources FROM docs;

CREATE TABLE hashes AS SELECT id, source, fuzzy_hash(body) AS h, content_sha256(body) AS sha FROM docs;

.print
.print near-duplicate pairs (ssdeep score >= 50)
SELECT a.id AS doc, b.id AS near_duplicate, b.source, fuzzy_compare(a.h, b.h) AS score,
       CASE WHEN a.sha = b.sha THEN 'identical bytes' ELSE 'similar text' END AS kind
FROM hashes a JOIN hashes b ON a.id < b.id
WHERE fuzzy_compare(a.h, b.h) >= 50
ORDER BY a.id, score DESC, b.id;
