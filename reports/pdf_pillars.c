/* pdf_pillars.c: one section per pillar (theme bars, sentences, movers) and
 * the change since the previous scan. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scoring/score.h"
#include "reports/pdf.h"
#include "common/banned.h"

#define BAR_ROW 50.0   /* a bar, its title line and its scale */

void pdf_bar_legend(struct pdf *p)
{
	const struct report *r = p->r;
	double size = PDF_SMALL, x = PDF_LEFT;
	pdf_need(p, size * 2.5);
	double base = p->y - size - 2, mid = base + size * 0.3;
	/* your score: the diamond of the bars */
	pdf_fill(p, CHART_INK);
	HPDF_Page_MoveTo(p->page, (float)(x + 5), (float)(mid + 5));
	HPDF_Page_LineTo(p->page, (float)(x + 10), (float)mid);
	HPDF_Page_LineTo(p->page, (float)(x + 5), (float)(mid - 5));
	HPDF_Page_LineTo(p->page, (float)x, (float)mid);
	HPDF_Page_ClosePath(p->page);
	HPDF_Page_Fill(p->page);
	x += 16 + pdf_line(p, report_str(r, RS_YOUR_SCORE), x + 16, base, 140, size, PDF_REGULAR,
			   CHART_INK, -1) + 18;
	if (!r->benchmark.available) {
		pdf_line(p, report_str(r, RS_NO_BENCHMARK), x, base, PDF_RIGHT - x, size,
			 PDF_REGULAR, CHART_MUTED, -1);
		p->y -= size * 2.5;
		return;
	}
	pdf_fill(p, CHART_PEER);
	HPDF_Page_Rectangle(p->page, (float)x, (float)(mid - 6), 22, 12);
	HPDF_Page_Fill(p->page);
	x += 28 + pdf_line(p, report_str(r, RS_PEER_BAND), x + 28, base, 200, size, PDF_REGULAR,
			   CHART_INK, -1) + 18;
	pdf_stroke(p, CHART_INK);
	HPDF_Page_SetLineWidth(p->page, 2);
	HPDF_Page_MoveTo(p->page, (float)(x + 1), (float)(mid - 7));
	HPDF_Page_LineTo(p->page, (float)(x + 1), (float)(mid + 7));
	HPDF_Page_Stroke(p->page);
	pdf_line(p, report_str(r, RS_PEER_MEDIAN), x + 8, base, PDF_RIGHT - x - 8, size,
		 PDF_REGULAR, CHART_INK, -1);
	p->y -= size * 2.5;
}

static void pillar_head(struct pdf *p, size_t index, int scored)
{
	const struct report *r = p->r;
	const struct report_pillar *pl = &r->pillars[index];
	char line[160], v[16];
	snprintf(line, sizeof line, "%s %zu / %zu", report_str(r, RS_PILLAR), index + 1,
		 r->n_pillars);
	pdf_para(p, line, PDF_SMALL, PDF_BOLD, 0, CHART_COMPANY);
	pdf_heading(p, pl->title, PDF_H1, 120);
	pdf_need(p, 24);
	double base = p->y - PDF_H2;
	if (isnan(pl->score)) {
		pdf_line(p, report_str(r, RS_INSUFFICIENT), PDF_LEFT, base, PDF_WIDTH, PDF_H2,
			 PDF_BOLD, CHART_MUTED, -1);
	} else {
		chart_format_score(pl->score, v, sizeof v);
		double w = pdf_line(p, v, PDF_LEFT, base, 80, 20, PDF_BOLD, CHART_INK, -1);
		pdf_band_chip(p, pl->band, PDF_LEFT + w + 12, base, PDF_BODY);
	}
	if (r->benchmark.available && pl->peer.available) {
		chart_format_score(pl->peer.median, v, sizeof v);
		snprintf(line, sizeof line, "%s: %s", report_str(r, RS_PEER_MEDIAN_IS), v);
	} else {
		snprintf(line, sizeof line, "%s", report_str(r, RS_NO_BENCHMARK));
	}
	pdf_line(p, line, PDF_RIGHT, base, PDF_WIDTH / 2, PDF_BODY, PDF_REGULAR, CHART_MUTED, 1);
	p->y = base - 14;
	pdf_para(p, pl->sentence, PDF_BODY, PDF_REGULAR, 0, CHART_INK);
	pdf_gap(p, 10);
	if (!scored)
		return;
	pdf_bar_legend(p);
	pdf_gap(p, 8);
}

