/* chart.c: the shared chart geometry (radar of pillars, theme bars); see chart.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scoring/score.h"
#include "reports/chart.h"
#include "reports/strings.h"
#include "common/banned.h"

const struct chart_type chart_paper = {.text = 9, .small = 7, .wrap = 22, .title_lines = 2};
const struct chart_type chart_screen = {.text = 13, .small = 12.5, .wrap = 14, .title_lines = 3,
					.value_below = 1};

unsigned chart_band_colour(const struct report *r, int band)
{
	/* Okabe–Ito: vermillion, orange, bluish green; more bands add sky blue
	 * and reddish purple. Every use also prints the band's label. */
	static const unsigned three[] = {0xD55E00, 0xE69F00, 0x009E73};
	static const unsigned more[] = {0xD55E00, 0xE69F00, 0x56B4E9, 0x009E73, 0xCC79A7};
	if (!r || band < 0 || (size_t)band >= r->n_bands)
		return CHART_PEER;
	if (r->n_bands <= 3)
		return three[(size_t)band + (3 - r->n_bands)];
	return more[(size_t)band % (sizeof more / sizeof more[0])];
}

void chart_format_score(double score, char *out, size_t n)
{
	if (isnan(score))
		snprintf(out, n, "–");
	else
		snprintf(out, n, "%ld", score_round_display(score));
}

static double clamp100(double v)
{
	return v < 0 ? 0 : v > 100 ? 100 : v;
}

/* Copies at most n-1 bytes of s[0..len) to out without cutting a UTF-8
 * sequence in half. */
static void copy_utf8(char *out, size_t n, const char *s, size_t len)
{
	if (len > n - 1) {
		len = n - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(out, s, len);
	out[len] = '\0';
}

/* Splits title into at most title_lines lines of about `wrap` characters at
 * spaces (the last title line takes the rest) and adds the score line. */
static size_t split_label(char lines[CHART_LABEL_LINES][64], const char *title,
			  const char *score_line, size_t wrap, size_t title_lines)
{
	size_t n = 0;
	const char *s = title ? title : "";
	if (title_lines > CHART_LABEL_LINES - 1)
		title_lines = CHART_LABEL_LINES - 1;
	while (*s && n + 1 < title_lines) {
		size_t len = strlen(s), cut = len;
		if (len > wrap) {
			cut = 0;
			for (size_t i = 1; i <= wrap && i < len; i++)
				if (s[i] == ' ')
					cut = i;
			if (cut == 0)
				cut = len;
		}
		copy_utf8(lines[n++], 64, s, cut);
		s += cut;
		while (*s == ' ')
			s++;
	}
	if (*s)
		copy_utf8(lines[n++], 64, s, strlen(s));
	copy_utf8(lines[n++], 64, score_line, strlen(score_line));
	return n;
}

static void radar_label(struct chart_radar *c, const struct report *r, size_t i,
			double dx, double dy, const struct chart_type *t)
{
	const struct report_pillar *p = &r->pillars[i];
	char score[96];
	if (isnan(p->score)) {
		snprintf(score, sizeof score, "%s", report_str(r, RS_NO_SCORE)); /* short: fits the label */
	} else {
		char v[16];
		chart_format_score(p->score, v, sizeof v);
		snprintf(score, sizeof score, "%s", v);
	}
	size_t lines = split_label(c->label[i], p->title, score, t->wrap, t->title_lines);
	c->label_lines[i] = lines;
	double lh = c->label_size * 1.25;
	double gap = 8;
	double x = c->centre.x + dx * (c->radius + gap);
	double y = c->centre.y + dy * (c->radius + gap);
	c->label_anchor[i] = fabs(dx) < 0.3 ? 0 : dx > 0 ? -1 : 1;
	if (dy < -0.3)
		y -= (double)(lines - 1) * lh + 2;
	else if (dy > 0.3)
		y += c->label_size;
	else
		y -= (double)lines * lh / 2 - c->label_size * 0.8;
	c->label_at[i] = (struct chart_point){x, y};
}

int chart_radar_layout(struct chart_radar *c, const struct report *r, double width)
{
	return chart_radar_layout_in(c, r, width, &chart_paper);
}

int chart_radar_layout_in(struct chart_radar *c, const struct report *r, double width,
			  const struct chart_type *t)
{
	memset(c, 0, sizeof *c);
	if (r->n_pillars < 3 || r->n_pillars > REPORT_MAX_PILLARS)
		return -1;
	c->width = width;
	c->n_axes = r->n_pillars;
	c->label_size = t->text;
	c->small_size = t->small;
	/* Side labels need about t->wrap characters of room; the labels above
	 * and below their title lines and the score. */
	double side = (double)t->wrap * c->label_size * 0.6 + 12;
	double above = (double)(t->title_lines + 1) * c->label_size * 1.25 + 12;
	c->radius = width / 2 - side;
	if (c->radius > 130)
		c->radius = 130;
	if (c->radius < 20)
		c->radius = 20;
	c->height = 2 * (c->radius + above);
	c->centre = (struct chart_point){width / 2, c->height / 2};

	for (size_t b = 0; b < r->n_bands && c->n_rings < CHART_RING_MAX - 1; b++)
		if (r->bands[b].from > 0 && r->bands[b].from < 100)
			c->ring_value[c->n_rings++] = r->bands[b].from;
	c->ring_value[c->n_rings++] = 100;

	int peers = r->benchmark.available;
	size_t valid = 0;
	for (size_t i = 0; i < c->n_axes; i++) {
		double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)c->n_axes;
		double dx = cos(a), dy = sin(a);
		const struct report_pillar *p = &r->pillars[i];
		c->axis_end[i] = (struct chart_point){c->centre.x + dx * c->radius,
						      c->centre.y + dy * c->radius};
		for (size_t k = 0; k < c->n_rings; k++) {
			double rr = c->radius * c->ring_value[k] / 100;
			c->ring[k][i] = (struct chart_point){c->centre.x + dx * rr, c->centre.y + dy * rr};
		}
		c->company_valid[i] = !isnan(p->score);
		valid += (size_t)c->company_valid[i];
		double cr = c->radius * (c->company_valid[i] ? clamp100(p->score) : 0) / 100;
		c->company[i] = (struct chart_point){c->centre.x + dx * cr, c->centre.y + dy * cr};
		if (!p->peer.available || isnan(p->peer.median))
			peers = 0;
		double pr = c->radius * (peers ? clamp100(p->peer.median) : 0) / 100;
		c->peer[i] = (struct chart_point){c->centre.x + dx * pr, c->centre.y + dy * pr};
		radar_label(c, r, i, dx, dy, t);
	}
	c->has_company = valid >= 3;
	c->has_peer = peers;
	/* Ring values sit between the first two axes, where no label is. */
	double a = -M_PI / 2 + M_PI / (double)c->n_axes;
	for (size_t k = 0; k < c->n_rings; k++) {
		double rr = c->radius * c->ring_value[k] / 100;
		c->ring_label_at[k] = (struct chart_point){c->centre.x + cos(a) * rr + 2,
							   c->centre.y + sin(a) * rr - 2};
	}
	return 0;
}

