-- the boilerplate rule of near_duplicate_clusters and near_duplicate_pairs (setting
-- boilerplate_min_texts): forty short posts that share only a mailing list's four-line footer,
-- and a flood of twelve copies (one word changed in each) that carries the same footer
-- (the same rows and answers as tests/pg/sql/boilerplate.sql)
.mode list
.headers on
-- words that differ in their letters (no digits, which would be figures for rare tokens)
CREATE TABLE w(n INTEGER PRIMARY KEY, word TEXT);
WITH RECURSIVE c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n < 699)
INSERT INTO w SELECT n, substr('alphabravocharliedeltaechofoxtrotgolfhotelindiajulietkilolimamikenovemberoscarpapaquebecromeosierratangouniformvictorwhiskeyxrayyankeezulu',
                               1 + (n * 37) % 120, 3 + n % 4) || char(97 + n % 26, 97 + (n / 26) % 26) FROM c;
CREATE TABLE posts(id INTEGER PRIMARY KEY, body TEXT, src TEXT);
CREATE TABLE footer(f TEXT);
INSERT INTO footer VALUES ('-- ' || char(10) || 'example-users mailing list' || char(10) ||
  'example-users@lists.example.org' || char(10) ||
  'https://lists.example.org/mailman/listinfo/example-users' || char(10) ||
  'To unsubscribe send a message to example-users-leave@lists.example.org with the word unsubscribe in the subject.');
-- post i: two lines of eight words of its own, then the footer
WITH RECURSIVE i(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM i WHERE i < 40)
INSERT INTO posts
SELECT i, (SELECT group_concat(word, ' ') FROM (SELECT word FROM w WHERE n BETWEEN 16 * i AND 16 * i + 7 ORDER BY n))
          || char(10) ||
          (SELECT group_concat(word, ' ') FROM (SELECT word FROM w WHERE n BETWEEN 16 * i + 8 AND 16 * i + 15 ORDER BY n))
          || char(10) || (SELECT f FROM footer),
       'member-' || i
FROM i;
-- flood copy k (101..112): three lines of ten words, word k of them changed, then the footer
WITH RECURSIVE k(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM k WHERE k < 12)
INSERT INTO posts
SELECT 100 + k,
       (SELECT group_concat(CASE WHEN n = 5 + k THEN 'zz' || word ELSE word END, ' ') FROM (SELECT n, word FROM w WHERE n BETWEEN 0 AND 9 ORDER BY n))
       || char(10) ||
       (SELECT group_concat(CASE WHEN n = 5 + k THEN 'zz' || word ELSE word END, ' ') FROM (SELECT n, word FROM w WHERE n BETWEEN 10 AND 19 ORDER BY n))
       || char(10) ||
       (SELECT group_concat(word, ' ') FROM (SELECT word FROM w WHERE n BETWEEN 660 AND 669 ORDER BY n))
       || char(10) || (SELECT f FROM footer),
       'account-' || k
FROM k;
-- how near two posts are with their footers (ssdeep, MinHash) and without
SELECT fuzzy_compare(fuzzy_hash(a.body), fuzzy_hash(b.body)) AS ssdeep,
       round(minhash_similarity(minhash(a.body), minhash(b.body)), 2) AS minhash,
       fuzzy_compare(fuzzy_hash(substr(a.body, 1, instr(a.body, '-- ') - 1)),
                     fuzzy_hash(substr(b.body, 1, instr(b.body, '-- ') - 1))) AS ssdeep_without
FROM posts a, posts b WHERE a.id = 1 AND b.id = 2;

-- the default: 32 texts that differ elsewhere
SELECT antidote_config('boilerplate_min_texts') AS boilerplate_min_texts;
-- the footer is boilerplate: no post is in a cluster, the flood is one cluster of 12
SELECT count(*) AS posts_clustered FROM near_duplicate_clusters('SELECT id, body, src FROM posts') WHERE CAST(id AS INTEGER) <= 40;
SELECT cluster_size, distinct_sources, representative, count(*) AS rows
FROM near_duplicate_clusters('SELECT id, body, src FROM posts') GROUP BY 1, 2, 3;
SELECT count(*) AS pairs, sum(CAST(id_a AS INTEGER) <= 40 OR CAST(id_b AS INTEGER) <= 40) AS pairs_with_posts
FROM near_duplicate_pairs('SELECT id, body, src FROM posts');
-- the same in another row order
SELECT cluster_size, representative, count(*) AS rows
FROM near_duplicate_clusters('SELECT id, body, src FROM posts ORDER BY id DESC') GROUP BY 1, 2;
-- off: the footer joins the posts
SELECT antidote_config('boilerplate_min_texts', 0) AS boilerplate_min_texts;
SELECT count(*) AS posts_clustered FROM near_duplicate_clusters('SELECT id, body, src FROM posts') WHERE CAST(id AS INTEGER) <= 40;
SELECT sum(cluster_size > 1) AS audited_in_clusters FROM antidote_audit('SELECT id, body, src FROM posts');
SELECT sum(CAST(id_a AS INTEGER) <= 40 OR CAST(id_b AS INTEGER) <= 40) > 0 AS pairs_with_posts
FROM near_duplicate_pairs('SELECT id, body, src FROM posts');
-- 60: more than the 52 texts the footer is in, so it is not boilerplate either
SELECT antidote_config('boilerplate_min_texts', 60) AS boilerplate_min_texts;
SELECT count(*) > 0 AS posts_clustered FROM near_duplicate_clusters('SELECT id, body, src FROM posts') WHERE CAST(id AS INTEGER) <= 40;
-- 40 and 2: boilerplate again
SELECT antidote_config('boilerplate_min_texts', 40) AS boilerplate_min_texts;
SELECT count(*) AS posts_clustered FROM near_duplicate_clusters('SELECT id, body, src FROM posts') WHERE CAST(id AS INTEGER) <= 40;
SELECT antidote_config('boilerplate_min_texts', 2) AS boilerplate_min_texts;
SELECT count(*) AS posts_clustered FROM near_duplicate_clusters('SELECT id, body, src FROM posts') WHERE CAST(id AS INTEGER) <= 40;
-- antidote_audit reads it too
SELECT sum(cluster_size > 1) AS audited_in_clusters FROM antidote_audit('SELECT id, body, src FROM posts');
-- out of range: errors naming the setting; the value stays
SELECT antidote_config('boilerplate_min_texts', 1);
SELECT antidote_config('boilerplate_min_texts', -1);
SELECT antidote_config('boilerplate_min_texts', 2.5);
SELECT antidote_config('boilerplate_min_texts', 1000001);
SELECT antidote_config('boilerplate_min_texts') AS unchanged;
SELECT antidote_config('boilerplate_min_texts', 32) AS boilerplate_min_texts;
-- a post of nothing but boilerplate lines is near no other post
INSERT INTO posts SELECT 41, substr(body, instr(body, '-- ')), 'member-41' FROM posts WHERE id = 1;
INSERT INTO posts SELECT 42, 'thanks' || char(10) || substr(body, instr(body, '-- ')), 'member-42' FROM posts WHERE id = 1;
SELECT count(*) AS posts_clustered FROM near_duplicate_clusters('SELECT id, body, src FROM posts') WHERE CAST(id AS INTEGER) <= 42;
