/* pillar_cache.c: pre-rendered pillar pages with slots; see pillar_page.h. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/pages/respondent/pillar_cache.h"
#include "server/pages/respondent/scan_ctx.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/http/log.h"
#include "common/number_nl.h"
#include "common/banned.h"

/* Markers: MARK_OPEN code [argument] MARK_CLOSE. Neither byte can come from a
 * template, the catalogue or a questionnaire text (HTML escaping keeps control
 * characters out of values only by their absence in validated JSON text, so the
 * build refuses a page whose texts contain them). */
#define MARK_OPEN '\x1e'
#define MARK_CLOSE '\x1f'

enum slot_code {
	SLOT_NONE = 0,
	SLOT_TOKEN = 'T',
	SLOT_CSRF = 'K',
	SLOT_SLUG = 'S',
	SLOT_PERCENT = 'P',
	SLOT_CHECKED = 'C',   /* " checked" when the item's answer is `value` */
	SLOT_VALUE = 'V',     /* the typed value of a number or text item */
	SLOT_SUMMARY = 'Y',   /* the error summary of a refused post */
	SLOT_ERROR = 'E',     /* the message next to an item of a refused post */
	SLOT_DESCRIBED = 'D', /* the item's aria-describedby: its help, its error */
	SLOT_INVALID = 'I',   /* aria-invalid and the error's id on a number or text field */
};

struct segment {
	const char *text;
	size_t len;
	enum slot_code code;  /* slot after the text */
	const struct item *item;
	const char *value;
};

struct pillar_page {
	const struct questionnaire *q;
	char lang[3];
	size_t pillar;
	char *html;
	struct segment *segs;
	size_t nsegs;
	struct pillar_page *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct pillar_page *pages;

static const char *mark(char *buf, size_t n, char code, const struct item *it, const char *value)
{
	if (it)
		snprintf(buf, n, "%c%c%zu:%s%c", MARK_OPEN, code, it->index, value ? value : "", MARK_CLOSE);
	else
		snprintf(buf, n, "%c%c%c", MARK_OPEN, code, MARK_CLOSE);
	return buf;
}

static void add_option(cJSON *opts, const char *input, const char *value, const char *label, const struct item *it)
{
	char m[96];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "input", input);
	cJSON_AddStringToObject(o, "value", value);
	cJSON_AddStringToObject(o, "label", label);
	cJSON_AddStringToObject(o, "mark", mark(m, sizeof(m), SLOT_CHECKED, it, value));
	cJSON_AddItemToArray(opts, o);
}

static cJSON *item_ctx(const struct item *it, const char *lang)
{
	char m[96], num[32];
	cJSON *c = cJSON_CreateObject();
	cJSON_AddStringToObject(c, "key", it->key);
	cJSON_AddStringToObject(c, "type", item_type_name(it->type));
	cJSON_AddStringToObject(c, "error_mark", mark(m, sizeof(m), SLOT_ERROR, it, NULL));
	cJSON_AddStringToObject(c, "described_mark", mark(m, sizeof(m), SLOT_DESCRIBED, it, NULL));
	cJSON_AddStringToObject(c, "invalid_mark", mark(m, sizeof(m), SLOT_INVALID, it, NULL));
	cJSON_AddNumberToObject(c, "number", (double)it->index + 1);
	cJSON_AddStringToObject(c, "text", text_pair_get(&it->text, lang));
	const char *help = text_pair_get(&it->help, lang);
	if (help)
		cJSON_AddStringToObject(c, "help", help);
	cJSON *opts = cJSON_CreateArray();
	switch (it->type) {
	case ITEM_LIKERT5:
		cJSON_AddBoolToObject(c, "is_likert", 1);
		for (int i = 0; i < 5; i++) {
			snprintf(num, sizeof(num), "%d", i + 1);
			add_option(opts, "radio", num, text_pair_get(&it->scale[i], lang), it);
		}
		break;
	case ITEM_CHOICE:
	case ITEM_MULTI:
		for (size_t i = 0; i < it->n_options; i++) {
			add_option(opts, it->type == ITEM_MULTI ? "checkbox" : "radio", it->options[i].key,
				   text_pair_get(&it->options[i].label, lang), it);
			/* an exclusive option unticks the others in the browser (app.js) */
			if (it->type == ITEM_MULTI && it->options[i].exclusive)
				cJSON_AddBoolToObject(cJSON_GetArrayItem(opts, cJSON_GetArraySize(opts) - 1), "exclusive", 1);
		}
		cJSON_AddBoolToObject(c, "is_multi", it->type == ITEM_MULTI);
		break;
	case ITEM_YESNO:
		add_option(opts, "radio", "yes", i18n_get(lang, "scan.item.yes"), it);
		add_option(opts, "radio", "no", i18n_get(lang, "scan.item.no"), it);
		break;
	case ITEM_NUMBER:
		cJSON_AddBoolToObject(c, "is_number", 1);
		if (it->unit)
			cJSON_AddStringToObject(c, "unit", it->unit);
		if (it->has_min) {
			cJSON_AddBoolToObject(c, "has_min", 1);
			cJSON_AddNumberToObject(c, "min", it->min);
		}
		if (it->has_max) {
			cJSON_AddBoolToObject(c, "has_max", 1);
			cJSON_AddNumberToObject(c, "max", it->max);
		}
		cJSON_AddStringToObject(c, "value_mark", mark(m, sizeof(m), SLOT_VALUE, it, NULL));
		break;
	case ITEM_TEXT:
		cJSON_AddBoolToObject(c, "is_text", 1);
		cJSON_AddStringToObject(c, "value_mark", mark(m, sizeof(m), SLOT_VALUE, it, NULL));
		break;
	}
	int radios = it->type == ITEM_LIKERT5 || it->type == ITEM_CHOICE || it->type == ITEM_YESNO;
	if (it->allow_na && radios)
		add_option(opts, "radio", "na", i18n_get(lang, "scan.item.na"), it);
	else if (it->allow_na && it->type != ITEM_TEXT) {
		cJSON_AddBoolToObject(c, "na_box", 1);
		cJSON_AddStringToObject(c, "na_mark", mark(m, sizeof(m), SLOT_CHECKED, it, "na"));
	}
	cJSON_AddBoolToObject(c, "has_options", cJSON_GetArraySize(opts) > 0 && !(it->type == ITEM_NUMBER));
	cJSON_AddItemToObject(c, "options", opts);
	return c;
}

