/* questionnaire_import.h: an edited questionnaire workbook checked against the stored versions —
 * the one use case behind `fphc questionnaire import` and the back office's upload (issue 19).
 *
 * Check: read the .xlsx (common/xlsx.h), turn it into a definition with the checks of
 * `fphc questionnaire check` (scoring/questionnaire_sheet.h), then compare it with the
 * version it came from: the stored version with the same key and number, else the
 * newest stored version of the key. Nothing is stored. Publish: store a checked
 * definition with the loader's rules (a text revision, or a new version; a changed
 * structure under a stored number is refused). */
#ifndef FPHC_QUESTIONNAIRE_IMPORT_H
#define FPHC_QUESTIONNAIRE_IMPORT_H

#include <stddef.h>

#include "scoring/questionnaire.h"
#include "scoring/questionnaire_diff.h"
#include "server/db/db.h"

struct questionnaire_import {
	char read_error[256];     /* the reader's sentence when the file is not a usable workbook */
	struct problems problems; /* located Dutch problems */
	char *json;               /* the checked definition (malloc'd) when there are no problems */
	char key[QUESTIONNAIRE_KEY_MAX + 1];
	long version;
	int has_base;             /* a stored version to compare with was found */
	long base_version;
	struct questionnaire_diff diff; /* valid when has_base */
};

enum import_outcome {
	IMPORT_OK,        /* json and (with has_base) diff are set */
	IMPORT_PROBLEMS,  /* read_error or problems say why */
	IMPORT_DB_ERROR,
};

/* Checks the workbook bytes; fills an uninitialised `im` (release it always). With
 * db NULL nothing is compared (see questionnaire_import_compare). */
enum import_outcome questionnaire_import_check(struct db *db, const void *xlsx, size_t len,
					       struct questionnaire_import *im);
/* The same for a definition stored as a draft after those checks (the draft's page
 * shown again): sets json, key, version and the diff. */
enum import_outcome questionnaire_import_check_stored(struct db *db, const char *json,
						      struct questionnaire_import *im);
/* Compares a checked import with the definition `base` (JSON) instead; 0, or -1
 * when base does not load. */
int questionnaire_import_compare(struct questionnaire_import *im, const char *base);
void questionnaire_import_release(struct questionnaire_import *im);

enum publish_outcome {
	PUBLISH_VERSION = 1,   /* stored as a new version */
	PUBLISH_REVISION = 2,  /* stored as a text revision (number in *revision) */
	PUBLISH_UNCHANGED = 0, /* the same as the newest revision: nothing stored */
	PUBLISH_REFUSED = -1,  /* a structure change under a stored version number, or a database error */
};

/* Stores a definition that questionnaire_import_check accepted; file_name is recorded
 * with it. On PUBLISH_REFUSED err holds the loader's reason. */
enum publish_outcome questionnaire_import_publish(struct db *db, const char *json, const char *file_name,
						  int *revision, char *err, size_t errlen);

#endif
