/* respondent.h: handlers of the owner's scan pages (/s/TOKEN/…), one small file per
 * page; the route table is in scan_routes.c. */
#ifndef FPHC_PAGES_SCAN_H
#define FPHC_PAGES_SCAN_H

#include <cJSON.h>
#include "server/http/req.h"
#include "server/pages/respondent/scan_ctx.h"

void scan_start_get(struct req *r);      /* scan_start.c */
void scan_consent_post(struct req *r);
void scan_profile_get(struct req *r);    /* scan_profile.c */
void scan_profile_post(struct req *r);
void scan_pillar_get(struct req *r);     /* scan_pillar.c */
void scan_pillar_post(struct req *r);
void scan_answer_post(struct req *r);    /* scan_answer.c */
void scan_review_get(struct req *r);     /* scan_review.c */
void scan_submit_post(struct req *r);
void scan_done_get(struct req *r);       /* done.c */
void scan_follow_up_post(struct req *r); /* done.c: may we invite you to meetings? (issue 20.2) */
void scan_later_get(struct req *r);       /* later.c */
void scan_later_mail_post(struct req *r);
void scan_lang_get(struct req *r);       /* scan_lang.c */
void privacy_get(struct req *r);         /* scan_privacy.c */
void scan_data_get(struct req *r);       /* scan_data.c */
void scan_erase_get(struct req *r);
void scan_erase_post(struct req *r);

/* The pages themselves, for the owner's handlers above and for the preview of
 * a draft questionnaire (preview.c), which shows them without storing. */
struct answer_write;
struct score_result;
void scan_start_show(struct req *r, const struct scan_ctx *s, int status, cJSON *ctx); /* ctx NULL: a new one */
/* 1 when the consent box was ticked; else 0 with the start page and its message queued (400). */
int scan_consent_read(struct req *r, const struct scan_ctx *s);
/* The profile form as posted: f->*_stored are what the database keeps. */
struct scan_profile_form {
	const char *sector, *fte, *employees, *municipality;
	char fte_stored[32], employees_stored[24];
	int needs_notice;  /* FTE outside 10–300 not yet confirmed: show the notice */
};
/* Reads and checks the posted profile; field errors go into ctx. 0, or 1 with errors. */
int scan_profile_read(struct req *r, const struct scan_ctx *s, cJSON *ctx, struct scan_profile_form *f);
void scan_profile_show(struct req *r, const struct scan_ctx *s, int status, cJSON *ctx, const char *sector,
		       const char *fte, const char *employees, const char *municipality, int fte_notice);
/* The pillar number in route parameter `param` (1..n), or 0. */
int scan_pillar_number(struct req *r, const struct scan_ctx *s, int param);
/* The answers in s->answers by item index (arena). */
const cJSON **scan_answers_by_index(struct req *r, const struct scan_ctx *s);
/* Reads the posted form of pillar n. Returns the number of refused answers, or
 * -1 with the reply queued (a field that does not belong to the page). The
 * answers to store go to *w (*nw of them); a refused item gets errors[index]
 * and is shown back as posted: typed[index] (the text) or shown[index] (the
 * ticked options). The three arrays have n_items entries, zeroed. */
int scan_pillar_read(struct req *r, const struct scan_ctx *s, int n, struct answer_write **w, int *nw,
		     const char **errors, const char **typed, const cJSON **shown);
/* Where the page's nav button leads: n - 1 (back), n (later), n + 1 (next). */
int scan_pillar_target(struct req *r, int n);
/* Pillar n again after a refused post (400): the answers of s->answers, the refused
 * items as posted (the arrays of scan_pillar_read). */
void scan_pillar_show_refused(struct req *r, const struct scan_ctx *s, int n, const char **errors,
			      const char **typed, const cJSON **shown);
