/* report_demo.c: the demo report of `fphc report --demo`; see report_demo.h.
 *
 * An invented company answers fphc-1 (built into the binary): per theme a
 * level, per item the answer whose item score comes closest to it. The real
 * engine scores it (score_compute), 23 invented peers scored the same way give
 * the comparison, and report_from_view makes the model, as for a real scan.
 * Only the company, the advice, the offers and the actions are made up. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server/app/report_demo.h"
#include "server/app/report_build.h"
#include "common/assets.h"
#include "scoring/answers.h"
#include "scoring/score.h"
#include "common/banned.h"

#define DEMO_PEERS 23

/* The company's level per theme (0..1); themes not named get 0.6. */
static const struct {
	const char *key;
	double level, previous;
} levels[] = {
	{"hr_strategy", 0.76, 0.70},        {"workforce_planning", 0.48, 0.40},
	{"digital", 0.62, 0.55},            {"labour_market", 0.55, 0.50},
	{"coaching_leadership", 0.58, 0.55}, {"desired_behaviour", 0.68, 0.60},
	{"unconscious_bias", 0.45, 0.42},   {"agile_work", 0.72, 0.62},
	{"flex_scaling", 0.63, 0.58},       {"flex_network", 0.52, 0.47},
	{"mobility", 0.28, 0.33},           {"talent_development", 0.32, 0.36},
	{"sustainable_employability", 0.78, 0.70}, {"inclusive_labour_market", 0.22, 0.20},
};

static const char *const offers_inclusive[] = {"Inclusief herontwerp van functies (WSP Zuid)"};
static const char *const offers_talent[] = {"Loopbaanscan voor medewerkers (Leo Loopbaan)"};
static const char *const offers_mobility[] = {"Regionaal mobiliteitsnetwerk (WSP Zuid)"};

/* The advisor's advice per attention point, with the offer suggested for it. */
static const struct demo_advice {
	const char *theme, *nl, *en;
	const char *const *offer;
} advice[] = {
	{"talent_development",
	 "Uw medewerkers willen graag leren, maar er is **geen vast plan**. Begin klein:\n\n"
	 "1. Voer dit jaar met iedereen een *ontwikkelgesprek*.\n"
	 "2. Leg per medewerker twee leerdoelen vast.\n"
	 "3. Kijk na zes maanden samen terug.\n\n"
	 "Het O&O-fonds van uw branche vergoedt vaak een deel van de kosten.",
	 "Your staff want to learn, but there is **no fixed plan**. Start small: hold a "
	 "*development talk* with everyone this year and agree two learning goals each.", offers_talent},
	{"mobility",
	 "Medewerkers blijven lang op dezelfde plek. Dat maakt uw bedrijf kwetsbaar bij "
	 "ziekte en drukte.\n\n"
	 "- Maak vacatures eerst **intern** bekend.\n"
	 "- Laat medewerkers een dag meelopen op een andere afdeling.\n"
	 "- Maak een overzicht van wie welke taken kan doen.",
	 "People stay in the same place for a long time. Publish vacancies **internally** "
	 "first and let staff spend a day in another department.", offers_mobility},
	{"inclusive_labour_market",
	 "Er werken nog geen mensen met een afstand tot de arbeidsmarkt in uw bedrijf. Haal "
	 "eenvoudige taken uit bestaande functies en maak er een nieuwe functie van "
	 "(**inclusief herontwerp van functies**). Dat ontlast uw vakmensen.\n\n"
	 "Het Werkgeversservicepunt (WSP) helpt u gratis bij de eerste analyse.",
	 "Take simple tasks out of existing jobs and make a new job of them (**inclusive "
	 "job redesign**). The employer service point helps you for free.", offers_inclusive},
};

static const char general_nl[] =
	"Uw bedrijf staat er **goed** voor op HR-strategie en duurzame inzetbaarheid. De grootste "
	"kansen liggen bij de *ontwikkeling en mobiliteit* van uw mensen en bij de inclusieve "
	"arbeidsmarkt.\n\n"
	"Begin met het inclusief herontwerp van functies: dat levert snel extra handen op en past "
	"bij uw groeiplannen. Pak daarna de ontwikkelgesprekken op.";
static const char general_en[] =
	"Your company does **well** on HR strategy and sustainable employability. The biggest "
	"chances lie in the *development and mobility* of your people and in the inclusive "
	"labour market.";


static const char research[] =
	"Het lectoraat heeft de antwoorden bekeken. Het beeld is **consistent**: de scores passen "
	"bij wat het bedrijf in de open vragen vertelt.";

