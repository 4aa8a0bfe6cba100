-- audits read the caller's query exactly once, return each of its rows once,
-- and check the query's columns, naming the function called
.headers on
.mode list
CREATE TABLE aud(id INTEGER, body TEXT, src TEXT, prov TEXT);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
INSERT INTO aud SELECT 7, 'Great blender, I bought it ' || i || ' weeks ago, the best on the market, five stars.', 'acct' || (i % 5), NULL FROM n;
INSERT INTO aud VALUES (8, 'A plain note about the weather in the valley.', 'site', NULL);

-- 51 rows, 50 of them with the same id: 51 audit rows, one cluster of 50
SELECT count(*) AS audited, count(DISTINCT id) AS ids, max(cluster_size) AS largest,
       sum(cluster_size = 50) AS clustered
FROM antidote_audit('SELECT id, body, src FROM aud');
SELECT metric, value FROM antidote_audit_summary('SELECT id, body, src FROM aud')
WHERE metric IN ('rows', 'near-duplicate clusters', 'rows in near-duplicate clusters', 'largest cluster');

-- random ids: the query runs once, so every row appears once and keeps its cluster
SELECT count(*) AS audited, count(DISTINCT id) AS distinct_ids, max(cluster_size) AS largest,
       sum(cluster_size = 50) AS clustered
FROM antidote_audit('SELECT random(), body FROM aud');
SELECT metric, value FROM antidote_audit_summary('SELECT random(), body, src FROM aud')
WHERE metric IN ('rows', 'largest cluster', 'rows in near-duplicate clusters');
-- the order of the query is kept
SELECT group_concat(id, ',') AS ids FROM antidote_audit('SELECT 5 - value, ''row '' || value FROM generate_series(0, 4)');

-- the query's shape is checked, and errors name the function called
SELECT * FROM antidote_audit('SELECT 1');
SELECT * FROM antidote_audit_summary('SELECT 1, 2, 3, 4, 5');
SELECT * FROM antidote_audit('SELECT body, id FROM aud');
SELECT * FROM antidote_audit('SELECT body AS x, id AS y FROM aud');
SELECT * FROM antidote_audit_summary('SELECT id, body, prov AS provenance FROM aud');
SELECT * FROM antidote_audit('SELECT id, body, src, 42 FROM aud');
SELECT * FROM antidote_audit('SELECT id, body AS Source FROM aud');
SELECT * FROM antidote_audit_summary('SELECT id, body, x''00'' FROM aud');
SELECT * FROM antidote_audit('SELECT 1, ''a''; SELECT 2, ''b''');
SELECT * FROM antidote_audit_summary('SELECT 1, 1.5');
-- the right shapes
SELECT count(*) AS audited, count(provenance) AS with_provenance
FROM antidote_audit('SELECT id, body, NULL, prov FROM aud');
SELECT count(*) AS audited FROM antidote_audit('SELECT id AS id, body AS content, 1 AS source FROM aud');
SELECT count(*) AS audited FROM antidote_audit('SELECT id, body FROM aud WHERE 0');
SELECT * FROM antidote_audit_summary('SELECT id, body FROM aud WHERE 0');
-- every verdict explains itself: a clean text posted from 30 accounts scores on its context
-- alone, and its reasons name that context
CREATE TABLE camp (id INTEGER PRIMARY KEY, body TEXT, src TEXT);
WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 30)
INSERT INTO camp SELECT n, 'The kettle boils a full litre in about four minutes and the lid opens with one hand.', 'acct-' || n FROM g;
SELECT id, suspicion, reasons FROM antidote_audit('SELECT id, body, src FROM camp') WHERE id IN ('1', '30');
SELECT count(*) AS suspicious, sum(json_array_length(reasons) = 0) AS without_reason
FROM antidote_audit('SELECT id, body, src FROM camp UNION ALL SELECT id, body, NULL FROM aud') WHERE suspicion >= 0.5;
