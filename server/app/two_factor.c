/* two_factor.c: TOTP through liboath, sealing of the secret and recovery codes
 * through libsodium; see two_factor.h. */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <oath.h>
#include <sodium.h>

#include "server/app/two_factor.h"
#include "server/db/owner_scan.h"
#include "common/crypto.h"
#include "common/banned.h"

#define STEP_S 30
#define DRIFT_STEPS 1

static pthread_mutex_t key_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char key[crypto_secretbox_KEYBYTES];
static int key_loaded;

/* Reads the installation key once (and starts liboath). 0 or -1. */
static int key_load(struct db *db)
{
	int rc = 0;
	pthread_mutex_lock(&key_lock);
	if (!key_loaded) {
		unsigned char k[64];
		int n = db_installation_secret(db, "two_factor_key", k, (int)sizeof(k));
		if (n == (int)sizeof(key) && oath_init() == OATH_OK) {
			memcpy(key, k, sizeof(key));
			key_loaded = 1;
		} else {
			rc = -1;
		}
		sodium_memzero(k, sizeof(k));
	}
	pthread_mutex_unlock(&key_lock);
	return rc;
}

static int seal(const unsigned char secret[TWO_FACTOR_SECRET_BYTES], unsigned char *box, size_t *len)
{
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	if (crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, secret, TWO_FACTOR_SECRET_BYTES, box, key) != 0)
		return -1;
	*len = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + TWO_FACTOR_SECRET_BYTES;
	return 0;
}

static int unseal(const struct two_factor_row *row, unsigned char secret[TWO_FACTOR_SECRET_BYTES])
{
	if (row->box_len != crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + TWO_FACTOR_SECRET_BYTES)
		return -1;
	return crypto_secretbox_open_easy(secret, row->box + crypto_secretbox_NONCEBYTES,
					  row->box_len - crypto_secretbox_NONCEBYTES, row->box, key);
}

/* Grouped base32 (RFC 4648, no padding: 20 bytes are exactly 32 characters). */
static void b32_grouped(const unsigned char secret[TWO_FACTOR_SECRET_BYTES], char out[TWO_FACTOR_B32_MAX])
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	size_t o = 0, nchars = 0;
	unsigned buffer = 0;
	int bits = 0;
	for (size_t i = 0; i < TWO_FACTOR_SECRET_BYTES; i++) {
		buffer = (buffer << 8) | secret[i];
		bits += 8;
		while (bits >= 5) {
			if (nchars && nchars % 4 == 0)
				out[o++] = ' ';
			out[o++] = alphabet[(buffer >> (bits - 5)) & 31];
			bits -= 5;
			nchars++;
		}
	}
	out[o] = '\0';
}

int two_factor_begin(struct db *db, long long user_id, char b32[TWO_FACTOR_B32_MAX])
{
	unsigned char secret[TWO_FACTOR_SECRET_BYTES], box[TWO_FACTOR_BOX_MAX];
	size_t len;
	if (key_load(db) != 0)
		return -1;
	randombytes_buf(secret, sizeof(secret));
	int rc = seal(secret, box, &len) == 0 ? db_two_factor_begin(db, user_id, box, len) : -1;
	if (rc == 1)
		b32_grouped(secret, b32);
	sodium_memzero(secret, sizeof(secret));
	return rc;
}

int two_factor_pending_secret(struct db *db, long long user_id, char b32[TWO_FACTOR_B32_MAX])
{
	struct two_factor_row row;
	unsigned char secret[TWO_FACTOR_SECRET_BYTES];
	if (key_load(db) != 0)
		return -1;
	int found = db_two_factor_get(db, user_id, &row);
	if (found != 1)
		return found;
	if (row.enabled || unseal(&row, secret) != 0)
		return 0;
	b32_grouped(secret, b32);
	sodium_memzero(secret, sizeof(secret));
	return 1;
}

