/* eval_chart.h: the interim evaluation's charts — box plots of scores and bars
 * of counts — as geometry computed once and drawn by two renderers (inline SVG
 * for the pages, eval_chart_svg; vectors in the PDF, evaluation_pdf.c), the
 * same split as the personal report's charts (chart.h), in the same type
 * sizes (chart_paper, chart_screen) and colours.
 *
 * Each row has its label on a line of its own above the mark, so the chart
 * reads on a 360 px phone; a hidden figure (small group) is drawn as no mark
 * and its value text says why. Text pointers point into the input: the
 * geometry lives no longer than it. */
#ifndef FPHC_EVAL_CHART_H
#define FPHC_EVAL_CHART_H

#include <stddef.h>

#include "reports/chart.h"

struct buf;

enum eval_chart_kind { EVAL_CHART_BOXES, EVAL_CHART_BARS };

/* One row as the model gives it. */
struct eval_chart_row {
	const char *label;
	const char *value_text;   /* e.g. "mediaan 62 · n = 40", "verborgen (minder dan 5)" */
	int shown;                /* 0: hidden by the minimum group size: no mark */
	double min, q1, median, q3, max; /* boxes, on 0–100 */
	double value;             /* bars, on 0..scale_max */
};

#define EVAL_CHART_MAX_ROWS 64

struct eval_chart_mark {
	const char *label, *value_text;
	int shown;
	double label_y, value_y;    /* baselines; label at x = 0, value right-aligned at width */
	double mid_y;               /* the mark's centre line */
	struct chart_rect box;      /* boxes: q1..q3; bars: 0..value */
	double lo_x, hi_x, median_x;/* boxes: the whiskers' ends (min, max) and the median */
};

struct eval_chart {
	enum eval_chart_kind kind;
	double width, height;
	double text_size, small_size;
	struct chart_rect track;    /* the scale, spanning all rows */
	size_t n;
	struct eval_chart_mark mark[EVAL_CHART_MAX_ROWS];
	size_t n_ticks;
	double tick_x[CHART_SCALE_MAX];
	char tick_label[CHART_SCALE_MAX][16];
	double tick_y;              /* baseline of the tick labels */
};

/* Lays out n rows (at most EVAL_CHART_MAX_ROWS; more are cut) `width` units
 * wide in type t. Bars scale to scale_max (<= 0: the largest shown value,
 * at least 1); boxes to 0–100. Returns 0, or -1 when n is 0. */
int eval_chart_layout(struct eval_chart *c, enum eval_chart_kind kind, const struct eval_chart_row *rows,
		      size_t n, double scale_max, double width, const struct chart_type *t);

/* Renders c as one accessible SVG element (role="img", <title> and a <desc>
 * with every row's text, ids made unique by `id`); presentation attributes only
 * (the CSP). 0, or -1 when out hit its cap. */
int eval_chart_svg(const struct eval_chart *c, const char *title, const char *id, struct buf *out);

#endif