/* The template context of a pillar page. preview NULL: the owner's page, with the
 * token in a slot; else the draft's page under preview->base, without autosave. */
static cJSON *page_ctx_for(const struct questionnaire *q, const char *lang, size_t pillar,
			   const struct pillar_preview *preview)
{
	char m[96], tm[16];
	const struct pillar *p = &q->pillars[pillar];
	int en = strcmp(lang, "en") == 0;
	cJSON *c = cJSON_CreateObject();
	mark(tm, sizeof(tm), SLOT_TOKEN, NULL, NULL);
	cJSON_AddStringToObject(c, "lang", lang);
	cJSON_AddStringToObject(c, "other_lang", en ? "nl" : "en");
	cJSON_AddStringToObject(c, "other_lang_name", en ? "Nederlands" : "English");
	char sw[600], priv[160], base[300];
	if (preview) {
		snprintf(base, sizeof(base), "%s", preview->base);
		snprintf(sw, sizeof(sw), "/lang?to=%s&next=%s/pillar/%zu", en ? "nl" : "en", base, pillar + 1);
		cJSON_AddBoolToObject(c, "preview", 1);
		cJSON_AddStringToObject(c, "preview_back", preview->back);
	} else {
		snprintf(base, sizeof(base), "/s/%s", tm);
		snprintf(sw, sizeof(sw), "/s/%s/lang/%s?next=/s/%s/pillar/%zu", tm, en ? "nl" : "en", tm, pillar + 1);
		cJSON_AddBoolToObject(c, "autosave", 1);
		cJSON_AddStringToObject(c, "extra_js", "respondent.js");
	}
	snprintf(priv, sizeof(priv), "/privacy/%s%s", mark(m, sizeof(m), SLOT_SLUG, NULL, NULL), en ? "?lang=en" : "");
	cJSON_AddStringToObject(c, "lang_switch", sw);
	if (!(preview && preview->no_privacy))
		cJSON_AddStringToObject(c, "privacy_url", priv);
	cJSON_AddStringToObject(c, "extra_css", "respondent.css");
	cJSON_AddStringToObject(c, "base", base);
	cJSON_AddStringToObject(c, "csrf_mark", mark(m, sizeof(m), SLOT_CSRF, NULL, NULL));
	cJSON_AddStringToObject(c, "percent_mark", mark(m, sizeof(m), SLOT_PERCENT, NULL, NULL));
	cJSON_AddStringToObject(c, "summary_mark", mark(m, sizeof(m), SLOT_SUMMARY, NULL, NULL));
	cJSON_AddNumberToObject(c, "n", (double)pillar + 1);
	cJSON_AddNumberToObject(c, "total", (double)q->n_pillars);
	/* steps: the profile, each pillar, the review ("Stap 2 van 6") */
	cJSON_AddNumberToObject(c, "step", (double)pillar + 2);
	cJSON_AddNumberToObject(c, "steps", (double)q->n_pillars + 2);
	cJSON_AddBoolToObject(c, "is_last", pillar + 1 == q->n_pillars);
	cJSON_AddStringToObject(c, "pillar_title", text_pair_get(&p->title, lang));
	cJSON *themes = cJSON_AddArrayToObject(c, "themes");
	for (size_t t = 0; t < p->n_themes; t++) {
		cJSON *th = cJSON_CreateObject();
		cJSON_AddStringToObject(th, "key", p->themes[t].key);
		cJSON_AddStringToObject(th, "title", text_pair_get(&p->themes[t].title, lang));
		cJSON *items = cJSON_AddArrayToObject(th, "items");
		for (size_t i = 0; i < p->themes[t].n_items; i++)
			cJSON_AddItemToArray(items, item_ctx(&p->themes[t].items[i], lang));
		cJSON_AddItemToArray(themes, th);
	}
	return c;
}

