/* offer.h: the association's catalogue of offers (aanbod) of partners. */
#ifndef FPHC_DB_OFFER_H
#define FPHC_DB_OFFER_H

#include "common/arena.h"
#include "server/db/db.h"

struct offer_fields {
	const char *title, *provider, *description, *contact, *url, *price, *region;
	const char *tags;   /* PostgreSQL array literal text, e.g. {a,b} */
	int active;
};

/* One offer of the catalogue. */
struct offer_row {
	long long id;
	const char *title, *provider, *description, *contact, *url, *price, *region;
	const char *tags;   /* the tags joined with ", " */
	int active;
};

/* Every offer of org (active first, by title) into *out (arena). Row count, or -1 on error. */
int db_offer_list(struct db *db, struct arena *a, long long org_id, struct offer_row **out);
/* One offer of org (strings in the arena). 1 found, 0 not the association's, -1 error. */
int db_offer_get(struct db *db, struct arena *a, long long org_id, long long offer_id, struct offer_row *out);
/* Active offers of org whose tags overlap tags_literal ({a,b}), by title, into
 * *out (arena). Row count, or -1 on error. */
int db_offer_matching_list(struct db *db, struct arena *a, long long org_id, const char *tags_literal,
			   struct offer_row **out);

/* Creates an offer; its id or -1. */
long long db_offer_create(struct db *db, long long org_id, const struct offer_fields *f);
/* Creates the offer unless the association has one with the same title. 0 or -1. */
int db_offer_add_once(struct db *db, long long org_id, const struct offer_fields *f);
/* Updates; 1 done, 0 not the association's, -1 error. */
int db_offer_update(struct db *db, long long org_id, long long offer_id, const struct offer_fields *f);
/* Switches an offer off (kept: chosen offers refer to it); 1, 0 not the association's, -1. */
int db_offer_deactivate(struct db *db, long long org_id, long long offer_id);

/* A checked catalogue upload waiting for confirmation (table offer_imports). */
struct offer_import_row {
	long long id;
	const char *file_name;
	const char *offers;      /* JSON array, see server/app/offer_catalogue.h */
	const char *base_digest;
	int applied;
};
/* Stores an upload and deletes the association's uploads older than a week (applied
 * or not); its id or -1. */
long long db_offer_import_add(struct db *db, long long org_id, long long user_id, const char *file_name,
			      const char *offers_json, const char *base_digest);
/* 1 found (the association's own), 0 not, -1 error. */
int db_offer_import_get(struct db *db, struct arena *a, long long org_id, long long import_id,
			struct offer_import_row *out);
/* Marks it applied unless it already was: 1 marked now, 0 already applied or not found, -1. */
int db_offer_import_mark_applied(struct db *db, long long org_id, long long import_id);

#endif
