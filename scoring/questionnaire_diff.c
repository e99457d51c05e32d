/* questionnaire_diff.c: the changes between two questionnaire versions (see questionnaire_diff.h). */
#include <stdlib.h>
#include <string.h>

#include "common/number_nl.h"
#include "scoring/questionnaire_diff.h"
#include "common/banned.h"

static void add(struct questionnaire_diff *d, enum change_what what, const char *element, const char *field,
		const char *before, const char *after)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->changes = realloc(d->changes, d->cap * sizeof(*d->changes));
		if (!d->changes)
			abort();
	}
	d->changes[d->n++] = (struct change){what, element, field, arena_strdup(&d->arena, before),
					     arena_strdup(&d->arena, after)};
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static const char *num(struct questionnaire_diff *d, double v)
{
	char out[32];
	return arena_strdup(&d->arena, number_nl_format(v, 1, out));
}

static void text_pair(struct questionnaire_diff *d, enum change_what what, const char *element, const char *field,
		      const struct text_pair *a, const struct text_pair *b)
{
	if (!same(a->nl, b->nl))
		add(d, what, element, arena_printf(&d->arena, "%s (nl)", field), a->nl, b->nl);
	if (!same(a->en, b->en))
		add(d, what, element, arena_printf(&d->arena, "%s (en)", field), a->en, b->en);
}

static void number(struct questionnaire_diff *d, enum change_what what, const char *element, const char *field,
		   double a, double b)
{
	if (a != b)
		add(d, what, element, field, num(d, a), num(d, b));
}

static const struct item_option *option_find(const struct item *it, const char *key)
{
	for (size_t i = 0; i < it->n_options; i++)
		if (strcmp(it->options[i].key, key) == 0)
			return &it->options[i];
	return NULL;
}

static void options(struct questionnaire_diff *d, const char *el, const struct item *a, const struct item *b)
{
	for (size_t i = 0; i < a->n_options; i++)
		if (!option_find(b, a->options[i].key))
			add(d, CHANGE_OPTIONS, el, "optie weg", a->options[i].key, NULL);
	for (size_t i = 0; i < b->n_options; i++) {
		const struct item_option *o = option_find(a, b->options[i].key), *n = &b->options[i];
		const char *oel = arena_printf(&d->arena, "%s, optie %s", el, n->key);
		if (!o) {
			add(d, CHANGE_OPTIONS, el, "optie erbij", NULL, n->key);
			continue;
		}
		size_t opos = (size_t)(o - a->options);
		if (opos != i)
			add(d, CHANGE_OPTIONS, oel, "plaats", num(d, (double)opos + 1), num(d, (double)i + 1));
		text_pair(d, CHANGE_REWORDED, oel, "label", &o->label, &n->label);
		number(d, CHANGE_POINTS, oel, "punten", o->points, n->points);
		if (o->exclusive != n->exclusive)
			add(d, CHANGE_OTHER, oel, "exclusive", o->exclusive ? "ja" : "nee", n->exclusive ? "ja" : "nee");
	}
}

static void item_scoring(struct questionnaire_diff *d, const char *el, const struct item *a, const struct item *b)
{
	if (a->reverse != b->reverse)
		add(d, CHANGE_POINTS, el, "omgekeerd (reverse)", a->reverse ? "ja" : "nee", b->reverse ? "ja" : "nee");
	if (a->allow_na != b->allow_na)
		add(d, CHANGE_OTHER, el, "allow_na", a->allow_na ? "ja" : "nee", b->allow_na ? "ja" : "nee");
	number(d, CHANGE_POINTS, el, "max_points", a->max_points, b->max_points);
	number(d, CHANGE_POINTS, el, "punten ja", a->yes_points, b->yes_points);
	number(d, CHANGE_POINTS, el, "punten nee", a->no_points, b->no_points);
	if (a->has_min != b->has_min || (a->has_min && a->min != b->min))
		add(d, CHANGE_OTHER, el, "min", a->has_min ? num(d, a->min) : "", b->has_min ? num(d, b->min) : "");
	if (a->has_max != b->has_max || (a->has_max && a->max != b->max))
		add(d, CHANGE_OTHER, el, "max", a->has_max ? num(d, a->max) : "", b->has_max ? num(d, b->max) : "");
	int bands_same = a->n_bands == b->n_bands;
	for (size_t i = 0; bands_same && i < a->n_bands; i++)
		bands_same = a->bands[i].has_max == b->bands[i].has_max && a->bands[i].points == b->bands[i].points &&
			     (!a->bands[i].has_max || a->bands[i].max == b->bands[i].max);
	if (!bands_same)
		add(d, CHANGE_POINTS, el, "puntengrenzen (number_bands)", NULL, NULL);
	options(d, el, a, b);
	for (int s = 0; s < 5; s++)
		text_pair(d, CHANGE_REWORDED, el, arena_printf(&d->arena, "antwoord %d", s + 1), &a->scale[s], &b->scale[s]);
}

