/* offer.h: the association's catalogue of offers (aanbod) of partners. */
#ifndef FPHC_DB_OFFER_H
#define FPHC_DB_OFFER_H

#include "common/arena.h"
#include "server/db/db.h"

struct offer_fields {
	const char *title, *provider, *description, *contact, *url;
	const char *tags;   /* PostgreSQL array literal text, e.g. {a,b} */
	int active;
};

/* id, title, provider, description, contact, url, array_to_string(tags, ', '), active
 * of every offer of org (active first, by title). NULL on error. */
PGresult *db_offer_list(struct db *db, long long org_id);
/* One offer of org, same columns; 0 rows when not the association's. */
PGresult *db_offer_get(struct db *db, long long org_id, long long offer_id);
/* Active offers of org whose tags overlap tags_literal ({a,b}); same columns. */
PGresult *db_offer_matching(struct db *db, long long org_id, const char *tags_literal);

/* One offer of the catalogue; strings in the arena, "" when empty. */
struct offer_row {
	long long id;
	const char *title, *provider, *description, *contact, *url;
	const char *tags;   /* comma-separated: "a, b" */
	int active;
};
/* The active offers of org whose tags overlap tags_literal, by title; the row
 * count or -1 on error. */
int db_offer_matching_list(struct db *db, struct arena *a, long long org_id, const char *tags_literal,
			   struct offer_row **out);

/* Creates an offer; its id or -1. */
long long db_offer_create(struct db *db, long long org_id, const struct offer_fields *f);
/* Creates the offer unless the association has one with the same title. 0 or -1. */
int db_offer_add_once(struct db *db, long long org_id, const struct offer_fields *f);
/* Updates; 1 done, 0 not the association's, -1 error. */
int db_offer_update(struct db *db, long long org_id, long long offer_id, const struct offer_fields *f);

#endif
