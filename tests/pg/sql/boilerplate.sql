-- the boilerplate rule of near_duplicate_clusters and near_duplicate_pairs (setting
-- antidote.boilerplate_min_texts): forty short posts that share only a mailing list's four-line
-- footer, and a flood of twelve copies (one word changed in each) that carries the same footer
-- (the same rows and answers as tests/sqlite/boilerplate.sql)
-- words that differ in their letters (no digits, which would be figures for rare tokens)
CREATE TEMP TABLE w(n int PRIMARY KEY, word text);
INSERT INTO w SELECT n, substr('alphabravocharliedeltaechofoxtrotgolfhotelindiajulietkilolimamikenovemberoscarpapaquebecromeosierratangouniformvictorwhiskeyxrayyankeezulu',
                               1 + (n * 37) % 120, 3 + n % 4) || chr(97 + n % 26) || chr(97 + (n / 26) % 26)
FROM generate_series(0, 699) n;
CREATE TEMP TABLE posts(id int PRIMARY KEY, body text, src text);
CREATE TEMP VIEW footer AS
SELECT E'-- \nexample-users mailing list\nexample-users@lists.example.org\n'
       'https://lists.example.org/mailman/listinfo/example-users\n'
       'To unsubscribe send a message to example-users-leave@lists.example.org with the word unsubscribe in the subject.' AS f;
-- post i: two lines of eight words of its own, then the footer
INSERT INTO posts
SELECT i, (SELECT string_agg(word, ' ' ORDER BY n) FROM w WHERE n BETWEEN 16 * i AND 16 * i + 7) || E'\n' ||
          (SELECT string_agg(word, ' ' ORDER BY n) FROM w WHERE n BETWEEN 16 * i + 8 AND 16 * i + 15) || E'\n' ||
          (SELECT f FROM footer),
       'member-' || i
FROM generate_series(1, 40) i;
-- flood copy k (101..112): three lines of ten words, word k of them changed, then the footer
INSERT INTO posts
SELECT 100 + k,
       (SELECT string_agg(CASE WHEN n = 5 + k THEN 'zz' || word ELSE word END, ' ' ORDER BY n) FROM w WHERE n BETWEEN 0 AND 9) || E'\n' ||
       (SELECT string_agg(CASE WHEN n = 5 + k THEN 'zz' || word ELSE word END, ' ' ORDER BY n) FROM w WHERE n BETWEEN 10 AND 19) || E'\n' ||
       (SELECT string_agg(word, ' ' ORDER BY n) FROM w WHERE n BETWEEN 660 AND 669) || E'\n' ||
       (SELECT f FROM footer),
       'account-' || k
FROM generate_series(1, 12) k;
-- how near two posts are with their footers (ssdeep, MinHash) and without
SELECT fuzzy_compare(fuzzy_hash(a.body), fuzzy_hash(b.body)) AS ssdeep,
       round(minhash_similarity(minhash(a.body), minhash(b.body))::numeric, 2) AS minhash,
       fuzzy_compare(fuzzy_hash(substr(a.body, 1, position('-- ' IN a.body) - 1)),
                     fuzzy_hash(substr(b.body, 1, position('-- ' IN b.body) - 1))) AS ssdeep_without
FROM posts a, posts b WHERE a.id = 1 AND b.id = 2;

-- the default: 32 texts that differ elsewhere
SHOW antidote.boilerplate_min_texts;
-- the footer is boilerplate: no post is in a cluster, the flood is one cluster of 12
SELECT count(*) AS posts_clustered FROM near_duplicate_clusters('SELECT id, body, src FROM posts') WHERE id::int <= 40;
SELECT cluster_size, distinct_sources, representative, count(*) AS rows
FROM near_duplicate_clusters('SELECT id, body, src FROM posts') GROUP BY 1, 2, 3;
SELECT count(*) AS pairs, count(*) FILTER (WHERE id_a::int <= 40 OR id_b::int <= 40) AS pairs_with_posts
FROM near_duplicate_pairs('SELECT id, body, src FROM posts');
-- the same in another row order
SELECT cluster_size, representative, count(*) AS rows
FROM near_duplicate_clusters('SELECT id, body, src FROM posts ORDER BY id DESC') GROUP BY 1, 2;
-- off: the footer joins the posts
SET antidote.boilerplate_min_texts = 0;
SELECT count(*) AS posts_clustered FROM near_duplicate_clusters('SELECT id, body, src FROM posts') WHERE id::int <= 40;
SELECT count(*) FILTER (WHERE cluster_size > 1) AS audited_in_clusters FROM antidote_audit('SELECT id, body, src FROM posts');
SELECT count(*) FILTER (WHERE id_a::int <= 40 OR id_b::int <= 40) > 0 AS pairs_with_posts
FROM near_duplicate_pairs('SELECT id, body, src FROM posts');
-- 60: more than the 52 texts the footer is in, so it is not boilerplate either
SET antidote.boilerplate_min_texts = 60;
SELECT count(*) > 0 AS posts_clustered FROM near_duplicate_clusters('SELECT id, body, src FROM posts') WHERE id::int <= 40;
-- 40 and 2: boilerplate again
SET antidote.boilerplate_min_texts = 40;
SELECT count(*) AS posts_clustered FROM near_duplicate_clusters('SELECT id, body, src FROM posts') WHERE id::int <= 40;
SET antidote.boilerplate_min_texts = 2;
SELECT count(*) AS posts_clustered FROM near_duplicate_clusters('SELECT id, body, src FROM posts') WHERE id::int <= 40;
-- antidote_audit reads it too
SELECT count(*) FILTER (WHERE cluster_size > 1) AS audited_in_clusters FROM antidote_audit('SELECT id, body, src FROM posts');
-- out of range: errors naming the setting; the value stays
SET antidote.boilerplate_min_texts = 1;
SET antidote.boilerplate_min_texts = -1;
-- (an integer setting takes a fraction rounded, as PostgreSQL does for every integer setting)
SET antidote.boilerplate_min_texts = 2.5;
SET antidote.boilerplate_min_texts = 1000001;
SHOW antidote.boilerplate_min_texts;
RESET antidote.boilerplate_min_texts;
-- a post of nothing but boilerplate lines is near no other post
INSERT INTO posts SELECT 41, substr(body, position('-- ' IN body)), 'member-41' FROM posts WHERE id = 1;
INSERT INTO posts SELECT 42, E'thanks\n' || substr(body, position('-- ' IN body)), 'member-42' FROM posts WHERE id = 1;
SELECT count(*) AS posts_clustered FROM near_duplicate_clusters('SELECT id, body, src FROM posts') WHERE id::int <= 42;
