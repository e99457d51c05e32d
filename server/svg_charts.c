/* svg_charts.c: radar and theme-bar charts as SVG; see svg_charts.h. */
#include <math.h>
#include <string.h>

#include "server/svg_charts.h"
#include "common/banned.h"

#define INK "#1b1f24"
#define MUTED "#4a5360"
#define GRID "#c9d0d8"
#define OWN "#0b5394"
#define PEER "#b35900"

const char *svg_band_colour(const char *band)
{
	if (band && strcmp(band, "attention") == 0)
		return "#b35900";
	if (band && strcmp(band, "on_the_way") == 0)
		return "#8a6d00";
	if (band && strcmp(band, "future_proof") == 0)
		return "#1f6f43";
	return MUTED;
}

static double clamp100(double v)
{
	return v < 0 ? 0 : v > 100 ? 100 : v;
}

/* A label split over at most two lines at the space nearest the middle. */
static void wrapped_text(struct buf *out, double x, double y, const char *anchor, const char *s)
{
	size_t n = strlen(s), best = 0;
	if (n > 18)
		for (size_t i = 1; i + 1 < n; i++)
			if (s[i] == ' ' && (best == 0 || (i > n / 2 ? i - n / 2 : n / 2 - i) <
							  (best > n / 2 ? best - n / 2 : n / 2 - best)))
				best = i;
	buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"13\" fill=\"" INK "\">", x, y,
		   anchor);
	if (!best) {
		buf_html(out, s);
	} else {
		char first[256];
		size_t m = best < sizeof(first) - 1 ? best : sizeof(first) - 1;
		memcpy(first, s, m);
		first[m] = '\0';
		buf_printf(out, "<tspan x=\"%.1f\" dy=\"-0.5em\">", x);
		buf_html(out, first);
		buf_printf(out, "</tspan><tspan x=\"%.1f\" dy=\"1.2em\">", x);
		buf_html(out, s + best + 1);
		buf_puts(out, "</tspan>");
	}
	buf_puts(out, "</text>");
}

static void open_svg(struct buf *out, const char *id, double w, double h, const char *title, const char *desc)
{
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\""
		   " role=\"img\" aria-labelledby=\"%s-t %s-d\" class=\"chart\" font-family=\"system-ui, sans-serif\">",
		   w, h, w, h, id, id);
	buf_printf(out, "<title id=\"%s-t\">", id);
	buf_html(out, title ? title : "");
	buf_printf(out, "</title><desc id=\"%s-d\">", id);
	buf_html(out, desc ? desc : "");
	buf_puts(out, "</desc>");
}

static void polygon(struct buf *out, const struct svg_radar *c, int peer, double cx, double cy, double rad)
{
	buf_puts(out, "<polygon points=\"");
	for (size_t i = 0; i < c->n; i++) {
		double v = peer ? c->axes[i].peer_median : c->axes[i].value;
		double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)c->n;
		double r = rad * clamp100(isfinite(v) ? v : 0) / 100.0;
		buf_printf(out, "%s%.1f,%.1f", i ? " " : "", cx + r * cos(a), cy + r * sin(a));
	}
	if (peer)
		buf_puts(out, "\" fill=\"none\" stroke=\"" PEER "\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\"/>");
	else
		buf_puts(out, "\" fill=\"" OWN "\" fill-opacity=\"0.18\" stroke=\"" OWN "\" stroke-width=\"2.5\"/>");
}

int svg_radar(struct buf *out, const struct svg_radar *c)
{
	const double w = 640, h = 440, cx = 320, cy = 205, rad = 130;
	open_svg(out, "radar", w, h, c->title, c->desc);
	for (int ring = 1; ring <= 4; ring++) {
		buf_puts(out, "<polygon fill=\"none\" stroke=\"" GRID "\" stroke-width=\"1\" points=\"");
		for (size_t i = 0; i < c->n; i++) {
			double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)c->n;
			buf_printf(out, "%s%.1f,%.1f", i ? " " : "", cx + rad * ring / 4 * cos(a), cy + rad * ring / 4 * sin(a));
		}
		buf_puts(out, "\"/>");
		buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"" MUTED "\">%d</text>", cx + 3,
			   cy - rad * ring / 4 - 2, ring * 25);
	}
	int any_peer = 0;
	for (size_t i = 0; i < c->n; i++) {
		double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)c->n;
		buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" GRID "\"/>", cx, cy,
			   cx + rad * cos(a), cy + rad * sin(a));
		double lx = cx + (rad + 18) * cos(a), ly = cy + (rad + 18) * sin(a) + 4;
		const char *anchor = fabs(cos(a)) < 0.2 ? "middle" : cos(a) > 0 ? "start" : "end";
		if (sin(a) < -0.9)
			ly -= 8;
		if (sin(a) > 0.9)
			ly += 10;
		wrapped_text(out, lx, ly, anchor, c->axes[i].label);
		if (isfinite(c->axes[i].peer_median))
			any_peer = 1;
	}
	if (any_peer)
		polygon(out, c, 1, cx, cy, rad);
	polygon(out, c, 0, cx, cy, rad);
	for (size_t i = 0; i < c->n; i++) {
		if (!isfinite(c->axes[i].value))
			continue;
		double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)c->n;
		double r = rad * clamp100(c->axes[i].value) / 100.0;
		buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"" OWN "\"/>", cx + r * cos(a), cy + r * sin(a));
	}
	/* legend */
	double ly = h - 18;
	buf_printf(out, "<rect x=\"20\" y=\"%.0f\" width=\"22\" height=\"12\" fill=\"" OWN "\" fill-opacity=\"0.18\""
		   " stroke=\"" OWN "\" stroke-width=\"2\"/>", ly - 10);
	buf_printf(out, "<text x=\"50\" y=\"%.0f\" font-size=\"13\" fill=\"" INK "\">", ly);
	buf_html(out, c->own_label);
	buf_puts(out, "</text>");
	if (any_peer) {
		buf_printf(out, "<line x1=\"270\" y1=\"%.0f\" x2=\"296\" y2=\"%.0f\" stroke=\"" PEER "\" stroke-width=\"2.5\""
			   " stroke-dasharray=\"6 4\"/>", ly - 4, ly - 4);
		buf_printf(out, "<text x=\"304\" y=\"%.0f\" font-size=\"13\" fill=\"" INK "\">", ly);
		buf_html(out, c->peer_label);
		buf_puts(out, "</text>");
	}
	buf_puts(out, "</svg>");
	return out->toobig ? -1 : 0;
}

