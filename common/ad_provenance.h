/*
 * antidote core: provenance (Ed25519 keys, DSSE envelopes, in-toto statements).
 *
 * Included at the end of antidote.h.  Public keys are PEM SubjectPublicKeyInfo
 * or 64 hex digits of a raw Ed25519 key; private keys are unencrypted PEM
 * PKCS #8.  Buffers that held private keys are released with ad_free_secret().
 */
#ifndef AD_PROVENANCE_H
#define AD_PROVENANCE_H

#include <stddef.h>
#include <stdint.h>

/* "sha256:" + 64 hex digits + NUL */
#define AD_KEYID_MAX 72
/* Largest envelope, payload or key text accepted. */
#define AD_DSSE_MAX_ENVELOPE (32 * 1024 * 1024)
#define AD_KEY_TEXT_MAX (64 * 1024)
#define AD_DSSE_MAX_SIGNATURES 256
/* RFC 3339 UTC with microseconds + NUL */
#define AD_TIME_MAX 32

#define AD_INTOTO_STATEMENT "https://in-toto.io/Statement/v1"
#define AD_INTOTO_PAYLOAD_TYPE "application/vnd.in-toto+json"
#define AD_PROVENANCE_PREDICATE "urn:antidote:provenance:v1"

/* Overwrite then free a buffer that held secret bytes. */
void		ad_free_secret(void *p, size_t len);

/* ---- base64 (ad_base64.c) ---- */

/* Decode standard or URL-safe base64, padded or not; *out is malloc'd (NUL added). */
ad_status	ad_base64_decode(const char *in, size_t len, unsigned char **out, size_t *outlen);

/* Encode as standard padded base64; *out is malloc'd and NUL-terminated. */
ad_status	ad_base64_encode(const unsigned char *in, size_t len, char **out, size_t *outlen);

/* ---- keys (ad_crypto.c) ---- */

typedef struct ad_pubkey ad_pubkey;

/* Parse a public key (PEM SPKI or 64-hex raw Ed25519); only Ed25519 is accepted. */
ad_status	ad_pubkey_parse(const char *text, size_t len, ad_pubkey **out);
/* Release a reference to a key. */
void		ad_pubkey_free(ad_pubkey *key);

/* The key's id: "sha256:" + hex SHA-256 of its DER SubjectPublicKeyInfo. */
const char *ad_pubkey_id(const ad_pubkey *key);

/* key_id() of a public key text. */
ad_status	ad_key_id(const char *text, size_t len, char out[AD_KEYID_MAX]);

/* Verify a 64-byte Ed25519 signature over msg; *ok is 1 or 0. */
ad_status	ad_ed25519_verify(const ad_pubkey *key, const unsigned char *msg, size_t msglen,
							  const unsigned char *sig, size_t siglen, int *ok);

/*
 * Sign msg with an unencrypted PEM Ed25519 private key; sig receives 64
 * bytes, keyid the id of the matching public key.
 */
ad_status	ad_ed25519_sign(const char *priv_pem, size_t priv_len,
							const unsigned char *msg, size_t msglen,
							unsigned char sig[64], char keyid[AD_KEYID_MAX]);

/*
 * A new Ed25519 key pair.  *priv_pem (free with ad_free_secret(p, *priv_len))
 * and *pub_pem (ad_free) are NUL-terminated PEM.
 */
ad_status	ad_signing_keygen(char **priv_pem, size_t *priv_len,
							  char **pub_pem, size_t *pub_len, char keyid[AD_KEYID_MAX]);

/*
 * A bounded cache of parsed public keys, keyed by the exact key text.  Keys
 * are reference counted: ad_key_cache_get returns a new reference that the
 * caller releases with ad_pubkey_free, so eviction never frees a key in use.
 */
#define AD_KEY_CACHE_SIZE 64
typedef struct ad_key_cache ad_key_cache;

ad_status	ad_key_cache_new(ad_key_cache **out);
void		ad_key_cache_free(ad_key_cache *cache);
ad_status	ad_key_cache_get(ad_key_cache *cache, const char *text, size_t len,
							 ad_pubkey **out);