static void theme_block(struct pdf *p, const struct chart_bars *bars, size_t i,
			const struct report_theme *t)
{
	const struct report *r = p->r;
	/* a theme's bar, text and tips stay together on one page */
	/* without a score the bar's label already says "onvoldoende antwoorden" */
	const char *sentence = isnan(t->score) ? NULL : t->sentence;
	double height = BAR_ROW + (sentence ? (double)pdf_count_lines(p, sentence, PDF_BODY, PDF_REGULAR, PDF_WIDTH) *
					      PDF_BODY * PDF_LEADING : 0);
	if (t->n_movers && !isnan(t->score)) {
		height += 3 + (PDF_SMALL + 0.5) * PDF_LEADING;
		for (size_t m = 0; m < t->n_movers; m++)
			height += (double)pdf_count_lines(p, t->movers[m], PDF_BODY, PDF_REGULAR, PDF_WIDTH - 16) *
				  PDF_BODY * PDF_LEADING;
	}
	pdf_need(p, height);
	pdf_chart_bar(p, bars, &bars->bar[i], PDF_LEFT, p->y);
	const struct chart_bar *b = &bars->bar[i];
	pdf_chart_scale(p, bars, PDF_LEFT, p->y - b->track.y - b->track.h - 1);
	p->y -= BAR_ROW;
	if (sentence)
		pdf_para(p, sentence, PDF_BODY, PDF_REGULAR, 0, CHART_INK);
	if (t->n_movers && !isnan(t->score)) {
		pdf_gap(p, 3);
		/* keep the heading and its short list together: a lone item at the top
		 * of the next page reads as if it belonged to nothing */
		pdf_need(p, PDF_SMALL * PDF_LEADING * 2 + (double)t->n_movers * PDF_BODY * PDF_LEADING);
		pdf_para(p, report_str(r, RS_MOVERS), PDF_SMALL + 0.5, PDF_BOLD, 0, CHART_MUTED);
		for (size_t m = 0; m < t->n_movers; m++) {
			pdf_need(p, PDF_BODY * PDF_LEADING);
			pdf_line(p, "→", PDF_LEFT + 2, p->y - PDF_BODY, 12, PDF_BODY, PDF_REGULAR,
				 CHART_COMPANY, -1);
			pdf_para(p, t->movers[m], PDF_BODY, PDF_REGULAR, 16, CHART_INK);
		}
	}
	pdf_gap(p, 16);
}

/* A pillar without any theme score: no empty bars, but why and what to do,
 * and the theme names, so the page says something an owner can act on. */
static void pillar_unscored(struct pdf *p, const struct report_pillar *pl)
{
	const struct report *r = p->r;
	/* when no theme at all has a score the summary has said why, once */
	int said = !report_any_theme_scored(r);
	pdf_para(p, report_str(r, said ? RS_PILLAR_THEMES_UNSCORED : RS_PILLAR_NO_SCORES), PDF_BODY, PDF_REGULAR, 0,
		 CHART_INK);
	pdf_gap(p, 4);
	for (size_t i = 0; i < pl->n_themes; i++) {
		pdf_need(p, PDF_BODY * PDF_LEADING);
		pdf_line(p, "•", PDF_LEFT + 2, p->y - PDF_BODY, 12, PDF_BODY, PDF_REGULAR, CHART_MUTED, -1);
		pdf_para(p, pl->themes[i].title, PDF_BODY, PDF_REGULAR, 16, CHART_INK);
	}
	pdf_gap(p, 6);
	if (!said)
		pdf_para(p, report_str(r, RS_PILLAR_FILL_IN), PDF_BODY, PDF_REGULAR, 0, CHART_INK);
	pdf_gap(p, 24);
}

static int pillar_scored(const struct report_pillar *pl)
{
	for (size_t i = 0; i < pl->n_themes; i++)
		if (!isnan(pl->themes[i].score))
			return 1;
	return 0;
}

