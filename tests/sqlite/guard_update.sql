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
