/* questionnaire_sheet.h: a questionnaire definition as a workbook — one sheet per level, one row
 * per element, the columns of the JSON format (questionnaires/README.md).
 *
 * The column table below is the one description of the workbook: the export
 * (JSON → xlsx_book) and the import (xlsx_book → JSON) both walk it, and the
 * xlsx writer takes its header explanations and closed value lists from it.
 *
 * Rows refer to their parent by key (an item row names its theme), and the row
 * order is the questionnaire order. Row 1 holds the column names; data starts
 * in row 2. A member absent from the JSON is an empty cell, and an empty cell
 * is an absent member, so "reverse": false and no "reverse" survive a round
 * trip apart (the structure checksum tells them apart too).
 *
 * Problems of an import are located as "Tabblad items, rij 14, kolom weight"
 * and worded in plain Dutch. Out of memory aborts (common/buf.h). */
#ifndef FPHC_QUESTIONNAIRE_SHEET_H
#define FPHC_QUESTIONNAIRE_SHEET_H

#include <stddef.h>

#include "common/xlsx.h"
#include "scoring/problems.h"

enum sheet_kind {
	SHEET_KEY,    /* the element's own key */
	SHEET_REF,    /* the key of the parent element (not a JSON member of the row) */
	SHEET_TEXT,   /* one language of a text {nl, en}: member.sub */
	SHEET_PLAIN,  /* a plain string (unit) */
	SHEET_NUMBER, /* member, or member.sub (points.yes) */
	SHEET_BOOL,   /* ja / nee */
	SHEET_CHOICE, /* one of `choices` */
	SHEET_TAGS,   /* a list of keys, separated by commas */
};

struct sheet_column {
	const char *name;        /* header cell, e.g. "title_nl" */
	enum sheet_kind kind;
	const char *member;      /* the JSON member it fills (NULL for SHEET_REF) */
	const char *sub;         /* "nl"/"en" for texts, "yes"/"no" for points */
	const char *const *choices; /* SHEET_CHOICE, SHEET_BOOL: NULL-terminated */
	const char *explain;     /* Dutch, for the header comment and the read-me sheet */
};

enum sheet_id {
	SHEET_QUESTIONNAIRE,
	SHEET_PILLARS,
	SHEET_THEMES,
	SHEET_ITEMS,
	SHEET_OPTIONS,
	SHEET_NUMBER_BANDS,
	SHEET_SCALE,
	SHEET_TIPS,
	SHEET_BANDS,
	SHEET_BAND_TEXTS,
	SHEET_PROFILE,
	SHEET_COUNT
};

struct sheet_def {
	const char *name;        /* the sheet's tab name */
	const char *explain;     /* Dutch: what one row is */
	const struct sheet_column *columns;
	size_t n_columns;
};

extern const struct sheet_def questionnaire_sheets[SHEET_COUNT];
/* The read-me sheet's name; the import ignores it. */
#define QUESTIONNAIRE_SHEET_README "leesmij"
/* The values a SHEET_BOOL cell shows (the import also takes true/false, waar/onwaar, 1/0). */
extern const char *const questionnaire_sheet_bool_choices[];

/* Fills an empty book with the sheets of the definition (JSON text of len
 * bytes, which must be a valid definition), in questionnaire_sheets order,
 * each with its header row. Returns 0, or -1 when the text is not a JSON
 * object. */
int questionnaire_sheet_export(const char *json, size_t len, struct xlsx_book *book);

/* Turns a workbook back into definition JSON and checks it with the same
 * rules as `fphc questionnaire check` (questionnaire_parse and
 * questionnaire_check_texts). Returns the JSON text (malloc'd; free() it), or
 * NULL after adding every problem to `problems`, each with the location
 * ("Tabblad items, rij 14, kolom weight") as its path and a Dutch message. */
char *questionnaire_sheet_import(const struct xlsx_book *book, struct problems *problems);

/* The Dutch wording of a validator message (scoring's messages are English);
 * writes into out and returns it. (questionnaire_sheet_nl.c) */
const char *questionnaire_sheet_dutch(const char *message, char *out, size_t outlen);

#endif
