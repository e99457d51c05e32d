/* offer_check.h: the rules of one offer of the catalogue, shared by the offer form
 * (office/offers.c) and the catalogue import (offer_catalogue.c), so a spreadsheet can
 * store nothing the form would refuse. */
#ifndef FPHC_OFFER_CHECK_H
#define FPHC_OFFER_CHECK_H

#include "common/arena.h"
#include "server/db/offer.h"

#define OFFER_TITLE_MAX 200
#define OFFER_PROVIDER_MAX 200
#define OFFER_DESCRIPTION_MAX 5000
#define OFFER_CONTACT_MAX 500
#define OFFER_URL_MAX 500
#define OFFER_PRICE_MAX 200
#define OFFER_REGION_MAX 100
#define OFFER_TAGS_MAX 30     /* tags per offer */
#define OFFER_TAG_MAX 40      /* bytes per tag */

/* Called once per problem: the field ("title", "provider", …, "tags") and the i18n key
 * of its message. */
typedef void offer_problem_fn(void *cx, const char *field, const char *key);

/* Checks f (every text already trimmed) and turns the typed tags ("a, B ,c") into
 * f->tags, a PostgreSQL array literal in the arena ({"a","b","c"}: lower case, only
 * a-z 0-9 and -). Calls found() for every problem; returns how many there were. */
int offer_check(struct arena *a, struct offer_fields *f, const char *tags_typed, offer_problem_fn *found, void *cx);

#endif
