/* research_datapackage.h: the wide research CSV as a Frictionless Data Package —
 * a datapackage.json whose Table Schema gives each column its type, its label
 * (title), its categories with labels and its missing codes — written beside the
 * CSV into one zip (web, `fphc export --format datapackage -o x.zip`) or as the
 * descriptor alone (the CLI's directory output).
 *
 * The schema says exactly what the CSV holds: integer codes, numbers as the
 * shortest exact text, "YYYY-MM" months (yearmonth), missing codes -1/-2/-3 and
 * "" declared in missingValues (schema-wide for Table Schema v1 readers, per
 * field for v2), allowed codes as constraints.enum, their labels as v2
 * `categories` ({value, label}), and (pseudonym, scan) as the primary key. */
#ifndef FPHC_RESEARCH_DATAPACKAGE_H
#define FPHC_RESEARCH_DATAPACKAGE_H

#include <stdio.h>
#include <cJSON.h>

#include "scoring/questionnaire.h"
#include "server/db/research.h"
#include "server/app/research_codebook.h"

/* The descriptor of the wide CSV of cb's questionnaire, stored as csv_name
 * (the resource path, relative to the descriptor) of csv_bytes bytes (< 0:
 * unknown, left out). lang picks titles and labels. Caller frees (cJSON_Delete). */
cJSON *research_datapackage_descriptor(const struct codebook *cb, const char *lang, const char *csv_name,
				       long long csv_bytes);

/* Writes a zip holding the wide CSV export ("fphc-scans-vN.csv") and its
 * datapackage.json to out; *rows = scans written. Returns 0, or -1 with a
 * message in err (out then holds no valid archive). */
int research_datapackage_write_zip(struct db *db, const struct questionnaire *q, const struct codebook *cb,
				   const struct research_filter *f, const char *lang, FILE *out, long long *rows,
				   char *err, size_t errlen);

#endif
