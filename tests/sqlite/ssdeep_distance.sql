-- ssdeep_distance = 100 - fuzzy_compare (the same values as PostgreSQL's neardup_gist test)
SELECT ssdeep_distance('96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo', '96:abcdefghijklmnopqrstuXYZ:zyxwvutsrqpq') AS edited,
       100 - fuzzy_compare('96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo', '96:abcdefghijklmnopqrstuXYZ:zyxwvutsrqpq') AS from_compare,
       ssdeep_distance('96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo', '96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo') AS same,
       ssdeep_distance('96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo', '192:zyxwvutsrqpoNMLK:abc') AS doubled_block,
       ssdeep_distance('96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo', '384:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo') AS far_block,
       ssdeep_distance('3::', '3::') AS empty_parts;
SELECT ssdeep_distance('192:zyxwvutsrqpoNMLK:abc', '96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo') AS commuted;
-- NULL in, NULL out
SELECT ssdeep_distance(NULL, '3::') IS NULL AS null_a, ssdeep_distance('3::', NULL) IS NULL AS null_b;
-- invalid signatures and types: errors naming the function and the argument
SELECT ssdeep_distance('3:abc:def', '4:abc:def');
SELECT ssdeep_distance('3:abc:d*f', '3:abc:def');
SELECT ssdeep_distance('not a signature', '3:abc:def');
SELECT ssdeep_distance('3:abc:def', 42);
SELECT ssdeep_distance(x'33', '3:abc:def');
-- top-k by distance over a table (what ORDER BY h <-> probe LIMIT k gives in PostgreSQL)
CREATE TABLE sigs (id INTEGER PRIMARY KEY, h TEXT);
INSERT INTO sigs (h) VALUES ('96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo'), ('96:abcdefghijklmnopqrstuXYZ:zyxwvutsrqpq'),
	('192:zyxwvutsrqpoNMLK:abc'), ('384:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo'), (NULL), ('96:abcdefghijklmnoXXXXXXXvwx:zyxwvutsrqpo');
SELECT id, ssdeep_distance(h, '96:abcdefghijklmnopqrstuvwx:zyxwvutsrqpo') AS d FROM sigs
ORDER BY d IS NULL, d, id LIMIT 4;
