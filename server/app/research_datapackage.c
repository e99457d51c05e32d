/* research_datapackage.c: the Data Package descriptor and zip of the wide CSV; see research_datapackage.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/app/research_datapackage.h"
#include "server/app/research_export.h"
#include "common/zip.h"
#include "common/banned.h"

static const char *tr(const char *lang, const char *nl, const char *en)
{
	return lang && strcmp(lang, "en") == 0 ? en : nl;
}

struct cat_ctx {
	cJSON *categories, *values;
};

static void number_category(void *ctx, double value, const char *label)
{
	struct cat_ctx *c = ctx;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "value", value);
	cJSON_AddStringToObject(o, "label", label);
	cJSON_AddItemToArray(c->categories, o);
	cJSON_AddItemToArray(c->values, cJSON_CreateNumber(value));
}

static void string_category(void *ctx, const char *value, const char *label)
{
	struct cat_ctx *c = ctx;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "value", value);
	cJSON_AddStringToObject(o, "label", label);
	cJSON_AddItemToArray(c->categories, o);
	cJSON_AddItemToArray(c->values, cJSON_CreateString(value));
}

/* The Table Schema type of v (the CSV's own text decides: codes are integers). */
static const char *field_type(const struct xvar *v)
{
	switch (v->kind) {
	case XV_SCAN: case XV_VERSION: case XV_DEMO: case XV_OPTION: return "integer";
	case XV_MONTH: return "yearmonth";
	case XV_ANSWER: return v->item->type == ITEM_NUMBER ? "number" : "integer";
	case XV_ITEM_SCORE: case XV_SCORE: return "number";
	default: return "string";
	}
}

/* categories + constraints.enum for a coded variable; nothing for the others. */
static void field_categories(cJSON *field, cJSON *constraints, const struct xvar *v, const char *lang)
{
	struct cat_ctx c = {cJSON_CreateArray(), cJSON_CreateArray()};
	if (v->is_string)
		codebook_string_categories(v, lang, string_category, &c);
	else
		codebook_value_labels(v, lang, number_category, &c);
	if (cJSON_GetArraySize(c.categories) == 0) {
		cJSON_Delete(c.categories);
		cJSON_Delete(c.values);
		return;
	}
	cJSON_AddItemToObject(field, "categories", c.categories);
	if (v->kind == XV_ANSWER && v->item->type == ITEM_LIKERT5)
		cJSON_AddTrueToObject(field, "categoriesOrdered");
	cJSON_AddItemToObject(constraints, "enum", c.values);
}

static void field_range(cJSON *constraints, const struct xvar *v)
{
	const struct item *it = v->item;
	if (v->kind == XV_SCAN || v->kind == XV_VERSION)
		cJSON_AddNumberToObject(constraints, "minimum", 1);
	else if (v->kind == XV_ITEM_SCORE || v->kind == XV_SCORE) {
		cJSON_AddNumberToObject(constraints, "minimum", 0);
		cJSON_AddNumberToObject(constraints, "maximum", v->kind == XV_SCORE ? 100 : 1);
	} else if (v->kind == XV_ANSWER && it->type == ITEM_NUMBER) {
		if (it->has_min)
			cJSON_AddNumberToObject(constraints, "minimum", it->min);
		if (it->has_max)
			cJSON_AddNumberToObject(constraints, "maximum", it->max);
	}
}

/* The field's own missing values (Table Schema v2) and their meaning in words. */
static void field_missing(cJSON *field, const struct xvar *v, const char *lang)
{
	double codes[3];
	size_t nm = codebook_missing(v, codes);
	if (v->kind == XV_TEXT) {
		cJSON *mv = cJSON_AddArrayToObject(field, "missingValues");
		cJSON_AddItemToArray(mv, cJSON_CreateString(""));
		cJSON_AddStringToObject(field, "description",
					tr(lang, "Leeg: niet beantwoord of niet gedeeld. Een tekst die met =, +, -, @ begint, "
						 "heeft een apostrof ervoor (tegen spreadsheetformules).",
					   "Empty: not answered or not shared. A text that starts with =, +, -, @ has an "
					   "apostrophe in front (against spreadsheet formulas)."));
		return;
	}
	if (nm == 0)
		return;
	cJSON *mv = cJSON_AddArrayToObject(field, "missingValues");
	char text[256] = "";
	size_t used = 0;
	for (size_t m = 0; m < nm; m++) {
		char code[16];
		snprintf(code, sizeof(code), "%g", codes[m]);
		cJSON_AddItemToArray(mv, cJSON_CreateString(code));
		int n = snprintf(text + used, sizeof(text) - used, "%s%s = %s", m ? "; " : "", code,
				 codebook_missing_label(codes[m], lang));
		if (n > 0 && (size_t)n < sizeof(text) - used)
			used += (size_t)n;
	}
	cJSON_AddStringToObject(field, "description", text);
}

static cJSON *field_json(const struct xvar *v, const char *lang)
{
	cJSON *field = cJSON_CreateObject();
	cJSON_AddStringToObject(field, "name", v->name);
	cJSON_AddStringToObject(field, "title", tr(lang, v->label_nl, v->label_en));
	cJSON_AddStringToObject(field, "type", field_type(v));
	cJSON *constraints = cJSON_CreateObject();
	if (v->kind == XV_PSEUDONYM) {
		cJSON_AddStringToObject(constraints, "pattern", "[0-9a-f]{16}");
	}
	if (v->kind <= XV_DEMO && v->kind != XV_REGION)
		cJSON_AddTrueToObject(constraints, "required");
	field_categories(field, constraints, v, lang);
	field_range(constraints, v);
	field_missing(field, v, lang);
	if (cJSON_GetArraySize(constraints) > 0)
		cJSON_AddItemToObject(field, "constraints", constraints);
	else
		cJSON_Delete(constraints);
	return field;
}