static const char *const open_answers[] = {
	"Genoeg vakmensen vinden. We groeien, maar de lasafdeling heeft al een jaar twee vacatures open.",
	"Hoe we oudere medewerkers langer gezond aan het werk houden.",
};

/* A small fixed random stream (xorshift32): the same demo every time. */
static double next_unit(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return (double)(*s % 10000) / 10000.0;
}

static double level_of(const char *theme, int previous)
{
	for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
		if (strcmp(levels[i].key, theme) == 0)
			return previous ? levels[i].previous : levels[i].level;
	return 0.6;
}

/* The answer to `it` whose item score is nearest to target. */
static struct answer answer_near(const struct item *it, double target)
{
	struct answer best = {.state = ANSWER_MISSING}, c = {.state = ANSWER_GIVEN};
	double best_d = INFINITY;
#define TRY()                                                      \
	do {                                                       \
		double d = fabs(answer_item_score(it, &c) - target); \
		if (d < best_d) {                                  \
			best_d = d;                                \
			best = c;                                  \
		}                                                  \
	} while (0)
	switch (it->type) {
	case ITEM_LIKERT5:
		for (c.likert = 1; c.likert <= 5; c.likert++)
			TRY();
		break;
	case ITEM_CHOICE:
		for (c.option = 0; c.option < it->n_options; c.option++)
			TRY();
		break;
	case ITEM_MULTI: {
		size_t n = it->n_options < 12 ? it->n_options : 12;
		for (uint64_t set = 0; set < ((uint64_t)1 << n); set++) {
			int exclusive = 0, count = 0;
			for (size_t o = 0; o < n; o++)
				if (set & ((uint64_t)1 << o)) {
					count++;
					exclusive |= it->options[o].exclusive;
				}
			if (exclusive && count > 1)
				continue;
			c.chosen = set;
			TRY();
		}
		break;
	}
	case ITEM_NUMBER:
		/* each band's upper bound, and one past the last bound (or 0) */
		for (size_t b = 0; b <= it->n_bands; b++) {
			double last = it->n_bands && it->bands[it->n_bands - 1].has_max ? it->bands[it->n_bands - 1].max + 1 : 0;
			double v = b < it->n_bands && it->bands[b].has_max ? it->bands[b].max : last;
			if ((it->has_min && v < it->min) || (it->has_max && v > it->max))
				continue;
			c.number = v;
			TRY();
		}
		break;
	case ITEM_YESNO:
		for (c.yes = 0; c.yes <= 1; c.yes++)
			TRY();
		break;
	case ITEM_TEXT:
		break;
	}
#undef TRY
	return best;
}

/* Answers of one company: per item its theme's level plus noise, spread on
 * each item; `answered` is the share of scored items answered (in order). */
static struct score_result *score_company(const struct questionnaire *q, double shift, double spread,
					  uint32_t seed, int previous, double answered)
{
	struct answer_set *set = answer_set_new(q);
	if (!set)
		return NULL;
	uint32_t s = seed;
	for (size_t i = 0; i < q->n_items; i++) {
		const struct item *it = q->items[i];
		double noise = (next_unit(&s) - 0.5) * 2 * spread;
		if (!item_is_scored(it) || (double)(i % 10) >= answered * 10)
			continue;
		double target = fmin(1, fmax(0, level_of(q->themes[it->theme]->key, previous) + shift + noise));
		set->answers[i] = answer_near(it, target);
	}
	struct score_result *r = score_compute(q, set);
	answer_set_free(set);
	return r;
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

/* The peers' statistics of one score (percentile_cont, as the database does). */
static struct benchmark_stats peer_stats(double *v, size_t n, double own)
{
	struct benchmark_stats st = {.mean = NAN, .sd = NAN, .p25 = NAN, .median = NAN, .p75 = NAN,
				     .percentile_rank = NAN};
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(v[i]))
			v[k++] = v[i];
	if (k < 5)
		return st;
	qsort(v, k, sizeof *v, cmp_double);
	double sum = 0, below = 0;
	for (size_t i = 0; i < k; i++) {
		sum += v[i];
		below += v[i] < own;
	}
	st.available = 1;
	st.n = (long)k;
	st.mean = sum / (double)k;
	double q[3] = {0.25, 0.5, 0.75}, *out[3] = {&st.p25, &st.median, &st.p75};
	for (int j = 0; j < 3; j++) {
		double pos = q[j] * (double)(k - 1);
		size_t lo = (size_t)pos;
		*out[j] = lo + 1 < k ? v[lo] + (pos - (double)lo) * (v[lo + 1] - v[lo]) : v[lo];
	}
	st.percentile_rank = isnan(own) ? NAN : 100.0 * below / (double)k;
	return st;
}