/* Percent-encodes s for a URI component (unreserved characters stay). */
static char *uri_escape(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	char *out = arena_alloc(a, 3 * n + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (isalnum(*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~') {
			*o++ = (char)*p;
		} else {
			snprintf(o, 4, "%%%02X", *p);
			o += 3;
		}
	}
	*o = '\0';
	return out;
}

char *two_factor_uri(struct arena *a, const char *issuer, const char *account, const char *b32)
{
	char plain[TWO_FACTOR_B32_MAX];
	size_t o = 0;
	for (const char *p = b32; *p && o < sizeof(plain) - 1; p++)
		if (*p != ' ')
			plain[o++] = *p;
	plain[o] = '\0';
	const char *is = uri_escape(a, issuer);
	return arena_printf(a, "otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1&digits=6&period=%d", is,
			    uri_escape(a, account), plain, is, STEP_S);
}

/* The time step of a valid code for secret (±DRIFT_STEPS), or -1. */
static long long totp_step(const unsigned char secret[TWO_FACTOR_SECRET_BYTES], const char *code)
{
	int pos = 0;
	uint64_t counter = 0;
	int rc = oath_totp_validate3((const char *)secret, TWO_FACTOR_SECRET_BYTES, time(NULL), STEP_S, 0, DRIFT_STEPS,
				     &pos, &counter, code);
	return rc >= 0 ? (long long)counter : -1;
}

/* Six digits, spaces allowed in between ("123 456"): into out. 1 or 0. */
static int code_digits(const char *in, char out[7])
{
	size_t n = 0;
	for (const char *p = in; *p; p++) {
		if (*p == ' ')
			continue;
		if (!isdigit((unsigned char)*p) || n == 6)
			return 0;
		out[n++] = *p;
	}
	out[n] = '\0';
	return n == 6;
}

/* Recovery codes: 12 characters from a 32-letter alphabet without i, l, o, u
 * (60 random bits), shown as xxxx-xxxx-xxxx; typed in any case, with or
 * without dashes and spaces. */
static const char code_alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";

static int recovery_normal(const char *in, char out[13])
{
	size_t n = 0;
	for (const char *p = in; *p; p++) {
		if (*p == '-' || *p == ' ')
			continue;
		char c = (char)tolower((unsigned char)*p);
		if (!strchr(code_alphabet, c) || c == '\0' || n == 12)
			return 0;
		out[n++] = c;
	}
	out[n] = '\0';
	return n == 12;
}

static void recovery_hash(const char *normal, char out[SHA256_HEX_LEN + 1])
{
	crypto_hmac_hex(key, sizeof(key), normal, strlen(normal), out);
}

/* Fills codes (for the person) and hashes (for the table). */
static void recovery_new(char codes[TWO_FACTOR_CODES][TWO_FACTOR_CODE_TEXT],
			 char hashes[TWO_FACTOR_CODES][SHA256_HEX_LEN + 1])
{
	for (int i = 0; i < TWO_FACTOR_CODES; i++) {
		char normal[13];
		for (int j = 0; j < 12; j++)
			normal[j] = code_alphabet[randombytes_uniform(32)];
		normal[12] = '\0';
		snprintf(codes[i], TWO_FACTOR_CODE_TEXT, "%.4s-%.4s-%.4s", normal, normal + 4, normal + 8);
		recovery_hash(normal, hashes[i]);
		sodium_memzero(normal, sizeof(normal));
	}
}

int two_factor_confirm(struct db *db, long long user_id, const char *code,
		       char codes[TWO_FACTOR_CODES][TWO_FACTOR_CODE_TEXT])
{
	struct two_factor_row row;
	unsigned char secret[TWO_FACTOR_SECRET_BYTES];
	char digits[7];
	if (key_load(db) != 0)
		return -1;
	int found = db_two_factor_get(db, user_id, &row);
	if (found != 1 || row.enabled)
		return found < 0 ? -1 : 0;
	if (!code || !code_digits(code, digits) || unseal(&row, secret) != 0)
		return 0;
	long long step = totp_step(secret, digits);
	sodium_memzero(secret, sizeof(secret));
	if (step < 0)
		return 0;
	char hashes[TWO_FACTOR_CODES][SHA256_HEX_LEN + 1];
	const char *list[TWO_FACTOR_CODES];
	recovery_new(codes, hashes);
	for (int i = 0; i < TWO_FACTOR_CODES; i++)
		list[i] = hashes[i];
	return db_two_factor_enable(db, user_id, step, list);
}

static enum two_factor_result verify(struct db *db, long long user_id, const char *input, int recovery_allowed)
{
	struct two_factor_row row;
	unsigned char secret[TWO_FACTOR_SECRET_BYTES];
	char digits[7], normal[13];
	if (key_load(db) != 0)
		return TWO_FACTOR_ERROR;
	if (!input)
		return TWO_FACTOR_WRONG;
	int found = db_two_factor_get(db, user_id, &row);
	if (found < 0)
		return TWO_FACTOR_ERROR;
	if (found == 0 || !row.enabled)
		return TWO_FACTOR_WRONG;
	if (code_digits(input, digits)) {
		if (unseal(&row, secret) != 0)
			return TWO_FACTOR_WRONG;
		long long step = totp_step(secret, digits);
		sodium_memzero(secret, sizeof(secret));
		if (step < 0)
			return TWO_FACTOR_WRONG;
		int used = db_two_factor_use_step(db, user_id, step);
		return used < 0 ? TWO_FACTOR_ERROR : used ? TWO_FACTOR_CODE_OK : TWO_FACTOR_WRONG;
	}
	if (!recovery_allowed || !recovery_normal(input, normal))
		return TWO_FACTOR_WRONG;
	char hash[SHA256_HEX_LEN + 1];
	recovery_hash(normal, hash);
	int used = db_two_factor_use_recovery(db, user_id, hash);
	return used < 0 ? TWO_FACTOR_ERROR : used ? TWO_FACTOR_RECOVERY_OK : TWO_FACTOR_WRONG;
}

enum two_factor_result two_factor_verify(struct db *db, long long user_id, const char *input)
{
	return verify(db, user_id, input, 1);
}

enum two_factor_result two_factor_verify_totp(struct db *db, long long user_id, const char *input)
{
	return verify(db, user_id, input, 0);
}

int two_factor_new_codes(struct db *db, long long user_id, char codes[TWO_FACTOR_CODES][TWO_FACTOR_CODE_TEXT])
{
	if (key_load(db) != 0)
		return -1;
	char hashes[TWO_FACTOR_CODES][SHA256_HEX_LEN + 1];
	const char *list[TWO_FACTOR_CODES];
	recovery_new(codes, hashes);
	for (int i = 0; i < TWO_FACTOR_CODES; i++)
		list[i] = hashes[i];
	return db_two_factor_set_codes(db, user_id, list);
}
