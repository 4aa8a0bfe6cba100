-- integer arguments are read as 64 bits and range-checked: nothing is cut to 32 bits
.mode list
.headers on
CREATE TEMP TABLE k AS SELECT
  CAST(readfile('tests/data/keys/rfc8032-a.key') AS TEXT) AS a_priv,
  'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a' AS a_hex;
CREATE TEMP TABLE e AS SELECT dsse_sign('text/plain', 'x', a_priv) AS env FROM k;
-- dsse_verify's threshold: 1 verifies, 2^32 + 1 and -(2^32 - 1) (1 in 32 bits) are errors
SELECT dsse_verify(env, json_array(a_hex), 1) AS threshold_1 FROM e, k;
SELECT dsse_verify(env, json_array(a_hex), 4294967297) FROM e, k;
SELECT dsse_verify(env, json_array(a_hex), -4294967295) FROM e, k;
SELECT dsse_verify(env, json_array(a_hex), 9223372036854775807) FROM e, k;
-- ssdeep_keys' min_score: values beyond 32 bits are errors, not 1
SELECT count(*) AS keys_at_1 FROM ssdeep_keys('3:AAAAAb:c', 1);
SELECT count(*) FROM ssdeep_keys('3:AAAAAb:c', 4294967297);
SELECT count(*) FROM ssdeep_keys('3:AAAAAb:c', -9223372036854775808);
-- provenance_statement's Unix time: years 1 to 9999, beyond is an error (no overflow)
SELECT json_extract(provenance_statement('x', 's', 253402300799), '$.predicate.collectedAt') AS last_second,
       json_extract(provenance_statement('x', 's', -62135596800), '$.predicate.collectedAt') AS first_second;
SELECT provenance_statement('x', 's', 253402300800);
SELECT provenance_statement('x', 's', -62135596801);
SELECT provenance_statement('x', 's', 9223372036854775807);
SELECT provenance_statement('x', 's', -9223372036854775808);
-- extra may hold integers beyond 64 bits: they come back with exactly their own text
SELECT json_extract(provenance_statement('x', 's', 0, '{"n":123456789012345678901234567890,"m":-9223372036854775809,"k":9223372036854775807,"a":[1,2.5,18446744073709551616],"s":"123456789012345678901234567890"}'), '$.predicate.extra') IS NOT NULL AS parsed;
SELECT substr(provenance_statement('x', 's', 0, '{"n":123456789012345678901234567890,"m":-9223372036854775809,"k":9223372036854775807,"a":[1,2.5,18446744073709551616],"s":"123456789012345678901234567890"}'),
              instr(provenance_statement('x', 's', 0, '{"n":123456789012345678901234567890,"m":-9223372036854775809,"k":9223372036854775807,"a":[1,2.5,18446744073709551616],"s":"123456789012345678901234567890"}'), '"extra"'), 160) AS extra;
-- a string of the text that looks like a placeholder is left alone
SELECT instr(provenance_statement('x', 's', 0, '{"p":"\u0001big0:0","n":99999999999999999999}'), '"p":"\u0001big0:0"') > 0 AS string_kept,
       instr(provenance_statement('x', 's', 0, '{"p":"\u0001big0:0","n":99999999999999999999}'), '"n":99999999999999999999') > 0 AS number_kept;
-- a real beyond double range, and malformed JSON, stay errors
SELECT provenance_statement('x', 's', 0, '{"r":1e400}');
SELECT provenance_statement('x', 's', 0, '{"n":123456789012345678901234567890');
-- envelopes with large numbers in fields DSSE does not use are read
SELECT dsse_verify(json_set(env, '$.x', json('123456789012345678901234567890')), json_array(a_hex), 1) AS big_number_in_envelope FROM e, k;
-- suspicion contexts read counts beyond 64 bits as numbers
SELECT suspicion_score('x', '{"near_duplicates": 123456789012345678901234567890}') >= 0 AS big_count_read;
-- a context's phrase list is bounded: the matcher's tables grow with it
SELECT suspicion_score('x', json_object('phrases', json_object('injection',
	(WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 5000) SELECT json_group_array('phrase ' || n) FROM g))));
SELECT suspicion_score('x', json_object('phrases', json_object('injection',
	(WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 300) SELECT json_group_array(printf('%.1000c', 'p') || n) FROM g))));
SELECT suspicion_score('ignore the widget', '{"phrases": {"injection": ["the widget"]}}') > 0 AS small_list_works;
