/* profile.c: the company profile of a scan (sector, FTE, employees,
 * municipality), prefilled from the invitation. FTE outside 10–300 is allowed
 * after a notice that the scan was made for that range. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "server/pages/respondent/respondent.h"
#include "server/http/page.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "common/text.h"
#include "common/number_nl.h"
#include "common/banned.h"

#define FTE_DESIGN_MIN 10.0
#define FTE_DESIGN_MAX 300.0

static const struct profile_field *field(const struct questionnaire *q, const char *key)
{
	for (size_t i = 0; i < q->profile.n_fields; i++)
		if (strcmp(q->profile.fields[i].key, key) == 0)
			return &q->profile.fields[i];
	return NULL;
}

static void add_field_texts(cJSON *ctx, const struct questionnaire *q, const char *key, const char *lang,
			    const char *fallback_key)
{
	char name[48];
	const struct profile_field *f = field(q, key);
	snprintf(name, sizeof(name), "%s_label", key);
	cJSON_AddStringToObject(ctx, name, f ? text_pair_get(&f->label, lang) : i18n_get(lang, fallback_key));
	const char *help = f ? text_pair_get(&f->help, lang) : NULL;
	if (help) {
		snprintf(name, sizeof(name), "%s_help", key);
		cJSON_AddStringToObject(ctx, name, help);
	}
}

/* Shows the form with these values (the stored ones, or what was posted). */
void scan_profile_show(struct req *r, const struct scan_ctx *s, int status, cJSON *ctx, const char *sector,
		 const char *fte, const char *employees, const char *municipality, int fte_notice)
{
	const struct questionnaire *q = s->q;
	cJSON_AddStringToObject(ctx, "fte", fte);
	cJSON_AddStringToObject(ctx, "employees", employees);
	cJSON_AddStringToObject(ctx, "municipality", municipality);
	cJSON_AddBoolToObject(ctx, "fte_notice", fte_notice);
	cJSON_AddStringToObject(ctx, "fte_seen", fte_notice ? fte : "");
	add_field_texts(ctx, q, "sector", r->lang, "scan.review.sector");
	add_field_texts(ctx, q, "fte", r->lang, "scan.review.fte");
	add_field_texts(ctx, q, "employees", r->lang, "scan.review.employees");
	add_field_texts(ctx, q, "municipality", r->lang, "scan.review.municipality");
	cJSON *list = cJSON_AddArrayToObject(ctx, "sectors");
	for (size_t i = 0; i < q->profile.n_sectors; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "key", q->profile.sectors[i].key);
		cJSON_AddStringToObject(o, "label", text_pair_get(&q->profile.sectors[i].label, r->lang));
		cJSON_AddBoolToObject(o, "selected", strcmp(q->profile.sectors[i].key, sector) == 0);
		cJSON_AddItemToArray(list, o);
	}
	page_render(r, status, "respondent/profile", i18n_get(r->lang, "scan.profile.title"), ctx);
}

/* "45.0" → "45", "12.5" stays. */
static const char *fte_display(struct req *r, const char *fte)
{
	double d;
	if (text_parse_double(fte, 0, 1e9, &d) != 0)
		return fte;
	return d == floor(d) ? arena_printf(&r->arena, "%.0f", d) : arena_printf(&r->arena, "%.1f", d);
}

static int outside_design(double fte)
{
	return fte < FTE_DESIGN_MIN || fte > FTE_DESIGN_MAX;
}

void scan_profile_get(struct req *r)
{
	struct scan_ctx s;
	if (scan_load(r, 0, &s) != 0 || scan_require_open(r, &s) != 0)
		return;
	const char *fte = fte_display(r, s.v.fte);
	double d;
	int notice = text_parse_double(fte, 0, 1e9, &d) == 0 && outside_design(d);
	scan_profile_show(r, &s, 200, scan_page_ctx(r, &s), s.v.sector, fte, s.v.employees, s.v.municipality, notice);
}