void pdf_pillar(struct pdf *p, size_t index)
{
	const struct report *r = p->r;
	const struct report_pillar *pl = &r->pillars[index];
	struct chart_bars bars;
	/* An unscored pillar is short: it shares the page of the pillar before it
	 * when a third of the page is left, instead of a page that is nearly empty. */
	int scored = pillar_scored(pl);
	if (index == 0 || scored || !p->page || p->y - PDF_BOTTOM < (PDF_TOP - PDF_BOTTOM) / 3)
		pdf_page_new(p);
	pillar_head(p, index, scored);
	if (!scored) {
		pillar_unscored(p, pl);
		return;
	}
	if (chart_bars_layout(&bars, r, pl, PDF_WIDTH) != 0) {
		if (!p->failed)
			snprintf(p->why, sizeof p->why, "pillar %zu has more than %d themes", index + 1,
				 REPORT_MAX_THEMES);
		p->failed = 1;
		return;
	}
	for (size_t i = 0; i < pl->n_themes; i++)
		theme_block(p, &bars, i, &pl->themes[i]);
}

static void change_row(struct pdf *p, const char *title, double before, double now,
		       double indent, enum pdf_style style)
{
	char a[16], b[16], d[24];
	chart_format_score(before, a, sizeof a);
	chart_format_score(now, b, sizeof b);
	if (isnan(before) || isnan(now)) {
		snprintf(d, sizeof d, "–");
	} else {
		long diff = score_round_display(now) - score_round_display(before);
		snprintf(d, sizeof d, "%s%ld", diff > 0 ? "+" : diff < 0 ? "−" : "", labs(diff));
	}
	double size = PDF_BODY, col = PDF_RIGHT - 150;
	size_t lines = pdf_count_lines(p, title, size, style, col - PDF_LEFT - indent - 8);
	if (lines < 1)
		lines = 1;
	if (lines > 3)
		lines = 3;
	pdf_need(p, (double)lines * size * PDF_LEADING + 4);
	double base = p->y - size;
	pdf_box(p, title, PDF_LEFT + indent, base, col - PDF_LEFT - indent - 8, size, style,
		CHART_INK, lines);
	pdf_line(p, a, col + 40, base, 50, size, PDF_REGULAR, CHART_MUTED, 1);
	pdf_line(p, b, col + 95, base, 50, size, style, CHART_INK, 1);
	pdf_line(p, d, PDF_RIGHT, base, 50, size, PDF_BOLD, CHART_INK, 1);
	p->y -= (double)lines * size * PDF_LEADING + 2;
}

/* Shown only when at least one score has a previous value. */
void pdf_change(struct pdf *p)
{
	const struct report *r = p->r;
	int any = 0;
	for (size_t i = 0; i < r->n_pillars; i++)
		any |= !isnan(r->pillars[i].previous);
	if (!any)
		return;
	char line[160], date[64];
	pdf_gap(p, 16);
	pdf_heading(p, report_str(r, RS_CHANGE), PDF_H1, 160);
	report_format_date(r, r->previous_scan_date, date, sizeof date);
	if (*date) {
		snprintf(line, sizeof line, "%s: %s.", report_str(r, RS_CHANGE_INTRO), date);
		pdf_para(p, line, PDF_BODY, PDF_REGULAR, 0, CHART_INK);
		pdf_gap(p, 8);
	}
	double col = PDF_RIGHT - 150, base = p->y - PDF_SMALL;
	pdf_line(p, report_str(r, RS_PREVIOUS), col + 40, base, 60, PDF_SMALL, PDF_BOLD,
		 CHART_MUTED, 1);
	pdf_line(p, report_str(r, RS_NOW), col + 95, base, 60, PDF_SMALL, PDF_BOLD, CHART_MUTED, 1);
	pdf_line(p, report_str(r, RS_DIFFERENCE), PDF_RIGHT, base, 60, PDF_SMALL, PDF_BOLD,
		 CHART_MUTED, 1);
	p->y -= PDF_SMALL * 2;
	for (size_t i = 0; i < r->n_pillars; i++) {
		const struct report_pillar *pl = &r->pillars[i];
		pdf_gap(p, 4);
		change_row(p, pl->title, pl->previous, pl->score, 0, PDF_BOLD);
		for (size_t t = 0; t < pl->n_themes; t++)
			change_row(p, pl->themes[t].title, pl->themes[t].previous, pl->themes[t].score,
				   14, PDF_REGULAR);
	}
}
