/* offer.c: SQL for the offer catalogue; see offer.h. */
#include <stdio.h>

#include "server/db/offer.h"
#include "common/banned.h"

#define ID(buf, v) char buf[24]; snprintf(buf, sizeof(buf), "%lld", (long long)(v))
#define COLS "id, title, provider, description, contact, url, array_to_string(tags, ', '), active"

PGresult *db_offer_list(struct db *db, long long org_id)
{
	ID(org, org_id);
	return db_q(db, "SELECT " COLS " FROM offers WHERE org_id = $1 ORDER BY active DESC, lower(title), id", org);
}

PGresult *db_offer_get(struct db *db, long long org_id, long long offer_id)
{
	ID(org, org_id);
	ID(id, offer_id);
	return db_q(db, "SELECT " COLS " FROM offers WHERE org_id = $1 AND id = $2", org, id);
}

PGresult *db_offer_matching(struct db *db, long long org_id, const char *tags_literal)
{
	ID(org, org_id);
	return db_q(db, "SELECT " COLS " FROM offers WHERE org_id = $1 AND active AND tags && $2::text[]"
		    " ORDER BY lower(title), id", org, tags_literal);
}

int db_offer_matching_list(struct db *db, struct arena *a, long long org_id, const char *tags_literal,
			   struct offer_row **out)
{
	PGresult *res = db_offer_matching(db, org_id, tags_literal);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct offer_row *rows = arena_alloc(a, sizeof(*rows) * (n ? (size_t)n : 1));
	for (int i = 0; i < n; i++) {
		rows[i].id = db_ll(res, i, 0, 0);
		rows[i].title = arena_strdup(a, db_str(res, i, 1));
		rows[i].provider = arena_strdup(a, db_str(res, i, 2));
		rows[i].description = arena_strdup(a, db_str(res, i, 3));
		rows[i].contact = arena_strdup(a, db_str(res, i, 4));
		rows[i].url = arena_strdup(a, db_str(res, i, 5));
		rows[i].tags = arena_strdup(a, db_str(res, i, 6));
		rows[i].active = db_bool(res, i, 7);
	}
	PQclear(res);
	*out = rows;
	return n;
}

long long db_offer_create(struct db *db, long long org_id, const struct offer_fields *f)
{
	ID(org, org_id);
	PGresult *res = db_q(db, "INSERT INTO offers(org_id, title, provider, description, contact, url, tags, active)"
			     " VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::boolean) RETURNING id",
			     org, f->title, f->provider, f->description, f->contact, f->url, f->tags,
			     f->active ? "true" : "false");
	if (!res)
		return -1;
	long long id = db_ll(res, 0, 0, -1);
	PQclear(res);
	return id;
}

int db_offer_add_once(struct db *db, long long org_id, const struct offer_fields *f)
{
	ID(org, org_id);
	return db_x(db, "INSERT INTO offers(org_id, title, provider, description, contact, url, tags, active)"
		    " SELECT $1, $2, $3, $4, $5, $6, $7::text[], $8::boolean WHERE NOT EXISTS"
		    " (SELECT 1 FROM offers WHERE org_id = $1 AND title = $2)",
		    org, f->title, f->provider, f->description, f->contact, f->url, f->tags, f->active ? "true" : "false");
}

int db_offer_update(struct db *db, long long org_id, long long offer_id, const struct offer_fields *f)
{
	ID(org, org_id);
	ID(id, offer_id);
	PGresult *res = db_q(db, "UPDATE offers SET title = $3, provider = $4, description = $5, contact = $6,"
			     " url = $7, tags = $8::text[], active = $9::boolean, updated_at = now()"
			     " WHERE org_id = $1 AND id = $2 RETURNING id",
			     org, id, f->title, f->provider, f->description, f->contact, f->url, f->tags,
			     f->active ? "true" : "false");
	if (!res)
		return -1;
	int n = PQntuples(res);
	PQclear(res);
	return n == 1;
}
