/* settings.c: SQL for an association's settings and logo; see settings.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "server/db/settings.h"
#include "server/db/row.h"
#include "common/banned.h"

static PGresult *db_org_settings(struct db *db, long long org_id)
{
	DB_ID(id, org_id);
	return db_q(db, "SELECT name, region, privacy_contact, contact_email, retention_years, show_first_impression,"
			" owner_report_download, share_research, share_open_text, free_of_charge, invitation_subject,"
			" invitation_template, logo_png IS NOT NULL, slug, kind FROM organisations WHERE id = $1", id);
}

int db_org_settings_get(struct db *db, struct arena *a, long long org_id, struct org_settings *out)
{
	PGresult *res = db_org_settings(db, org_id);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	if (found) {
		struct org_settings *s = out;
		s->name = db_row_str(a, res, 0, 0);
		s->region = db_row_str(a, res, 0, 1);
		s->privacy_contact = db_row_str(a, res, 0, 2);
		s->contact_email = db_row_str(a, res, 0, 3);
		s->retention_years = (int)db_ll(res, 0, 4, 0);
		int *flags[] = {&s->show_first_impression, &s->owner_report_download, &s->share_research,
				&s->share_open_text, &s->free_of_charge};
		for (int i = 0; i < 5; i++)
			*flags[i] = db_bool(res, 0, 5 + i);
		s->invitation_subject = db_row_str(a, res, 0, 10);
		s->invitation_template = db_row_str(a, res, 0, 11);
		s->has_logo = db_bool(res, 0, 12);
		s->slug = db_row_str(a, res, 0, 13);
		s->kind = db_row_str(a, res, 0, 14);
	}
	PQclear(res);
	return found;
}

int db_org_settings_save(struct db *db, long long org_id, const struct org_settings *s)
{
	char id[DB_ID_LEN], years[16];
	db_id_text(id, org_id);
	snprintf(years, sizeof(years), "%d", s->retention_years);
#define B(x) ((x) ? "true" : "false")
	return db_x(db, "UPDATE organisations SET name = $2, region = $3, privacy_contact = $4, contact_email = $5,"
			" retention_years = $6::int, show_first_impression = $7::boolean, owner_report_download = $8::boolean,"
			" share_research = $9::boolean, share_open_text = $10::boolean, free_of_charge = $11::boolean,"
			" invitation_subject = $12, invitation_template = $13 WHERE id = $1",
		    id, s->name, s->region, s->privacy_contact, s->contact_email, years, B(s->show_first_impression),
		    B(s->owner_report_download), B(s->share_research), B(s->share_open_text), B(s->free_of_charge),
		    s->invitation_subject, s->invitation_template);
#undef B
}

int db_org_logo_set(struct db *db, long long org_id, const void *data, size_t len)
{
	DB_ID(id, org_id);
	if (!data)
		return db_x(db, "UPDATE organisations SET logo_png = NULL WHERE id = $1", id);
	PGresult *res = db_query_bytes(db, "UPDATE organisations SET logo_png = $2::bytea WHERE id = $1", 2,
				       DB_PARAMS(id, NULL), 1, data, len);
	PQclear(res);
	return res ? 0 : -1;
}

unsigned char *db_org_logo(struct db *db, long long org_id, size_t *len)
{
	DB_ID(id, org_id);
	*len = 1;
	PGresult *res = db_qb(db, "SELECT logo_png FROM organisations WHERE id = $1 AND logo_png IS NOT NULL", id);
	if (!res)
		return NULL;
	*len = 0;
	unsigned char *out = NULL;
	if (PQntuples(res) == 1) {
		*len = (size_t)PQgetlength(res, 0, 0);
		out = malloc(*len ? *len : 1);
		if (!out)
			abort();
		memcpy(out, PQgetvalue(res, 0, 0), *len);
	}
	PQclear(res);
	return out;
}

int db_org_associations(struct db *db, struct arena *a, struct org_association **out)
{
	PGresult *res = db_query(db, "SELECT id, slug, name, region, free_of_charge FROM organisations"
				 " WHERE kind = 'association' ORDER BY lower(name)", 0, NULL);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct org_association *rows = arena_alloc(a, sizeof(*rows) * (n ? (size_t)n : 1));
	for (int i = 0; i < n; i++) {
		rows[i].id = db_ll(res, i, 0, 0);
		rows[i].slug = arena_strdup(a, db_str(res, i, 1));
		rows[i].name = arena_strdup(a, db_str(res, i, 2));
		rows[i].region = arena_strdup(a, db_str(res, i, 3));
		rows[i].free_of_charge = db_bool(res, i, 4);
	}
	PQclear(res);
	*out = rows;
	return n;
}
