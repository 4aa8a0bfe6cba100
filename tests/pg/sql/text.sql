-- text_normalize and content_sha256

SELECT text_normalize('  Hello,' || chr(9) || chr(10) || '  World!  ');
SELECT text_normalize(U&'\FF28\FF45\FF4C\FF4C\FF4F') AS fullwidth;
SELECT text_normalize(U&'\FB01le') AS ligature;
SELECT text_normalize('Straße') AS sharp_s;
SELECT text_normalize(U&'ig\200Bno\200Dre\00ADd\FEFFx\202Ey') AS invisible;
SELECT text_normalize(U&'ok\+0E0041\+0E0042done\FE0F') AS tags_and_selectors;
SELECT text_normalize(U&'a\00A0b\3000c\2028d') AS unicode_spaces;
SELECT text_normalize('ПРИВЕТ мир'), text_normalize('中文 العربية');
SELECT text_normalize(U&'e\0301') = U&'\00E9' AS composed;
SELECT text_normalize('') = '' AS empty, text_normalize(NULL) IS NULL AS null_in_null_out;
SELECT text_normalize(text_normalize(U&'  MiXeD \FF21 ß  ')) = text_normalize(U&'  MiXeD \FF21 ß  ') AS idempotent;
-- idempotent past the bound (this run of 43 marks changed on a second pass when runs were cut)
SELECT text_normalize(text_normalize(U&'a\0323\0313\0323\0323\0332\0345\0332\0344\0313\0344\0323\0313\0301\0323\0344\0301\0323\0313\0332\0313\0303\0344\0303\0303\0303\0323\0323\0332\0344\0303\0344\0323\0303\0344\0332\0313\0313\0303\0303\0332\0303\0323\0301')) = text_normalize(U&'a\0323\0313\0323\0323\0332\0345\0332\0344\0313\0344\0323\0313\0301\0323\0344\0301\0323\0313\0332\0313\0303\0344\0303\0303\0303\0323\0323\0332\0344\0303\0344\0323\0303\0344\0332\0313\0313\0303\0303\0332\0303\0323\0301') AS idempotent_long_run;
-- a run of non-starters keeps its first 30 (Stream-Safe Text Format bound): linear time,
-- so 200000 combining marks finish far within the timeout, and the result is 'a' + 30 marks
SET statement_timeout = '5s';
SELECT length(text_normalize('a' || repeat(U&'\0301\0323', 100000))) AS marks_run;
SELECT minhash('a' || repeat(U&'\0301\0323', 100000)::text) IS NOT NULL AS minhash_done,
       suspicion_score('a' || repeat(U&'\0301\0323', 100000)) >= 0 AS suspicion_done;
-- U&'\1EB9' (e with dot below) counts as 1 non-starter: with 29 acutes the dot after them
-- is the 31st and is dropped; with 28 it is kept and sorted before them as NFKC does
SELECT text_normalize(U&'\1EB9' || repeat(U&'\0301', 29) || U&'\0323') = U&'\1EB9' || repeat(U&'\0301', 29) AS cut_after_30,
       text_normalize(U&'\1EB9' || repeat(U&'\0301', 28) || U&'\0323') = U&'\1EB9\0323' || repeat(U&'\0301', 28) AS sorted_within_30;
RESET statement_timeout;

SELECT content_sha256('');
SELECT content_sha256('abc');
SELECT content_sha256('abc'::bytea);
SELECT content_sha256('\x00ff'::bytea);
SELECT content_sha256('héllo') = content_sha256(convert_to('héllo', 'UTF8')) AS text_is_utf8_bytes;
SELECT content_sha256(NULL::text) IS NULL AS null_in_null_out;