/* Splits the rendered html at the markers. 0 or -1 for a malformed marker. */
static int split(struct pillar_page *pp)
{
	size_t cap = 64, n = 0;
	struct segment *segs = calloc(cap, sizeof(*segs));
	char *p = pp->html;
	for (;;) {
		if (n + 1 >= cap) {
			cap *= 2;
			segs = realloc(segs, cap * sizeof(*segs));
			if (!segs)
				abort();
		}
		struct segment *sg = &segs[n++];
		memset(sg, 0, sizeof(*sg));
		char *open = strchr(p, MARK_OPEN);
		sg->text = p;
		if (!open) {
			sg->len = strlen(p);
			break;
		}
		sg->len = (size_t)(open - p);
		char *close = strchr(open, MARK_CLOSE);
		if (!close || close == open + 1)
			goto bad;
		*close = '\0';
		sg->code = (enum slot_code)open[1];
		if (sg->code == SLOT_CHECKED || sg->code == SLOT_VALUE || sg->code == SLOT_ERROR ||
		    sg->code == SLOT_DESCRIBED || sg->code == SLOT_INVALID) {
			char *colon = strchr(open + 2, ':');
			if (!colon)
				goto bad;
			*colon = '\0';
			size_t idx = strtoul(open + 2, NULL, 10);
			if (idx >= pp->q->n_items)
				goto bad;
			sg->item = pp->q->items[idx];
			sg->value = colon + 1;
		}
		p = close + 1;
	}
	pp->segs = segs;
	pp->nsegs = n;
	return 0;
bad:
	free(segs);
	return -1;
}

static struct pillar_page *build(const struct questionnaire *q, const char *lang, size_t pillar,
				 const struct pillar_preview *preview)
{
	cJSON *ctx = page_ctx_for(q, lang, pillar, preview);
	struct buf out;
	buf_init(&out, 0);
	char title[512];
	snprintf(title, sizeof(title), "%s", text_pair_get(&q->pillars[pillar].title, lang));
	int rc = scan_render_to(&out, "respondent/pillar", title, ctx, lang);
	cJSON_Delete(ctx);
	if (rc != 0) {
		buf_release(&out);
		return NULL;
	}
	struct pillar_page *pp = calloc(1, sizeof(*pp));
	if (!pp)
		abort();
	pp->q = q;
	snprintf(pp->lang, sizeof(pp->lang), "%s", lang);
	pp->pillar = pillar;
	pp->html = buf_detach(&out, NULL);
	if (split(pp) != 0) {
		log_error("pillar page %zu (%s): malformed slot marker", pillar, lang);
		free(pp->html);
		free(pp);
		return NULL;
	}
	return pp;
}

const struct pillar_page *pillar_page_get(const struct questionnaire *q, const char *lang, size_t pillar)
{
	if (pillar >= q->n_pillars)
		return NULL;
	pthread_mutex_lock(&lock);
	struct pillar_page *pp = pages;
	while (pp && !(pp->q == q && pp->pillar == pillar && strcmp(pp->lang, lang) == 0))
		pp = pp->next;
	if (!pp) {
		pp = build(q, lang, pillar, NULL);
		if (pp) {
			pp->next = pages;
			pages = pp;
		}
	}
	pthread_mutex_unlock(&lock);
	return pp;
}

struct pillar_page *pillar_page_build_preview(const struct questionnaire *q, const char *lang, size_t pillar,
					      const struct pillar_preview *preview)
{
	return pillar < q->n_pillars ? build(q, lang, pillar, preview) : NULL;
}

void pillar_page_free(struct pillar_page *pp)
{
	if (!pp)
		return;
	free(pp->segs);
	free(pp->html);
	free(pp);
}