static void bar_value_text(struct chart_bar *b, const struct report *r,
			   const struct report_theme *t)
{
	if (isnan(t->score)) {
		snprintf(b->value_text, sizeof b->value_text, "%s", report_str(r, RS_INSUFFICIENT));
		return;
	}
	char v[16];
	chart_format_score(t->score, v, sizeof v);
	const char *label = t->band >= 0 && (size_t)t->band < r->n_bands ?
		r->bands[t->band].label : NULL;
	if (label && *label)
		snprintf(b->value_text, sizeof b->value_text, "%s · %s", v, label);
	else
		snprintf(b->value_text, sizeof b->value_text, "%s", v);
}

int chart_bars_layout(struct chart_bars *c, const struct report *r,
		      const struct report_pillar *p, double width)
{
	struct chart_type paper = chart_paper;
	paper.text = 9.5;
	return chart_bars_layout_in(c, r, p, width, &paper);
}

int chart_bars_layout_in(struct chart_bars *c, const struct report *r,
			 const struct report_pillar *p, double width, const struct chart_type *type)
{
	memset(c, 0, sizeof *c);
	if (p->n_themes > REPORT_MAX_THEMES)
		return -1;
	c->width = width;
	c->text_size = type->text;
	c->small_size = type->small;
	/* title line (and the value's line under it), the track, a gap */
	double value_y = type->value_below ? 2 * c->text_size * 1.25 + 2 : c->text_size + 2;
	c->row_height = value_y + 6 + 12 + 10.5; /* 40 on paper */
	c->n = p->n_themes;
	for (size_t i = 0; i < c->n; i++) {
		const struct report_theme *t = &p->themes[i];
		struct chart_bar *b = &c->bar[i];
		b->title = t->title ? t->title : "";
		bar_value_text(b, r, t);
		b->title_at = (struct chart_point){0, c->text_size + 2};
		b->value_at = type->value_below ? (struct chart_point){0, value_y} :
					       (struct chart_point){width, value_y};
		b->value_below = type->value_below;
		b->track = (struct chart_rect){0, value_y + 6, width, 12};
		b->band = -1;
		b->has_score = !isnan(t->score);
		if (b->has_score) {
			double s = clamp100(t->score);
			b->fill = (struct chart_rect){0, b->track.y + 3, width * s / 100, 6};
			b->marker_x = width * s / 100;
			b->band = t->band;
		}
		b->has_peer = r->benchmark.available && t->peer.available &&
			      !isnan(t->peer.p25) && !isnan(t->peer.p75) && !isnan(t->peer.median);
		if (b->has_peer) {
			double lo = clamp100(t->peer.p25), hi = clamp100(t->peer.p75);
			if (hi < lo)
				hi = lo;
			b->peer_band = (struct chart_rect){width * lo / 100, b->track.y,
							   width * (hi - lo) / 100, b->track.h};
			b->median_x = width * clamp100(t->peer.median) / 100;
		}
	}
	c->tick_x[c->n_ticks] = 0;
	snprintf(c->tick_label[c->n_ticks++], sizeof c->tick_label[0], "0");
	for (size_t k = 0; k < r->n_bands && c->n_ticks < CHART_SCALE_MAX - 1; k++) {
		double v = r->bands[k].from;
		if (v <= 0 || v >= 100)
			continue;
		c->tick_x[c->n_ticks] = width * v / 100;
		snprintf(c->tick_label[c->n_ticks++], sizeof c->tick_label[0], "%ld", score_round_display(v));
	}
	c->tick_x[c->n_ticks] = width;
	snprintf(c->tick_label[c->n_ticks++], sizeof c->tick_label[0], "100");
	return 0;
}
