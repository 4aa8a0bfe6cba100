-- weak Ed25519 public keys: non-canonical encodings, points off the curve and the
-- small-order points are refused wherever a public key is read
\set a_hex 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'
\set identity '0100000000000000000000000000000000000000000000000000000000000000'
-- the exploit: a statement over 'POISON' with one fixed signature (R = identity, S = 0)
-- that the identity key accepts for every payload, named by the id the identity key had
-- (sha256 of its DER SubjectPublicKeyInfo)
CREATE TEMP TABLE e AS SELECT json_build_object(
  'payload', translate(encode(convert_to(provenance_statement('POISON', 'x', '2026-01-01T00:00:00Z')::text, 'UTF8'), 'base64'), E'\n', ''),
  'payloadType', 'application/vnd.in-toto+json',
  'signatures', json_build_array(json_build_object(
    'keyid', 'sha256:d0fbfbb4f059a24b42b1b553b6d79c0586599e84d2033429b92e9b968cb39b4c',
    'sig', translate(encode('\x01'::bytea || decode(repeat('00', 63), 'hex'), 'base64'), E'\n', '')))) AS env;
-- the envelope is well-formed (a good key that did not sign it is unknown_key, not malformed)
SELECT provenance_verify('POISON', env, ARRAY[:'a_hex']) AS well_formed FROM e;
SELECT provenance_verify('POISON', env, ARRAY[:'identity']) FROM e;
SELECT dsse_verify(env, :'identity') FROM e;
SELECT dsse_verify(env, ARRAY[:'a_hex', :'identity'], 1) FROM e;
-- key_id names the problem for each kind of weak key
SELECT key_id(:'identity');
SELECT key_id(repeat('00', 32));
SELECT key_id('ec' || repeat('ff', 30) || '7f');
SELECT key_id('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85');
SELECT key_id('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');
SELECT key_id(repeat('ff', 32));
SELECT key_id('ed' || repeat('ff', 30) || '7f');
SELECT key_id('01' || repeat('00', 30) || '80');
SELECT key_id('02' || repeat('00', 31));
-- PEM keys are decoded the same way
SELECT key_id(E'-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n-----END PUBLIC KEY-----\n');
SELECT key_id(E'-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA//////////////////////////////////////////8=\n-----END PUBLIC KEY-----\n');
-- a good key is still a key
SELECT key_id(:'a_hex') AS good;
-- the registry refuses them, and a weak key written into the table directly is an error at verification
SELECT trust_key(:'identity', 'identity');
SELECT count(*) AS registry_rows FROM antidote.trusted_keys WHERE source = 'identity';
BEGIN;
INSERT INTO antidote.trusted_keys (keyid, public_key, source)
  VALUES ('sha256:d0fbfbb4f059a24b42b1b553b6d79c0586599e84d2033429b92e9b968cb39b4c', :'identity', 'written directly');
SELECT provenance_verify('POISON', env) FROM e;
ROLLBACK;
