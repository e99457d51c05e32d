/* brief.c: the advisor's 1–2 page meeting brief (issue 7 §6). */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "reports/pdf.h"
#include "common/banned.h"

#define SIZE 9.0

static int has(const char *s)
{
	return s && *s;
}

static void profile(struct pdf *p)
{
	const struct report *r = p->r;
	char fte[32], date[64], peers[200];
	pdf_heading(p, report_str(r, RS_PROFILE), PDF_H3, 60);
	snprintf(fte, sizeof fte, "%.0f", r->company.fte);
	report_format_date(r, r->scan_date, date, sizeof date);
	if (r->benchmark.available)
		snprintf(peers, sizeof peers, "%s (%d)", has(r->benchmark.group_label) ?
			 r->benchmark.group_label : "–", r->benchmark.n);
	else
		snprintf(peers, sizeof peers, "%s", report_str(r, RS_NO_BENCHMARK));
	const char *rows[][2] = {
		{report_str(r, RS_SECTOR), r->company.sector},
		{report_str(r, RS_FTE), r->company.fte > 0 ? fte : NULL},
		{report_str(r, RS_MUNICIPALITY), r->company.municipality},
		{report_str(r, RS_SCAN_DATE), date},
		{report_str(r, RS_PEER_GROUP_USED), peers},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		if (!has(rows[i][1]))
			continue;
		struct pdf_run runs[2] = {{rows[i][0], strlen(rows[i][0]), PDF_BOLD},
					  {rows[i][1], strlen(rows[i][1]), PDF_REGULAR}};
		char sep[] = ": ";
		struct pdf_run all[3] = {runs[0], {sep, 2, PDF_BOLD}, runs[1]};
		pdf_runs(p, all, 3, SIZE, 0, CHART_INK);
	}
}

/* Columns of "scores at a glance": title | score | band | peer median. */
#define COL_SCORE (PDF_LEFT + 270)
#define COL_BAND (PDF_LEFT + 282)
#define COL_MEDIAN PDF_RIGHT

static void glance_row(struct pdf *p, const char *title, double score, int band,
		       const struct report_peer *peer, double indent, enum pdf_style style)
{
	const struct report *r = p->r;
	char v[16], m[16];
	chart_format_score(score, v, sizeof v);
	const char *label = isnan(score) ? report_str(r, RS_INSUFFICIENT) :
			    band >= 0 && (size_t)band < r->n_bands ? r->bands[band].label : "";
	double lh = SIZE * PDF_LEADING;
	pdf_need(p, lh);
	double base = p->y - SIZE;
	pdf_fill(p, chart_band_colour(r, band));
	HPDF_Page_Rectangle(p->page, (float)(PDF_LEFT + indent), (float)(base + 0.5), 6, 6);
	HPDF_Page_Fill(p->page);
	pdf_line(p, title, PDF_LEFT + indent + 11, base, COL_SCORE - 30 - PDF_LEFT - indent - 11,
		 SIZE, style, CHART_INK, -1);
	pdf_line(p, v, COL_SCORE, base, 40, SIZE, PDF_BOLD, CHART_INK, 1);
	pdf_line(p, label, COL_BAND, base, COL_MEDIAN - 60 - COL_BAND, SIZE, PDF_REGULAR,
		 CHART_INK, -1);
	if (r->benchmark.available && peer->available) {
		chart_format_score(peer->median, m, sizeof m);
		pdf_line(p, m, COL_MEDIAN, base, 50, SIZE, PDF_REGULAR, CHART_MUTED, 1);
	}
	p->y -= lh;
}

static void glance(struct pdf *p)
{
	const struct report *r = p->r;
	pdf_gap(p, 8);
	pdf_heading(p, report_str(r, RS_AT_A_GLANCE), PDF_H3, 60);
	double base = p->y - PDF_SMALL;
	pdf_line(p, report_str(r, RS_BAND), COL_BAND, base, 100, PDF_SMALL, PDF_BOLD, CHART_MUTED, -1);
	pdf_line(p, "Score", COL_SCORE, base, 60, PDF_SMALL, PDF_BOLD, CHART_MUTED, 1);
	if (r->benchmark.available)
		pdf_line(p, report_str(r, RS_PEER_MEDIAN), COL_MEDIAN, base, 150, PDF_SMALL, PDF_BOLD,
			 CHART_MUTED, 1);
	p->y -= PDF_SMALL * 1.8;
	glance_row(p, report_str(r, RS_OVERALL), r->score, r->band, &(struct report_peer){0},
		   0, PDF_BOLD);
	for (size_t i = 0; i < r->n_pillars; i++) {
		const struct report_pillar *pl = &r->pillars[i];
		pdf_gap(p, 3);
		glance_row(p, pl->title, pl->score, pl->band, &pl->peer, 0, PDF_BOLD);
		for (size_t t = 0; t < pl->n_themes; t++)
			glance_row(p, pl->themes[t].title, pl->themes[t].score, pl->themes[t].band,
				   &pl->themes[t].peer, 12, PDF_REGULAR);
	}
}

