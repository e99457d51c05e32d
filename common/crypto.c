/* crypto.c: random tokens, hashes, HMAC and password hashing via libsodium. */
#include <string.h>
#include <sodium.h>
#include <stdatomic.h>

#include "common/crypto.h"
#include "common/banned.h"

int crypto_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void crypto_token_new(char out[TOKEN_TEXT_LEN + 1])
{
	unsigned char raw[TOKEN_BYTES];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, TOKEN_TEXT_LEN + 1, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void crypto_token_new32(char out[44])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, 44, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void crypto_sha256_hex(const void *data, size_t n, char out[SHA256_HEX_LEN + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, n);
	sodium_bin2hex(out, SHA256_HEX_LEN + 1, h, sizeof(h));
}

void crypto_hmac_hex(const void *key, size_t keylen, const void *msg, size_t n,
		     char out[SHA256_HEX_LEN + 1])
{
	unsigned char h[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, key, keylen);
	crypto_auth_hmacsha256_update(&st, msg, n);
	crypto_auth_hmacsha256_final(&st, h);
	sodium_bin2hex(out, SHA256_HEX_LEN + 1, h, sizeof(h));
}

int crypto_str_equal(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	size_t n = strlen(a);
	if (n != strlen(b))
		return 0;
	return sodium_memcmp(a, b, n) == 0;
}

int crypto_password_hash(const char *password, char out[128])
{
	_Static_assert(crypto_pwhash_STRBYTES <= 128, "hash fits");
	return crypto_pwhash_str(out, password, strlen(password),
				 crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

int crypto_password_verify(const char *stored, const char *password)
{
	return crypto_pwhash_str_verify(stored, password, strlen(password)) == 0;
}

static atomic_int hash_slots = 1;
static atomic_int hashing;

void crypto_hash_slots_set(int n)
{
	atomic_store(&hash_slots, n > 0 ? n : 1);
}

int crypto_hash_slot_take(void)
{
	int busy = atomic_load(&hashing);
	while (busy < atomic_load(&hash_slots))
		if (atomic_compare_exchange_weak(&hashing, &busy, busy + 1))
			return 1;
	return 0;
}

void crypto_hash_slot_release(void)
{
	atomic_fetch_sub(&hashing, 1);
}
