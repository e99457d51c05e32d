/* pillar_cache.h: the pillar pages of the owner's scan, rendered once per
 * questionnaire, language and pillar and kept in memory.
 *
 * A pillar page is ~30 KB of HTML of which only a few bytes depend on the
 * request (the token, the CSRF token, which options are checked, typed values,
 * the percentage answered). Rendering the templates for every request would
 * build a JSON tree of the whole pillar each time; instead the page is rendered
 * once with markers in those places and split into segments, and a request
 * only copies the segments and fills the slots. The cache lives as long as the
 * process; the models it points to (qreg) do too. Thread-safe. */
#ifndef FPHC_PILLAR_PAGE_H
#define FPHC_PILLAR_PAGE_H

#include <cJSON.h>
#include "common/buf.h"
#include "scoring/questionnaire.h"

struct pillar_page;

/* The cached page of pillar index `pillar` (0-based) in `lang`; builds it on
 * first use. NULL when the templates fail (logged). */
const struct pillar_page *pillar_page_get(const struct questionnaire *q, const char *lang, size_t pillar);

/* A page of a draft questionnaire for its author (preview.c): forms post to
 * base ("/questionnaires/drafts/ID/preview"), no autosave script, and the
 * layout's banner links back to `back`. Built for the one request, not cached:
 * free with pillar_page_free. NULL when the templates fail or pillar is out of range. */
struct pillar_preview {
	const char *base;
	const char *back;
	int no_privacy;  /* no association's privacy statement to link to (a researcher's preview) */
};
struct pillar_page *pillar_page_build_preview(const struct questionnaire *q, const char *lang, size_t pillar,
					      const struct pillar_preview *preview);
void pillar_page_free(struct pillar_page *page);

/* What a request fills into the slots. */
struct pillar_fill {
	const char *token;
	const char *csrf;
	const char *org_slug;
	int percent;                  /* answered, 0..100 */
	int decimal_comma;            /* numbers shown as Dutch people write them (7,5) */
	const cJSON *const *answers;  /* q->n_items entries by item->index; NULL = unanswered */
	/* A page shown again after a refused post (NULL otherwise), by item->index:
	 * errors[i] the message shown next to item i and in the summary at the top,
	 * typed[i] the text the owner typed, shown back instead of answers[i]. */
	const char *const *errors;
	const char *const *typed;
	const char *errors_title;     /* heading of the error summary */
};

/* Appends the whole page (layout included) to out. */
void pillar_page_write(struct buf *out, const struct pillar_page *page, const struct pillar_fill *fill);

#endif