int svg_theme_bars(struct buf *out, const struct svg_bars *c)
{
	const double w = 580, row = 58, x0 = 8, x1 = 360, top = 8;
	const double h = top + row * (double)c->n + 44;
	const char *id = c->id && c->id[0] ? c->id : "bars";
	open_svg(out, id, w, h, c->title, c->desc);
	const double span = x1 - x0;
	int any_peer = 0;
	for (size_t i = 0; i < c->n; i++) {
		const struct svg_bar *b = &c->bars[i];
		double y = top + row * (double)i;
		buf_printf(out, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"13\" fill=\"" INK "\">", x0, y + 13);
		buf_html(out, b->label);
		buf_puts(out, "</text>");
		double by = y + 20;
		buf_printf(out, "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.0f\" height=\"24\" fill=\"#f3f5f7\" stroke=\"" GRID "\"/>",
			   x0, by, span);
		if (isfinite(b->p25) && isfinite(b->p75)) {
			any_peer = 1;
			double a = x0 + span * clamp100(b->p25) / 100, z = x0 + span * clamp100(b->p75) / 100;
			buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"24\" fill=\"#c9d0d8\"/>", a, by,
				   z - a < 1 ? 1 : z - a);
		}
		if (isfinite(b->value)) {
			double vx = x0 + span * clamp100(b->value) / 100;
			const char *col = svg_band_colour(b->band);
			buf_printf(out, "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"10\" fill=\"%s\"/>", x0, by + 7,
				   vx - x0, col);
			buf_printf(out, "<path d=\"M%.1f %.1f l7 12 l-7 12 l-7 -12 z\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"1.5\"/>",
				   vx, by, col);
		}
		if (isfinite(b->median)) {
			double mx = x0 + span * clamp100(b->median) / 100;
			buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" INK "\" stroke-width=\"3\"/>",
				   mx, by - 3, mx, by + 27);
		}
		buf_printf(out, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"13\" font-weight=\"600\" fill=\"%s\">", x1 + 10,
			   by + 17, svg_band_colour(b->band));
		buf_html(out, b->value_text ? b->value_text : "");
		buf_puts(out, "</text>");
	}
	double ly = h - 14;
	buf_printf(out, "<path d=\"M%.0f %.0f l6 8 l-6 8 l-6 -8 z\" fill=\"" MUTED "\"/>", x0 + 6, ly - 13);
	buf_printf(out, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"12\" fill=\"" INK "\">", x0 + 18, ly);
	buf_html(out, c->own_label);
	buf_puts(out, "</text>");
	if (any_peer) {
		buf_printf(out, "<rect x=\"170\" y=\"%.0f\" width=\"22\" height=\"14\" fill=\"#c9d0d8\"/>", ly - 11);
		buf_printf(out, "<text x=\"198\" y=\"%.0f\" font-size=\"12\" fill=\"" INK "\">", ly);
		buf_html(out, c->iqr_label);
		buf_puts(out, "</text>");
		buf_printf(out, "<line x1=\"372\" y1=\"%.0f\" x2=\"372\" y2=\"%.0f\" stroke=\"" INK "\" stroke-width=\"3\"/>",
			   ly - 13, ly + 3);
		buf_printf(out, "<text x=\"380\" y=\"%.0f\" font-size=\"12\" fill=\"" INK "\">", ly);
		buf_html(out, c->median_label);
		buf_puts(out, "</text>");
	}
	buf_puts(out, "</svg>");
	return out->toobig ? -1 : 0;
}