static void set_score(struct sv_score *s, const struct questionnaire *q, const char *level, const char *key,
		      int valid, double score, int band)
{
	s->level = level;
	s->key = key;
	s->present = 1;
	s->valid = valid;
	s->score = valid ? score : NAN;
	s->band = valid && band >= 0 ? q->bands[band].key : NULL;
	s->previous = NAN;
	s->peer.percentile_rank = NAN;
}

/* The view of the company's scan: its scores, movers, previous scores and peers. */
static int fill_view(struct arena *a, const struct questionnaire *q, enum report_demo variant,
		     struct scan_view *v)
{
	int sparse = variant == REPORT_DEMO_SPARSE;
	struct score_result *own = score_company(q, 0, 0.18, 2025, 0, sparse ? 0.3 : 1);
	struct score_result *prev = sparse ? NULL : score_company(q, 0, 0.18, 2025, 1, 1);
	struct score_result *peers[DEMO_PEERS] = {0};
	uint32_t s = 7;
	int ok = own && (sparse || prev);
	for (int i = 0; i < DEMO_PEERS && ok && !sparse; i++) {
		double shift = (next_unit(&s) - 0.5) * 0.3;
		peers[i] = score_company(q, shift, 0.3, 1000 + (uint32_t)i, 0, 1);
		ok = peers[i] != NULL;
	}
	if (!ok)
		goto done;
	v->q = q;
	v->overall.level = "overall";
	set_score(&v->overall, q, "overall", "overall", own->overall.valid, own->overall.score, own->overall.band);
	v->pillars = arena_alloc(a, sizeof(*v->pillars) * q->n_pillars);
	v->themes = arena_alloc(a, sizeof(*v->themes) * q->n_themes);
	double *vals = arena_alloc(a, sizeof(double) * DEMO_PEERS);
	for (size_t p = 0; p <= q->n_pillars; p++) {  /* p == n_pillars: the overall score */
		struct sv_score *sc = p < q->n_pillars ? &v->pillars[p] : &v->overall;
		if (p < q->n_pillars)
			set_score(sc, q, "pillar", q->pillars[p].key, own->pillars[p].valid, own->pillars[p].score,
				  own->pillars[p].band);
		const struct aggregate_result *pr = prev ? (p < q->n_pillars ? &prev->pillars[p] : &prev->overall) : NULL;
		sc->has_previous = pr && pr->valid;
		sc->previous = sc->has_previous ? pr->score : NAN;
		for (int i = 0; i < DEMO_PEERS && !sparse; i++) {
			const struct aggregate_result *r = p < q->n_pillars ? &peers[i]->pillars[p] : &peers[i]->overall;
			vals[i] = r->valid ? r->score : NAN;
		}
		if (!sparse)
			sc->peer = peer_stats(vals, DEMO_PEERS, sc->score);
	}
	for (size_t t = 0; t < q->n_themes; t++) {
		const struct theme_result *tr = &own->themes[t];
		struct sv_score *sc = &v->themes[t];
		set_score(sc, q, "theme", q->themes[t]->key, tr->valid, tr->score, tr->band);
		sc->has_previous = prev && prev->themes[t].valid;
		sc->previous = sc->has_previous ? prev->themes[t].score : NAN;
		sc->movers = arena_alloc(a, sizeof(*sc->movers) * (tr->n_movers ? tr->n_movers : 1));
		for (size_t m = 0; m < tr->n_movers; m++) {
			const struct item *it = q->items[tr->movers[m]];
			sc->movers[sc->n_movers++] = (struct sv_mover){it, it->key, NAN};
		}
		for (int i = 0; i < DEMO_PEERS && !sparse; i++)
			vals[i] = peers[i]->themes[t].valid ? peers[i]->themes[t].score : NAN;
		if (!sparse)
			sc->peer = peer_stats(vals, DEMO_PEERS, sc->score);
	}
	v->group = sparse ? (struct benchmark_group){"none", "", 3} : (struct benchmark_group){"sector", "C", DEMO_PEERS};
	v->previous_scan_id = sparse ? 0 : 1;
	v->previous_date = sparse ? NULL : "2023-02-20";
done:
	score_result_free(own);
	score_result_free(prev);
	for (int i = 0; i < DEMO_PEERS; i++)
		score_result_free(peers[i]);
	return ok ? 0 : -1;
}