/* Every change of one item but its place. */
static void item_changes(struct questionnaire_diff *d, const char *el, const struct item *o, const struct item *n)
{
	if (o->type != n->type)
		add(d, CHANGE_RETYPED, el, "type", item_type_name(o->type), item_type_name(n->type));
	text_pair(d, CHANGE_REWORDED, el, "tekst", &o->text, &n->text);
	text_pair(d, CHANGE_REWORDED, el, "uitleg", &o->help, &n->help);
	text_pair(d, CHANGE_REWORDED, el, "tip", &o->tip, &n->tip);
	number(d, CHANGE_REWEIGHTED, el, "gewicht", o->weight, n->weight);
	if (!same(o->unit, n->unit))
		add(d, CHANGE_REWORDED, el, "eenheid", o->unit, n->unit);
	item_scoring(d, el, o, n);
}

int questionnaire_item_identical(const struct item *a, const struct item *b)
{
	struct questionnaire_diff d;
	memset(&d, 0, sizeof(d));
	item_changes(&d, "", a, b);
	int same_item = d.n == 0;
	questionnaire_diff_release(&d);
	return same_item;
}

int questionnaire_theme_identical(const struct questionnaire *qa, const struct theme *a,
				  const struct questionnaire *qb, const struct theme *b)
{
	if (!same(a->title.nl, b->title.nl) || !same(a->title.en, b->title.en) || a->weight != b->weight ||
	    a->n_items != b->n_items)
		return 0;
	for (size_t i = 0; i < a->n_items; i++)
		if (strcmp(a->items[i].key, b->items[i].key) != 0 || !questionnaire_item_identical(&a->items[i], &b->items[i]))
			return 0;
	/* the same score bands, so the theme's band and its text mean the same */
	if (qa->n_bands != qb->n_bands)
		return 0;
	for (size_t k = 0; k < qa->n_bands; k++)
		if (strcmp(qa->bands[k].key, qb->bands[k].key) != 0 || qa->bands[k].min != qb->bands[k].min)
			return 0;
	return 1;
}

static void items(struct questionnaire_diff *d, const struct questionnaire *a, const struct questionnaire *b)
{
	for (size_t i = 0; i < a->n_items; i++)
		if (!questionnaire_item_find(b, a->items[i]->key))
			add(d, CHANGE_REMOVED, arena_printf(&d->arena, "vraag %s", a->items[i]->key), NULL,
			    a->items[i]->text.nl, NULL);
	for (size_t i = 0; i < b->n_items; i++) {
		const struct item *n = b->items[i], *o = questionnaire_item_find(a, n->key);
		const char *el = arena_printf(&d->arena, "vraag %s", n->key);
		if (!o) {
			add(d, CHANGE_ADDED, el, NULL, NULL, n->text.nl);
			continue;
		}
		const char *ot = a->themes[o->theme]->key, *nt = b->themes[n->theme]->key;
		size_t opos = o - a->themes[o->theme]->items, npos = n - b->themes[n->theme]->items;
		if (strcmp(ot, nt) != 0 || opos != npos)
			add(d, CHANGE_MOVED, el, "plaats",
			    arena_printf(&d->arena, "thema %s, vraag %zu", ot, opos + 1),
			    arena_printf(&d->arena, "thema %s, vraag %zu", nt, npos + 1));
		item_changes(d, el, o, n);
	}
}

