/* score.c: computes a score_result from an answer set; the rules are in score.h. */
#include <math.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "scoring/score.h"
#include "common/banned.h"

int score_band_of(const struct questionnaire *q, double score)
{
	if (isnan(score))
		return -1;
	int band = 0;
	for (size_t i = 1; i < q->n_bands; i++)
		if (score + SCORE_EPSILON >= q->bands[i].min)
			band = (int)i;
	return band;
}

static size_t round_up(size_t n)
{
	size_t a = alignof(max_align_t);
	return (n + a - 1) / a * a;
}

/* One block holds the result and all its arrays: scoring a scan is then a
 * single malloc, and freeing it a single free. */
static struct score_result *result_new(const struct questionnaire *q)
{
	size_t off_p = round_up(sizeof(struct score_result));
	size_t off_t = off_p + round_up(q->n_pillars * sizeof(struct aggregate_result));
	size_t off_i = off_t + round_up(q->n_themes * sizeof(struct theme_result));
	size_t off_m = off_i + round_up(q->n_items * sizeof(struct item_result));
	size_t off_a = off_m + round_up(q->n_items * sizeof(size_t));
	size_t total = off_a + q->n_themes * sizeof(size_t);
	/* malloc, not calloc: score_theme writes every field of every theme and
	 * item result; only the small top-level struct is cleared here. */
	char *block = malloc(total);
	if (!block)
		abort();
	memset(block, 0, sizeof(struct score_result));
	struct score_result *r = (struct score_result *)block;
	r->q = q;
	r->pillars = (struct aggregate_result *)(block + off_p);
	r->themes = (struct theme_result *)(block + off_t);
	r->items = (struct item_result *)(block + off_i);
	r->attention = (const size_t *)(block + off_a);
	/* movers: each theme gets the slice of its own items (block + off_m) */
	size_t *movers = (size_t *)(block + off_m);
	for (size_t t = 0; t < q->n_themes; t++) {
		r->themes[t].movers = movers;
		movers += q->themes[t]->n_items;
	}
	return r;
}

/* Sorts a theme's movers by gain, largest first; gains within SCORE_EPSILON
 * count as equal and keep questionnaire order (insertion sort is stable, and a
 * theme has a handful of items), so last-bit rounding never reorders them. */
static void sort_movers(const struct item_result *items, size_t *m, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		size_t x = m[i], j = i;
		while (j > 0 && items[m[j - 1]].gain + SCORE_EPSILON < items[x].gain) {
			m[j] = m[j - 1];
			j--;
		}
		m[j] = x;
	}
}

static void explain_theme(const struct theme *t, struct score_result *r, double sum_ws, double sum_w)
{
	struct theme_result *tr = &r->themes[t->index];
	size_t *movers = (size_t *)tr->movers;
	double raw = sum_w > 0 ? 100.0 * sum_ws / sum_w : 0;
	double per_weight = sum_w > 0 ? 100.0 / sum_w : 0; /* one division per theme, not per item */
	for (size_t i = 0; i < t->n_items; i++) {
		const struct item *it = &t->items[i];
		struct item_result *ir = &r->items[it->index];
		if (!item_is_scored(it))
			continue;
		double gain;
		if (ir->state == ANSWER_GIVEN) {
			ir->contribution = per_weight * it->weight * ir->score;
			gain = per_weight * (sum_ws - it->weight * ir->score + it->weight * it->best) - raw;
		} else {
			gain = 100.0 * (sum_ws + it->weight * it->best) / (sum_w + it->weight) - raw;
		}
		ir->gain = gain > SCORE_EPSILON ? gain : 0;
		if (ir->gain > 0)
			movers[tr->n_movers++] = it->index;
	}
	sort_movers(r->items, movers, tr->n_movers);
}

static void score_theme(const struct questionnaire *q, const struct theme *t,
			const struct answer_set *answers, struct score_result *r)
{
	struct theme_result *tr = &r->themes[t->index];
	const size_t *movers = tr->movers;
	*tr = (struct theme_result){.movers = movers};
	double sum_ws = 0, sum_w = 0;
	for (size_t i = 0; i < t->n_items; i++) {
		const struct item *it = &t->items[i];
		const struct answer *a = &answers->answers[it->index];
		struct item_result *ir = &r->items[it->index];
		ir->state = a->state;
		ir->score = ir->contribution = NAN;
		ir->gain = 0;
		if (!item_is_scored(it))
			continue;
		if (a->state != ANSWER_GIVEN) {
			tr->n_na += a->state == ANSWER_NA;
			tr->n_missing += a->state == ANSWER_MISSING;
			continue;
		}
		ir->score = answer_item_score(it, a);
		sum_ws += it->weight * ir->score;
		sum_w += it->weight;
		tr->n_answered++;
	}
	tr->raw = sum_w > 0 ? 100.0 * sum_ws / sum_w : NAN;
	tr->answered_share = sum_w / t->scored_weight;
	tr->valid = sum_w > 0 && sum_w + SCORE_EPSILON >= q->min_answered * t->scored_weight;
	tr->score = tr->valid ? tr->raw : NAN;
	tr->band = score_band_of(q, tr->score);
	tr->attention = tr->valid && tr->band == 0;
	explain_theme(t, r, sum_ws, sum_w);
}

/* Weighted mean of the valid parts; valid when they carry >= half the weight. */
static void aggregate(struct aggregate_result *out, double sum_ws, double sum_valid_w, double sum_w,
		      const struct questionnaire *q)
{
	out->valid_share = sum_w > 0 ? sum_valid_w / sum_w : 0;
	out->valid = sum_valid_w > 0 && sum_valid_w + SCORE_EPSILON >= 0.5 * sum_w;
	/* A weighted mean lies between its parts, so within [0, 100]; the clamp only
	 * removes a last-bit rounding excess, and keeps the result monotone. */
	out->score = out->valid ? fmin(100.0, fmax(0.0, sum_ws / sum_valid_w)) : NAN;
	out->band = score_band_of(q, out->score);
}

static void list_attention(const struct questionnaire *q, struct score_result *r)
{
	size_t *list = (size_t *)r->attention, n = 0;
	for (size_t t = 0; t < q->n_themes; t++) {
		if (!r->themes[t].attention)
			continue;
		size_t j = n++;
		while (j > 0 && r->themes[list[j - 1]].score > r->themes[t].score) {
			list[j] = list[j - 1];
			j--;
		}
		list[j] = t;
	}
	r->n_attention = n;
}

struct score_result *score_compute(const struct questionnaire *q, const struct answer_set *answers)
{
	struct score_result *r = result_new(q);
	double all_ws = 0, all_valid_w = 0, all_w = 0;
	for (size_t p = 0; p < q->n_pillars; p++) {
		const struct pillar *pl = &q->pillars[p];
		double ws = 0, valid_w = 0, w = 0;
		for (size_t t = 0; t < pl->n_themes; t++) {
			const struct theme *th = &pl->themes[t];
			score_theme(q, th, answers, r);
			w += th->weight;
			if (r->themes[th->index].valid) {
				ws += th->weight * r->themes[th->index].score;
				valid_w += th->weight;
			}
		}
		aggregate(&r->pillars[p], ws, valid_w, w, q);
		all_w += pl->weight;
		if (r->pillars[p].valid) {
			all_ws += pl->weight * r->pillars[p].score;
			all_valid_w += pl->weight;
		}
	}
	aggregate(&r->overall, all_ws, all_valid_w, all_w, q);
	list_attention(q, r);
	return r;
}

void score_result_free(struct score_result *r)
{
	free(r);
}
