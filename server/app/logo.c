/* logo.c: the logo check; see logo.h. */
#include <string.h>

#include "server/app/logo.h"
#include "common/banned.h"

enum logo_verdict logo_check(const void *data, size_t len)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	const unsigned char *p = data;
	if (!data || len == 0)
		return LOGO_EMPTY;
	if (len > LOGO_MAX_BYTES)
		return LOGO_TOO_BIG;
	/* signature, then the first chunk: 4-byte length 13, type "IHDR" */
	if (len < 33 || memcmp(p, sig, 8) != 0 || memcmp(p + 8, "\0\0\0\x0d", 4) != 0 || memcmp(p + 12, "IHDR", 4) != 0)
		return LOGO_NOT_PNG;
	return LOGO_OK;
}
