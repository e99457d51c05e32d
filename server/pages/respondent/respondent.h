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
