/* research_codebook.c: variables, labels and missing codes of the research exports; see codebook.h. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/app/research_codebook.h"
#include "scoring/score.h"
#include "common/number.h"
#include "scoring/peer.h"
#include "server/app/sector.h"
#include "common/banned.h"

static struct xvar *add(struct codebook *cb, size_t *cap, enum xvar_kind kind, const char *name,
			const char *nl, const char *en)
{
	if (cb->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		cb->vars = realloc(cb->vars, *cap * sizeof(*cb->vars));
		if (!cb->vars)
			abort();
	}
	struct xvar *v = &cb->vars[cb->n++];
	memset(v, 0, sizeof(*v));
	v->kind = kind;
	v->name = arena_strdup(&cb->arena, name);
	v->label_nl = arena_strdup(&cb->arena, nl);
	v->label_en = arena_strdup(&cb->arena, en);
	return v;
}

static struct xvar *add_meta(struct codebook *cb, size_t *cap, enum xvar_kind k, const char *name,
			     const char *nl, const char *en, int width)
{
	struct xvar *v = add(cb, cap, k, name, nl, en);
	v->is_string = width > 0;
	v->width = width;
	return v;
}

static void stata_names(struct codebook *cb);

void codebook_build(struct codebook *cb, const struct questionnaire *q)
{
	memset(cb, 0, sizeof(*cb));
	cb->q = q;
	size_t cap = 0;
	struct arena *a = &cb->arena;
	add_meta(cb, &cap, XV_PSEUDONYM, "pseudonym", "Pseudoniem van het bedrijf (HMAC-SHA256, 16 tekens)",
		 "Company pseudonym (HMAC-SHA256, 16 characters)", 16);
	add_meta(cb, &cap, XV_SCAN, "scan", "Nummer van de scan binnen het bedrijf (1, 2, ... in volgorde van insturen)",
		 "Number of the scan within the company (1, 2, ... in order of submission)", 0);
	add_meta(cb, &cap, XV_VERSION, "version", "Versie van de vragenlijst", "Questionnaire version", 0);
	add_meta(cb, &cap, XV_SECTOR, "sector", "Sector (SBI-sectie A-U)", "Sector (SBI section A-U)", 1);
	add_meta(cb, &cap, XV_SIZE_CLASS, "size_class", "Grootteklasse (fte)", "Size class (FTE)", 12);
	add_meta(cb, &cap, XV_REGION, "region", "Regio van de vereniging", "Region of the association", 64);
	add_meta(cb, &cap, XV_MONTH, "month", "Maand van insturen (JJJJ-MM)", "Month of submission (YYYY-MM)", 7);
	add_meta(cb, &cap, XV_DEMO, "demo", "Demogegevens (1 = ja)", "Demo data (1 = yes)", 0);
	for (size_t i = 0; i < q->n_items; i++) {
		const struct item *it = q->items[i];
		const char *th = q->themes[it->theme]->key, *pl = q->pillars[it->pillar].key;
		struct xvar *v = NULL;
		if (it->type == ITEM_TEXT) {
			v = add(cb, &cap, XV_TEXT, it->key, it->text.nl, it->text.en);
			v->is_string = 1;
			v->width = ANSWER_TEXT_MAX;
		} else if (it->type == ITEM_MULTI) {
			for (size_t o = 0; o < it->n_options; o++) {
				v = add(cb, &cap, XV_OPTION, arena_printf(a, "%s_%s", it->key, it->options[o].key),
					arena_printf(a, "%s: %s", it->text.nl, it->options[o].label.nl),
					arena_printf(a, "%s: %s", it->text.en, it->options[o].label.en));
				v->item = it, v->option = o, v->theme = th, v->pillar = pl, v->weight = it->weight;
			}
		} else {
			v = add(cb, &cap, XV_ANSWER, it->key, it->text.nl, it->text.en);
			v->item = it, v->theme = th, v->pillar = pl, v->weight = it->weight;
		}
		if (v && it->type == ITEM_TEXT)
			v->item = it, v->theme = th, v->pillar = pl;
		if (it->type != ITEM_TEXT) {
			v = add(cb, &cap, XV_ITEM_SCORE, arena_printf(a, "%s_score", it->key),
				arena_printf(a, "Itemscore 0-1: %s", it->text.nl),
				arena_printf(a, "Item score 0-1: %s", it->text.en));
			v->item = it, v->theme = th, v->pillar = pl, v->weight = it->weight;
		}
	}
	/* scores in scan_score_rows order: overall, then each pillar followed by its themes */
	size_t idx = 0;
	struct xvar *v = add(cb, &cap, XV_SCORE, "overall", "Totaalscore 0-100", "Overall score 0-100");
	v->score_index = idx++, v->level = "overall", v->weight = 1;
	for (size_t p = 0; p < q->n_pillars; p++) {
		const struct pillar *pl = &q->pillars[p];
		v = add(cb, &cap, XV_SCORE, arena_printf(a, "p_%s", pl->key),
			arena_printf(a, "Pijlerscore 0-100: %s", pl->title.nl),
			arena_printf(a, "Pillar score 0-100: %s", pl->title.en));
		v->score_index = idx++, v->level = "pillar", v->pillar = pl->key, v->weight = pl->weight;
		for (size_t t = 0; t < pl->n_themes; t++) {
			const struct theme *th = &pl->themes[t];
			v = add(cb, &cap, XV_SCORE, arena_printf(a, "t_%s", th->key),
				arena_printf(a, "Themascore 0-100: %s", th->title.nl),
				arena_printf(a, "Theme score 0-100: %s", th->title.en));
			v->score_index = idx++, v->level = "theme", v->theme = th->key, v->pillar = pl->key;
			v->weight = th->weight;
		}
	}
	stata_names(cb);
}

