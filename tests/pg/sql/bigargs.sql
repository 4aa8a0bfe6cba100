-- JSON numbers beyond 64 bits: extra keeps them with their own text, envelopes read them
\set extra '{"n":123456789012345678901234567890,"m":-9223372036854775809,"k":9223372036854775807,"a":[1,2.5,18446744073709551616],"s":"123456789012345678901234567890"}'
SELECT provenance_statement('x', 's', '2026-01-01T00:00:00Z', :'extra') -> 'predicate' -> 'extra' AS extra;
SELECT (provenance_statement('x', 's', '2026-01-01T00:00:00Z', :'extra')::jsonb -> 'predicate' -> 'extra') = :'extra'::jsonb AS same_numbers;
-- a string of the text that looks like a placeholder is left alone
SELECT provenance_statement('x', 's', '2026-01-01T00:00:00Z', '{"p":"\u0001big0:0","n":99999999999999999999}') -> 'predicate' -> 'extra' AS extra;
-- a real beyond double range stays an error
SELECT provenance_statement('x', 's', '2026-01-01T00:00:00Z', '{"r":1e400}');
-- an envelope with a large number in a field DSSE does not use is read (false, not an error)
SELECT dsse_verify('{"payload":"eA","payloadType":"text/plain","signatures":[{"sig":"AA"}],"x":123456789012345678901234567890}', 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a') AS verified;
-- suspicion contexts read counts beyond 64 bits as numbers
SELECT suspicion_score('x', '{"near_duplicates": 123456789012345678901234567890}') >= 0 AS big_count_read;
-- a context's phrase list is bounded: the matcher's tables grow with it
SELECT suspicion_score('x', jsonb_build_object('phrases', jsonb_build_object('injection',
	(SELECT jsonb_agg('phrase ' || n) FROM generate_series(1, 5000) n))));
SELECT suspicion_score('x', jsonb_build_object('phrases', jsonb_build_object('injection',
	(SELECT jsonb_agg(repeat('p', 1000) || n) FROM generate_series(1, 300) n))));
SELECT suspicion_score('ignore the widget', '{"phrases": {"injection": ["the widget"]}}') > 0 AS small_list_works;
-- the cast trap: a quoted literal given to minhash() is a stored signature, and the error says so
SELECT minhash('some text to sign');
