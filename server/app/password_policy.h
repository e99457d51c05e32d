/* password_policy.h: what a back-office password must be — at least 12 characters
 * (counted as UTF-8 code points), at most 200 bytes, and not a common password. */
#ifndef FPHC_PASSWORD_POLICY_H
#define FPHC_PASSWORD_POLICY_H

#define PASSWORD_MIN_CHARS 12
#define PASSWORD_MAX_BYTES 200

enum password_verdict {
	PASSWORD_OK = 0,
	PASSWORD_TOO_SHORT,
	PASSWORD_TOO_LONG,
	PASSWORD_COMMON,      /* on the list, a word from the list with digits/symbols around
			       * it, one repeated character, a keyboard or counting run,
			       * or the user's own e-mail address */
};

/* Judges a password; email (may be NULL) is the account's address. */
enum password_verdict password_check(const char *password, const char *email);
/* The i18n key of the message for a verdict ("" for PASSWORD_OK). */
const char *password_message_key(enum password_verdict v);

#endif