/* Redirects where the nav button of pillar n leads ("later": the later page). */
void scan_pillar_move_on(struct req *r, const struct scan_ctx *s, int n);
/* Sends pillar page n (cached; built for the one request in a preview). */
void scan_pillar_show(struct req *r, const struct scan_ctx *s, int n, const cJSON **by_index,
		      const char **errors, const char **typed, int status);
/* 1 when the scan may be sent: every pillar gets a score, or the owner confirmed that some
 * will not; else 0 with the review and its message queued (400). */
int scan_send_confirmed(struct req *r, const struct scan_ctx *s);
/* The review; confirm_error is the message next to the "no score" confirmation. */
void scan_review_show(struct req *r, const struct scan_ctx *s, int status, const char *confirm_error);
/* The scores the answers so far would get (score_result_free), and the titles of
 * the pillars that would get none ("“A”, “B”", arena) or NULL. */
struct score_result *scan_scores_so_far(const struct scan_ctx *s);
const char *scan_pillars_without_score(struct req *r, const struct scan_ctx *s, const struct score_result *res);
void scan_later_show(struct req *r, const struct scan_ctx *s, const char *email, int status, const char *outcome);
/* The done page as just after sending, without the database (a preview). */
void scan_done_show_preview(struct req *r, const struct scan_ctx *s, cJSON *ctx, int status);

/* Answer values (scan_value.c) ------------------------------------------- */

/* Turns the form fields of one item into the JSON value the scoring engine
 * takes: `values` are the field's values (n of them), `na` whether the "weet ik
 * niet" box was ticked, `present` whether a multi's marker came with the form.
 * Sets *out to a new value (NULL = delete the answer, or leave it when *keep is
 * set: a radio group nobody touched). Returns 0, or -1 when the text cannot be
 * a value of this item (e.g. letters in a number; *problem then names the
 * message key when known, else NULL). */
struct item;
/* An open answer as it is kept: text_normalize'd (TEXT_BLOCK); NULL when the
 * owner typed only spaces, line breaks or invisible marks (no answer). */
cJSON *scan_text_value(const char *typed);
int scan_value_from_form(const struct item *it, const char *const *values, int n, int na, int present,
			 cJSON **out, int *keep, const char **problem);
/* Reads a typed number for a number item with common/number_nl (unit sign and
 * range of the item). Returns NULL with *out a new number (or NULL for an empty
 * field), or the message key of the problem ("{number}" and "{range}" in it). */
const char *scan_number_parse(const struct item *it, const char *text, cJSON **out);
/* The message for a problem with item it: the catalogue text of key with
 * {number}, {text} and {range} filled in (in the arena). */
/* The message for one refused answer, naming the question (and, for an
 * exclusive option chosen with others, that option when value is given). */
const char *scan_problem_text(struct req *r, const struct item *it, const char *key,
			      const cJSON *value);
/* The catalogue key of the Dutch message for a value answers_check_value refused. */
const char *scan_value_problem_key(const struct item *it, const cJSON *value, int page);
/* Checks the autosave body {"item": KEY, "value": V} against q (pure: no I/O,
 * fuzzed by tests/fuzz/fuzz_answer_body.c). Returns 0 with *it and *value (into
 * body, or *owned) set, or -1 with *problem (a message key) and *path ("item",
 * "value", the name of a stray member, or NULL); *it is set whenever the item was
 * found. A number item also takes what the owner typed as a string ("6,5 %"),
 * read by scan_number_parse into *owned, which the caller frees (cJSON_Delete).
 * An empty value ("" text, [] multi) passes. */
int scan_answer_parse(const struct questionnaire *q, const cJSON *body, const struct item **it,
		      const cJSON **value, cJSON **owned, const char **problem, const char **path);
/* Normalises an autosaved value: "" text and [] multi mean "no answer" (NULL). */
int scan_value_is_empty(const struct item *it, const cJSON *value);

/* The answer to an unknown report link or report token (report.c, report_html.c):
 * 404, or 429 once the address is past the per-minute limit of misses. */
void owner_report_miss(struct req *r);

#endif
