/* offer.c: SQL for the offer catalogue; see offer.h. */
#include <stdio.h>

#include "server/db/offer.h"
#include "server/db/row.h"
#include "common/banned.h"

#define COLS "id, title, provider, description, contact, url, array_to_string(tags, ', '), active, price, region"

static void read_row(struct arena *a, const PGresult *res, int i, struct offer_row *o)
{
	o->id = db_ll(res, i, 0, 0);
	o->title = db_row_str(a, res, i, 1);
	o->provider = db_row_str(a, res, i, 2);
	o->description = db_row_str(a, res, i, 3);
	o->contact = db_row_str(a, res, i, 4);
	o->url = db_row_str(a, res, i, 5);
	o->tags = db_row_str(a, res, i, 6);
	o->active = db_bool(res, i, 7);
	o->price = db_row_str(a, res, i, 8);
	o->region = db_row_str(a, res, i, 9);
}

/* The rows of res (cleared) into *out; row count or -1 when res is NULL. */
static int read_rows(struct arena *a, PGresult *res, struct offer_row **out)
{
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct offer_row *rows = db_rows_alloc(a, res, sizeof(*rows));
	for (int i = 0; i < n; i++)
		read_row(a, res, i, &rows[i]);
	PQclear(res);
	*out = rows;
	return n;
}

int db_offer_list(struct db *db, struct arena *a, long long org_id, struct offer_row **out)
{
	DB_ID(org, org_id);
	return read_rows(a, db_q(db, "SELECT " COLS " FROM offers WHERE org_id = $1"
				 " ORDER BY active DESC, lower(title), id", org), out);
}

int db_offer_get(struct db *db, struct arena *a, long long org_id, long long offer_id, struct offer_row *out)
{
	DB_ID(org, org_id);
	DB_ID(id, offer_id);
	PGresult *res = db_q(db, "SELECT " COLS " FROM offers WHERE org_id = $1 AND id = $2", org, id);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	if (found)
		read_row(a, res, 0, out);
	PQclear(res);
	return found;
}

static PGresult *db_offer_matching(struct db *db, long long org_id, const char *tags_literal)
{
	DB_ID(org, org_id);
	return db_q(db, "SELECT " COLS " FROM offers WHERE org_id = $1 AND active AND tags && $2::text[]"
		    " ORDER BY lower(title), id", org, tags_literal);
}

int db_offer_matching_list(struct db *db, struct arena *a, long long org_id, const char *tags_literal,
			   struct offer_row **out)
{
	return read_rows(a, db_offer_matching(db, org_id, tags_literal), out);
}


long long db_offer_create(struct db *db, long long org_id, const struct offer_fields *f)
{
	DB_ID(org, org_id);
	PGresult *res = db_q(db, "INSERT INTO offers(org_id, title, provider, description, contact, url, tags, active,"
			     " price, region) VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::boolean, $9, $10) RETURNING id",
			     org, f->title, f->provider, f->description, f->contact, f->url, f->tags,
			     f->active ? "true" : "false", f->price ? f->price : "", f->region ? f->region : "");
	if (!res)
		return -1;
	long long id = db_ll(res, 0, 0, -1);
	PQclear(res);
	return id;
}

int db_offer_add_once(struct db *db, long long org_id, const struct offer_fields *f)
{
	DB_ID(org, org_id);
	return db_x(db, "INSERT INTO offers(org_id, title, provider, description, contact, url, tags, active, price, region)"
		    " SELECT $1, $2, $3, $4, $5, $6, $7::text[], $8::boolean, $9, $10 WHERE NOT EXISTS"
		    " (SELECT 1 FROM offers WHERE org_id = $1 AND title = $2)",
		    org, f->title, f->provider, f->description, f->contact, f->url, f->tags, f->active ? "true" : "false",
		    f->price ? f->price : "", f->region ? f->region : "");
}

int db_offer_update(struct db *db, long long org_id, long long offer_id, const struct offer_fields *f)
{
	DB_ID(org, org_id);
	DB_ID(id, offer_id);
	PGresult *res = db_q(db, "UPDATE offers SET title = $3, provider = $4, description = $5, contact = $6,"
			     " url = $7, tags = $8::text[], active = $9::boolean, price = $10, region = $11, updated_at = now()"
			     " WHERE org_id = $1 AND id = $2 RETURNING id",
			     org, id, f->title, f->provider, f->description, f->contact, f->url, f->tags,
			     f->active ? "true" : "false", f->price ? f->price : "", f->region ? f->region : "");
	if (!res)
		return -1;
	int n = PQntuples(res);
	PQclear(res);
	return n == 1;
}

int db_offer_deactivate(struct db *db, long long org_id, long long offer_id)
{
	DB_ID(org, org_id);
	DB_ID(id, offer_id);
	PGresult *res = db_q(db, "UPDATE offers SET active = false, updated_at = now()"
			     " WHERE org_id = $1 AND id = $2 RETURNING id", org, id);
	if (!res)
		return -1;
	int n = PQntuples(res);
	PQclear(res);
	return n == 1;
}

long long db_offer_import_add(struct db *db, long long org_id, long long user_id, const char *file_name,
			      const char *offers_json, const char *base_digest)
{
	DB_ID(org, org_id);
	DB_ID(user, user_id);
	if (db_x(db, "DELETE FROM offer_imports WHERE org_id = $1 AND created_at < now() - interval '7 days'", org) < 0)
		return -1;
	PGresult *res = db_q(db, "INSERT INTO offer_imports(org_id, user_id, file_name, offers, base_digest)"
			     " VALUES ($1, $2, $3, $4::jsonb, $5) RETURNING id",
			     org, user, file_name, offers_json, base_digest);
	return db_rows_one_ll(res, -1);
}

int db_offer_import_get(struct db *db, struct arena *a, long long org_id, long long import_id,
			struct offer_import_row *out)
{
	DB_ID(org, org_id);
	DB_ID(id, import_id);
	PGresult *res = db_q(db, "SELECT id, file_name, offers::text, base_digest, applied_at IS NOT NULL"
			     " FROM offer_imports WHERE org_id = $1 AND id = $2", org, id);
	int found = db_rows_found(res);
	if (found != 1)
		return found;
	out->id = db_ll(res, 0, 0, 0);
	out->file_name = db_row_str(a, res, 0, 1);
	out->offers = db_row_str(a, res, 0, 2);
	out->base_digest = db_row_str(a, res, 0, 3);
	out->applied = db_bool(res, 0, 4);
	PQclear(res);
	return 1;
}

int db_offer_import_mark_applied(struct db *db, long long org_id, long long import_id)
{
	DB_ID(org, org_id);
	DB_ID(id, import_id);
	/* id is the key: at most one row, so the count is 1 or 0 */
	return db_rows_count(db_q(db, "UPDATE offer_imports SET applied_at = now()"
				  " WHERE org_id = $1 AND id = $2 AND applied_at IS NULL RETURNING id", org, id));
}