static void themes(struct questionnaire_diff *d, const struct questionnaire *a, const struct questionnaire *b)
{
	for (size_t i = 0; i < a->n_themes; i++)
		if (!questionnaire_theme_find(b, a->themes[i]->key))
			add(d, CHANGE_REMOVED, arena_printf(&d->arena, "thema %s", a->themes[i]->key), NULL,
			    a->themes[i]->title.nl, NULL);
	for (size_t i = 0; i < b->n_themes; i++) {
		const struct theme *n = b->themes[i], *o = questionnaire_theme_find(a, n->key);
		const char *el = arena_printf(&d->arena, "thema %s", n->key);
		if (!o) {
			add(d, CHANGE_ADDED, el, NULL, NULL, n->title.nl);
			continue;
		}
		if (strcmp(a->pillars[o->pillar].key, b->pillars[n->pillar].key) != 0 || o->index != n->index)
			add(d, CHANGE_MOVED, el, "plaats", a->pillars[o->pillar].key, b->pillars[n->pillar].key);
		text_pair(d, CHANGE_REWORDED, el, "titel", &o->title, &n->title);
		number(d, CHANGE_REWEIGHTED, el, "gewicht", o->weight, n->weight);
		for (size_t k = 0; k < b->n_bands && k < a->n_bands; k++)
			if (o->band_texts && n->band_texts)
				text_pair(d, CHANGE_REWORDED, el, arena_printf(&d->arena, "tekst bij %s", b->bands[k].key),
					  &o->band_texts[k], &n->band_texts[k]);
	}
	for (size_t i = 0; i < b->n_pillars; i++) {
		const struct pillar *n = &b->pillars[i], *o = questionnaire_pillar_find(a, n->key);
		const char *el = arena_printf(&d->arena, "pijler %s", n->key);
		if (!o) {
			add(d, CHANGE_ADDED, el, NULL, NULL, n->title.nl);
			continue;
		}
		text_pair(d, CHANGE_REWORDED, el, "titel", &o->title, &n->title);
		number(d, CHANGE_REWEIGHTED, el, "gewicht", o->weight, n->weight);
	}
	for (size_t i = 0; i < a->n_pillars; i++)
		if (!questionnaire_pillar_find(b, a->pillars[i].key))
			add(d, CHANGE_REMOVED, arena_printf(&d->arena, "pijler %s", a->pillars[i].key), NULL,
			    a->pillars[i].title.nl, NULL);
}

static void bands(struct questionnaire_diff *d, const struct questionnaire *a, const struct questionnaire *b)
{
	size_t n = a->n_bands > b->n_bands ? a->n_bands : b->n_bands;
	for (size_t i = 0; i < n; i++) {
		const struct score_band *o = i < a->n_bands ? &a->bands[i] : NULL;
		const struct score_band *w = i < b->n_bands ? &b->bands[i] : NULL;
		const char *el = arena_printf(&d->arena, "scoreband %zu", i + 1);
		if (!o || !w) {
			add(d, CHANGE_BANDS, el, NULL, o ? o->key : NULL, w ? w->key : NULL);
			continue;
		}
		if (strcmp(o->key, w->key) != 0)
			add(d, CHANGE_BANDS, el, "sleutel", o->key, w->key);
		number(d, CHANGE_BANDS, el, "ondergrens", o->min, w->min);
		text_pair(d, CHANGE_REWORDED, el, "naam", &o->label, &w->label);
		text_pair(d, CHANGE_REWORDED, el, "uitleg", &o->description, &w->description);
	}
}

void questionnaire_diff(const struct questionnaire *before, const char *before_structure,
			const struct questionnaire *after, const char *after_structure,
			struct questionnaire_diff *d)
{
	memset(d, 0, sizeof(*d));
	d->version_changed = before->version != after->version || strcmp(before->key, after->key) != 0;
	if (d->version_changed)
		add(d, CHANGE_OTHER, "vragenlijst", "versie", arena_printf(&d->arena, "%s %ld", before->key, before->version),
		    arena_printf(&d->arena, "%s %ld", after->key, after->version));
	text_pair(d, CHANGE_REWORDED, "vragenlijst", "titel", &before->title, &after->title);
	number(d, CHANGE_OTHER, "vragenlijst", "min_answered", before->min_answered, after->min_answered);
	bands(d, before, after);
	themes(d, before, after);
	items(d, before, after);
	if (strcmp(before_structure, after_structure) != 0)
		d->kind = DIFF_STRUCTURAL;
	else
		d->kind = d->n ? DIFF_TEXT_ONLY : DIFF_NONE;
}

const char *questionnaire_change_line(struct questionnaire_diff *d, const struct change *c)
{
	switch (c->what) {
	case CHANGE_ADDED:
		return arena_printf(&d->arena, "%s: nieuw: %s", c->element, c->after ? c->after : "");
	case CHANGE_REMOVED:
		return arena_printf(&d->arena, "%s: weg: %s", c->element, c->before ? c->before : "");
	default:
		break;
	}
	if (!c->before && !c->after)
		return arena_printf(&d->arena, "%s: %s veranderd", c->element, c->field ? c->field : "");
	return arena_printf(&d->arena, "%s: %s: \"%s\" wordt \"%s\"", c->element, c->field ? c->field : "",
			    c->before ? c->before : "", c->after ? c->after : "");
}

void questionnaire_diff_release(struct questionnaire_diff *d)
{
	if (!d)
		return;
	free(d->changes);
	d->changes = NULL;
	d->n = d->cap = 0;
	arena_release(&d->arena);
}
