/* form.h: decoding application/x-www-form-urlencoded bodies. */
#ifndef FPHC_FORM_H
#define FPHC_FORM_H

#include <stddef.h>
#include "common/arena.h"

struct form_field {
	char *key;
	char *value;
};

/* Decodes body[0..len) into fields allocated in `arena` (keys and values
 * percent-decoded, '+' as space). Empty keys are skipped. Returns the number of
 * fields (*out set), or -1 when an escape is malformed or a key or value is not
 * valid UTF-8 or contains NUL (then *out is NULL). */
int form_parse(const char *body, size_t len, struct arena *arena, struct form_field **out);

#endif
