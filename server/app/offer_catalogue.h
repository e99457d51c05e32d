/* offer_catalogue.h: the association's offer catalogue as a spreadsheet (issue 19.7) — export
 * as .xlsx or CSV, and an edited file read back, checked row by row with the rules of the
 * offer form (offer_check.h) and compared with the stored catalogue before anything is stored.
 *
 * The file is the whole catalogue: one row per offer, the columns of offer_catalogue_columns.
 * A row with an id changes that offer; a row without one adds an offer, or changes the
 * stored offer with the same provider and title; a stored active offer that no row names is
 * switched off (never deleted: chosen offers refer to it). Problems are located as
 * "Tabblad aanbod, rij 14, kolom price" (CSV: "Rij 14, kolom price") in plain Dutch.
 *
 * Ownership: a struct offer_catalogue owns its rows and strings (its arena); release it
 * with offer_catalogue_release(). Out of memory aborts (common/buf.h). */
#ifndef FPHC_OFFER_CATALOGUE_H
#define FPHC_OFFER_CATALOGUE_H

#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"
#include "common/buf.h"
#include "scoring/problems.h"
#include "server/db/offer.h"

#define OFFER_CATALOGUE_SHEET "aanbod"
#define OFFER_CATALOGUE_README "leesmij"
#define OFFER_CATALOGUE_MAX_ROWS 5000   /* offers in one file: far beyond a region's mapping */

enum offer_column {
	OFFER_COL_ID, OFFER_COL_PROVIDER, OFFER_COL_TITLE, OFFER_COL_DESCRIPTION, OFFER_COL_CONTACT,
	OFFER_COL_URL, OFFER_COL_PRICE, OFFER_COL_REGION, OFFER_COL_TAGS, OFFER_COL_ACTIVE, OFFER_COL_COUNT
};

struct offer_column_def {
	const char *name;    /* the header cell, e.g. "provider" */
	const char *explain; /* Dutch, for the header comment and the read-me sheet */
};
extern const struct offer_column_def offer_catalogue_columns[OFFER_COL_COUNT];

/* One row of the file, checked. f.tags is the array literal; tags the text "a, b". */
struct catalogue_offer {
	long long id;        /* 0: a new offer (until compared) */
	struct offer_fields f;
	const char *tags;
	uint32_t row;        /* the row in the file (0 for rows read back from JSON) */
};

struct offer_catalogue {
	struct arena arena;
	struct catalogue_offer *offers;
	size_t n, cap;
	int csv;             /* read from CSV: locations say "Rij" without a sheet */
};

#define OFFER_CATALOGUE_INIT { ARENA_INIT, NULL, 0, 0, 0 }

/* Reads an .xlsx (by its zip signature) or CSV file of len bytes and checks every row.
 * Returns 0 when every row is usable, else -1 with every problem added (a file that is
 * not a readable spreadsheet gives one problem with an empty path). */
int offer_catalogue_read(const void *data, size_t len, struct offer_catalogue *cat, struct problems *problems);

enum offer_change_kind { OFFER_ADDED, OFFER_CHANGED, OFFER_SWITCHED_OFF };

/* One difference with the stored catalogue; for OFFER_CHANGED one per changed column. */
struct offer_change {
	enum offer_change_kind kind;
	long long id;        /* the stored offer (0 for an added one) */
	const char *title;
	const char *column;  /* OFFER_CHANGED: the column's name */
	const char *before, *after;
};

struct offer_catalogue_diff {
	struct offer_change *changes;
	size_t n, cap;
	size_t added, changed, switched_off; /* offers, not columns */
};

/* Compares a read catalogue with the stored offers: sets each row's id (a row without one
 * that matches a stored offer's provider and title takes its id) and fills an empty diff
 * (strings in cat's arena). Adds a problem for an id that is not the association's and for
 * two rows of the same offer. Returns 0, or -1 after adding problems. */
int offer_catalogue_compare(struct offer_catalogue *cat, const struct offer_row *stored, int n_stored,
			    struct offer_catalogue_diff *diff, struct problems *problems);
void offer_catalogue_diff_release(struct offer_catalogue_diff *diff);

/* The checked rows as JSON (malloc'd; free it) to keep until the admin confirms, and back
 * into an empty catalogue (0, or -1 when the text is not such a list). */
char *offer_catalogue_to_json(const struct offer_catalogue *cat);
int offer_catalogue_from_json(const char *json, struct offer_catalogue *cat);

/* A digest (hex sha256) of the stored offers, to notice a catalogue changed between the
 * upload and its confirmation. */
void offer_catalogue_digest(const struct offer_row *stored, int n_stored, char out[65]);

/* The stored offers as a workbook (a catalogue sheet and a read-me) or as CSV (';',
 * UTF-8 with a byte-order mark so Excel reads the accents; cells a spreadsheet would
 * evaluate start with an apostrophe, which the import removes again). 0 or -1. */
int offer_catalogue_xlsx(const struct offer_row *stored, int n_stored, struct buf *out);
int offer_catalogue_csv(const struct offer_row *stored, int n_stored, struct buf *out);

void offer_catalogue_release(struct offer_catalogue *cat);

#endif
