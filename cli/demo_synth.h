/* demo_synth.h: synthetic answers for demo data — a latent trait per theme plus
 * noise, so items within a theme correlate (Cronbach's alpha about 0.6–0.9).
 * Deterministic for a given seed (xoshiro256**), so seeds are reproducible. */
#ifndef FPHC_DEMO_SYNTH_H
#define FPHC_DEMO_SYNTH_H

#include <stdint.h>
#include "common/buf.h"
#include "scoring/questionnaire.h"

struct synth {
	uint64_t s[4];
};

void synth_seed(struct synth *g, uint64_t seed);
uint64_t synth_next(struct synth *g);
/* Uniform in [0, 1). */
double synth_uniform(struct synth *g);
/* Standard normal (Box–Muller). */
double synth_normal(struct synth *g);

/* Appends the JSON value of an answer to `it` for a respondent whose latent
 * level on the item's theme is x (about N(0, 1); higher = better practice), or
 * nothing and returns 0 when the item is left unanswered. Returns 1 when a
 * value was written. "na" is given on items that allow it now and then. */
int synth_item_value(struct synth *g, const struct item *it, double x, struct buf *out);

#endif