static int known_sector(const struct questionnaire *q, const char *sector)
{
	for (size_t i = 0; i < q->profile.n_sectors; i++)
		if (strcmp(q->profile.sectors[i].key, sector) == 0)
			return 1;
	return 0;
}

int scan_profile_read(struct req *r, const struct scan_ctx *s, cJSON *ctx, struct scan_profile_form *f)
{
	const char *sector = req_form(r, "sector"), *fte_in = req_form(r, "fte");
	const char *emp_in = req_form(r, "employees"), *muni_in = req_form(r, "municipality");
	const char *seen = req_form(r, "fte_seen");
	memset(f, 0, sizeof(*f));
	char *fte = arena_strdup(&r->arena, fte_in ? fte_in : "");
	char *emp = arena_strdup(&r->arena, emp_in ? emp_in : "");
	char *muni = arena_strdup(&r->arena, muni_in ? muni_in : "");
	text_normalize(fte, TEXT_LINE);
	text_normalize(emp, TEXT_LINE);
	text_normalize(muni, TEXT_LINE);
	f->sector = sector ? sector : "";
	f->fte = fte;
	f->employees = emp;
	f->municipality = muni;
	/* the same Dutch number reading as the questions (common/number_nl.c) */
	static const struct number_nl_range fte_range = {1, 1, 0.1, 100000};
	static const struct number_nl_range emp_range = {1, 1, 1, 1000000};
	double fte_v = 0, emp_d = 0;
	if (!known_sector(s->q, f->sector))
		page_field_error(ctx, "sector", i18n_get(r->lang, "scan.profile.sector_missing"));
	if (!fte[0])
		page_field_error(ctx, "fte", i18n_get(r->lang, "scan.profile.fte_missing"));
	else if (number_nl_parse(fte, "fte", &fte_range, &fte_v) != NUMBER_NL_OK)
		page_field_error(ctx, "fte", i18n_get(r->lang, "scan.profile.fte_invalid"));
	if (!emp[0])
		page_field_error(ctx, "employees", i18n_get(r->lang, "scan.profile.employees_missing"));
	else if (number_nl_parse(emp, NULL, &emp_range, &emp_d) != NUMBER_NL_OK || emp_d != floor(emp_d))
		page_field_error(ctx, "employees", i18n_get(r->lang, "scan.profile.employees_invalid"));
	if (strlen(muni) > 100)
		page_field_error(ctx, "municipality", i18n_get(r->lang, "scan.profile.municipality_invalid"));
	if (page_has_errors(ctx))
		return 1;
	snprintf(f->fte_stored, sizeof(f->fte_stored), "%.1f", fte_v);
	snprintf(f->employees_stored, sizeof(f->employees_stored), "%ld", (long)emp_d);
	/* Outside 10–300 FTE the owner sees the notice once and confirms by going on. */
	f->needs_notice = outside_design(fte_v) && !(seen && strcmp(seen, fte) == 0);
	return 0;
}

void scan_profile_post(struct req *r)
{
	struct scan_ctx s;
	if (scan_load(r, 0, &s) != 0 || scan_require_open(r, &s) != 0)
		return;
	cJSON *ctx = scan_page_ctx(r, &s);
	struct scan_profile_form f;
	if (scan_profile_read(r, &s, ctx, &f) != 0) {
		scan_profile_show(r, &s, 400, ctx, f.sector, f.fte, f.employees, f.municipality, 0);
		return;
	}
	int rc = db_scan_profile_save(req_db(r), s.v.id, f.sector, f.fte_stored, f.employees_stored, f.municipality,
				      f.needs_notice ? 0 : 1);
	if (!scan_stored(r, &s, rc))
		return;
	if (f.needs_notice) {
		scan_profile_show(r, &s, 200, ctx, f.sector, f.fte, f.employees, f.municipality, 1);
		return;
	}
	reply_redirect(r, scan_page_path(r, &s, 1));
}
