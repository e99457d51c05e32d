/* scan_ctx.h: what every page of the owner's scan (/s/TOKEN/…) shares — the
 * token look-up with its friendly "unknown link" page and rate limit, the
 * status gates, the CSRF token bound to the scan, page numbering and the base
 * template context. Handlers live in server/pages/scan_*.c.
 *
 * Pages of a scan are numbered: 0 company profile, 1..n the pillars, n+1 the
 * review. scans.last_page holds the page to resume on. */
#ifndef FPHC_RESPONDENT_H
#define FPHC_RESPONDENT_H

#include <cJSON.h>

#include "server/http/req.h"
#include "server/db/owner_scan.h"
#include "scoring/questionnaire.h"

/* Unknown tokens allowed per client address per minute before 429. */
#define SCAN_TOKEN_MISSES_PER_MINUTE 10
/* The consent text version stored with the consent (bump when the text changes). */
#define SCAN_CONSENT_VERSION "consent-2024-1"
/* Largest JSON body the autosave endpoint takes. */
#define SCAN_ANSWER_BODY_MAX 16384

struct scan_ctx {
	const char *token;   /* NULL in a preview */
	const char *base;    /* "/s/TOKEN", or the preview's "/questionnaires/drafts/ID/preview" */
	int preview;         /* a draft shown to its author (preview.c): nothing is stored */
	const char *preview_back; /* the draft's page, linked from the preview's banner */
	struct owner_scan v;
	const struct questionnaire *q;
	char csrf[SHA256_HEX_LEN + 1];
	cJSON *answers;      /* {"item": value} when loaded with answers; freed with the request */
};

/* Loads the scan of the token in route parameter 0 and sets r->lang to the
 * scan's language. Returns 0, or -1 with the reply queued: the one friendly
 * page for unknown, expired and revoked links (404), 429 when this client
 * address tried too many unknown tokens, or 503. */
int scan_load(struct req *r, int with_answers, struct scan_ctx *s);

/* For pages that need consent and an open scan. Returns 0, or -1 with the reply
 * queued: GET → a redirect to the start page (no consent) or the done page
 * (submitted); POST → 403 (no consent) or 409 (submitted). */
int scan_require_open(struct req *r, const struct scan_ctx *s);

/* 1 when sent equals the scan's CSRF token (constant time). */
int scan_csrf_ok(const struct scan_ctx *s, const char *sent);

/* The page number of the review page. */
int scan_review_page(const struct scan_ctx *s);
/* "BASE/profile", "BASE/pillar/N" or "BASE/review" (in the arena; BASE is s->base). */
const char *scan_page_path(struct req *r, const struct scan_ctx *s, int page);

/* Progress counts what the review counts: the closed questions (every type but
 * open text, which may stay empty). scan_closed_total: their number.
 * scan_answered_count: answered closed items (any value but null, "na"
 * included), leaving out item `except` (NULL: none); needs the answers loaded.
 * scan_percent: answered of total as a whole percentage, 100 only when all are. */
int scan_closed_total(const struct questionnaire *q);

/* Where a returning owner continues (arena): the profile while it was never
 * completed, else the page of the first unanswered closed question with its
 * anchor ("/s/T/pillar/2#q-KEY"), else the review. Needs the answers loaded. */
const char *scan_resume_path(struct req *r, const struct scan_ctx *s);
int scan_answered_count(const struct scan_ctx *s, const char *except);
int scan_percent(const struct questionnaire *q, int answered);
int scan_answered_percent(const struct scan_ctx *s);

/* page_ctx plus token, csrf, base path, language switch, privacy link, the
 * association's names and the respondent stylesheet and script. In a preview:
 * the back-office session's csrf and language switch, no menu, and the banner
 * "voorbeeld, er wordt niets opgeslagen" (layout.html). */
cJSON *scan_page_ctx(struct req *r, const struct scan_ctx *s);

/* Writes an audit entry for what the owner did (actor "owner"), in the
 * request's transaction: when it fails, the owner's change is undone too. */
void scan_audit(struct req *r, const struct scan_ctx *s, const char *action);

/* A 400/409 page with a message (Dutch or English) for the owner. */
void scan_reply_problem(struct req *r, const struct scan_ctx *s, int status, const char *message,
			cJSON *list);

/* After a write that stores only while the scan is open (rc: 1 stored, 0 the scan was
 * sent meanwhile, say in another tab, -1 a database error): 1 when stored; else 0
 * after answering 409 with the "already sent" page, or 503. */
int scan_stored(struct req *r, const struct scan_ctx *s, int rc);

/* Renders template + layout into out (no reply). 0 or -1. */
int scan_render_to(struct buf *out, const char *tmpl, const char *title, cJSON *ctx, const char *lang);

#endif
