-- provenance: keys, DSSE envelopes, in-toto statements, the trusted-key registry
\pset null '(null)'
\set a_pub `cat tests/data/keys/rfc8032-a.pub`
\set b_pub `cat tests/data/keys/rfc8032-b.pub`
\set rsa_pub `cat tests/data/keys/rsa.pub`
\set ec_pub `cat tests/data/keys/ec.pub`
\set a_hex 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'
\set b_hex '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c'
\set vectors `cat tests/data/dsse-testvectors.json`

-- key_id: sha256 of the DER SubjectPublicKeyInfo; PEM and raw hex of one key agree
SELECT key_id(:'a_pub') AS a, key_id(:'b_pub') AS b;
SELECT key_id(:'a_hex') = key_id(:'a_pub') AS hex_eq_pem, key_id(upper(:'a_hex')) = key_id(:'a_pub') AS upper_hex;
SELECT key_id(NULL) IS NULL AS null_in_null_out;
-- other key types and non-keys are errors, never keys
SELECT key_id(:'rsa_pub');
SELECT key_id(:'ec_pub');
SELECT key_id('not a key');
SELECT key_id(substr(:'a_hex', 2));

-- dsse_pae: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in bytes
SELECT convert_from(dsse_pae('application/vnd.in-toto+json', convert_to('{"_type":"https://in-toto.io/Statement/v1"}', 'UTF8')), 'UTF8') AS pae;
SELECT convert_from(dsse_pae('application/vnd.exämple+json', ''), 'UTF8') AS utf8_length, dsse_pae('t', '\x00ff') AS bytes;
SELECT dsse_pae('t', NULL) IS NULL AS null_in_null_out;

-- every upstream DSSE vector (tests/data/dsse-testvectors.json) gives its expected answer
CREATE TEMP TABLE vec AS
  SELECT ord, v FROM json_array_elements(:'vectors'::json -> 'vectors') WITH ORDINALITY AS t(v, ord);
CREATE TEMP TABLE vkeys AS
  SELECT key AS name, value ->> 'public' AS pub FROM json_each(:'vectors'::json -> 'keys');
SELECT count(*) AS vectors FROM vec;
SELECT v ->> 'id' AS id, v ->> 'expect' AS expect,
       dsse_verify(v -> 'envelope',
                   ARRAY(SELECT pub FROM vkeys WHERE name IN (SELECT json_array_elements_text(v -> 'trustedKeys')) ORDER BY name),
                   (v ->> 'threshold')::int) AS verified,
       encode(dsse_pae(v -> 'envelope' ->> 'payloadType', decode(v -> 'envelope' ->> 'payload', 'base64')), 'hex') = v ->> 'pae' AS pae_matches
FROM vec WHERE v -> 'envelope' ->> 'payloadType' <> '' AND v ->> 'id' <> 'url-safe-base64' ORDER BY ord;
-- PostgreSQL's decode() knows no URL-safe base64; dsse_verify does
SELECT v ->> 'id' AS id, dsse_verify(v -> 'envelope', ARRAY[:'a_hex'], 1) AS verified FROM vec WHERE v ->> 'id' = 'url-safe-base64';
-- the empty payloadType vector is rejected with an error
SELECT dsse_verify(v -> 'envelope', :'a_hex') FROM vec WHERE v ->> 'id' = 'empty-payload-type';
-- the single-key form agrees with the vectors
SELECT v ->> 'id' AS id, dsse_verify(v -> 'envelope', :'a_hex') AS by_a, dsse_verify(v -> 'envelope', :'b_pub') AS by_b
FROM vec WHERE v -> 'envelope' ->> 'payloadType' <> '' ORDER BY ord;

