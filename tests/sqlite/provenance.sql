-- provenance: keys, DSSE envelopes, in-toto statements, the trusted-key registry
.mode list
.headers on
CREATE TEMP TABLE k AS SELECT
  CAST(readfile('tests/data/keys/rfc8032-a.key') AS TEXT) AS a_priv,
  CAST(readfile('tests/data/keys/rfc8032-a.pub') AS TEXT) AS a_pub,
  CAST(readfile('tests/data/keys/rfc8032-b.key') AS TEXT) AS b_priv,
  CAST(readfile('tests/data/keys/rfc8032-b.pub') AS TEXT) AS b_pub,
  CAST(readfile('tests/data/keys/rsa.pub') AS TEXT) AS rsa_pub,
  CAST(readfile('tests/data/keys/rsa.key') AS TEXT) AS rsa_priv,
  CAST(readfile('tests/data/keys/ec.pub') AS TEXT) AS ec_pub,
  'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a' AS a_hex,
  '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c' AS b_hex;

-- key_id: sha256 of the DER SubjectPublicKeyInfo; PEM and raw hex of one key agree
SELECT key_id(a_pub) AS a, key_id(b_pub) AS b FROM k;
SELECT key_id(a_hex) = key_id(a_pub) AS hex_eq_pem, key_id(upper(a_hex)) = key_id(a_pub) AS upper_hex,
       key_id(readfile('tests/data/keys/rfc8032-a.pub')) = key_id(a_pub) AS blob_ok FROM k;
SELECT key_id(NULL) IS NULL AS null_in_null_out;
-- other key types and non-keys are errors, never keys
SELECT key_id(rsa_pub) FROM k;
SELECT key_id(ec_pub) FROM k;
SELECT key_id(a_priv) FROM k;
SELECT key_id('not a key');
SELECT key_id(substr(a_hex, 2)) FROM k;

-- dsse_pae: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in bytes
SELECT CAST(dsse_pae('application/vnd.in-toto+json', '{"_type":"https://in-toto.io/Statement/v1"}') AS TEXT) AS pae;
SELECT CAST(dsse_pae('application/vnd.exämple+json', '') AS TEXT) AS utf8_length, hex(dsse_pae('t', x'00ff')) AS bytes;
SELECT dsse_pae('t', NULL) IS NULL AS null_in_null_out;

-- every upstream DSSE vector (tests/data/dsse-testvectors.json) gives its expected answer
CREATE TEMP TABLE vec AS SELECT value AS v FROM json_each(readfile('tests/data/dsse-testvectors.json'), '$.vectors');
CREATE TEMP TABLE vkeys AS SELECT key AS name, json_extract(value, '$.public') AS pub
  FROM json_each(readfile('tests/data/dsse-testvectors.json'), '$.keys');
SELECT count(*) AS vectors FROM vec;
SELECT json_extract(v, '$.id') AS id, json_extract(v, '$.expect') AS expect,
       dsse_verify(json_extract(v, '$.envelope'),
                   (SELECT json_group_array(pub) FROM vkeys
                    WHERE name IN (SELECT value FROM json_each(v, '$.trustedKeys'))),
                   json_extract(v, '$.threshold')) AS verified
FROM vec WHERE json_extract(v, '$.envelope.payloadType') <> '' ORDER BY rowid;
-- the empty payloadType vector is rejected with an error
SELECT dsse_verify(json_extract(v, '$.envelope'), (SELECT pub FROM vkeys WHERE name = 'A'))
FROM vec WHERE json_extract(v, '$.id') = 'empty-payload-type';
-- the single-key form agrees with the vectors that need one key
SELECT json_extract(v, '$.id') AS id, dsse_verify(json_extract(v, '$.envelope'), a_hex) AS by_a, dsse_verify(json_extract(v, '$.envelope'), b_hex) AS by_b
FROM vec, k WHERE json_extract(v, '$.envelope.payloadType') <> '' ORDER BY vec.rowid;

-- dsse_sign: Ed25519 is deterministic, so key A over the first vector's payload gives its signature
SELECT dsse_sign('application/vnd.in-toto+json', '{"_type":"https://in-toto.io/Statement/v1"}', a_priv) AS envelope FROM k;
SELECT json_extract(dsse_sign('application/vnd.in-toto+json', '{"_type":"https://in-toto.io/Statement/v1"}', a_priv), '$.signatures[0].sig')
     = (SELECT json_extract(v, '$.envelope.signatures[0].sig') FROM vec WHERE json_extract(v, '$.id') = 'single-signature') AS same_as_vector FROM k;
