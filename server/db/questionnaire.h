/* questionnaire.h: stored questionnaire versions (structure immutable once
 * loaded) and their text revisions (questionnaires/README.md). */
#ifndef FPHC_DB_QUESTIONNAIRE_H
#define FPHC_DB_QUESTIONNAIRE_H

#include <stdio.h>
#include "common/arena.h"
#include "server/db/db.h"

/* Stores a definition as (key, version), or checks that the stored version has
 * the same structure checksum (scoring/questionnaire_structure.h). When the
 * structure is the same but the file differs from the newest text revision,
 * the file is stored as the next text revision. `sha256` is of the file bytes.
 * Returns 1 when the version was stored now, 2 when a new text revision was
 * stored (its number in *revision), 0 when already there unchanged, -1 when
 * the structure changed (message on log: make a new version) or on a database
 * error. */
int db_questionnaire_store(struct db *db, const char *key, int version, const char *sha256,
			   const char *structure_sha256, const char *file_name, const char *json,
			   FILE *log, int *revision);
/* The id of the newest version of `key`; 0 when none, -1 on error. */
long long db_questionnaire_latest(struct db *db, const char *key);
/* The version new invitations of the association use: the one its admin chose, else the
 * newest version of fphc. Its id; 0 when none is stored, -1 on error. */
long long db_questionnaire_for_invitations(struct db *db, long long org_id);
/* The admin's choice for new invitations; questionnaire_id 0 means "the newest". 1 done,
 * 0 when the association or the version does not exist, -1 on error. */
int db_questionnaire_choose_for_invitations(struct db *db, long long org_id, long long questionnaire_id);
/* 1 when the association owns its questionnaire (its admins may publish), 0 when not, -1 on error. */
int db_org_owns_questionnaire(struct db *db, long long org_id);
/* Sets it for the association `slug`: 1 done, 0 no such association, -1 on error. */
int db_org_set_owns_questionnaire(struct db *db, const char *slug, int owns);
/* The chosen version of the association; 0 when none was chosen, -1 on error. */
long long db_questionnaire_chosen(struct db *db, long long org_id);
/* The id of version `version` of `key`; 0 when not stored, -1 on error. */
long long db_questionnaire_id(struct db *db, const char *key, long version);

/* A stored version with the texts of its newest text revision
 * (questionnaires/README.md); strings in the arena. */
struct questionnaire_stored {
	long long id;
	const char *definition_json;  /* the newest revision's definition, else the version's */
	const char *sha256;           /* of the version's file bytes, hex */
	int text_revision;            /* 1 when no revision was added */
};
/* The stored versions, by id; questionnaire_id 0 reads all, else only that one.
 * The row count or -1 on error. */
int db_questionnaire_stored(struct db *db, struct arena *a, long long questionnaire_id,
			    struct questionnaire_stored **out);
/* The newest text revision of questionnaires.id (1 when none was added), or -1 on error. */
int db_questionnaire_newest_revision(struct db *db, long long questionnaire_id);

#endif
