/* chart_svg.c: draws the chart geometry (chart.h) as accessible inline SVG.
 * Presentation attributes only: the site's CSP forbids style attributes. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "scoring/score.h"
#include "reports/chart.h"
#include "reports/strings.h"
#include "common/banned.h"

#define FONT "font-family=\"DejaVu Sans, Verdana, sans-serif\""

static void points(struct buf *out, const struct chart_point *pt, const int *valid, size_t n)
{
	buf_puts(out, " points=\"");
	const char *sep = "";
	for (size_t i = 0; i < n; i++) {
		if (valid && !valid[i])
			continue;
		buf_printf(out, "%s%.1f,%.1f", sep, pt[i].x, pt[i].y);
		sep = " ";
	}
	buf_puts(out, "\"");
}

static void open_svg(struct buf *out, double w, double h, const char *id,
		     const char *title)
{
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
		   "role=\"img\" aria-labelledby=\"", w, h);
	buf_html(out, id);
	buf_puts(out, "-title ");
	buf_html(out, id);
	buf_puts(out, "-desc\" " FONT "><title id=\"");
	buf_html(out, id);
	buf_puts(out, "-title\">");
	buf_html(out, title);
	buf_puts(out, "</title><desc id=\"");
	buf_html(out, id);
	buf_puts(out, "-desc\">");
}

/* "Title: 62 (Op weg); peer median 58" — the values as text for screen readers. */
static void describe(struct buf *out, const struct report *r, const char *title,
		     double score, int band, const struct report_peer *peer)
{
	char v[16];
	buf_html(out, title);
	buf_puts(out, ": ");
	if (isnan(score)) {
		buf_html(out, report_str(r, RS_INSUFFICIENT));
	} else {
		chart_format_score(score, v, sizeof v);
		buf_puts(out, v);
		if (band >= 0 && (size_t)band < r->n_bands) {
			buf_puts(out, " (");
			buf_html(out, r->bands[band].label);
			buf_puts(out, ")");
		}
	}
	if (r->benchmark.available && peer->available) {
		chart_format_score(peer->median, v, sizeof v);
		buf_puts(out, ", ");
		buf_html(out, report_str(r, RS_PEER_MEDIAN));
		buf_printf(out, " %s", v);
	}
	buf_puts(out, ". ");
}

static void text(struct buf *out, double x, double y, const char *anchor, double size,
		 unsigned colour, const char *s)
{
	buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%.1f\" "
		   "fill=\"#%06x\">", x, y, anchor, size, colour);
	buf_html(out, s);
	buf_puts(out, "</text>");
}

int chart_svg_radar(const struct chart_radar *c, const struct report *r,
		    const char *id, struct buf *out)
{
	open_svg(out, c->width, c->height + 10 + (c->small_size > 8 ? c->small_size : 8) * 1.5, id, report_str(r, RS_RADAR_TITLE));
	for (size_t i = 0; i < c->n_axes; i++)
		describe(out, r, r->pillars[i].title, r->pillars[i].score, r->pillars[i].band,
			 &r->pillars[i].peer);
	if (!r->benchmark.available)
		buf_html(out, report_str(r, RS_NO_BENCHMARK));
	buf_puts(out, "</desc>");
	for (size_t k = 0; k < c->n_rings; k++) {
		buf_printf(out, "<polygon fill=\"none\" stroke=\"#%06x\" stroke-width=\"0.75\"",
			   CHART_GRID);
		points(out, c->ring[k], NULL, c->n_axes);
		buf_puts(out, "/>");
		char v[8];
		snprintf(v, sizeof v, "%ld", score_round_display(c->ring_value[k]));
		text(out, c->ring_label_at[k].x, c->ring_label_at[k].y, "start", c->small_size, CHART_MUTED, v);
	}
	for (size_t i = 0; i < c->n_axes; i++)
		buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			   "stroke=\"#%06x\" stroke-width=\"0.75\"/>", c->centre.x, c->centre.y,
			   c->axis_end[i].x, c->axis_end[i].y, CHART_GRID);
	if (c->has_company) {
		buf_printf(out, "<polygon fill=\"#%06x\" stroke=\"#%06x\" stroke-width=\"2\"",
			   CHART_COMPANY_FILL, CHART_COMPANY);
		points(out, c->company, c->company_valid, c->n_axes);
		buf_puts(out, "/>");
	}
	if (c->has_peer) {
		buf_printf(out, "<polygon fill=\"none\" stroke=\"#%06x\" stroke-width=\"1.25\" "
			   "stroke-dasharray=\"4 3\"", CHART_INK);
		points(out, c->peer, NULL, c->n_axes);
		buf_puts(out, "/>");
	}
	for (size_t i = 0; i < c->n_axes; i++) {
		if (c->company_valid[i])
			buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#%06x\"/>",
				   c->company[i].x, c->company[i].y, CHART_COMPANY);
		const char *anchor = c->label_anchor[i] < 0 ? "start" :
				     c->label_anchor[i] > 0 ? "end" : "middle";
		for (size_t l = 0; l < c->label_lines[i]; l++)
			text(out, c->label_at[i].x, c->label_at[i].y + (double)l * c->label_size * 1.25,
			     anchor, c->label_size, CHART_INK, c->label[i][l]);
	}
	/* Legend: shapes plus words, so colour is never the only cue. */
	/* The legend: at paper size as before, at screen size the second entry
	 * moves along with the first one's width. */
	double ls = c->small_size > 8 ? c->small_size : 8;
	double y = c->height + 4 + ls;
	double second = 20 + (double)strlen(report_str(r, RS_YOUR_SCORE)) * ls * 0.6 + 16;
	if (second < 110)
		second = 110;
	buf_printf(out, "<rect x=\"0\" y=\"%.1f\" width=\"14\" height=\"8\" fill=\"#%06x\" "
		   "stroke=\"#%06x\" stroke-width=\"1.5\"/>", y - 7, CHART_COMPANY_FILL, CHART_COMPANY);
	text(out, 20, y, "start", ls, CHART_INK, report_str(r, RS_YOUR_SCORE));
	if (c->has_peer) {
		buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#%06x\" "
			   "stroke-width=\"1.25\" stroke-dasharray=\"4 3\"/>", second, y - 3, second + 18,
			   y - 3, CHART_INK);
		text(out, second + 24, y, "start", ls, CHART_INK, report_str(r, RS_PEER_MEDIAN));
	} else {
		text(out, second, y, "start", ls, CHART_MUTED, report_str(r, RS_NO_BENCHMARK));
	}
	buf_puts(out, "</svg>");
	return out->toobig ? -1 : 0;
}

