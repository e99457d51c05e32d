/* lang.c: GET /s/TOKEN/lang/en?next=/s/TOKEN/… — the owner's language,
 * remembered on the scan so every device shows the same. */
#include <string.h>

#include "server/pages/respondent/respondent.h"
#include "common/banned.h"

void scan_lang_get(struct req *r)
{
	struct scan_ctx s;
	if (scan_load(r, 0, &s) != 0)
		return;
	const char *to = strcmp(req_param(r, 1), "en") == 0 ? "en" : "nl";
	if (db_scan_set_lang(req_db(r), s.v.id, to) != 0) {
		reply_db_error(r);
		return;
	}
	/* Only back into this scan: never an open redirect. */
	const char *next = req_query(r, "next");
	const char *base = arena_printf(&r->arena, "/s/%s", s.token);
	size_t n = strlen(base);
	if (!next || strncmp(next, base, n) != 0 || (next[n] != '\0' && next[n] != '/') || strstr(next, ".."))
		next = base;
	reply_redirect(r, next);
}
