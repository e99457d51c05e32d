/* settings.h: an association's settings as its admins edit them (and the logo). */
#ifndef FPHC_DB_SETTINGS_H
#define FPHC_DB_SETTINGS_H

#include "common/arena.h"
#include "server/db/db.h"

struct org_settings {
	const char *name;
	const char *region;
	const char *privacy_contact;
	const char *contact_email;
	int retention_years;             /* 1..30 */
	int show_first_impression;       /* booleans: 0 or 1 */
	int owner_report_download;
	int share_research;
	int share_open_text;
	int free_of_charge;
	const char *invitation_subject;
	const char *invitation_template;
	/* Read only: db_org_settings_get fills them, db_org_settings_save leaves them. */
	int has_logo;
	const char *slug;
	const char *kind;                /* "association" or "research" */
};

/* Reads the organisation's settings (strings in the arena, "" when empty).
 * 1 found, 0 no such organisation, -1 error. */
int db_org_settings_get(struct db *db, struct arena *a, long long org_id, struct org_settings *out);
/* Saves every field of s. 0 or -1. */
int db_org_settings_save(struct db *db, long long org_id, const struct org_settings *s);
/* Stores a PNG (already checked) as the logo; data NULL removes it. 0 or -1. */
int db_org_logo_set(struct db *db, long long org_id, const void *data, size_t len);
/* The logo as a malloc'd buffer (caller frees) with its length; NULL with *len 0
 * when there is none, NULL with *len 1 on error. */
unsigned char *db_org_logo(struct db *db, long long org_id, size_t *len);
/* An association as the public page lists it; strings in the arena. */
struct org_association {
	long long id;
	const char *slug, *name, *region;
	int free_of_charge;
};
/* The associations that take requests from the public page, by name; the row
 * count or -1 on error. */
int db_org_associations(struct db *db, struct arena *a, struct org_association **out);

#endif