/* ---- DSSE (ad_dsse.c) ---- */

/* DSSE v1 pre-authentication encoding; *out is malloc'd. */
ad_status	ad_dsse_pae(const char *type, size_t tlen, const unsigned char *payload, size_t plen,
						unsigned char **out, size_t *outlen);

/* A parsed envelope. */
typedef struct ad_dsse_envelope ad_dsse_envelope;

/*
 * Parse an envelope: a JSON object with a non-empty string payloadType, a
 * base64 payload and 1..AD_DSSE_MAX_SIGNATURES signatures {sig[, keyid]}.
 */
ad_status	ad_dsse_parse(const char *json, size_t len, ad_dsse_envelope **out);
void		ad_dsse_envelope_free(ad_dsse_envelope *env);
size_t		ad_dsse_nsigs(const ad_dsse_envelope *env);

/* The keyid hint of signature i, or NULL when it has none. */
const char *ad_dsse_sig_keyid(const ad_dsse_envelope *env, size_t i);

/* The decoded payload and its type (both point into env). */
const unsigned char *ad_dsse_payload(const ad_dsse_envelope *env, size_t *len);
const char *ad_dsse_payload_type(const ad_dsse_envelope *env);

/* Does signature i verify under key? */
ad_status	ad_dsse_sig_verify(const ad_dsse_envelope *env, size_t i, const ad_pubkey *key, int *ok);

/*
 * Threshold verification: *ok = 1 when at least threshold distinct keys
 * (by key id) among keys each verify some signature.  threshold must be
 * 1..nkeys.
 */
ad_status	ad_dsse_verify(const ad_dsse_envelope *env, const ad_pubkey *const *keys,
						   size_t nkeys, int threshold, int *ok);

/* Sign and wrap into compact JSON {payload, payloadType, signatures:[{keyid, sig}]}. */
ad_status	ad_dsse_sign(const char *type, size_t tlen, const unsigned char *payload, size_t plen,
						 const char *priv_pem, size_t priv_len, char **json, size_t *jsonlen);

/* ---- in-toto statements and provenance status (ad_dsse.c) ---- */

/* Parse an RFC 3339 timestamp to microseconds since the Unix epoch. */
ad_status	ad_time_parse(const char *s, size_t len, int64_t *usec);

/* Format microseconds since the epoch as RFC 3339 UTC ("...Z", fraction only if non-zero). */
ad_status	ad_time_format(int64_t usec, char out[AD_TIME_MAX]);

/*
 * in-toto Statement v1 about content: one subject "content" whose digest is
 * the SHA-256 of content; predicate {source, collectedAt[, extra]}.  extra,
 * when not NULL, must be a JSON object.  *json is compact with sorted keys.
 */
ad_status	ad_provenance_statement(const unsigned char *content, size_t clen,
									const char *source, size_t slen, int64_t collected_usec,
									const char *extra, size_t elen,
									char **json, size_t *jsonlen);

typedef enum ad_prov_result
{
	AD_PROV_VERIFIED = 0,
	AD_PROV_UNSIGNED,
	AD_PROV_MALFORMED,
	AD_PROV_UNKNOWN_KEY,
	AD_PROV_REVOKED_KEY,
	AD_PROV_BAD_SIGNATURE,
	AD_PROV_DIGEST_MISMATCH
} ad_prov_result;

const char *ad_prov_result_name(ad_prov_result r);

/* A registry entry found for a signature's keyid: key NULL when unknown. */
typedef struct ad_prov_key
{
	const ad_pubkey *key;
	int			revoked;
} ad_prov_key;

/*
 * The provenance status of content under a parsed envelope; keys[i] is the
 * registry entry for signature i's keyid.  Order of precedence: the payload
 * must be an in-toto statement (else malformed); a signature verified by a
 * trusted key gives verified or digest_mismatch; else a valid signature by a
 * revoked key gives revoked_key; else a signature by a known key gives
 * bad_signature; else unknown_key.
 */
