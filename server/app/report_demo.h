/* report_demo.h: the demo report (`fphc report --demo`): an invented company's
 * scan of fphc-1 through the real scoring engine and report_from_view, so the
 * demo shows what a real scan gives. No database needed. */
#ifndef FPHC_REPORT_DEMO_H
#define FPHC_REPORT_DEMO_H

#include "common/arena.h"
#include "reports/report.h"

/* Fills out (in the arena) for a variant: REPORT_DEMO_FULL; REPORT_DEMO_EDGE
 * adds a 120-character name, a 40-letter word and 40 actions; REPORT_DEMO_SPARSE
 * is a scan with too few answers for most themes, no comparison, no advice,
 * offers or actions. lang "nl" or "en". Returns 0, or -1 (out of memory). */
int report_demo_build(struct arena *a, enum report_demo variant, const char *lang, struct report *out);
/* The same for another questionnaire (a draft's preview, issue 19): synthetic answers to
 * q, which must outlive the report. Thread-safe; returns 0 or -1. */
struct questionnaire;
int report_demo_build_for(struct arena *a, const struct questionnaire *q, enum report_demo variant, const char *lang,
			  struct report *out);

#endif