-- bad input: malformed JSON, bad base64, truncated signature, wrong key type, swapped type, limits
SELECT dsse_verify('{"payload":"e30=","payloadType":"t","payloadType":"u","signatures":[{"sig":""}]}', :'a_hex');
SELECT dsse_verify('{"payload":"e30=!","payloadType":"t","signatures":[{"sig":""}]}', :'a_hex');
SELECT dsse_verify('{"payload":"e30=","payloadType":"t","signatures":[]}', :'a_hex');
SELECT dsse_verify('[1]', :'a_hex');
SELECT dsse_verify(jsonb_set((v -> 'envelope')::jsonb, '{signatures,0,sig}', to_jsonb(left(v -> 'envelope' -> 'signatures' -> 0 ->> 'sig', 80)))::json, :'a_hex') AS truncated_sig
FROM vec WHERE v ->> 'id' = 'single-signature';
SELECT dsse_verify(jsonb_set((v -> 'envelope')::jsonb, '{payloadType}', '"text/plain"')::json, :'a_hex') AS swapped_type
FROM vec WHERE v ->> 'id' = 'single-signature';
SELECT dsse_verify(v -> 'envelope', :'rsa_pub') FROM vec WHERE v ->> 'id' = 'single-signature';
SELECT dsse_verify(v -> 'envelope', ARRAY[:'a_hex', :'ec_pub'], 1) FROM vec WHERE v ->> 'id' = 'single-signature';
SELECT dsse_verify(v -> 'envelope', ARRAY[:'a_hex', NULL], 1) FROM vec WHERE v ->> 'id' = 'single-signature';
SELECT dsse_verify(v -> 'envelope', ARRAY[:'a_hex'], 2) FROM vec WHERE v ->> 'id' = 'single-signature';
SELECT dsse_verify(v -> 'envelope', ARRAY[]::text[], 1) FROM vec WHERE v ->> 'id' = 'single-signature';
SELECT dsse_verify(('{"payload":"' || repeat('A', 50000000) || '","payloadType":"t","signatures":[{"sig":""}]}')::json, :'a_hex');
SELECT dsse_verify(NULL, :'a_hex') IS NULL AS null_in_null_out;
SELECT 'still alive' AS backend;

-- signing_keygen() never hands out a private key in PostgreSQL
SELECT * FROM signing_keygen();

-- dsse_sign reads a key file from antidote.keyring_dir (superuser-only setting)
\getenv pghost PGHOST
\set keyring :pghost '/keyring'
\! sh tests/pg/make_keyring.sh "$PGHOST/keyring" "$PGHOST"
SELECT dsse_sign('t', 'x', 'signer-a');
SELECT signing_keygen('fresh-a');
SET antidote.keyring_dir = :'keyring';
-- signing_keygen(name): the private key goes to a new chmod-600 key file, only the public half comes back
SELECT left(public_key, 26) AS public_pem, key_id(public_key) = key_id AS id_matches,
       position('PRIVATE' in public_key) AS private_in_result
FROM signing_keygen('fresh-a') \gset fresh_
SELECT :'fresh_public_pem' AS public_pem, :'fresh_id_matches' AS id_matches, :'fresh_private_in_result' AS private_in_result;
\! stat -c %a "$PGHOST/keyring/fresh-a"
\! head -1 "$PGHOST/keyring/fresh-a"
SELECT dsse_verify(dsse_sign('text/plain', '\x00ff', 'fresh-b'), public_key) AS signs_with_it,
       key_id <> key_id(:'a_pub') AS fresh
FROM (SELECT public_key, key_id FROM signing_keygen('fresh-b')) k;
-- a key file is never replaced: the old key still signs for its public key
CREATE TEMP TABLE fresh_c AS SELECT * FROM signing_keygen('fresh-c');
SELECT signing_keygen('fresh-c');
SELECT signing_keygen('signer-a');
SELECT dsse_verify(dsse_sign('text/plain', '\x00ff', 'fresh-c'), public_key) AS still_the_same_key FROM fresh_c;
-- names: no paths, no dot files, nothing but letters, digits, '.', '_', '-'
SELECT signing_keygen('');
SELECT signing_keygen('.');
SELECT signing_keygen('..');
SELECT signing_keygen('.hidden');
SELECT signing_keygen('a/b');
SELECT signing_keygen('../keyring2');
SELECT signing_keygen('/tmp/x');
SELECT signing_keygen(repeat('k', 129));
SELECT signing_keygen(NULL) IS NULL AS null_in_null_out;
\! ls "$PGHOST/keyring" | sort | tr '\n' ' '; echo
SELECT dsse_sign('application/vnd.in-toto+json', convert_to('{"_type":"https://in-toto.io/Statement/v1"}', 'UTF8'), 'signer-a') AS envelope;
SELECT dsse_sign('application/vnd.in-toto+json', convert_to('{"_type":"https://in-toto.io/Statement/v1"}', 'UTF8'), 'signer-a') -> 'signatures' -> 0 ->> 'sig'
     = (SELECT v -> 'envelope' -> 'signatures' -> 0 ->> 'sig' FROM vec WHERE v ->> 'id' = 'single-signature') AS same_as_vector;