cJSON *research_datapackage_descriptor(const struct codebook *cb, const char *lang, const char *csv_name,
				       long long csv_bytes)
{
	char name[64];
	snprintf(name, sizeof(name), "fphc-scans-v%ld", cb->q->version);
	cJSON *pkg = cJSON_CreateObject();
	cJSON_AddStringToObject(pkg, "profile", "tabular-data-package");
	cJSON_AddStringToObject(pkg, "name", name);
	cJSON_AddStringToObject(pkg, "title", tr(lang, "FPHC-scans (gepseudonimiseerd), één rij per scan",
						 "FPHC scans (pseudonymised), one row per scan"));
	cJSON_AddStringToObject(pkg, "description",
				tr(lang, "Ontbrekend: -1 = niet beantwoord, -2 = weet ik niet / niet van toepassing, "
					 "-3 = te weinig antwoorden voor een score, leeg = geen tekst.",
				   "Missing: -1 = not answered, -2 = don't know / not applicable, "
				   "-3 = insufficient answers for a score, empty = no text."));
	cJSON *resources = cJSON_AddArrayToObject(pkg, "resources");
	cJSON *r = cJSON_CreateObject();
	cJSON_AddItemToArray(resources, r);
	cJSON_AddStringToObject(r, "name", "scans");
	cJSON_AddStringToObject(r, "path", csv_name);
	cJSON_AddStringToObject(r, "profile", "tabular-data-resource");
	cJSON_AddStringToObject(r, "format", "csv");
	cJSON_AddStringToObject(r, "mediatype", "text/csv");
	cJSON_AddStringToObject(r, "encoding", "utf-8");
	if (csv_bytes >= 0)
		cJSON_AddNumberToObject(r, "bytes", (double)csv_bytes);
	cJSON *dialect = cJSON_AddObjectToObject(r, "dialect");
	cJSON_AddStringToObject(dialect, "delimiter", ",");
	cJSON_AddStringToObject(dialect, "lineTerminator", "\r\n");
	cJSON_AddStringToObject(dialect, "quoteChar", "\"");
	cJSON_AddTrueToObject(dialect, "doubleQuote");
	cJSON_AddTrueToObject(dialect, "header");
	cJSON *schema = cJSON_AddObjectToObject(r, "schema");
	cJSON *fields = cJSON_AddArrayToObject(schema, "fields");
	for (size_t i = 0; i < cb->n; i++)
		cJSON_AddItemToArray(fields, field_json(&cb->vars[i], lang));
	/* v1 readers know only the schema-wide list: every code the file uses */
	cJSON *mv = cJSON_AddArrayToObject(schema, "missingValues");
	static const char *const codes[] = {"", "-1", "-2", "-3"};
	for (size_t i = 0; i < 4; i++)
		cJSON_AddItemToArray(mv, cJSON_CreateString(codes[i]));
	cJSON *pk = cJSON_AddArrayToObject(schema, "primaryKey");
	cJSON_AddItemToArray(pk, cJSON_CreateString("pseudonym"));
	cJSON_AddItemToArray(pk, cJSON_CreateString("scan"));
	return pkg;
}

/* Copies the whole of in into the open zip entry. */
static int copy_into(struct zip_writer *zw, FILE *in)
{
	char chunk[65536];
	size_t n;
	rewind(in);
	while ((n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		if (zip_entry_write(zw, chunk, n) != 0)
			return -1;
	return ferror(in) ? -1 : 0;
}

int research_datapackage_write_zip(struct db *db, const struct questionnaire *q, const struct codebook *cb,
				   const struct research_filter *f, const char *lang, FILE *out, long long *rows,
				   char *err, size_t errlen)
{
	char csv_name[64];
	export_format_filename(EXPORT_WIDE, q->version, csv_name, sizeof(csv_name));
	FILE *csv = tmpfile(); /* the CSV's size goes into the descriptor, so it comes first */
	if (!csv) {
		snprintf(err, errlen, "no temporary file for the CSV");
		return -1;
	}
	int rc = -1;
	char *json = NULL;
	struct zip_writer zw;
	zip_writer_init(&zw, out, time(NULL));
	if (research_export_write(db, q, f, EXPORT_WIDE, lang, csv, rows, err, errlen) != 0)
		goto done;
	if (fflush(csv) != 0) {
		snprintf(err, errlen, "writing the CSV failed");
		goto done;
	}
	long bytes = ftell(csv);
	cJSON *pkg = research_datapackage_descriptor(cb, lang, csv_name, bytes);
	json = cJSON_Print(pkg);
	cJSON_Delete(pkg);
	if (!json)
		abort();
	if (zip_entry_begin(&zw, csv_name) != 0 || copy_into(&zw, csv) != 0 || zip_entry_end(&zw) != 0 ||
	    zip_entry_begin(&zw, "datapackage.json") != 0 || zip_entry_write(&zw, json, strlen(json)) != 0 ||
	    zip_entry_write(&zw, "\n", 1) != 0 || zip_entry_end(&zw) != 0 || zip_writer_finish(&zw) != 0) {
		snprintf(err, errlen, "writing the zip failed (or it would pass 4 GiB: use the CLI's directory output)");
		goto done;
	}
	rc = 0;
done:
	zip_writer_release(&zw);
	cJSON_free(json);
	fclose(csv);
	return rc;
}
