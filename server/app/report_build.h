/* report_build.h: fills the report view model (reports/report.h) of one scan
 * from the database, for the PDF report, the advisor's brief and the charts of
 * the scan page.
 *
 * Everything lands in the caller's arena (or points into the shared
 * questionnaire model); the model lives as long as that arena. Parts without
 * data (no advice, no offers, no actions, no assessment, no previous scan, no
 * benchmark) are left empty, and the renderers leave them out or say so. */
#ifndef FPHC_REPORT_BUILD_H
#define FPHC_REPORT_BUILD_H

#include <time.h>

#include "common/arena.h"
#include "reports/report.h"
#include "server/app/scan_view.h"

struct report_build_opts {
	const char *lang;   /* NULL: the scan's own language (scans.lang) */
	int draft;          /* CONCEPT on every page */
	time_t created;     /* PDF creation date; also the benchmark date shown */
};

/* Facts about the scan the callers need besides the model. */
struct report_build_info {
	long long org_id;
	const char *status;          /* scans.status */
	int owner_report_download;   /* the association lets owners download the final report */
	long long benchmark_refresh_id; /* the benchmark refresh current when built; 0 = none */
	int text_revision;           /* the questionnaire text revision the texts came from */
};

/* Builds the model of scan_id as seen by scope (NOT_FOUND as scanview_load).
 * info may be NULL. */
enum scanview_status report_build(struct db *db, struct arena *a, long long scan_id,
				  const struct scanview_scope *scope, const struct report_build_opts *o,
				  struct report *out, struct report_build_info *info);

/* The part of the model a view holds (bands, overall, pillars, themes, peers,
 * previous scores, movers, strongest themes, the benchmark group in words, the
 * company and the scan dates) from
 * an already loaded view, texts in `lang`. No database access: the scan page
 * uses it to draw the same charts as the PDF. */
void report_from_view(struct arena *a, const struct scan_view *v, const char *lang, struct report *out);

/* The comparison group in words, as every page names it: "sector C Industrie",
 * "bedrijven met 10–49 fte", "alle deelnemers"; NULL for no group. */
const char *report_group_label(struct arena *a, const struct benchmark_group *g, const char *lang);

/* The charts of the model as accessible SVG (reports/chart.h) in the arena;
 * "" when there is nothing to draw. id_prefix keeps element ids unique. */
const char *report_svg_radar(struct arena *a, const struct report *r, const char *id);
const char *report_svg_bars(struct arena *a, const struct report *r, size_t pillar, const char *id);

#endif
