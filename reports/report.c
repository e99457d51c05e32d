/* report.c: the personal report: section order and the model helpers. */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "reports/pdf.h"
#include "common/banned.h"

/* Refuses models the layout cannot show, before any work is done. */
static int check(const struct report *r, char *err, size_t errlen)
{
	const char *why = NULL;
	if (!r->bands || !r->n_bands)
		why = "the model has no bands";
	else if (r->n_pillars > REPORT_MAX_PILLARS)
		why = "too many pillars";
	for (size_t i = 0; !why && i < r->n_pillars; i++)
		if (r->pillars[i].n_themes > REPORT_MAX_THEMES)
			why = "a pillar has too many themes";
	if (why && err && errlen)
		snprintf(err, errlen, "%s", why);
	return why ? -1 : 0;
}

int report_render(const struct report *r, struct buf *out, char *err, size_t errlen)
{
	struct pdf p;
	assert(r && out);
	if (check(r, err, errlen) != 0 || pdf_open(&p, r, report_str(r, RS_TITLE), err, errlen) != 0)
		return -1;
	pdf_cover(&p);
	pdf_howto(&p);
	pdf_summary(&p);
	for (size_t i = 0; i < r->n_pillars && !p.failed; i++)
		pdf_pillar(&p, i);
	pdf_change(&p);
	pdf_attention(&p);
	if (!r->n_attention && !(r->advice_md && *r->advice_md) &&
	    (r->n_offers || r->n_actions))
		pdf_page_new(&p);
	pdf_offers(&p);
	pdf_actions(&p, r->actions, r->n_actions, report_str(r, RS_ACTIONS),
		    report_str(r, RS_ACTIONS_INTRO));
	pdf_research(&p);
	pdf_colophon(&p);
	return pdf_finish(&p, out, err, errlen);
}

int report_band_of(const struct report *r, double score)
{
	int band = -1;
	if (isnan(score))
		return -1;
	for (size_t i = 0; i < r->n_bands; i++)
		if (score >= r->bands[i].from || i == 0)
			band = (int)i;
	return band;
}

size_t report_pick_strongest(const struct report *r, const struct report_theme **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_pillars; i++) {
		for (size_t t = 0; t < r->pillars[i].n_themes; t++) {
			const struct report_theme *th = &r->pillars[i].themes[t];
			if (isnan(th->score))
				continue;
			/* Insertion into a short sorted list; equal scores keep their order. */
			size_t k = n < max ? n : max;
			while (k > 0 && out[k - 1]->score < th->score) {
				if (k < max)
					out[k] = out[k - 1];
				k--;
			}
			if (k < max) {
				out[k] = th;
				if (n < max)
					n++;
			}
		}
	}
	return n;
}
