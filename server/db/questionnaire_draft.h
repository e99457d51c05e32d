/* questionnaire_draft.h: checked questionnaire workbooks waiting to be published (issue 19),
 * per association. The definition is stored as the import produced it. */
#ifndef FPHC_DB_QUESTIONNAIRE_DRAFT_H
#define FPHC_DB_QUESTIONNAIRE_DRAFT_H

#include "common/arena.h"
#include "server/db/db.h"

struct questionnaire_draft {
	long long id;
	const char *file_name;
	const char *definition_json;
	int published;   /* published_at is set */
};

/* Stores a draft and drops the association's unpublished drafts older than a week; its id, or -1. */
long long db_questionnaire_draft_add(struct db *db, long long org_id, long long user_id, const char *file_name,
				     const char *json);
/* Draft `id` of the association into *out (strings in the arena): 1 found, 0 none, -1 error. */
int db_questionnaire_draft_get(struct db *db, struct arena *a, long long org_id, long long id,
			       struct questionnaire_draft *out);
/* Marks an unpublished draft as published by user_id: 1 done, 0 not found or already published, -1 error. */
int db_questionnaire_draft_publish(struct db *db, long long org_id, long long id, long long user_id);

#endif