/* Stata's reserved words (the storage types str1…str2045 are handled apart). */
static int stata_reserved(const char *n)
{
	static const char *const words[] = {"_all", "_b", "byte", "_coef", "_cons", "double", "float", "if",
					     "in", "int", "long", "_n", "_N", "_pi", "_pred", "_rc", "_skip",
					     "strL", "using", "with"};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(n, words[i]) == 0)
			return 1;
	return strncmp(n, "str", 3) == 0 && n[3] >= '1' && n[3] <= '9' && strspn(n + 3, "0123456789") == strlen(n + 3);
}

/* Stata names: [A-Za-z0-9_], not starting with a digit, at most 32 characters,
 * not reserved, unique. A name that breaks a rule (or repeats an earlier one)
 * keeps its first characters and gets "_<position in the export>". */
static void stata_names(struct codebook *cb)
{
	for (size_t i = 0; i < cb->n; i++) {
		struct xvar *v = &cb->vars[i];
		char name[64];
		snprintf(name, sizeof(name), "%s%s", v->name[0] >= '0' && v->name[0] <= '9' ? "v" : "", v->name);
		for (char *p = name; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
				*p = '_';
		int clash = strlen(name) > 32 || stata_reserved(name) || strcmp(name, v->name) != 0;
		for (size_t j = 0; j < i && !clash; j++)
			clash = strcmp(cb->vars[j].stata_name, name) == 0;
		if (clash) {
			char suffix[16];
			int n = snprintf(suffix, sizeof(suffix), "_%zu", i + 1);
			size_t keep = strlen(name) > 32 - (size_t)n ? 32 - (size_t)n : strlen(name);
			snprintf(name + keep, sizeof(name) - keep, "%s", suffix);
		}
		v->stata_name = arena_strdup(&cb->arena, name);
	}
}

void codebook_release(struct codebook *cb)
{
	if (!cb)
		return;
	free(cb->vars);
	arena_release(&cb->arena);
	memset(cb, 0, sizeof(*cb));
}

static const char *tr(const char *lang, const char *nl, const char *en)
{
	return lang && strcmp(lang, "en") == 0 ? en : nl;
}

void codebook_value_labels(const struct xvar *v, const char *lang,
			   void (*fn)(void *ctx, double value, const char *label), void *ctx)
{
	const struct item *it = v->item;
	switch (v->kind) {
	case XV_DEMO:
		fn(ctx, 0, tr(lang, "nee", "no"));
		fn(ctx, 1, tr(lang, "ja", "yes"));
		return;
	case XV_OPTION:
		fn(ctx, 0, tr(lang, "niet gekozen", "not chosen"));
		fn(ctx, 1, tr(lang, "gekozen", "chosen"));
		return;
	case XV_ANSWER:
		if (it->type == ITEM_LIKERT5)
			for (int i = 0; i < 5; i++)
				fn(ctx, i + 1, text_pair_get(&it->scale[i], lang));
		else if (it->type == ITEM_CHOICE)
			for (size_t i = 0; i < it->n_options; i++)
				fn(ctx, (double)(i + 1), text_pair_get(&it->options[i].label, lang));
		else if (it->type == ITEM_YESNO) {
			fn(ctx, 0, tr(lang, "nee", "no"));
			fn(ctx, 1, tr(lang, "ja", "yes"));
		}
		return;
	default:
		return;
	}
}

void codebook_string_categories(const struct xvar *v, const char *lang,
				void (*fn)(void *ctx, const char *value, const char *label), void *ctx)
{
	static const char *const size_nl[] = {"10-49 fte (ook minder dan 10)", "50-99 fte", "100-199 fte",
					     "200 fte of meer"};
	static const char *const size_en[] = {"10-49 FTE (also fewer than 10)", "50-99 FTE", "100-199 FTE",
					     "200 FTE or more"};
	if (v->kind == XV_SECTOR) {
		for (size_t i = 0; i < SBI_COUNT; i++) {
			char letter[2] = {sbi_sections[i].letter, '\0'};
			fn(ctx, letter, tr(lang, sbi_sections[i].nl, sbi_sections[i].en));
		}
	} else if (v->kind == XV_SIZE_CLASS) {
		for (int c = 0; c < PEER_SIZE_CLASS_COUNT; c++)
			fn(ctx, peer_size_class_key((enum peer_size_class)c), tr(lang, size_nl[c], size_en[c]));
	}
}

struct categories_ctx {
	struct buf *out;
	int n;
};

static void category_into(void *ctx, const char *value, const char *label)
{
	struct categories_ctx *c = ctx;
	buf_printf(c->out, "%s%s=%s", c->n++ ? "; " : "", value, label);
}

void codebook_categories(const struct xvar *v, const char *lang, struct buf *out)
{
	struct categories_ctx c = {out, 0};
	codebook_string_categories(v, lang, category_into, &c);
	if (v->kind == XV_REGION)
		buf_puts(out, tr(lang, "de regio zoals de vereniging die heeft ingesteld (vrije tekst)",
				 "the region as the association set it (free text)"));
}

void codebook_range(const struct xvar *v, struct buf *range, struct buf *unit)
{
	const struct item *it = v->item;
	switch (v->kind) {
	case XV_SCAN: buf_puts(range, "1.."); break;
	case XV_VERSION: buf_puts(range, "1.."); break;
	case XV_DEMO: case XV_OPTION: buf_puts(range, "0..1"); break;
	case XV_ITEM_SCORE: buf_puts(range, "0..1"); break;
	case XV_SCORE: buf_puts(range, "0..100"); break;
	case XV_MONTH: buf_puts(range, "YYYY-MM"); break;
	case XV_TEXT: buf_printf(range, "0..%d", ANSWER_TEXT_MAX); buf_puts(unit, "bytes"); break;
	case XV_ANSWER:
		if (it->type == ITEM_LIKERT5)
			buf_puts(range, "1..5");
		else if (it->type == ITEM_CHOICE)
			buf_printf(range, "1..%zu", it->n_options);
		else if (it->type == ITEM_YESNO)
			buf_puts(range, "0..1");
		else if (it->type == ITEM_NUMBER) {
			if (it->has_min)
				buf_double(range, it->min);
			buf_puts(range, "..");
			if (it->has_max)
				buf_double(range, it->max);
			if (it->unit)
				buf_puts(unit, it->unit);
		}
		break;
	default: break;
	}
}

size_t codebook_missing(const struct xvar *v, double codes[3])
{
	switch (v->kind) {
	case XV_ANSWER:
	case XV_OPTION:
	case XV_ITEM_SCORE:
		codes[0] = MISSING_NOT_ANSWERED;
		if (v->item->allow_na) {
			codes[1] = MISSING_NA;
			return 2;
		}
		return 1;
	case XV_SCORE:
		codes[0] = MISSING_INVALID;
		return 1;
	default:
		return 0;
	}
}

const char *codebook_missing_label(double code, const char *lang)
{
	if (code == MISSING_NOT_ANSWERED)
		return tr(lang, "niet beantwoord", "not answered");
	if (code == MISSING_NA)
		return tr(lang, "weet ik niet / niet van toepassing", "don't know / not applicable");
	return tr(lang, "te weinig antwoorden voor een score", "insufficient answers for a score");
}

const char *codebook_format(const struct xvar *v)
{
	if (v->is_string)
		return "A";
	return v->kind == XV_SCAN || v->kind == XV_VERSION || v->kind == XV_DEMO || v->kind == XV_OPTION ||
			       (v->kind == XV_ANSWER && v->item->type != ITEM_NUMBER)
		       ? "F8.0" : "F10.4";
}

const char *codebook_type(const struct xvar *v)
{
	return v->is_string ? "string" : "numeric";
}

double codebook_numeric(const struct xvar *v, const struct answer_set *set, const double *scores)
{
	if (v->kind == XV_SCORE) {
		double s = scores[v->score_index];
		return isfinite(s) ? s : MISSING_INVALID;
	}
	const struct item *it = v->item;
	const struct answer *a = &set->answers[it->index];
	if (a->state == ANSWER_MISSING)
		return MISSING_NOT_ANSWERED;
	if (a->state == ANSWER_NA)
		return MISSING_NA;
	if (v->kind == XV_ITEM_SCORE)
		return answer_item_score(it, a);
	if (v->kind == XV_OPTION)
		return (a->chosen >> v->option) & 1u ? 1 : 0;
	switch (it->type) {
	case ITEM_LIKERT5: return a->likert;
	case ITEM_CHOICE: return (double)(a->option + 1);
	case ITEM_NUMBER: return a->number;
	case ITEM_YESNO: return a->yes ? 1 : 0;
	default: return MISSING_NOT_ANSWERED;
	}
}

struct labels_ctx {
	struct buf *b;
	int n;
};

static void label_into(void *ctx, double value, const char *label)
{
	struct labels_ctx *c = ctx;
	if (c->n++)
		buf_puts(c->b, "; ");
	buf_double(c->b, value);
	buf_printf(c->b, "=%s", label);
}

static void weight_text(const struct xvar *v, char *out, size_t n)
{
	out[0] = '\0';
	if (v->weight > 0)
		snprintf(out, n, "%g", v->weight);
}

void codebook_write_csv(const struct codebook *cb, struct buf *out)
{
	buf_puts(out, "variable,label_nl,label_en,type,value_labels,missing_codes,weight,item,theme,pillar,reverse,range,unit,format\r\n");
	struct buf tmp = BUF_INIT;
	for (size_t i = 0; i < cb->n; i++) {
		const struct xvar *v = &cb->vars[i];
		buf_csv_field(out, v->name, ',');
		buf_putc(out, ',');
		buf_csv_text(out, v->label_nl, ',');
		buf_putc(out, ',');
		buf_csv_text(out, v->label_en, ',');
		buf_printf(out, ",%s,", codebook_type(v));
		buf_reset(&tmp);
		struct labels_ctx c = {&tmp, 0};
		codebook_value_labels(v, "nl", label_into, &c);
		codebook_categories(v, "nl", &tmp);
		buf_csv_field(out, tmp.data, ',');
		buf_putc(out, ',');
		buf_reset(&tmp);
		double codes[3];
		size_t nm = codebook_missing(v, codes);
		for (size_t m = 0; m < nm; m++) {
			buf_printf(&tmp, "%s%g=%s", m ? "; " : "", codes[m], codebook_missing_label(codes[m], "nl"));
		}
		buf_csv_field(out, tmp.data, ',');
		char w[32];
		weight_text(v, w, sizeof(w));
		buf_printf(out, ",%s,%s,%s,%s,%s,", w, v->item ? v->item->key : "", v->theme ? v->theme : "",
			   v->pillar ? v->pillar : "", v->item && v->item->reverse ? "1" : v->item ? "0" : "");
		struct buf range = BUF_INIT, unit = BUF_INIT;
		codebook_range(v, &range, &unit);
		buf_csv_field(out, range.data, ',');
		buf_putc(out, ',');
		buf_csv_field(out, unit.data, ',');
		buf_printf(out, ",%s\r\n", codebook_format(v));
		buf_release(&range);
		buf_release(&unit);
	}
	buf_release(&tmp);
}

cJSON *codebook_to_json(const struct codebook *cb, const char *lang)
{
	cJSON *arr = cJSON_CreateArray();
	struct buf tmp = BUF_INIT;
	for (size_t i = 0; i < cb->n; i++) {
		const struct xvar *v = &cb->vars[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", v->name);
		cJSON_AddStringToObject(o, "label", tr(lang, v->label_nl, v->label_en));
		cJSON_AddStringToObject(o, "type", codebook_type(v));
		buf_reset(&tmp);
		struct labels_ctx c = {&tmp, 0};
		codebook_value_labels(v, lang, label_into, &c);
		codebook_categories(v, lang, &tmp);
		cJSON_AddStringToObject(o, "value_labels", tmp.data);
		struct buf range = BUF_INIT, unit = BUF_INIT;
		codebook_range(v, &range, &unit);
		cJSON_AddStringToObject(o, "range", range.data);
		cJSON_AddStringToObject(o, "unit", unit.data);
		buf_release(&range);
		buf_release(&unit);
		buf_reset(&tmp);
		double codes[3];
		size_t nm = codebook_missing(v, codes);
		for (size_t m = 0; m < nm; m++)
			buf_printf(&tmp, "%s%g = %s", m ? "; " : "", codes[m], codebook_missing_label(codes[m], lang));
		cJSON_AddStringToObject(o, "missing", tmp.data);
		char w[32];
		weight_text(v, w, sizeof(w));
		cJSON_AddStringToObject(o, "weight", w);
		cJSON_AddStringToObject(o, "theme", v->theme ? v->theme : "");
		cJSON_AddStringToObject(o, "pillar", v->pillar ? v->pillar : "");
		cJSON_AddItemToArray(arr, o);
	}
	buf_release(&tmp);
	return arr;
}
