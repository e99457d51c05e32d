/* chart.h: chart geometry computed once, drawn by two renderers (SVG for the
 * web pages in chart_svg.c, PDF in pdf_chart.c), so screen and paper agree.
 *
 * Coordinates are abstract units (1 unit = 1 PDF point when drawn at scale 1)
 * with the origin at the top left and y growing downwards, as in SVG; the PDF
 * renderer flips y. Every mark that uses colour also has a text label, and the
 * palette (Okabe–Ito) stays distinguishable for colour-blind readers.
 *
 * Text pointers in the geometry point into the report model (or into the
 * chart's own fixed arrays): the chart lives no longer than the model. */
#ifndef FPHC_CHART_H
#define FPHC_CHART_H

#include <stddef.h>

#include "reports/report.h"

struct buf;

struct chart_point {
	double x, y;
};

struct chart_rect {
	double x, y, w, h;
};

/* Colours as 0xRRGGBB. */
enum {
	CHART_INK = 0x1A1A1A,
	CHART_MUTED = 0x5F5F5F,
	CHART_GRID = 0xC8C8C8,
	CHART_TRACK = 0xEEEEEE,
	CHART_PEER = 0xB0B0B0,
	CHART_COMPANY = 0x0072B2,      /* Okabe–Ito blue */
	CHART_COMPANY_FILL = 0xCCE3F0, /* the same blue at 20% on white */
};

/* Colour of band `band` (index into report.bands); grey for -1. */
unsigned chart_band_colour(const struct report *r, int band);

#define CHART_RING_MAX 6
#define CHART_LABEL_LINES 4

/* Type sizes of one medium, in units. Paper is the PDF, drawn at scale 1.
 * Screen is an SVG laid out CHART_SCREEN_WIDTH units wide and shown about
 * that many pixels wide on a 360 px phone, so that every text comes out at
 * 11 px or more there; on a phone a bar's value goes under its title. */
struct chart_type {
	double text;        /* pillar labels, theme titles and values */
	double small;       /* scale ticks, ring values, legend */
	size_t wrap;        /* characters on a side label's line */
	size_t title_lines; /* lines of a pillar label before its score */
	int value_below;    /* a bar's value on its own line under the title */
};
extern const struct chart_type chart_paper, chart_screen;
#define CHART_SCREEN_WIDTH 360

struct chart_radar {
	double width, height;
	struct chart_point centre;
	double radius;
	size_t n_axes;                       /* number of pillars, 3..REPORT_MAX_PILLARS */
	struct chart_point axis_end[REPORT_MAX_PILLARS];
	/* Pillar label: up to 3 lines (title split at spaces, then the score). */
	struct chart_point label_at[REPORT_MAX_PILLARS]; /* baseline of the first line */
	int label_anchor[REPORT_MAX_PILLARS];            /* -1 start, 0 middle, 1 end */
	char label[REPORT_MAX_PILLARS][CHART_LABEL_LINES][64];
	size_t label_lines[REPORT_MAX_PILLARS];
	double label_size;                               /* font size of the labels */
	double small_size;                               /* ring values, legend */
	/* Rings at 0 (the centre), every band boundary and 100. */
	size_t n_rings;
	double ring_value[CHART_RING_MAX];
	struct chart_point ring[CHART_RING_MAX][REPORT_MAX_PILLARS];
	struct chart_point ring_label_at[CHART_RING_MAX];
	/* The company's polygon; an axis without a score is left out of the
	 * polygon (company_valid[i] == 0) and its label says so. */
	struct chart_point company[REPORT_MAX_PILLARS];
	int company_valid[REPORT_MAX_PILLARS];
	int has_company;                     /* at least 3 valid axes */
	struct chart_point peer[REPORT_MAX_PILLARS];
	int has_peer;                        /* benchmark available for every pillar */
};

/* Computes the radar of r's pillars in a box `width` units wide (the height
 * follows from the radius and the labels).
 * Returns 0, or -1 when there are fewer than 3 or more than
 * REPORT_MAX_PILLARS pillars (nothing to draw). */
int chart_radar_layout(struct chart_radar *c, const struct report *r, double width);
/* The same in type t (chart_radar_layout uses chart_paper). */
int chart_radar_layout_in(struct chart_radar *c, const struct report *r, double width,
			  const struct chart_type *t);

/* One theme's bar, relative to its row's top-left corner. The row shows the
 * title and value text on one line, and below it the bar. */
struct chart_bar {
	const char *title;
	char value_text[96];        /* e.g. "62 · Op weg", or "onvoldoende antwoorden" */
	struct chart_point title_at; /* baseline, left aligned */
	struct chart_point value_at; /* baseline, right aligned (left when value_below) */
	int value_below;
	struct chart_rect track;    /* the 0..100 scale */
	int has_score;
	struct chart_rect fill;     /* 0..score */
	double marker_x;            /* company's score on the track */
	int band;                   /* colour index; -1 without a score */
	int has_peer;
	struct chart_rect peer_band; /* p25..p75, inside track */
	double median_x;
};

#define CHART_SCALE_MAX 6

struct chart_bars {
	double width;
	double row_height;           /* rows are stacked at i * row_height */
	double text_size;
	double small_size;           /* the scale's ticks, the no-benchmark line */
	size_t n;
	struct chart_bar bar[REPORT_MAX_THEMES];
	/* Scale under the last row: tick positions and labels (0, bands, 100). */
	size_t n_ticks;
	double tick_x[CHART_SCALE_MAX];
	char tick_label[CHART_SCALE_MAX][8];
};

/* Computes one bar per theme of pillar p, `width` units wide. The peer band
 * is drawn only when the theme's peers and the report's benchmark are
 * available. Returns 0, or -1 when the pillar has too many themes. */
int chart_bars_layout(struct chart_bars *c, const struct report *r,
		      const struct report_pillar *p, double width);
/* The same in type t (chart_bars_layout uses chart_paper). */
int chart_bars_layout_in(struct chart_bars *c, const struct report *r,
			 const struct report_pillar *p, double width, const struct chart_type *t);

/* Renders the radar as one accessible SVG element (role="img", <title>,
 * <desc> with all values as text) into out. Presentation attributes only:
 * no style attributes (the site's CSP forbids inline styles). `id` makes the
 * title/desc ids unique on a page. Returns 0, or -1 when out hit its cap. */
int chart_svg_radar(const struct chart_radar *c, const struct report *r,
		    const char *id, struct buf *out);

/* Renders a pillar's bars as one SVG element; same contract. */
int chart_svg_bars(const struct chart_bars *c, const struct report *r,
		   const struct report_pillar *p, const char *id, struct buf *out);

/* Formats a score for display (rounded half away from zero), "–" for NAN. */
void chart_format_score(double score, char *out, size_t n);

#endif