SELECT dsse_verify(dsse_sign('text/plain', '\x00ff', 'signer-a'), :'a_pub') AS own_key,
       dsse_verify(dsse_sign('text/plain', '\x00ff', 'signer-a'), :'b_pub') AS other_key,
       dsse_verify(dsse_sign('text/plain', '\x00ff', 'signer-a'), ARRAY[:'b_pub', :'a_hex'], 1) AS any_of_two,
       dsse_verify(dsse_sign('text/plain', '\x00ff', 'signer-a'), ARRAY[:'b_pub', :'a_hex'], 2) AS both_of_two;
SELECT dsse_sign('', 'x', 'signer-a');
SELECT dsse_sign('t', 'x', 'group-readable');
SELECT dsse_sign('t', 'x', 'rsa');
SELECT dsse_sign('t', 'x', 'junk');
SELECT dsse_sign('t', 'x', 'link-to-a');
SELECT dsse_sign('t', 'x', 'missing');
SELECT dsse_sign('t', 'x', '../keyring/signer-a');
SELECT dsse_sign('t', 'x', NULL) IS NULL AS null_in_null_out;

-- provenance_statement: in-toto Statement v1, subject digest = SHA-256 of the content
SELECT provenance_statement('abc', 'crawler-7', '2024-05-01T14:00:00+02:00') AS statement;
SELECT provenance_statement('abc'::bytea, 'crawler-7', to_timestamp(1714564800), '{"lang":"en","n":2}') AS with_extra;
SELECT provenance_statement('abc', 's', '2024-05-01 12:00:00.25+00') ->> 'subject' AS subject,
       provenance_statement('abc', 's', '2024-05-01 12:00:00.25+00') -> 'subject' -> 0 -> 'digest' ->> 'sha256' = content_sha256('abc') AS digest_ok,
       provenance_statement('abc', 's', '2024-05-01 12:00:00.25+00') -> 'predicate' ->> 'collectedAt' AS collected_at;
SELECT provenance_statement('abc', 's', NULL) IS NULL AS null_in_null_out;
SELECT provenance_statement('abc', 's', 'infinity');
SELECT provenance_statement('abc', 's', now(), '[1]');
SELECT provenance_statement('abc', 's', now(), '{"a":1,"a":2}');

-- the registry and provenance_verify
SELECT provenance_verify('abc', NULL) AS unsigned, provenance_verify(NULL::text, '{}') IS NULL AS null_content;
SELECT provenance_verify('abc', '{"payload":1}');
SELECT provenance_verify('abc', ('{"payload":"' || repeat('A', 50000000) || '"}')::json);
SELECT trust_key(:'a_pub', 'rfc8032 test key A') = key_id(:'a_pub') AS trusted_a;
SELECT trust_key(:'a_hex', 'same key as hex') = key_id(:'a_pub') AS idempotent;
SELECT keyid, source, revoked_at IS NULL AS active, added_at <= now() AS stamped FROM antidote.trusted_keys;
SELECT trust_key(:'rsa_pub', 'rsa');
SELECT trust_key(NULL);
CREATE TABLE docs (id int, body text, prov json);
INSERT INTO docs VALUES
  (1, 'abc', dsse_sign('application/vnd.in-toto+json', convert_to(provenance_statement('abc', 'crawler-7', '2024-05-01T12:00:00Z')::text, 'UTF8'), 'signer-a')),
  (2, 'abc', dsse_sign('application/vnd.in-toto+json', convert_to(provenance_statement('abc', 'crawler-7', '2024-05-01T12:00:00Z')::text, 'UTF8'), 'signer-b'));
