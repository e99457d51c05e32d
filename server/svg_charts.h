/* svg_charts.h: the scan page's charts as server-rendered SVG (no scripts, no
 * inline style attributes: presentation attributes only, as the CSP forbids style=).
 *
 * One function per chart, each taking plain numbers and already translated text,
 * so the shared chart model of reports/ can replace the drawing behind the same
 * calls. Scores are 0..100; NAN means "not there" (an invalid score, or no
 * benchmark): that part is simply not drawn and the text says so. Every colour
 * comes with a text label. Appends to out; returns 0, or -1 when out hit its cap. */
#ifndef FPHC_SVG_CHARTS_H
#define FPHC_SVG_CHARTS_H

#include <stddef.h>

#include "common/buf.h"

struct svg_radar_axis {
	const char *label;      /* pillar title */
	double value;           /* the company's score */
	double peer_median;     /* NAN when there is no benchmark */
};

struct svg_radar {
	const char *title, *desc;           /* accessible name and description */
	const char *own_label, *peer_label; /* legend */
	const struct svg_radar_axis *axes;
	size_t n;                           /* 3 or more */
};

/* A radar (spider) chart of the pillars with the peer median as a dashed line. */
int svg_radar(struct buf *out, const struct svg_radar *chart);

struct svg_bar {
	const char *label;       /* theme title */
	double value;            /* the company's score */
	const char *band;        /* band key (attention, on_the_way, future_proof) or NULL */
	const char *value_text;  /* e.g. "62 · Op weg" or "onvoldoende antwoorden" */
	double p25, median, p75; /* peer statistics; NAN when there is no benchmark */
};

struct svg_bars {
	const char *id;          /* unique on the page (element ids for the title) */
	const char *title, *desc;
	const char *own_label, *iqr_label, *median_label; /* legend */
	const struct svg_bar *bars;
	size_t n;
};

/* One horizontal bar per theme over the peer p25–p75 band, with a median tick
 * and the company's marker. */
int svg_theme_bars(struct buf *out, const struct svg_bars *chart);

/* The fill colour of a band key (also used for its text label). */
const char *svg_band_colour(const char *band);

#endif
