/* evaluation_view.h: the interim evaluation as a page and as a PDF, shared by
 * the office (office/evaluation.c: one association) and the research
 * workspace (research/evaluation.c: the associations that share with it). */
#ifndef FPHC_PAGES_EVALUATION_VIEW_H
#define FPHC_PAGES_EVALUATION_VIEW_H

#include <cJSON.h>
#include <stddef.h>

#include "server/http/req.h"

/* Who is evaluated: the associations (at least one) and how the page names them. */
struct eval_scope {
	const long long *org_ids;
	size_t n_orgs;
	const char *name;          /* "Vereniging Zuid" or "alle verenigingen die delen met …" */
	const char *path;          /* the page's path, e.g. "/evaluation" (the PDF is path + ".pdf") */
	const char *query;         /* extra query for links, e.g. "&org=4", or "" */
};

/* Renders template tmpl ("office/evaluation" or "research/evaluation") with
 * ctx (from page_ctx, holding the caller's own keys): ?from=&to= checked
 * (400 with the message next to the field), the model read from the
 * summaries, charts and tables. Defaults: from 1 January of this year to today. */
void eval_view_page(struct req *r, const struct eval_scope *s, const char *tmpl, cJSON *ctx);
/* The same evaluation as a PDF download; 400 (text) for a bad period. */
void eval_view_pdf(struct req *r, const struct eval_scope *s);

#endif
