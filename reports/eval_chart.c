/* eval_chart.c: layout and SVG of the interim evaluation's charts; see eval_chart.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "reports/eval_chart.h"
#include "common/banned.h"

#define FONT "font-family=\"DejaVu Sans, Verdana, sans-serif\""

static double clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

int eval_chart_layout(struct eval_chart *c, enum eval_chart_kind kind, const struct eval_chart_row *rows,
		      size_t n, double scale_max, double width, const struct chart_type *t)
{
	memset(c, 0, sizeof(*c));
	if (n == 0)
		return -1;
	if (n > EVAL_CHART_MAX_ROWS)
		n = EVAL_CHART_MAX_ROWS;
	c->kind = kind;
	c->width = width;
	c->text_size = t->text;
	c->small_size = t->small;
	c->n = n;
	double top = 2, mark_h = t->text * 1.1, row_h = t->text * 1.35 + mark_h + t->text * 0.7;
	double max = 100;
	if (kind == EVAL_CHART_BARS) {
		max = scale_max;
		if (max <= 0) {
			max = 1;
			for (size_t i = 0; i < n; i++)
				if (rows[i].shown && rows[i].value > max)
					max = rows[i].value;
		}
	}
	c->track = (struct chart_rect){0, top, width - 1, row_h * (double)n};
	double w = c->track.w;
#define X(v) (clamp((v) / max, 0, 1) * w)
	for (size_t i = 0; i < n; i++) {
		const struct eval_chart_row *r = &rows[i];
		struct eval_chart_mark *m = &c->mark[i];
		double y = top + row_h * (double)i;
		m->label = r->label ? r->label : "";
		m->value_text = r->value_text ? r->value_text : "";
		m->shown = r->shown;
		m->label_y = y + t->text;
		m->value_y = m->label_y;
		m->mid_y = y + t->text * 1.35 + mark_h / 2;
		if (!r->shown)
			continue;
		if (kind == EVAL_CHART_BOXES) {
			m->box = (struct chart_rect){X(r->q1), m->mid_y - mark_h / 2, X(r->q3) - X(r->q1), mark_h};
			if (m->box.w < 1)
				m->box.w = 1;
			m->lo_x = X(r->min);
			m->hi_x = X(r->max);
			m->median_x = X(r->median);
		} else {
			m->box = (struct chart_rect){0, m->mid_y - mark_h / 2, X(r->value), mark_h};
		}
	}
	/* the scale: five steps */
	c->n_ticks = 6;
	for (size_t i = 0; i < c->n_ticks; i++) {
		double v = max * (double)i / 5.0;
		c->tick_x[i] = X(v);
		if (kind == EVAL_CHART_BARS && max < 10 && fabs(v - round(v)) > 1e-9)
			snprintf(c->tick_label[i], sizeof(c->tick_label[i]), "%.1f", v);
		else
			snprintf(c->tick_label[i], sizeof(c->tick_label[i]), "%.0f", v);
	}
#undef X
	c->tick_y = top + row_h * (double)n + t->small * 1.3;
	c->height = c->tick_y + t->small * 0.6;
	return 0;
}

static void text(struct buf *out, double x, double y, double size, const char *anchor, unsigned colour,
		 const char *s, int bold)
{
	buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" text-anchor=\"%s\" fill=\"#%06X\"%s " FONT ">",
		   x, y, size, anchor, colour, bold ? " font-weight=\"bold\"" : "");
	buf_html(out, s);
	buf_puts(out, "</text>");
}

int eval_chart_svg(const struct eval_chart *c, const char *title, const char *id, struct buf *out)
{
	/* a margin on both sides so that the end ticks' labels fit */
	const double pad = 10;
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"%.0f 0 %.0f %.0f\" class=\"eval-chart\""
			" role=\"img\" aria-labelledby=\"%s-t %s-d\"><title id=\"%s-t\">",
		   -pad, c->width + 2 * pad, c->height, id, id, id);
	buf_html(out, title);
	buf_printf(out, "</title><desc id=\"%s-d\">", id);
	for (size_t i = 0; i < c->n; i++) {
		buf_html(out, c->mark[i].label);
		buf_puts(out, ": ");
		buf_html(out, c->mark[i].value_text);
		buf_puts(out, i + 1 < c->n ? "; " : ".");
	}
	buf_puts(out, "</desc>");
	const struct chart_rect *tr = &c->track;
	for (size_t i = 0; i < c->n_ticks; i++)
		buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#%06X\" stroke-width=\"0.6\"/>",
			   c->tick_x[i], tr->y, c->tick_x[i], tr->y + tr->h, CHART_GRID);
	for (size_t i = 0; i < c->n; i++) {
		const struct eval_chart_mark *m = &c->mark[i];
		text(out, 0, m->label_y, c->text_size, "start", CHART_INK, m->label, 0);
		if (!m->shown) {
			text(out, 0, m->mid_y + c->small_size * 0.35, c->small_size, "start", CHART_MUTED, m->value_text, 0);
			continue;
		}
		if (c->kind == EVAL_CHART_BOXES) {
			buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#%06X\" stroke-width=\"1.2\"/>",
				   m->lo_x, m->mid_y, m->hi_x, m->mid_y, CHART_INK);
			for (int e = 0; e < 2; e++) {
				double x = e ? m->hi_x : m->lo_x;
				buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#%06X\" stroke-width=\"1.2\"/>",
					   x, m->box.y + 2, x, m->box.y + m->box.h - 2, CHART_INK);
			}
			buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#%06X\" stroke=\"#%06X\" stroke-width=\"1.2\"/>",
				   m->box.x, m->box.y, m->box.w, m->box.h, CHART_COMPANY_FILL, CHART_COMPANY);
			buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#%06X\" stroke-width=\"2.5\"/>",
				   m->median_x, m->box.y, m->median_x, m->box.y + m->box.h, CHART_INK);
		} else {
			buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#%06X\"/>",
				   m->box.x, m->box.y, m->box.w, m->box.h, CHART_COMPANY);
		}
		text(out, c->width, m->value_y, c->small_size, "end", CHART_MUTED, m->value_text, 0);
	}
	for (size_t i = 0; i < c->n_ticks; i++)
		text(out, c->tick_x[i], c->tick_y, c->small_size, "middle", CHART_MUTED, c->tick_label[i], 0);
	buf_puts(out, "</svg>");
	return out->toobig ? -1 : 0;
}
