-- Bad-input matrix: malformed and extreme arguments to every SQL function.
-- Each case gives an error naming the function and problem, or a documented
-- NULL; the 'alive' probes show that the backend survived each group.
\pset null '(null)'
\set a_pub `cat tests/data/keys/rfc8032-a.pub`
\set rsa_pub `cat tests/data/keys/rsa.pub`
\set a_priv `cat tests/data/keys/rfc8032-a.key`
CREATE TEMP TABLE big AS SELECT repeat('ab', 8 * 1024 * 1024) AS text16m,
  convert_to(repeat('x', 20 * 1024 * 1024), 'UTF8') AS bytea20m;
-- ssdeep type input and fuzzy_hash
SELECT ''::ssdeep;
SELECT 'nonsense'::ssdeep;
SELECT '0:a:b'::ssdeep;
SELECT '99999999999999999999999:a:b'::ssdeep;
SELECT '3:a!b:c'::ssdeep;
SELECT ('3:' || repeat('a', 65) || ':b')::ssdeep;
SELECT '3:a:b,"file"'::ssdeep;
SELECT ssdeep('3:a:b:c');
SELECT ssdeep(NULL) IS NULL;
SELECT fuzzy_hash(NULL::text) IS NULL;
SELECT fuzzy_hash('');
SELECT fuzzy_hash(''::bytea);
SELECT fuzzy_hash(42);
SELECT length(fuzzy_hash(text16m)::text) > 0 FROM big;
SELECT length(fuzzy_hash(bytea20m)::text) > 0 FROM big;
SELECT 'alive';
-- fuzzy_compare, comparisons and the % operator
SELECT fuzzy_compare(NULL, '3:a:b') IS NULL;
SELECT fuzzy_compare('', '3:a:b');
SELECT fuzzy_compare('3:a:b', 'x:a:b');
SELECT fuzzy_compare('3:a:b'::text, '3:a:b'::text);
SELECT fuzzy_compare(1, 2);
SELECT fuzzy_compare(text16m::ssdeep, '3:a:b') FROM big;
SELECT '3:a:b'::ssdeep % 'zz'::ssdeep;
SELECT '3:a:b'::ssdeep < '3:a:b:'::ssdeep;
SELECT ssdeep_similar(NULL, '3:a:b') IS NULL;
SELECT 'alive';
-- text_normalize and content_sha256
SELECT text_normalize(NULL) IS NULL;
SELECT text_normalize('') = '';
SELECT text_normalize(42);
SELECT length(text_normalize(text16m)) FROM big;
SELECT text_normalize(E'\u200b\u200b') = '';
SELECT content_sha256('');
SELECT content_sha256(''::bytea);
SELECT content_sha256(NULL::bytea) IS NULL;
SELECT length(content_sha256(bytea20m)) FROM big;
SELECT 'alive';
-- minhash type, minhash, minhash_similarity
SELECT ''::minhash;
SELECT 'nonsense'::minhash;
SELECT '\x00'::minhash;
SELECT ('\x61644d48' || repeat('00', 516))::minhash;
SELECT length(minhash(''::text)::text);
SELECT minhash(NULL) IS NULL;
SELECT minhash(42);
SELECT length(minhash(text16m)::text) FROM big;
SELECT minhash_similarity(NULL, minhash('a'::text)) IS NULL;
SELECT minhash_similarity(minhash('a'::text), '\x00');
SELECT minhash('a'::text) % '\x0011'::minhash;
SELECT minhash_similar(minhash('a'::text), NULL) IS NULL;
SELECT 'alive';
-- index keys
SELECT count(*) FROM ssdeep_keys('');
SELECT count(*) FROM ssdeep_keys('3:a:b', -1);
SELECT count(*) FROM ssdeep_keys('3:a:b', NULL);
SELECT count(*) FROM ssdeep_keys('3:a:b', 'x');
SELECT count(*) FROM ssdeep_keys('3:a:b', 99999999999);
SELECT count(*) FROM minhash_keys(NULL);
SELECT count(*) FROM minhash_keys('\x00');
SELECT 'alive';
-- near_duplicate_clusters: bad queries and bad rows
SELECT * FROM near_duplicate_clusters(NULL);
SELECT * FROM near_duplicate_clusters('');
SELECT * FROM near_duplicate_clusters('42');
SELECT * FROM near_duplicate_clusters('SELECT');
SELECT * FROM near_duplicate_clusters('SELECT 1');
SELECT * FROM near_duplicate_clusters('SELECT 1, 2, 3, 4');
SELECT * FROM near_duplicate_clusters('SELECT 1, ''\x00''::bytea');
SELECT count(*) FROM near_duplicate_clusters('SELECT 1, NULL::text UNION ALL SELECT 2, NULL');
SELECT count(*) FROM near_duplicate_clusters('SELECT NULL::int, ''a'' UNION ALL SELECT NULL, ''a''');
SELECT * FROM near_duplicate_clusters('SELECT * FROM no_such_table');
SELECT * FROM near_duplicate_clusters('SELECT 1, 2; SELECT 3, 4');
SELECT * FROM near_duplicate_clusters('CREATE TABLE bad_t(x int)');
SELECT * FROM near_duplicate_clusters('INSERT INTO big VALUES (''a'', NULL) RETURNING 1, text16m');
SELECT count(*) FROM big;
SELECT count(*) FROM near_duplicate_clusters('SELECT 1, text16m FROM big UNION ALL SELECT 2, text16m FROM big');
SELECT 'alive';
-- keys: key_id, signing_keygen, trust_key, revoke_key
SELECT key_id(NULL) IS NULL;
SELECT key_id('');
SELECT key_id(repeat('g', 64));
SELECT key_id(E'-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----');
SELECT key_id(:'rsa_pub');
SELECT key_id(:'a_priv');
SELECT key_id(text16m) FROM big;
SELECT count(*) FROM signing_keygen();
SELECT * FROM signing_keygen('no-keyring-yet');
SELECT trust_key(NULL) IS NULL;
SELECT trust_key('');
SELECT trust_key('not a key', 'src');
SELECT trust_key(:'rsa_pub');
SELECT trust_key(text16m) FROM big;
SELECT revoke_key(NULL) IS NULL;
SELECT revoke_key('');
SELECT revoke_key('sha256:nope');
SELECT 'alive';
-- dsse_pae and dsse_sign
SELECT dsse_pae(NULL, 'x') IS NULL;
SELECT dsse_pae('', 'x');
SELECT length(dsse_pae('t', bytea20m)) FROM big;
SELECT dsse_sign('t', 'x', 'signer-a');
\getenv pghost PGHOST
\set keyring :pghost '/keyring'
\! sh tests/pg/make_keyring.sh "$PGHOST/keyring" "$PGHOST"
SET antidote.keyring_dir = :'keyring';
SELECT dsse_sign('t', 'x', '');
SELECT dsse_sign('t', 'x', '../signer-a');
SELECT dsse_sign('t', 'x', '.hidden');
SELECT dsse_sign('t', 'x', 'no-such-key');
SELECT dsse_sign('t', 'x', 'junk');
SELECT dsse_sign('t', 'x', 'rsa');
SELECT dsse_sign('t', 'x', 'group-readable');
SELECT dsse_sign('t', 'x', repeat('k', 10000));
SELECT dsse_sign('', 'x', 'signer-a');
SELECT length(dsse_sign('t', bytea20m, 'signer-a')::text) > 0 FROM big;
SELECT dsse_sign('t', 'x', NULL) IS NULL;
SELECT signing_keygen('');
SELECT signing_keygen('../signer-c');
SELECT signing_keygen('.hidden');
SELECT signing_keygen('group-readable');
SELECT signing_keygen('link-to-a');
SELECT signing_keygen(repeat('k', 10000));
SELECT signing_keygen(E'bad\nname');
SELECT signing_keygen(NULL) IS NULL;
CREATE TEMP TABLE env AS SELECT dsse_sign('text/plain', 'hello', 'signer-a') AS good;
RESET antidote.keyring_dir;
SELECT 'alive';
-- dsse_verify: malformed envelopes, keys and thresholds
SELECT dsse_verify(NULL, :'a_pub') IS NULL;
SELECT dsse_verify('[]', :'a_pub');
SELECT dsse_verify('{}', :'a_pub');
SELECT dsse_verify('{"payload":"aGk=","payloadType":"t","signatures":[]}', :'a_pub');
SELECT dsse_verify('{"payload":"%%%","payloadType":"t","signatures":[{"sig":"AA=="}]}', :'a_pub');
SELECT dsse_verify('{"payload":"aGk=","payloadType":"","signatures":[{"sig":"AA=="}]}', :'a_pub');
SELECT dsse_verify('{"payload":"aGk=","payloadType":5,"signatures":[{"sig":"AA=="}]}', :'a_pub');
SELECT dsse_verify('{"payload":"aGk=","payloadType":"t","signatures":[{"sig":7}]}', :'a_pub');
SELECT dsse_verify('{"payload":"aGk=","payload":"aGk=","payloadType":"t","signatures":[{"sig":"AA=="}]}', :'a_pub');
SELECT dsse_verify('{', :'a_pub');
SELECT dsse_verify(good, '') FROM env;
SELECT dsse_verify(good, 'not a key') FROM env;
SELECT dsse_verify(good, ARRAY[]::text[], 1) FROM env;
SELECT dsse_verify(good, ARRAY[NULL]::text[], 1) FROM env;
SELECT dsse_verify(good, ARRAY[:'a_pub'], 0) FROM env;
SELECT dsse_verify(good, ARRAY[:'a_pub'], 2) FROM env;
SELECT dsse_verify(good, ARRAY[:'a_pub', 'junk'], 1) FROM env;
SELECT dsse_verify(good, ARRAY[[:'a_pub'], [:'a_pub']], 1) FROM env;
SELECT dsse_verify(good, ARRAY[:'a_pub'], NULL) IS NULL FROM env;
SELECT dsse_verify(('{"payload":"' || repeat('QUFB', 12 * 1024 * 1024) || '","payloadType":"t","signatures":[{"sig":"AA=="}]}')::json, :'a_pub');
SELECT 'alive';
-- provenance_statement and provenance_verify
SELECT provenance_statement(NULL::text, 's', now()) IS NULL;
SELECT provenance_statement('c', 's', '2026-11-25 00:00:00-08');
-- a relative literal is read at the transaction's start, as PostgreSQL reads it anywhere
SELECT (provenance_statement('c', 's', 'yesterday')::jsonb #>> '{predicate,collectedAt}')::timestamptz
       = 'yesterday'::timestamptz AS relative_literal;
SELECT provenance_statement('c', 's', 'infinity');
SELECT provenance_statement('c', 's', '-infinity');
SELECT provenance_statement('c', 's', '2024-01-01', '[1]');
SELECT provenance_statement('c', 's', '2024-01-01', '"x"');
SELECT provenance_statement('\x00'::bytea, '', '2024-01-01');
SELECT length(provenance_statement(bytea20m, 's', '2024-01-01')::text) > 0 FROM big;
SELECT provenance_verify('c', NULL);
SELECT provenance_verify('c', '[]');
SELECT provenance_verify('c', '{"payload":"aGk=","payloadType":"t","signatures":[{"sig":"AA=="}]}');
SELECT provenance_verify('c', good) FROM env;
SELECT provenance_verify(NULL::text, good) IS NULL FROM env;
SELECT provenance_verify('\x00'::bytea, good) FROM env;
SELECT provenance_verify('c', ('{"payload":"' || repeat('QUFB', 12 * 1024 * 1024) || '","payloadType":"t","signatures":[{"sig":"AA=="}]}')::json);
SELECT provenance_verify('c', good, '{}') FROM env;
SELECT provenance_verify('c', good, ARRAY['']) FROM env;
SELECT provenance_verify('c', good, ARRAY[repeat('a', 70000)]) FROM env;
SELECT provenance_verify('c', good, ARRAY[:'a_pub', NULL]) FROM env;
SELECT provenance_verify('c', good, ARRAY[[:'a_pub']]) FROM env;
SELECT provenance_verify('c', '[]', ARRAY[:'a_pub']);
SELECT provenance_verify('c', NULL, ARRAY[:'a_pub']);
SELECT provenance_verify('c', good, array_fill(:'a_pub'::text, ARRAY[5000])) FROM env;
SELECT 'alive';
-- suspicion_signals, suspicion_score, suspicion_settings
SELECT suspicion_signals(NULL) IS NULL;
SELECT suspicion_signals(42);
SELECT jsonb_typeof(suspicion_signals(''));
SELECT suspicion_signals('x', '[]');
SELECT suspicion_signals('x', '"x"');
SELECT suspicion_signals('x', '{"nope":1}');
SELECT suspicion_signals('x', '{"near_duplicates":-1}');
SELECT suspicion_signals('x', '{"near_duplicates":"many"}');
SELECT suspicion_signals('x', '{"near_duplicates":1e400}');
SELECT suspicion_signals('x', '{"provenance":"maybe"}');
SELECT suspicion_signals('x', '{"weights":{"injection":2}}');
SELECT suspicion_signals('x', '{"weights":{"nope":0.5}}');
SELECT suspicion_signals('x', '{"thresholds":{"injection":0}}');
SELECT suspicion_signals('x', '{"phrases":{"injection":"x"}}');
SELECT suspicion_signals('x', '{"phrases":{"injection":[1]}}');
SELECT suspicion_score('x', NULL) IS NULL;
SELECT suspicion_score(text16m) BETWEEN 0 AND 1 FROM big;
SELECT suspicion_score('x', jsonb_build_object('phrases', jsonb_build_object('trigger', (SELECT jsonb_agg(g::text) FROM generate_series(1, 100000) g)))) BETWEEN 0 AND 1;
SELECT jsonb_typeof(suspicion_settings());
SET antidote.suspicion_weight_injection = 2;
SET antidote.suspicion_threshold_injection = 0;
SET antidote.suspicion_weight_injection = 'high';
SELECT 'alive';
-- guard: policies, triggers, release
SELECT antidote.guard_check(NULL) IS NULL;
SELECT antidote.guard_check('');
SELECT antidote.guard_check('require=maybe');
SELECT antidote.guard_check('max_suspicion=2');
SELECT antidote.guard_check('max_suspicion=nan');
SELECT antidote.guard_check('max_near_duplicates=-5');
SELECT antidote.guard_check('max_near_duplicates=99999999999999999999');
SELECT antidote.guard_check('on_reject=quarantine,on_reject=error');
SELECT antidote.guard_check('nope=1');
SELECT antidote.guard_check(',,,');
SELECT antidote.guard_check('max_suspicion=' || repeat('9', 300));
CREATE TABLE gd (body text, prov json);
CREATE TRIGGER gd_bad AFTER INSERT ON gd FOR EACH ROW EXECUTE FUNCTION antidote.guard('body', 'prov', 'max_suspicion=0.5');
INSERT INTO gd VALUES ('a', NULL);
DROP TRIGGER gd_bad ON gd;
CREATE TRIGGER gd_bad BEFORE INSERT ON gd FOR EACH ROW EXECUTE FUNCTION antidote.guard('no_such_column', 'prov', 'max_suspicion=0.5');
INSERT INTO gd VALUES ('a', NULL);
DROP TRIGGER gd_bad ON gd;
CREATE TRIGGER gd_bad BEFORE INSERT ON gd FOR EACH ROW EXECUTE FUNCTION antidote.guard('body', 'prov', '');
INSERT INTO gd VALUES ('a', NULL);
DROP TRIGGER gd_bad ON gd;
CREATE TRIGGER gd_bad BEFORE INSERT ON gd FOR EACH ROW EXECUTE FUNCTION antidote.guard('body', 'prov', 'require=maybe');
INSERT INTO gd VALUES ('a', NULL);
DROP TRIGGER gd_bad ON gd;
CREATE TRIGGER gd_bad BEFORE INSERT ON gd FOR EACH ROW EXECUTE FUNCTION antidote.guard();
INSERT INTO gd VALUES ('a', NULL);
DROP TRIGGER gd_bad ON gd;
CREATE TRIGGER gd_bad BEFORE INSERT ON gd FOR EACH ROW EXECUTE FUNCTION antidote.guard('body', 'prov', 'require=verified');
INSERT INTO gd VALUES ('a', '{');
INSERT INTO gd VALUES (NULL, NULL);
DROP TRIGGER gd_bad ON gd;
SELECT antidote.guard();
SELECT antidote.release(NULL) IS NULL;
SELECT antidote.release(-1);
SELECT antidote.release(9223372036854775807);
SELECT count(*) FROM gd;
SELECT 'alive';
-- audits: bad queries
SELECT * FROM antidote_audit(NULL);
SELECT * FROM antidote_audit('');
SELECT * FROM antidote_audit('SELECT 1');
SELECT * FROM antidote_audit('SELECT 1, 2, 3, 4, 5');
SELECT * FROM antidote_audit('DROP TABLE gd');
SELECT * FROM antidote_audit('SELECT * FROM no_such_table');
SELECT * FROM antidote_audit('SELECT 1, ''a'') q; DROP TABLE gd; SELECT (1');
SELECT count(*) FROM antidote_audit('SELECT 1, ''a'', ''s'', ''{''');
SELECT count(*) FROM antidote_audit('SELECT 1, ''\x00''::bytea');
SELECT * FROM antidote_audit_summary('SELECT 1');
SELECT * FROM antidote_audit_summary('42');
SELECT count(*) FROM gd;
SELECT 'alive';
DROP TABLE gd;