static void attention(struct pdf *p)
{
	const struct report *r = p->r;
	pdf_gap(p, 8);
	pdf_heading(p, report_str(r, RS_ATTENTION_SHORT), PDF_H3, 40);
	if (!r->n_attention)
		pdf_para(p, report_str(r, report_any_theme_scored(r) ? RS_NO_ATTENTION : RS_NO_SCORES), SIZE,
			 PDF_REGULAR, 0, CHART_INK);
	for (size_t i = 0; i < r->n_attention; i++) {
		const struct report_attention *a = &r->attention[i];
		char v[16], label[96];
		chart_format_score(a->score, v, sizeof v);
		snprintf(label, sizeof label, "%s:", report_str(r, RS_SUGGESTED));
		glance_row(p, a->theme_title, a->score, a->band, &(struct report_peer){0}, 0, PDF_BOLD);
		for (size_t o = 0; o < a->n_suggested_offers; o++) {
			struct pdf_run runs[3] = {{o ? "" : label, o ? 0 : strlen(label), PDF_ITALIC},
						  {" ", 1, PDF_REGULAR},
						  {a->suggested_offers[o], strlen(a->suggested_offers[o]),
						   PDF_REGULAR}};
			pdf_runs(p, runs, 3, SIZE, o ? 11 + pdf_text_width(p, label, strlen(label), SIZE,
				 PDF_ITALIC) : 11, CHART_INK);
		}
	}
}

static void open_texts(struct pdf *p)
{
	const struct report *r = p->r;
	if (!r->n_open_texts)
		return;
	pdf_gap(p, 8);
	pdf_heading(p, report_str(r, RS_OPEN_TEXTS), PDF_H3, 40);
	for (size_t i = 0; i < r->n_open_texts; i++) {
		pdf_need(p, SIZE * PDF_LEADING * 2);
		pdf_para(p, r->open_texts[i].question, SIZE, PDF_BOLD, 0, CHART_INK);
		pdf_para(p, has(r->open_texts[i].answer) ? r->open_texts[i].answer : "–", SIZE,
			 PDF_ITALIC, 11, CHART_INK);
		pdf_gap(p, 3);
	}
}

/* Ruled lines to the foot of the page (a fresh page when fewer than six fit). */
static void notes(struct pdf *p)
{
	const struct report *r = p->r;
	pdf_gap(p, 8);
	pdf_heading(p, report_str(r, RS_NOTES), PDF_H3, 6 * 22);
	pdf_stroke(p, CHART_GRID);
	HPDF_Page_SetLineWidth(p->page, 0.5);
	for (double y = p->y - 22; y >= PDF_BOTTOM; y -= 22) {
		HPDF_Page_MoveTo(p->page, PDF_LEFT, (float)y);
		HPDF_Page_LineTo(p->page, PDF_RIGHT, (float)y);
	}
	HPDF_Page_Stroke(p->page);
	p->y = PDF_BOTTOM;
}

int report_render_brief(const struct report *r, struct buf *out, char *err, size_t errlen)
{
	struct pdf p;
	assert(r && out);
	if (!r->bands || !r->n_bands) {
		if (err && errlen)
			snprintf(err, errlen, "the model has no bands");
		return -1;
	}
	if (pdf_open(&p, r, report_str(r, RS_BRIEF_TITLE), err, errlen) != 0)
		return -1;
	pdf_page_new(&p);
	pdf_para(&p, report_str(r, RS_BRIEF_ONLY), PDF_SMALL, PDF_BOLD, 0, 0xD55E00);
	pdf_gap(&p, 4);
	pdf_heading(&p, report_str(r, RS_BRIEF_TITLE), PDF_H2, 40);
	pdf_para(&p, r->company.name, PDF_H3, PDF_BOLD, 0, CHART_COMPANY);
	pdf_gap(&p, 6);
	profile(&p);
	glance(&p);
	attention(&p);
	open_texts(&p);
	pdf_actions(&p, r->previous_actions, r->n_previous_actions,
		    report_str(r, RS_PREVIOUS_ACTIONS), NULL);
	notes(&p);
	return pdf_finish(&p, out, err, errlen);
}