ad_status	ad_provenance_check(const ad_dsse_envelope *env, const ad_prov_key *keys,
								const unsigned char *content, size_t clen,
								ad_prov_result *result);

/* ---- what the SQL functions call (ad_provenance.c) ---- */

/*
 * signing_keygen() as JSON {"key_id", "private_key", "public_key"};
 * free with ad_free_secret(*json, *len).
 */
ad_status	ad_signing_keygen_json(char **json, size_t *len);

/* A JSON array of strings, e.g. the keys of SQLite's dsse_verify. */
typedef struct ad_strlist
{
	size_t		n;
	const char **s;
	size_t	   *len;
	void	   *root;			/* owns the strings */
} ad_strlist;

ad_status	ad_json_string_array(const char *json, size_t len, ad_strlist **out);
void		ad_strlist_free(ad_strlist *list);

/*
 * dsse_verify over key texts (looked up in cache).  On error *bad_arg is 1
 * for the envelope, 2 for a key (*bad_key its index) or 3 for the threshold.
 */
ad_status	ad_dsse_verify_texts(ad_key_cache *cache, const char *env, size_t envlen,
								 const char *const *keys, const size_t *keylens, size_t nkeys,
								 int threshold, int *ok, int *bad_arg, size_t *bad_key);

/* "argument N", or "argument 2 element K" when the keys came as a list: names the culprit. */
#define AD_ARG_NAME_MAX 64
void		ad_dsse_verify_arg(int bad_arg, size_t bad_key, int list, char out[AD_ARG_NAME_MAX]);

/*
 * First step of provenance_verify: parse the envelope.  A malformed one
 * gives AD_OK with *env NULL and *result AD_PROV_MALFORMED; only limits,
 * memory and library failures are errors.
 */
ad_status	ad_provenance_parse(const char *json, size_t len, ad_dsse_envelope **env,
								ad_prov_result *result);

/* The registry row found for one signature's keyid (text NULL if none). */
typedef struct ad_registry_entry
{
	const char *text;
	size_t		len;
	int			revoked;
} ad_registry_entry;

/* Second step: the status, given the registry row of each signature. */
ad_status	ad_provenance_verify(ad_key_cache *cache, const ad_dsse_envelope *env,
								 const ad_registry_entry *entries,
								 const unsigned char *content, size_t clen,
								 ad_prov_result *result);

/*
 * The second step against a list of trusted key texts instead of the
 * registry: each key stands for an unrevoked registry row, found by its key
 * id, so the result is one of the statuses above except revoked_key.  A key
 * that is not an Ed25519 public key is an error (*bad_key: its index).  With
 * env NULL (the envelope was malformed) only the keys are checked and
 * *result is left as it is.
 */
ad_status	ad_provenance_verify_keys(ad_key_cache *cache, const ad_dsse_envelope *env,
									  const char *const *keytexts, const size_t *keylens,
									  size_t nkeys, const unsigned char *content, size_t clen,
									  ad_prov_result *result, size_t *bad_key);

/* ---- keyring files (ad_keyring.c) ---- */

/*
 * Read private key file dir/name.  name may hold only letters, digits,
 * '.', '_' and '-' and may not start with '.'; the file must be a regular
 * file not readable or writable by group or others.  Free with
 * ad_free_secret(*buf, *len).
 */
ad_status	ad_keyring_read(const char *dir, const char *name, size_t namelen,
							char **buf, size_t *len);

/*
 * Generate an Ed25519 key pair and write the private key (PEM PKCS #8) to a
 * new file dir/name, mode 0600; name as for ad_keyring_read.  An existing
 * file is never replaced (AD_EKEY_EXISTS); on any failure no file is left.
 * The private key is wiped from memory.  *pub_pem (free with ad_free) and
 * keyid receive the public half.
 */
ad_status	ad_keyring_create(const char *dir, const char *name, size_t namelen,
							  char **pub_pem, size_t *pub_len, char keyid[AD_KEYID_MAX]);

#endif							/* AD_PROVENANCE_H */
