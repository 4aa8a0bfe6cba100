-- on_update=changed (the default): an UPDATE is judged again only when it changes the
-- content or the provenance column; on_update=always judges every UPDATE.
CREATE TABLE up (id INTEGER PRIMARY KEY, body TEXT, prov TEXT, tag TEXT);
WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 10000)
INSERT INTO up (id, body, tag) SELECT n, 'Review ' || n || ': the kettle boils fast and the lid opens with one hand.', 'new' FROM g;
-- a policy every stored row now breaks: require=verified (no row is signed)
SELECT antidote_guard('up', 'body', 'prov', 'require=verified,on_reject=quarantine');
UPDATE up SET tag = 'seen';
SELECT changes() AS changed, (SELECT count(*) FROM up WHERE tag = 'seen') AS tagged,
       (SELECT count(*) FROM antidote_quarantine) AS quarantined;
-- a change of the content is judged
UPDATE up SET body = body || ' Edited.' WHERE id <= 3;
SELECT (SELECT count(*) FROM up WHERE body LIKE '%Edited.') AS edited_kept,
       (SELECT count(*) FROM antidote_quarantine) AS quarantined;
-- so is a change of the provenance column
UPDATE up SET prov = '{}' WHERE id = 4;
SELECT (SELECT count(*) FROM up WHERE prov IS NOT NULL) AS prov_kept,
       (SELECT count(*) FROM antidote_quarantine) AS quarantined;
-- on_update=always: the same non-content UPDATE is judged, row by row
SELECT antidote_guard('up', 'body', 'prov', 'require=verified,on_update=always,on_reject=quarantine');
UPDATE up SET tag = 'again' WHERE id <= 10;
SELECT (SELECT count(*) FROM up WHERE tag = 'again') AS tagged,
       (SELECT count(*) FROM antidote_quarantine) AS quarantined;
-- a quarantined UPDATE records the row it came from and is released as an update of that row
SELECT id, old_rowid, json_extract(verdict, '$.operation') AS op FROM antidote_quarantine WHERE old_rowid IS NOT NULL ORDER BY id LIMIT 3;
SELECT antidote_release((SELECT min(id) FROM antidote_quarantine WHERE old_rowid = 1 AND row_data LIKE '%Edited.%')) AS released;
SELECT count(*) AS rows, (SELECT body FROM up WHERE id = 1) AS body1 FROM up;
-- the row it came from is gone: a clear error, and the copy stays
DELETE FROM up WHERE id = 2;
SELECT antidote_release((SELECT min(id) FROM antidote_quarantine WHERE old_rowid = 2)) AS released;
SELECT count(*) AS kept FROM antidote_quarantine WHERE old_rowid = 2;
-- a quarantined INSERT still goes back as an insert
SELECT antidote_guard('up', 'body', 'prov', 'require=verified,on_reject=quarantine');
INSERT INTO up (id, body, tag) VALUES (20001, 'A new review of the kettle.', 'fresh');
SELECT old_rowid IS NULL AS insert_copy, json_extract(verdict, '$.operation') AS op FROM antidote_quarantine ORDER BY id DESC LIMIT 1;
SELECT antidote_release((SELECT max(id) FROM antidote_quarantine)) AS released;
SELECT count(*) AS rows FROM up;
-- a quarantine table written before old_rowid existed gets the column when release reads it
DROP TABLE antidote_quarantine;
CREATE TABLE antidote_quarantine (id INTEGER PRIMARY KEY, table_name TEXT NOT NULL, row_data TEXT NOT NULL,
  reasons TEXT NOT NULL, policy TEXT NOT NULL, quarantined_at TEXT NOT NULL DEFAULT '2026-01-01T00:00:00Z');
INSERT INTO antidote_quarantine (table_name, row_data, reasons, policy)
VALUES ('up', '{"id":30001,"body":"An older copy.","prov":null,"tag":"old"}', '[]', 'require=verified');
SELECT antidote_release(1) AS released, (SELECT count(*) FROM up WHERE id = 30001) AS stored,
       (SELECT count(*) FROM pragma_table_info('antidote_quarantine') WHERE name IN ('verdict', 'old_rowid')) AS new_columns;