static void rect(struct buf *out, struct chart_rect rc, double dy, unsigned fill)
{
	buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		   "fill=\"#%06x\"/>", rc.x, rc.y + dy, rc.w, rc.h, fill);
}

static void svg_bar(struct buf *out, const struct chart_bars *c, const struct report *r,
		    const struct chart_bar *b, double dy)
{
	text(out, b->title_at.x, b->title_at.y + dy, "start", c->text_size, CHART_INK, b->title);
	text(out, b->value_at.x, b->value_at.y + dy, b->value_below ? "start" : "end", c->text_size,
	     b->has_score ? CHART_INK : CHART_MUTED, b->value_text);
	rect(out, b->track, dy, CHART_TRACK);
	if (b->has_peer)
		rect(out, b->peer_band, dy, CHART_PEER);
	if (b->has_score)
		rect(out, b->fill, dy, chart_band_colour(r, b->band));
	if (b->has_peer)
		buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			   "stroke=\"#%06x\" stroke-width=\"2\"/>", b->median_x, b->track.y + dy - 3,
			   b->median_x, b->track.y + b->track.h + dy + 3, CHART_INK);
	if (b->has_score) {
		double x = b->marker_x, y = b->track.y + b->track.h / 2 + dy;
		buf_printf(out, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\" "
			   "fill=\"#%06x\" stroke=\"#ffffff\" stroke-width=\"1\"/>",
			   x, y - 6, x + 6, y, x, y + 6, x - 6, y, CHART_INK);
	}
}

int chart_svg_bars(const struct chart_bars *c, const struct report *r,
		   const struct report_pillar *p, const char *id, struct buf *out)
{
	double note = c->small_size > 8 ? c->small_size : 8;
	double h = (double)c->n * c->row_height + 14 + 2 * note;
	open_svg(out, c->width, h, id, p->title ? p->title : "");
	for (size_t i = 0; i < c->n; i++)
		describe(out, r, p->themes[i].title, p->themes[i].score, p->themes[i].band,
			 &p->themes[i].peer);
	if (!r->benchmark.available)
		buf_html(out, report_str(r, RS_NO_BENCHMARK));
	buf_puts(out, "</desc>");
	for (size_t i = 0; i < c->n; i++)
		svg_bar(out, c, r, &c->bar[i], (double)i * c->row_height);
	double y = (double)c->n * c->row_height;
	for (size_t k = 0; k < c->n_ticks; k++) {
		buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			   "stroke=\"#%06x\" stroke-width=\"0.75\"/>", c->tick_x[k], y - 8,
			   c->tick_x[k], y - 4, CHART_MUTED);
		text(out, c->tick_x[k], y + c->small_size - 3, k == 0 ? "start" : k + 1 == c->n_ticks ? "end" : "middle",
		     c->small_size, CHART_MUTED, c->tick_label[k]);
	}
	if (!r->benchmark.available)
		text(out, 0, y + 10 + note, "start", note, CHART_MUTED, report_str(r, RS_NO_BENCHMARK));
	buf_puts(out, "</svg>");
	return out->toobig ? -1 : 0;
}
