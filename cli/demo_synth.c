/* demo_synth.c: synthetic answers driven by a latent trait; see demo_synth.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/demo_synth.h"
#include "common/banned.h"

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void synth_seed(struct synth *g, uint64_t seed)
{
	for (int i = 0; i < 4; i++) { /* splitmix64 */
		uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		g->s[i] = z ^ (z >> 31);
	}
}

uint64_t synth_next(struct synth *g)
{
	uint64_t *s = g->s;
	uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return r;
}

double synth_uniform(struct synth *g)
{
	return (double)(synth_next(g) >> 11) * 0x1.0p-53;
}

double synth_normal(struct synth *g)
{
	double u = synth_uniform(g), v = synth_uniform(g);
	return sqrt(-2.0 * log(u + 1e-300)) * cos(6.283185307179586 * v);
}

static double phi(double x)
{
	return 0.5 * erfc(-x / sqrt(2.0));
}

static const char *const open_texts[] = {
	"Goed personeel vinden, vooral technici.",
	"Vakmensen vinden, en \"binden\" – dat is lastig.\nOok verloop onder jongeren.",
	"Vergrijzing; over vijf jaar gaan er drie collega's met pensioen.",
	"Cafébezoek daalt, dus minder uren; wie past zich aan?",
	"Digitale vaardigheden van oudere medewerkers.",
};

/* Index of the option with the rank-th lowest points (ties in order). */
static size_t option_by_rank(const struct item *it, size_t rank)
{
	size_t order[QUESTIONNAIRE_MAX_OPTIONS];
	for (size_t i = 0; i < it->n_options; i++)
		order[i] = i;
	for (size_t i = 1; i < it->n_options; i++)
		for (size_t j = i; j > 0 && it->options[order[j - 1]].points > it->options[order[j]].points; j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	return order[rank];
}

/* A number in the band that an answer at quantile u falls in (better bands for higher u). */
static double number_value(const struct item *it, double u)
{
	size_t nb = it->n_bands;
	/* rank bands by points, ascending; pick by u */
	size_t rank = (size_t)(u * (double)nb);
	if (rank >= nb)
		rank = nb - 1;
	size_t best = 0;
	/* the band with the rank-th lowest points */
	size_t order[QUESTIONNAIRE_MAX_BANDS];
	for (size_t i = 0; i < nb; i++)
		order[i] = i;
	for (size_t i = 1; i < nb; i++)
		for (size_t j = i; j > 0 && it->bands[order[j - 1]].points > it->bands[order[j]].points; j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	best = order[rank];
	double lo = best == 0 ? (it->has_min ? it->min : 0) : it->bands[best - 1].max;
	double hi = it->bands[best].has_max ? it->bands[best].max : (it->has_max ? it->max : lo + 20);
	if (it->has_min && lo < it->min)
		lo = it->min;
	if (it->has_max && hi > it->max)
		hi = it->max;
	if (hi < lo)
		hi = lo;
	/* the upper edge belongs to the band (values <= max); avoid the lower edge,
	 * which belongs to the band before */
	double v = best == 0 ? lo + (hi - lo) * u : lo + (hi - lo) * (0.1 + 0.9 * u);
	return round(v * 2) / 2;
}

int synth_item_value(struct synth *g, const struct item *it, double x, struct buf *out)
{
	if (it->type == ITEM_TEXT) {
		if (synth_uniform(g) > 0.3)
			return 0;
		buf_putc(out, '"');
		buf_json_str(out, open_texts[synth_next(g) % (sizeof(open_texts) / sizeof(open_texts[0]))]);
		buf_putc(out, '"');
		return 1;
	}
	double r = synth_uniform(g);
	if (r < 0.02)
		return 0;
	if (it->allow_na && r < 0.06) {
		buf_puts(out, "\"na\"");
		return 1;
	}
	double y = x + 0.8 * synth_normal(g); /* item response: trait + noise */
	double u = phi(y / 1.28);
	switch (it->type) {
	case ITEM_LIKERT5: {
		long v = lround(3.0 + 1.1 * y);
		v = v < 1 ? 1 : v > 5 ? 5 : v;
		if (it->reverse)
			v = 6 - v;
		buf_printf(out, "%ld", v);
		break;
	}
	case ITEM_CHOICE: {
		size_t rank = (size_t)(u * (double)it->n_options);
		if (rank >= it->n_options)
			rank = it->n_options - 1;
		buf_printf(out, "\"%s\"", it->options[option_by_rank(it, rank)].key);
		break;
	}
	case ITEM_MULTI: {
		buf_putc(out, '[');
		int first = 1;
		for (size_t i = 0; i < it->n_options; i++) {
			const struct item_option *o = &it->options[i];
			double p = o->points > 0 ? phi(y + 0.5 * synth_normal(g) - 0.2) : (y < -1.2 ? 0.5 : 0.02);
			int exclusive_none = o->points <= 0;
			if (synth_uniform(g) < p && !(exclusive_none && !first)) {
				buf_printf(out, "%s\"%s\"", first ? "" : ",", o->key);
				first = 0;
				if (exclusive_none)
					break;
			}
		}
		buf_putc(out, ']');
		break;
	}
	case ITEM_NUMBER:
		buf_printf(out, "%.1f", number_value(it, u));
		break;
	case ITEM_YESNO: {
		int good_is_yes = it->yes_points >= it->no_points;
		int good = y > -0.3;
		buf_puts(out, good == good_is_yes ? "true" : "false");
		break;
	}
	case ITEM_TEXT:
		break;
	}
	return 1;
}
