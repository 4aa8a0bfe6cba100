-- audits read the caller's query exactly once, return each of its rows once,
-- and check the query's columns, naming the function called
CREATE TABLE aud (id int, body text, src text, prov json);
INSERT INTO aud SELECT 7, 'Great blender, I bought it ' || i || ' weeks ago, the best on the market, five stars.', 'acct' || (i % 5), NULL
FROM generate_series(1, 50) i;
INSERT INTO aud VALUES (8, 'A plain note about the weather in the valley.', 'site', NULL);

-- 51 rows, 50 of them with the same id: 51 audit rows, one cluster of 50
SELECT count(*) AS audited, count(DISTINCT id) AS ids, max(cluster_size) AS largest,
       count(*) FILTER (WHERE cluster_size = 50) AS clustered
FROM antidote_audit('SELECT id, body, src FROM aud');
SELECT metric, value FROM antidote_audit_summary('SELECT id, body, src FROM aud')
WHERE metric IN ('rows', 'near-duplicate clusters', 'rows in near-duplicate clusters', 'largest cluster');

-- a volatile query runs once: every row appears once and the sequence moves by 51, not 102 or 153
CREATE SEQUENCE aud_seq;
SELECT count(*) AS audited, count(DISTINCT id) AS distinct_ids, min(id::int) AS first, max(id::int) AS last,
       max(cluster_size) AS largest
FROM antidote_audit('SELECT nextval(''aud_seq''), body FROM aud');
SELECT last_value AS sequence_after_audit FROM aud_seq;
SELECT metric, value FROM antidote_audit_summary('SELECT nextval(''aud_seq''), body, src FROM aud')
WHERE metric IN ('rows', 'largest cluster');
SELECT last_value AS sequence_after_summary FROM aud_seq;
-- random ids keep their clusters
SELECT count(*) AS audited, max(cluster_size) AS largest
FROM antidote_audit('SELECT random(), body FROM aud');
-- the order of the query is kept
SELECT string_agg(id, ',') AS ids FROM antidote_audit('SELECT i, ''row '' || i FROM generate_series(5, 1, -1) i');

-- the query's shape is checked before it runs, and errors name the function called
\set VERBOSITY terse
SELECT * FROM antidote_audit('SELECT');
SELECT * FROM antidote_audit_summary('SELECT');
SELECT * FROM antidote_audit('SELECT 1');
SELECT * FROM antidote_audit_summary('SELECT 1, 2, 3, 4, 5');
SELECT * FROM antidote_audit('SELECT body, id FROM aud');
SELECT * FROM antidote_audit('SELECT body AS x, id AS y FROM aud');
SELECT * FROM antidote_audit_summary('SELECT id, body, prov FROM aud');
SELECT * FROM antidote_audit('SELECT id, body, src, 42 FROM aud');
SELECT * FROM antidote_audit('SELECT id, body AS source FROM aud');
SELECT * FROM antidote_audit('SELECT nextval(''aud_seq''), 42 FROM aud');
SELECT * FROM antidote_audit('SELECT 1, ''a''; SELECT 2, ''b''');
\set VERBOSITY default
SELECT last_value AS sequence_unchanged_by_errors FROM aud_seq;
-- the right shapes
SELECT count(*) AS audited, count(provenance) AS with_provenance
FROM antidote_audit('SELECT id, body, NULL::text, prov FROM aud');
SELECT count(*) AS audited FROM antidote_audit('SELECT id::text AS id, body::varchar AS content, 1 AS source FROM aud');

-- every verdict explains itself: a clean text posted from 30 accounts scores on its context
-- alone, and its reasons name that context
CREATE TABLE camp (id int PRIMARY KEY, body text, src text);
INSERT INTO camp SELECT n, 'The kettle boils a full litre in about four minutes and the lid opens with one hand.', 'acct-' || n
FROM generate_series(1, 30) n;
SELECT id, suspicion, reasons FROM antidote_audit('SELECT id, body, src FROM camp') WHERE id IN ('1', '30');
SELECT count(*) AS suspicious, count(*) FILTER (WHERE jsonb_array_length(reasons) = 0) AS without_reason
FROM antidote_audit('SELECT id, body, src FROM camp UNION ALL SELECT id, body, NULL FROM aud') WHERE suspicion >= 0.5;
DROP TABLE camp;

DROP TABLE aud;
DROP SEQUENCE aud_seq;
