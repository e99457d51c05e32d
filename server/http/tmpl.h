/* tmpl.h: a small Mustache-like template engine over cJSON contexts.
 *
 * Templates are the compiled-in files server/templates/NAME.html. Tags:
 *   {{name}} {{a.b}}     value, HTML-escaped (strings as is, numbers as %g, bools)
 *   {{{name}}}           value, raw (only for HTML the server made itself)
 *   {{#name}}…{{/name}}  section: each element of an array, an object pushed on
 *                        the stack, or once for another truthy value
 *   {{^name}}…{{/name}}  inverted section: when falsy (missing, null, false, 0,
 *                        "", empty array)
 *   {{>name}}            partial: another template with the same stack
 *   {{@key}}             message `key` from the catalogue (server/i18n, one JSON file per part) in
 *                        the request's language, HTML-escaped; `{var}` inside the
 *                        message is replaced by the escaped value of var
 *   {{name|date}}        an ISO date or date-time shown as 1-12-2026 18:23
 *                        (common/date.h date_show); other values as they are
 *   {{name|decimal}}     "12.5" shown as "12,5" in Dutch; a JSON number with one
 *                        decimal ("61,4"); other values as they are
 *   {{@key}} messages may also hold {var|date} and {n|bedrijf|bedrijven}: the
 *                        number, a space and the first word for 1, else the second
 *   {{!comment}}
 * `.` names the current element. Unknown names render as nothing. */
#ifndef FPHC_TMPL_H
#define FPHC_TMPL_H

#include <cJSON.h>
#include "common/buf.h"

/* Renders template `name` (without folder and .html) into out. Returns 0, or -1
 * with a message in err for an unknown template or an unbalanced section. */
int tmpl_render(struct buf *out, const char *name, const cJSON *ctx, const char *lang,
		char *err, size_t errlen);

#endif