static const struct demo_advice *advice_for(const char *theme_title, const struct questionnaire *q, const char *lang)
{
	for (size_t i = 0; i < sizeof advice / sizeof advice[0]; i++) {
		const struct theme *th = questionnaire_theme_find(q, advice[i].theme);
		if (th && strcmp(text_pair_get(&th->title, lang), theme_title) == 0)
			return &advice[i];
	}
	return NULL;
}

/* The parts an advisor adds: advice, offers, actions, the assessment. */
static void fill_advisor_work(struct arena *a, const struct questionnaire *q, enum report_demo variant,
			      const char *lang, struct report *r)
{
	struct report_attention *at = arena_alloc(a, sizeof(*at) * (r->n_attention ? r->n_attention : 1));
	memcpy(at, r->attention, sizeof(*at) * r->n_attention);
	for (size_t i = 0; i < r->n_attention; i++) {
		const struct demo_advice *d = variant == REPORT_DEMO_SPARSE ? NULL : advice_for(at[i].theme_title, q, lang);
		at[i].advice_md = !d ? "" : strcmp(lang, "en") == 0 ? d->en : d->nl;
		at[i].suggested_offers = d ? d->offer : NULL;
		at[i].n_suggested_offers = d ? 1 : 0;
	}
	r->attention = at;
	if (variant == REPORT_DEMO_SPARSE)
		return;
	r->advice_md = strcmp(lang, "en") == 0 ? general_en : general_nl;
	report_demo_followup(r);  /* offers and actions: the renderer's demo has them */
	r->research_md = research;
	struct report_open_text *ot = arena_alloc(a, sizeof(*ot) * q->n_items);
	size_t k = 0;
	for (size_t i = 0; i < q->n_items && k < 2; i++)
		if (q->items[i]->type == ITEM_TEXT) {
			ot[k] = (struct report_open_text){text_pair_get(&q->items[i]->text, lang), open_answers[k]};
			k++;
		}
	r->open_texts = ot;
	r->n_open_texts = k;
	if (variant == REPORT_DEMO_EDGE)
		report_demo_edge(r, a);
}

int report_demo_build(struct arena *a, enum report_demo variant, const char *lang, struct report *out)
{
	static struct questionnaire *q;  /* loaded once per process: the CLI renders one demo */
	if (!q) {
		const struct asset *f = assets_find("questionnaires/fphc-1.json");
		struct problems problems;
		problems_init(&problems, 5);
		q = f ? questionnaire_parse((const char *)f->data, f->len, &problems) : NULL;
		problems_release(&problems);
		if (!q) {
			memset(out, 0, sizeof(*out));
			return -1;
		}
	}
	return report_demo_build_for(a, q, variant, lang, out);
}

int report_demo_build_for(struct arena *a, const struct questionnaire *q, enum report_demo variant, const char *lang,
			  struct report *out)
{
	memset(out, 0, sizeof(*out));
	lang = lang && strcmp(lang, "en") == 0 ? "en" : "nl";
	struct scan_view *v = arena_alloc(a, sizeof(*v));
	memset(v, 0, sizeof(*v));
	v->lang = lang;
	v->submitted_at = "2025-03-04";
	v->company_name = "Van der Linden Metaalbewerking B.V.";
	v->sector = "C";
	v->fte = 86;
	v->municipality = "Sittard-Geleen";
	if (fill_view(a, q, variant, v) != 0)
		return -1;
	report_from_view(a, v, lang, out);
	out->created = 1741780800;  /* 2025-03-12 12:00 UTC: fixed, for identical bytes */
	out->association.name = "Werkgeversvereniging Zuid (demo)";
	out->association.contact = "Anna de Vries, adviseur · 043 000 00 00 · anna.devries@example.nl";
	out->association.retention = strcmp(lang, "en") == 0
		? "The association keeps your answers and this report for five years after the scan."
		: "De vereniging bewaart uw antwoorden en dit rapport vijf jaar na de scan. Het lectoraat "
		  "ontvangt ze alleen zonder naam (gepseudonimiseerd).";
	out->questionnaire_version = arena_printf(a, "%s-%ld (demo)", q->key, q->version);
	out->engine_version = SCORE_ENGINE_VERSION;
	out->benchmark.snapshot_date = "2025-03-01";
	fill_advisor_work(a, q, variant, lang, out);
	return 0;
}