static int checked(const struct item *it, const cJSON *a, const char *value)
{
	if (!a || cJSON_IsNull(a))
		return 0;
	if (cJSON_IsString(a) && strcmp(a->valuestring, "na") == 0)
		return strcmp(value, "na") == 0 && it->type != ITEM_TEXT;
	switch (it->type) {
	case ITEM_LIKERT5:
		return cJSON_IsNumber(a) && value[0] && (double)(value[0] - '0') == a->valuedouble && !value[1];
	case ITEM_CHOICE:
		return cJSON_IsString(a) && strcmp(a->valuestring, value) == 0;
	case ITEM_YESNO:
		return strcmp(value, "yes") == 0 ? cJSON_IsTrue(a) : strcmp(value, "no") == 0 && cJSON_IsFalse(a);
	case ITEM_MULTI: {
		const cJSON *e;
		cJSON_ArrayForEach(e, a) {
			if (cJSON_IsString(e) && strcmp(e->valuestring, value) == 0)
				return 1;
		}
		return 0;
	}
	default:
		return 0;
	}
}

/* The summary at the top of a refused page: every message, in page order,
 * linking to its question (the field itself for number and open questions). */
static void write_summary(struct buf *out, const struct pillar_page *page, const struct pillar_fill *fill)
{
	if (!fill->errors)
		return;
	const struct pillar *p = &page->q->pillars[page->pillar];
	int any = 0;
	for (size_t t = 0; t < p->n_themes; t++) {
		for (size_t i = 0; i < p->themes[t].n_items; i++) {
			const struct item *it = &p->themes[t].items[i];
			const char *msg = fill->errors[it->index];
			if (!msg)
				continue;
			if (!any) {
				buf_puts(out, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"error-summary\"><h2>");
				buf_html(out, fill->errors_title ? fill->errors_title : "");
				buf_puts(out, "</h2><ul>");
				any = 1;
			}
			int field = it->type == ITEM_NUMBER || it->type == ITEM_TEXT;
			buf_printf(out, "<li><a href=\"#%s-", field ? "f" : "q");
			buf_html(out, it->key);
			buf_puts(out, "\">");
			buf_html(out, msg);
			buf_puts(out, "</a></li>");
		}
	}
	if (any)
		buf_puts(out, "</ul></div>");
}

static void write_described(struct buf *out, const struct pillar_page *page, const struct item *it,
			    const char *error)
{
	int help = text_pair_get(&it->help, page->lang) != NULL;
	if (!help && !error)
		return;
	buf_puts(out, " aria-describedby=\"");
	if (help) {
		buf_puts(out, "h-");
		buf_html(out, it->key);
	}
	if (error) {
		buf_puts(out, help ? " e-" : "e-");
		buf_html(out, it->key);
	}
	buf_puts(out, "\"");
}

void pillar_page_write(struct buf *out, const struct pillar_page *page, const struct pillar_fill *fill)
{
	for (size_t i = 0; i < page->nsegs; i++) {
		const struct segment *sg = &page->segs[i];
		buf_add(out, sg->text, sg->len);
		const cJSON *a = sg->item ? fill->answers[sg->item->index] : NULL;
		const char *error = sg->item && fill->errors ? fill->errors[sg->item->index] : NULL;
		const char *typed = sg->item && fill->typed ? fill->typed[sg->item->index] : NULL;
		switch (sg->code) {
		case SLOT_NONE:
			break;
		case SLOT_TOKEN:
			buf_puts(out, fill->token);
			break;
		case SLOT_CSRF:
			buf_puts(out, fill->csrf);
			break;
		case SLOT_SLUG:
			buf_html(out, fill->org_slug);
			break;
		case SLOT_PERCENT:
			buf_printf(out, "%d", fill->percent);
			break;
		case SLOT_CHECKED:
			if (checked(sg->item, a, sg->value))
				buf_puts(out, " checked");
			break;
		case SLOT_SUMMARY:
			write_summary(out, page, fill);
			break;
		case SLOT_ERROR:
			if (error) {
				buf_puts(out, "<p class=\"field-error\" id=\"e-");
				buf_html(out, sg->item->key);
				buf_puts(out, "\">");
				buf_html(out, error);
				buf_puts(out, "</p>");
			}
			break;
		case SLOT_DESCRIBED:
			write_described(out, page, sg->item, error);
			break;
		case SLOT_INVALID:
			if (error) {
				buf_puts(out, " aria-invalid=\"true\" aria-describedby=\"e-");
				buf_html(out, sg->item->key);
				buf_puts(out, "\"");
			}
			break;
		case SLOT_VALUE:
			if (typed)
				buf_html(out, typed);
			else if (cJSON_IsNumber(a)) {
				char num[32];
				buf_puts(out, number_nl_format(a->valuedouble, fill->decimal_comma, num));
			}
			else if (cJSON_IsString(a) && sg->item->type == ITEM_TEXT)
				buf_html(out, a->valuestring);
			break;
		}
	}
}
