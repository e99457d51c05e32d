/* page.h: rendering whole HTML pages (a content template inside the layout). */
#ifndef FPHC_PAGE_H
#define FPHC_PAGE_H

#include <cJSON.h>
#include "server/http/req.h"

/* A fresh context with what every page needs: lang, other_lang, the user and
 * their role flags (is_admin, is_advisor, is_researcher, is_staff), csrf,
 * the current path. The caller adds its own keys and passes it to page_render.
 * The context belongs to the request: it is freed when the request ends, on
 * every path, so a handler never frees it (and cannot leak it). */
cJSON *page_ctx(struct req *r);

/* Renders template `tmpl` with ctx as the page body, wraps it in the layout with
 * `title` (already translated) and replies with status. ctx stays the request's.
 * A template error becomes a 500 (and is logged). */
void page_render(struct req *r, int status, const char *tmpl, const char *title, cJSON *ctx);

/* Form errors for server-side validation: each entry {field, message}. Shown
 * next to the field (ctx "errors.FIELD") and summarised at the top (ctx
 * "error_list"). */
void page_field_error(cJSON *ctx, const char *field, const char *message);
int page_has_errors(const cJSON *ctx);

/* Appends {value, label, selected} to list, for a <select> in a template;
 * selected when value equals chosen. */
void page_option(cJSON *list, const char *value, const char *label, const char *chosen);

#endif