INSERT INTO docs SELECT 3, 'abc!', prov FROM docs WHERE id = 1;
INSERT INTO docs SELECT 4, 'abc', jsonb_set(prov::jsonb, '{signatures,0,sig}', (SELECT (prov -> 'signatures' -> 0 -> 'sig')::jsonb FROM docs WHERE id = 2))::json FROM docs WHERE id = 1;
INSERT INTO docs VALUES (5, 'abc', dsse_sign('text/plain', convert_to(provenance_statement('abc', 'crawler-7', '2024-05-01T12:00:00Z')::text, 'UTF8'), 'signer-a'));
INSERT INTO docs VALUES (6, 'abc', dsse_sign('application/vnd.in-toto+json', convert_to('{"_type":"other"}', 'UTF8'), 'signer-a'));
INSERT INTO docs SELECT 7, 'abc', (prov::jsonb #- '{signatures,0,keyid}')::json FROM docs WHERE id = 1;
INSERT INTO docs VALUES (8, 'abc', NULL), (9, 'abc', '[]'), (10, NULL, '{}');
SELECT id, provenance_verify(body, prov) AS status FROM docs ORDER BY id;
SELECT provenance_verify('abc'::bytea, prov) AS bytea_content FROM docs WHERE id = 1;
SELECT revoke_key(key_id(:'a_pub')) AS revoked, revoke_key(key_id(:'a_pub')) AS again, revoke_key('sha256:00') AS unknown;
SELECT id, provenance_verify(body, prov) AS status FROM docs WHERE id IN (1, 3) ORDER BY id;
SELECT trust_key(:'a_pub', 'after revocation') = key_id(:'a_pub') AS still_known,
       (SELECT revoked_at IS NOT NULL FROM antidote.trusted_keys) AS still_revoked;
-- against explicit trusted keys instead of the registry (IMMUTABLE): the revocation
-- above does not apply; a key that signed nothing or is absent gives unknown_key
SELECT id, provenance_verify(body, prov, ARRAY[:'a_pub']) AS a,
       provenance_verify(body, prov, ARRAY[:'b_hex', :'a_hex']) AS a_hex_and_b,
       provenance_verify(body, prov, ARRAY[:'b_pub']) AS b,
       provenance_verify(body, prov, '{}') AS no_keys
FROM docs ORDER BY id;
SELECT provenance_verify('abc'::bytea, prov, ARRAY[:'a_pub']) AS bytea_content FROM docs WHERE id = 1;
SELECT provenance_verify('abc', prov, NULL) IS NULL AS null_keys FROM docs WHERE id = 1;
SELECT provenance_verify('abc', prov, ARRAY[:'a_pub', :'rsa_pub']) FROM docs WHERE id = 1;
SELECT provenance_verify('abc', prov, ARRAY[:'a_pub', 'junk']) FROM docs WHERE id = 1;
SELECT provenance_verify('abc', prov, ARRAY[:'a_pub', NULL]) FROM docs WHERE id = 1;
SELECT p.provolatile, p.proparallel FROM pg_proc p WHERE p.oid = 'provenance_verify(text, json, text[])'::regprocedure;

-- privileges: a plain role reads the registry and verifies, but cannot change the registry or sign
CREATE ROLE antidote_plain;
GRANT SELECT ON docs TO antidote_plain;
SET ROLE antidote_plain;
SELECT count(*) AS readable FROM antidote.trusted_keys;
SELECT id, provenance_verify(body, prov) AS status FROM docs WHERE id = 2;
SELECT trust_key(:'b_pub', 'plain role');
SELECT revoke_key(key_id(:'a_pub'));
INSERT INTO antidote.trusted_keys (keyid, public_key) VALUES (key_id(:'b_pub'), :'b_pub');
UPDATE antidote.trusted_keys SET revoked_at = NULL;
DELETE FROM antidote.trusted_keys;
SELECT dsse_sign('t', 'x', 'signer-a');
SELECT signing_keygen('plain-key');
SET antidote.keyring_dir = '/tmp';
RESET ROLE;
-- the owner can delegate
GRANT EXECUTE ON FUNCTION trust_key(text, text) TO antidote_plain;
SET ROLE antidote_plain;
SELECT trust_key(:'b_pub', 'delegated') = key_id(:'b_pub') AS delegated;
SELECT id, provenance_verify(body, prov) AS status FROM docs WHERE id = 2;
RESET ROLE;
SELECT keyid, source, revoked_at IS NULL AS active FROM antidote.trusted_keys ORDER BY added_at, keyid;
DROP TABLE docs;
REVOKE EXECUTE ON FUNCTION trust_key(text, text) FROM antidote_plain;
DROP ROLE antidote_plain;
\! rm -rf "$PGHOST/keyring"