SELECT dsse_verify(dsse_sign('text/plain', x'00ff', a_priv), a_pub) AS own_key,
       dsse_verify(dsse_sign('text/plain', x'00ff', a_priv), b_pub) AS other_key,
       dsse_verify(dsse_sign('text/plain', x'00ff', a_priv), json_array(b_pub, a_hex), 1) AS any_of_two,
       dsse_verify(dsse_sign('text/plain', x'00ff', a_priv), json_array(b_pub, a_hex), 2) AS both_of_two FROM k;
SELECT dsse_sign('t', 'x', NULL) IS NULL AS null_in_null_out;
SELECT dsse_sign('', 'x', a_priv) FROM k;
SELECT dsse_sign('t', 'x', 'not a key');
SELECT dsse_sign('t', 'x', rsa_priv) FROM k;
SELECT dsse_sign('t', 'x', a_pub) FROM k;

-- signing_keygen: a fresh pair that signs and verifies
CREATE TEMP TABLE g AS SELECT signing_keygen() AS j;
SELECT json_extract(j, '$.private_key') LIKE '-----BEGIN PRIVATE KEY-----%' AS private_pem,
       json_extract(j, '$.public_key') LIKE '-----BEGIN PUBLIC KEY-----%' AS public_pem,
       json_extract(j, '$.key_id') = key_id(json_extract(j, '$.public_key')) AS id_matches,
       dsse_verify(dsse_sign('t', 'x', json_extract(j, '$.private_key')), json_extract(j, '$.public_key')) AS round_trip,
       (SELECT j FROM g) <> signing_keygen() AS fresh FROM g;

-- bad input: malformed JSON, bad base64, truncated signature, wrong key type, swapped type, limits
SELECT dsse_verify('{', a_hex) FROM k;
SELECT dsse_verify('{"payload":"e30=","payloadType":"t","payloadType":"u","signatures":[{"sig":""}]}', a_hex) FROM k;
SELECT dsse_verify('{"payload":"e30=!","payloadType":"t","signatures":[{"sig":""}]}', a_hex) FROM k;
SELECT dsse_verify('{"payload":"e30=","payloadType":"t","signatures":[]}', a_hex) FROM k;
SELECT dsse_verify('[1]', a_hex) FROM k;
SELECT dsse_verify(json_set(dsse_sign('t', 'x', a_priv), '$.signatures[0].sig',
                            substr(json_extract(dsse_sign('t', 'x', a_priv), '$.signatures[0].sig'), 1, 80)), a_hex) AS truncated_sig FROM k;
SELECT dsse_verify(json_set(dsse_sign('t', 'x', a_priv), '$.payloadType', 'u'), a_hex) AS swapped_type FROM k;
SELECT dsse_verify(dsse_sign('t', 'x', a_priv), rsa_pub) FROM k;
SELECT dsse_verify(dsse_sign('t', 'x', a_priv), json_array(a_hex, ec_pub), 1) FROM k;
SELECT dsse_verify(dsse_sign('t', 'x', a_priv), json_array(a_hex), 2) FROM k;
SELECT dsse_verify(dsse_sign('t', 'x', a_priv), json_array(a_hex), 0) FROM k;
SELECT dsse_verify(dsse_sign('t', 'x', a_priv), '{"a":1}', 1) FROM k;
SELECT dsse_verify(dsse_sign('t', 'x', a_priv), json_array(a_hex), '1') FROM k;
SELECT dsse_verify(NULL, 'k') IS NULL AS null_in_null_out;
SELECT dsse_verify('{"payload":"' || replace(hex(zeroblob(26000000)), '0', 'A') || '","payloadType":"t","signatures":[{"sig":""}]}', a_hex) FROM k;

-- provenance_statement: in-toto Statement v1, subject digest = SHA-256 of the content
SELECT provenance_statement('abc', 'crawler-7', '2024-05-01T14:00:00+02:00') AS statement;
SELECT provenance_statement(CAST('abc' AS BLOB), 'crawler-7', 1714564800, '{"lang":"en","n":2}') AS with_extra;
SELECT json_extract(provenance_statement('abc', 's', '2024-05-01 12:00:00.25'), '$.subject[0].digest.sha256') = content_sha256('abc') AS digest_ok,
       json_extract(provenance_statement('abc', 's', '2024-05-01 12:00:00.25'), '$.predicate.collectedAt') AS sqlite_datetime;
SELECT provenance_statement('abc', 's', NULL) IS NULL AS null_in_null_out;
SELECT provenance_statement('abc', 's', 'yesterday');
SELECT provenance_statement('abc', 's', '2024-05-01T12:00:00Z', '[1]');
SELECT provenance_statement('abc', 's', '2024-05-01T12:00:00Z', '{"a":1,"a":2}');

