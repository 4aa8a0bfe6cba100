-- Bad-input matrix: malformed and extreme arguments to every SQL function.
-- Each case gives an error naming the function and problem, or a documented
-- NULL; the 'alive' probes show that the process went on after each group.
.mode list
.headers off
CREATE TEMP TABLE k AS SELECT
  CAST(readfile('tests/data/keys/rfc8032-a.key') AS TEXT) AS a_priv,
  CAST(readfile('tests/data/keys/rfc8032-a.pub') AS TEXT) AS a_pub,
  CAST(readfile('tests/data/keys/rsa.pub') AS TEXT) AS rsa_pub,
  CAST(readfile('tests/data/keys/rsa.key') AS TEXT) AS rsa_priv;
CREATE TEMP TABLE big AS SELECT
  replace(hex(zeroblob(8 * 1024 * 1024)), '00', 'ab') AS text16m,
  zeroblob(20 * 1024 * 1024) AS blob20m;
CREATE TEMP TABLE env AS SELECT dsse_sign('text/plain', 'hello', a_priv) AS good FROM k;
-- antidote_version
SELECT antidote_version() IS NOT NULL;
-- fuzzy_hash: NULL, wrong types, empty, huge, invalid UTF-8
SELECT fuzzy_hash(NULL) IS NULL;
SELECT fuzzy_hash(42);
SELECT fuzzy_hash(4.5);
SELECT fuzzy_hash('');
SELECT fuzzy_hash(x'');
SELECT fuzzy_hash(x'c328ff') IS NOT NULL;
SELECT length(fuzzy_hash(text16m)) > 0 FROM big;
SELECT length(fuzzy_hash(blob20m)) > 0 FROM big;
SELECT 'alive';
-- fuzzy_compare: malformed signatures of every kind
SELECT fuzzy_compare(NULL, '3:a:b') IS NULL;
SELECT fuzzy_compare('3:a:b', NULL) IS NULL;
SELECT fuzzy_compare('', '3:a:b');
SELECT fuzzy_compare('3:a:b', '');
SELECT fuzzy_compare('nonsense', '3:a:b');
SELECT fuzzy_compare('3:a:b', 'x:a:b');
SELECT fuzzy_compare('0:a:b', '3:a:b');
SELECT fuzzy_compare('99999999999999999999999:a:b', '3:a:b');
SELECT fuzzy_compare('3:a!b:c', '3:a:b');
SELECT fuzzy_compare('3:' || printf('%.*c', 65, 'a') || ':b', '3:a:b');
SELECT fuzzy_compare('3:a:b:c', '3:a:b');
SELECT fuzzy_compare('3:a:b,"file"', '3:a:b');
SELECT fuzzy_compare(CAST(x'333ac3283a62' AS TEXT), '3:a:b');
SELECT fuzzy_compare(1, 2);
SELECT fuzzy_compare(text16m, '3:a:b') FROM big;
SELECT 'alive';
-- text_normalize and content_sha256
SELECT text_normalize(NULL) IS NULL;
SELECT text_normalize(42);
SELECT text_normalize('') = '';
SELECT text_normalize(x'c328');
SELECT text_normalize(CAST(x'eda080' AS TEXT));
SELECT text_normalize(CAST(x'f4908080' AS TEXT));
SELECT text_normalize(CAST(x'c0af' AS TEXT));
SELECT text_normalize(CAST(x'610062' AS TEXT));
SELECT text_normalize(CAST(x'c328' AS TEXT));
SELECT length(text_normalize(text16m)) FROM big;
SELECT content_sha256(NULL) IS NULL;
SELECT content_sha256('');
SELECT content_sha256(x'c328');
SELECT content_sha256(42);
SELECT length(content_sha256(blob20m)) FROM big;
SELECT 'alive';
-- minhash and minhash_similarity
SELECT minhash(NULL) IS NULL;
SELECT minhash(42);
SELECT length(minhash(''));
SELECT minhash(x'c328');
SELECT minhash(CAST(x'fffe00' AS TEXT));
SELECT length(minhash(text16m)) FROM big;
SELECT minhash_similarity(x'', minhash('a'));
SELECT minhash_similarity(minhash('a'), x'');
SELECT minhash_similarity(zeroblob(520), minhash('a'));
SELECT minhash_similarity(substr(minhash('a'), 1, 519), minhash('a'));
SELECT minhash_similarity(minhash('a') || x'00', minhash('a'));
SELECT minhash_similarity(x'61644d48' || zeroblob(516), minhash('a'));
SELECT minhash_similarity(blob20m, minhash('a')) FROM big;
SELECT minhash_similarity(1.5, minhash('a'));
SELECT 'alive';
-- ssdeep_keys and minhash_keys
SELECT count(*) FROM ssdeep_keys('');
SELECT count(*) FROM ssdeep_keys('3:a:b', -1);
SELECT count(*) FROM ssdeep_keys('3:a:b', 101);
SELECT count(*) FROM ssdeep_keys('3:a:b', 'x');
SELECT count(*) FROM ssdeep_keys('3:a:b', 2.5);
SELECT count(*) FROM ssdeep_keys(42);
SELECT count(*) FROM ssdeep_keys(x'c328');
SELECT count(*) FROM ssdeep_keys(CAST(x'333ac3283a62' AS TEXT));
SELECT count(*) FROM minhash_keys(NULL);
SELECT count(*) FROM minhash_keys('text');
SELECT count(*) FROM minhash_keys(zeroblob(520));
SELECT count(*) FROM big, minhash_keys(big.blob20m);
SELECT 'alive';
-- near_duplicate_clusters: bad queries and bad rows
SELECT * FROM near_duplicate_clusters(NULL);
SELECT * FROM near_duplicate_clusters('');
SELECT * FROM near_duplicate_clusters(42);
SELECT * FROM near_duplicate_clusters('SELECT');
SELECT * FROM near_duplicate_clusters('SELECT 1, 2, 3, 4');
SELECT * FROM near_duplicate_clusters('SELECT 1, x''c328''');
SELECT count(*) FROM near_duplicate_clusters('SELECT 1, CAST(x''c328'' AS TEXT) UNION ALL SELECT 2, ''b''');
SELECT count(*) FROM near_duplicate_clusters(CAST(x'53454c454354c328' AS TEXT));
SELECT count(*) FROM near_duplicate_clusters('SELECT 1, NULL UNION ALL SELECT 2, NULL');
SELECT count(*) FROM near_duplicate_clusters('SELECT NULL, ''a'' UNION ALL SELECT NULL, ''a''');
SELECT * FROM near_duplicate_clusters('CREATE TABLE t(x)');
SELECT * FROM near_duplicate_clusters('SELECT * FROM no_such_table');
SELECT count(*) FROM near_duplicate_clusters('SELECT 1, text16m FROM big UNION ALL SELECT 2, text16m FROM big');
SELECT 'alive';
-- keys: key_id, signing_keygen, trust_key, revoke_key
SELECT key_id(NULL) IS NULL;
SELECT key_id('');
SELECT key_id(42);
SELECT key_id(x'c328');
SELECT key_id(CAST(x'c328' AS TEXT));
SELECT key_id(printf('%.*c', 64, 'g'));
SELECT key_id('-----BEGIN PUBLIC KEY-----' || char(10) || '!!!!' || char(10) || '-----END PUBLIC KEY-----');
SELECT key_id(rsa_pub) FROM k;
SELECT key_id(a_priv) FROM k;
SELECT key_id(text16m) FROM big;
SELECT json_valid(signing_keygen());
SELECT antidote_init() IS NOT NULL;
SELECT trust_key(NULL) IS NULL;
SELECT trust_key('');
SELECT trust_key('not a key', 'src');
SELECT trust_key(rsa_pub) FROM k;
SELECT trust_key(a_pub, x'c328') FROM k;
SELECT revoke_key(NULL) IS NULL;
SELECT revoke_key('');
SELECT revoke_key('sha256:nope');
SELECT revoke_key(42);
SELECT 'alive';
-- dsse_pae and dsse_sign
SELECT dsse_pae(NULL, 'x') IS NULL;
SELECT dsse_pae('', 'x');
SELECT dsse_pae(x'c328', 'x');
SELECT dsse_pae(42, 'x');
SELECT length(dsse_pae('t', blob20m)) FROM big;
SELECT dsse_sign('t', 'x', '');
SELECT dsse_sign('t', 'x', rsa_priv) FROM k;
SELECT dsse_sign('t', 'x', a_pub) FROM k;
SELECT dsse_sign('t', 'x', text16m) FROM big;
SELECT dsse_sign(x'c328', 'x', a_priv) FROM k;
SELECT dsse_sign('t', 'x', 42);
SELECT 'alive';
-- dsse_verify: malformed envelopes, keys and thresholds
SELECT dsse_verify(NULL, a_pub) IS NULL FROM k;
SELECT dsse_verify('', a_pub) FROM k;
SELECT dsse_verify('{', a_pub) FROM k;
SELECT dsse_verify('[]', a_pub) FROM k;
SELECT dsse_verify('{"payload":"aGk=","payloadType":"t","signatures":[]}', a_pub) FROM k;
SELECT dsse_verify('{"payload":"%%%","payloadType":"t","signatures":[{"sig":"AA=="}]}', a_pub) FROM k;
SELECT dsse_verify('{"payload":"aGk=","payloadType":"","signatures":[{"sig":"AA=="}]}', a_pub) FROM k;
SELECT dsse_verify('{"payload":"aGk=","payloadType":5,"signatures":[{"sig":"AA=="}]}', a_pub) FROM k;
SELECT dsse_verify('{"payload":"aGk=","payloadType":"t","signatures":[{"sig":7}]}', a_pub) FROM k;
SELECT dsse_verify(x'7bc328', a_pub) FROM k;
SELECT dsse_verify(CAST(x'7bc328' AS TEXT), a_pub) FROM k;
SELECT dsse_verify(good, '') FROM env;
SELECT dsse_verify(good, 'not a key') FROM env;
SELECT dsse_verify(good, '[]', 1) FROM env;
SELECT dsse_verify(good, '[1, 2]', 1) FROM env;
SELECT dsse_verify(good, json_array(a_pub), 0) FROM env, k;
SELECT dsse_verify(good, json_array(a_pub), 2) FROM env, k;
SELECT dsse_verify(good, json_array(a_pub), 'x') FROM env, k;
SELECT dsse_verify(good, json_array(a_pub), NULL) IS NULL FROM env, k;
SELECT dsse_verify('{"payload":"' || replace(hex(zeroblob(25 * 1024 * 1024)), '00', 'QU') || '","payloadType":"t","signatures":[{"sig":"AA=="}]}', a_pub) FROM k;
SELECT 'alive';
-- provenance_statement and provenance_verify
SELECT provenance_statement(NULL, 's', '2024-01-01T00:00:00Z') IS NULL;
SELECT provenance_statement('c', 's', 'yesterday');
SELECT provenance_statement('c', 's', '2024-13-45T99:00:00Z');
SELECT provenance_statement('c', 's', 42);
SELECT provenance_statement('c', x'c328', '2024-01-01T00:00:00Z');
SELECT provenance_statement('c', 's', '2024-01-01T00:00:00Z', '[1]');
SELECT provenance_statement('c', 's', '2024-01-01T00:00:00Z', '{');
SELECT provenance_statement('c', 's', '2024-01-01T00:00:00Z', CAST(x'7bc328' AS TEXT));
SELECT provenance_statement('c', 's', '');
SELECT length(provenance_statement(blob20m, 's', '2024-01-01T00:00:00Z')) > 0 FROM big;
SELECT provenance_verify('c', NULL);
SELECT provenance_verify('c', '');
SELECT provenance_verify('c', '{');
SELECT provenance_verify('c', good) FROM env;
SELECT provenance_verify(NULL, good) IS NULL FROM env;
SELECT provenance_verify('c', x'c328');
SELECT provenance_verify(CAST(x'c328' AS TEXT), good) FROM env;
SELECT provenance_verify('c', '{"payload":"' || replace(hex(zeroblob(25 * 1024 * 1024)), '00', 'QU') || '","payloadType":"t","signatures":[{"sig":"AA=="}]}');
SELECT 'alive';
-- suspicion_signals, suspicion_score, suspicion_settings, antidote_config
SELECT suspicion_signals(NULL) IS NULL;
SELECT suspicion_signals(42);
SELECT json_valid(suspicion_signals(''));
SELECT suspicion_signals(x'c328');
SELECT suspicion_signals(CAST(x'c328' AS TEXT));
SELECT suspicion_signals('x', CAST(x'7bc328' AS TEXT));
SELECT suspicion_signals('x', '');
SELECT suspicion_signals('x', '{');
SELECT suspicion_signals('x', '[]');
SELECT suspicion_signals('x', '{"nope":1}');
SELECT suspicion_signals('x', '{"near_duplicates":-1}');
SELECT suspicion_signals('x', '{"near_duplicates":"many"}');
SELECT suspicion_signals('x', '{"provenance":"maybe"}');
SELECT suspicion_signals('x', '{"weights":{"injection":2}}');
SELECT suspicion_signals('x', '{"thresholds":{"injection":0}}');
SELECT suspicion_signals('x', '{"phrases":{"injection":"x"}}');
SELECT suspicion_score('x', '{"near_duplicates":1e400}');
SELECT suspicion_score(NULL, '{}') IS NULL;
SELECT suspicion_score(x'ff');
SELECT suspicion_score(text16m) BETWEEN 0 AND 1 FROM big;
SELECT json_valid(suspicion_settings());
SELECT antidote_config(NULL);
SELECT antidote_config('');
SELECT antidote_config('suspicion_weight_injection', NULL);
SELECT antidote_config('suspicion_threshold_injection', -1);
SELECT antidote_config('suspicion_threshold_injection', 1e300);
SELECT 'alive';
-- guard: policies, verdicts, triggers
SELECT antidote_guard_check(NULL) IS NULL;
SELECT antidote_guard_check('');
SELECT antidote_guard_check('require=maybe');
SELECT antidote_guard_check('max_suspicion=2');
SELECT antidote_guard_check('max_suspicion=nan');
SELECT antidote_guard_check('max_near_duplicates=-5');
SELECT antidote_guard_check('max_near_duplicates=99999999999999999999');
SELECT antidote_guard_check('on_reject=quarantine,on_reject=error');
SELECT antidote_guard_check('nope=1');
SELECT antidote_guard_check(',,,');
SELECT antidote_guard_check(x'c328');
SELECT antidote_guard_check(CAST(x'c328' AS TEXT));
SELECT antidote_guard_check('max_suspicion=' || printf('%.*c', 300, '9'));
SELECT antidote_guard_verdict('bad', 0.5, 'verified', 1);
SELECT antidote_guard_verdict('max_suspicion=0.5', 'high', 'verified', 1);
SELECT antidote_guard_verdict('max_suspicion=0.5', 0.9, NULL, NULL);
SELECT antidote_guard_reject(NULL, NULL) IS NULL;
CREATE TABLE gd (body TEXT, prov TEXT);
SELECT antidote_guard(NULL, 'body', 'prov', '');
SELECT antidote_guard('no_such_table', 'body', 'prov', '');
SELECT antidote_guard('gd', 'no_such_column', 'prov', '');
SELECT antidote_guard('gd', 'body', 'prov', 'require=maybe');
SELECT antidote_guard('gd"; DROP TABLE gd; --', 'body', 'prov', '');
SELECT count(*) FROM gd;
SELECT 'alive';
-- audits: bad queries
SELECT * FROM antidote_audit(NULL);
SELECT * FROM antidote_audit('');
SELECT * FROM antidote_audit('SELECT 1');
SELECT * FROM antidote_audit('SELECT 1, 2, 3, 4, 5');
SELECT * FROM antidote_audit('DROP TABLE gd');
SELECT * FROM antidote_audit('SELECT * FROM no_such_table');
SELECT count(*) FROM antidote_audit('SELECT 1, x''c328''');
SELECT count(*) FROM antidote_audit('SELECT 1, ''a'', ''s'', ''{''');
SELECT * FROM antidote_audit_summary('SELECT 1');
SELECT * FROM antidote_audit_summary(42);
SELECT * FROM antidote_audit_summary('SELECT 1, 2; SELECT 3, 4');
SELECT count(*) FROM gd;
SELECT 'alive';
