-- weak Ed25519 public keys: non-canonical encodings, points off the curve and the
-- small-order points are refused wherever a public key is read
.mode list
.headers on
CREATE TEMP TABLE k AS SELECT
  CAST(readfile('tests/data/keys/rfc8032-a.key') AS TEXT) AS a_priv,
  'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a' AS a_hex,
  '0100000000000000000000000000000000000000000000000000000000000000' AS identity,
  -- the key id the identity key had: sha256 of its DER SubjectPublicKeyInfo
  'sha256:d0fbfbb4f059a24b42b1b553b6d79c0586599e84d2033429b92e9b968cb39b4c' AS identity_id,
  -- R = identity, S = 0: with the identity key this one signature verifies for every payload
  'AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==' AS sig0;
-- the exploit: a statement over 'POISON' carrying the fixed signature, named for the identity key
CREATE TEMP TABLE e AS SELECT json_set(
  dsse_sign('application/vnd.in-toto+json', provenance_statement('POISON', 'x', '2026-01-01T00:00:00Z'), a_priv),
  '$.signatures[0].sig', sig0, '$.signatures[0].keyid', identity_id) AS env FROM k;
SELECT provenance_verify('POISON', env, json_array(identity)) FROM e, k;
SELECT dsse_verify(env, identity) FROM e, k;
SELECT dsse_verify(env, json_array(a_hex, identity), 1) FROM e, k;
-- key_id names the problem for each kind of weak key
SELECT key_id('0100000000000000000000000000000000000000000000000000000000000000');
SELECT key_id('0000000000000000000000000000000000000000000000000000000000000000');
SELECT key_id('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f');
SELECT key_id('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85');
SELECT key_id('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');
SELECT key_id('ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff');
SELECT key_id('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f');
SELECT key_id('0100000000000000000000000000000000000000000000000000000000000080');
SELECT key_id('0200000000000000000000000000000000000000000000000000000000000000');
-- PEM keys are decoded the same way
SELECT key_id('-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=
-----END PUBLIC KEY-----');
SELECT key_id('-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEA//////////////////////////////////////////8=
-----END PUBLIC KEY-----');
-- a good key is still a key
SELECT key_id(a_hex) AS good FROM k;
-- the registry refuses them, and a weak key written into the table directly is an error at verification
SELECT antidote_init() AS init;
SELECT trust_key(identity, 'identity') FROM k;
SELECT count(*) AS registry_rows FROM antidote_trusted_keys;
INSERT INTO antidote_trusted_keys (keyid, public_key, source) SELECT identity_id, identity, 'written directly' FROM k;
SELECT provenance_verify('POISON', env) FROM e;