-- the registry and provenance_verify
SELECT provenance_verify('abc', NULL) AS unsigned;
SELECT provenance_verify('abc', '{"payload":');
SELECT provenance_verify('abc', '{"payload":"' || replace(hex(zeroblob(26000000)), '0', 'A') || '"}');
SELECT antidote_init() AS init, antidote_init() AS again;
SELECT trust_key(a_pub, 'rfc8032 test key A') = key_id(a_pub) AS trusted_a FROM k;
SELECT trust_key(a_hex, 'same key as hex') = key_id(a_pub) AS idempotent FROM k;
SELECT keyid, source, revoked_at IS NULL AS active, added_at LIKE '____-__-__T__:__:__.___Z' AS stamped FROM antidote_trusted_keys;
SELECT trust_key(rsa_pub, 'rsa') FROM k;
SELECT trust_key(NULL);
CREATE TABLE docs AS SELECT 1 AS id, 'abc' AS body,
  dsse_sign('application/vnd.in-toto+json', provenance_statement('abc', 'crawler-7', '2024-05-01T12:00:00Z'), a_priv) AS prov FROM k;
INSERT INTO docs SELECT 2, 'abc', dsse_sign('application/vnd.in-toto+json', provenance_statement('abc', 'crawler-7', '2024-05-01T12:00:00Z'), b_priv) FROM k;
INSERT INTO docs SELECT 3, 'abc!', prov FROM docs WHERE id = 1;
INSERT INTO docs SELECT 4, 'abc', json_set(prov, '$.signatures[0].sig', json_extract((SELECT prov FROM docs WHERE id = 2), '$.signatures[0].sig')) FROM docs WHERE id = 1;
INSERT INTO docs SELECT 5, 'abc', dsse_sign('text/plain', provenance_statement('abc', 'crawler-7', '2024-05-01T12:00:00Z'), a_priv) FROM k;
INSERT INTO docs SELECT 6, 'abc', dsse_sign('application/vnd.in-toto+json', '{"_type":"other"}', a_priv) FROM k;
INSERT INTO docs SELECT 7, 'abc', json_remove(prov, '$.signatures[0].keyid') FROM docs WHERE id = 1;
INSERT INTO docs VALUES (8, 'abc', NULL), (9, 'abc', 'not json'), (10, NULL, 'x');
SELECT id, provenance_verify(body, prov) AS status FROM docs ORDER BY id;
SELECT revoke_key(key_id(a_pub)) AS revoked, revoke_key(key_id(a_pub)) AS again, revoke_key('sha256:00') AS unknown FROM k;
SELECT id, provenance_verify(body, prov) AS status FROM docs WHERE id IN (1, 3) ORDER BY id;
SELECT trust_key(a_pub, 'after revocation') = key_id(a_pub) AS still_known, (SELECT revoked_at IS NOT NULL FROM antidote_trusted_keys) AS still_revoked FROM k;
-- against explicit trusted keys (a JSON array) instead of the registry (deterministic):
-- the revocation above does not apply; a key that signed nothing or is absent gives unknown_key
SELECT id, provenance_verify(body, prov, json_array(a_pub)) AS a,
       provenance_verify(body, prov, json_array(b_hex, a_hex)) AS a_hex_and_b,
       provenance_verify(body, prov, json_array(b_pub)) AS b,
       provenance_verify(body, prov, '[]') AS no_keys
FROM docs, k ORDER BY id;
SELECT provenance_verify(CAST('abc' AS BLOB), prov, json_array(a_pub)) AS blob_content FROM docs, k WHERE id = 1;
SELECT provenance_verify('abc', prov, NULL) IS NULL AS null_keys FROM docs WHERE id = 1;
SELECT provenance_verify('abc', prov, json_array(a_pub, rsa_pub)) FROM docs, k WHERE id = 1;
SELECT provenance_verify('abc', prov, json_array(a_pub, 'junk')) FROM docs, k WHERE id = 1;
SELECT provenance_verify('abc', prov, 'not json') FROM docs WHERE id = 1;
SELECT provenance_verify('abc', prov, '[1]') FROM docs WHERE id = 1;
-- the functions that handle secrets or write are direct-only; the checks are not
CREATE VIEW v_keygen AS SELECT signing_keygen() AS j;
SELECT count(*) FROM v_keygen;
CREATE VIEW v_check AS SELECT id, provenance_verify(body, prov) AS s FROM docs;
SELECT count(*) AS checkable_from_views FROM v_check;
