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

SELECT content_sha256('');
SELECT content_sha256('abc');
SELECT content_sha256('abc'::bytea);
SELECT content_sha256('\x00ff'::bytea);
SELECT content_sha256('héllo') = content_sha256(convert_to('héllo', 'UTF8')) AS text_is_utf8_bytes;
SELECT content_sha256(NULL::text) IS NULL AS null_in_null_out;
