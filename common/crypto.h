/* crypto.h: the few cryptographic operations fphc needs, all through libsodium.
 * crypto_init() must have been called once (it is, in cli/main.c). */
#ifndef FPHC_CRYPTO_H
#define FPHC_CRYPTO_H

#include <stddef.h>

#define TOKEN_BYTES 16          /* 128-bit random tokens */
#define TOKEN_TEXT_LEN 22       /* base64url without padding */
#define SHA256_HEX_LEN 64

int crypto_init(void);
/* Writes a fresh random token as base64url text (TOKEN_TEXT_LEN chars + NUL). */
void crypto_token_new(char out[TOKEN_TEXT_LEN + 1]);
/* A 32-byte random token as base64url (43 chars + NUL), for session ids. */
void crypto_token_new32(char out[44]);
/* Lower-case hex SHA-256 of data (65 bytes incl. NUL). */
void crypto_sha256_hex(const void *data, size_t n, char out[SHA256_HEX_LEN + 1]);
/* Lower-case hex HMAC-SHA256 of msg with key. */
void crypto_hmac_hex(const void *key, size_t keylen, const void *msg, size_t n,
		     char out[SHA256_HEX_LEN + 1]);
/* Constant-time comparison of two NUL-terminated strings; 1 when equal. */
int crypto_str_equal(const char *a, const char *b);
/* argon2id hash for storage (crypto_pwhash_str); returns 0 or -1. */
int crypto_password_hash(const char *password, char out[128]);
/* 1 when password matches the stored hash. */
int crypto_password_verify(const char *stored, const char *password);

/* Hashing slots: how many password hashes (argon2id, ~64 MiB and ~0.1 s each)
 * may be computed at once, so that a flood of logins never occupies every
 * worker. crypto_hash_slot_take() never waits: 1 when a slot was taken (give it
 * back with crypto_hash_slot_release()), 0 when all are busy (answer 429 with
 * Retry-After). The number is set once at start-up (default 1). */
void crypto_hash_slots_set(int n);
int crypto_hash_slot_take(void);
void crypto_hash_slot_release(void);

#endif
