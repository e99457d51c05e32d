/* pdf_followup.c: attention points with advice, offers, actions, the research
 * group's assessment and the colophon. Empty parts are left out. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "reports/pdf.h"
#include "common/banned.h"

static int has(const char *s)
{
	return s && *s;
}

void pdf_attention(struct pdf *p)
{
	const struct report *r = p->r;
	if (!r->n_attention && !has(r->advice_md))
		return;
	pdf_page_new(p);
	pdf_heading(p, report_str(r, RS_ATTENTION), PDF_H1, 80);
	/* said once, not under every point without advice (no sentence repeats on a page) */
	int without = 0;
	for (size_t i = 0; i < r->n_attention; i++)
		without |= !has(r->attention[i].advice_md);
	if (without) {
		pdf_para(p, report_str(r, RS_NO_ADVICE), PDF_BODY, PDF_ITALIC, 0, CHART_MUTED);
		pdf_gap(p, 8);
	}
	for (size_t i = 0; i < r->n_attention; i++) {
		const struct report_attention *a = &r->attention[i];
		char v[16];
		pdf_heading(p, a->theme_title, PDF_H2, 50);
		pdf_need(p, PDF_BODY * 2);
		double base = p->y - PDF_BODY;
		chart_format_score(a->score, v, sizeof v);
		double w = pdf_line(p, v, PDF_LEFT, base, 60, PDF_BODY, PDF_BOLD, CHART_INK, -1);
		pdf_band_chip(p, a->band, PDF_LEFT + w + 10, base, PDF_BODY);
		p->y -= PDF_BODY * 2;
		if (has(a->advice_md))
			pdf_markdown(p, a->advice_md, PDF_BODY, 0);
		pdf_gap(p, 12);
	}
	if (has(r->advice_md)) {
		pdf_heading(p, report_str(r, RS_ADVICE), PDF_H2, 50);
		pdf_markdown(p, r->advice_md, PDF_BODY, 0);
	}
}

static void labelled(struct pdf *p, const char *label, const char *text)
{
	char line[96];
	if (!has(text))
		return;
	snprintf(line, sizeof line, "%s:", label);
	struct pdf_run runs[3] = {{line, strlen(line), PDF_BOLD}, {" ", 1, PDF_REGULAR},
				  {text, strlen(text), PDF_REGULAR}};
	pdf_runs(p, runs, 3, PDF_BODY, 14, CHART_INK);
}

void pdf_offers(struct pdf *p)
{
	const struct report *r = p->r;
	if (!r->n_offers)
		return;
	pdf_gap(p, 10);
	pdf_heading(p, report_str(r, RS_OFFERS), PDF_H2, 60);
	pdf_para(p, report_str(r, RS_OFFERS_INTRO), PDF_BODY, PDF_REGULAR, 0, CHART_INK);
	pdf_gap(p, 6);
	for (size_t i = 0; i < r->n_offers; i++) {
		const struct report_offer *o = &r->offers[i];
		double lines = 2 + (double)pdf_count_lines(p, o->title, PDF_BODY, PDF_BOLD,
							       PDF_WIDTH - 14) +
			       (double)pdf_count_lines(p, o->note, PDF_BODY, PDF_REGULAR, PDF_WIDTH - 14);
		pdf_need(p, lines < 12 ? lines * PDF_BODY * PDF_LEADING : PDF_BODY * 4);
		pdf_fill(p, CHART_COMPANY);
		HPDF_Page_Rectangle(p->page, PDF_LEFT + 1, (float)(p->y - PDF_BODY), 7, 7);
		HPDF_Page_Fill(p->page);
		pdf_para(p, o->title, PDF_BODY, PDF_BOLD, 14, CHART_INK);
		labelled(p, report_str(r, RS_PROVIDER), o->provider);
		labelled(p, report_str(r, RS_CONTACT), o->contact);
		pdf_para(p, o->note, PDF_BODY, PDF_REGULAR, 14, CHART_MUTED);
		pdf_gap(p, 8);
	}
}

#define COLS 4

/* Draws one table row; when it moves to a new page, `head` (if any) is
 * repeated above it. */
static void table_row(struct pdf *p, const char *const cell[COLS], enum pdf_style style,
		      unsigned background, const char *const *head)
{
	static const double share[COLS] = {0.46, 0.20, 0.20, 0.14};
	double size = PDF_SMALL + 0.5, lh = size * PDF_LEADING, pad = 4;
	size_t lines = 1;
	for (int c = 0; c < COLS; c++) {
		size_t n = pdf_count_lines(p, cell[c], size, style, share[c] * PDF_WIDTH - 2 * pad);
		if (n > lines)
			lines = n;
	}
	size_t fit = (size_t)((PDF_TOP - PDF_BOTTOM - 2 * pad) / lh) - 2;
	if (lines > fit)
		lines = fit;  /* a cell longer than a page is cut with "…" */
	double h = (double)lines * lh + 2 * pad;
	if (p->y - h < PDF_BOTTOM && head) {
		pdf_page_new(p);
		table_row(p, head, PDF_BOLD, CHART_TRACK, NULL);
	}
	pdf_need(p, h);
	if (background) {
		pdf_fill(p, background);
		HPDF_Page_Rectangle(p->page, PDF_LEFT, (float)(p->y - h), (float)PDF_WIDTH, (float)h);
		HPDF_Page_Fill(p->page);
	}
	double x = PDF_LEFT;
	for (int c = 0; c < COLS; c++) {
		pdf_box(p, cell[c], x + pad, p->y - pad - size, share[c] * PDF_WIDTH - 2 * pad, size,
			style, CHART_INK, lines);
		x += share[c] * PDF_WIDTH;
	}
	pdf_stroke(p, CHART_GRID);
	HPDF_Page_SetLineWidth(p->page, 0.5);
	HPDF_Page_MoveTo(p->page, PDF_LEFT, (float)(p->y - h));
	HPDF_Page_LineTo(p->page, PDF_RIGHT, (float)(p->y - h));
	HPDF_Page_Stroke(p->page);
	p->y -= h;
}

void pdf_actions(struct pdf *p, const struct report_action *a, size_t n, const char *title,
		 const char *intro)
{
	const struct report *r = p->r;
	if (!n)
		return;
	const char *head[COLS] = {report_str(r, RS_WHAT), report_str(r, RS_WHO),
				  report_str(r, RS_WHEN), report_str(r, RS_STATUS)};
	pdf_gap(p, 10);
	pdf_heading(p, title, PDF_H2, 60);
	if (has(intro)) {
		pdf_para(p, intro, PDF_BODY, PDF_REGULAR, 0, CHART_INK);
		pdf_gap(p, 4);
	}
	pdf_need(p, 60);  /* the header never stands alone at a page's foot */
	table_row(p, head, PDF_BOLD, CHART_TRACK, NULL);
	for (size_t i = 0; i < n; i++) {
		const char *cell[COLS] = {a[i].what, a[i].who, a[i].due, a[i].status};
		table_row(p, cell, PDF_REGULAR, 0, head);
	}
}

void pdf_research(struct pdf *p)
{
	const struct report *r = p->r;
	int any = has(r->research_md);
	for (size_t i = 0; i < r->n_pillars; i++)
		any |= has(r->pillars[i].judgement_md);
	if (!any)
		return;
	pdf_gap(p, 16);
	pdf_heading(p, report_str(r, RS_RESEARCH), PDF_H2, 80);
	pdf_markdown(p, r->research_md, PDF_BODY, 0);
	for (size_t i = 0; i < r->n_pillars; i++) {
		if (!has(r->pillars[i].judgement_md))
			continue;
		pdf_gap(p, 4);
		pdf_heading(p, r->pillars[i].title, PDF_H3, 40);
		pdf_markdown(p, r->pillars[i].judgement_md, PDF_BODY, 0);
	}
}

void pdf_colophon(struct pdf *p)
{
	const struct report *r = p->r;
	char date[64], peers[160];
	pdf_gap(p, 24);
	pdf_heading(p, report_str(r, RS_COLOPHON), PDF_H2, 140);
	pdf_para(p, report_str(r, RS_COLOPHON_TEXT), PDF_SMALL + 0.5, PDF_REGULAR, 0, CHART_INK);
	pdf_gap(p, 6);
	labelled(p, report_str(r, RS_QUESTIONNAIRE), r->questionnaire_version);
	labelled(p, report_str(r, RS_ENGINE), r->engine_version);
	if (r->benchmark.available) {
		report_format_date(r, r->benchmark.snapshot_date, date, sizeof date);
		labelled(p, report_str(r, RS_BENCHMARK_DATE), date);
		snprintf(peers, sizeof peers, "%d (%s)", r->benchmark.n,
			 has(r->benchmark.group_label) ? r->benchmark.group_label : "–");
		labelled(p, report_str(r, RS_PEER_N), peers);
	} else {
		labelled(p, report_str(r, RS_PEER_N), report_str(r, RS_NO_BENCHMARK));
	}
	labelled(p, report_str(r, RS_DATA), r->association.retention);
	labelled(p, report_str(r, RS_ASSOCIATION_CONTACT), r->association.contact);
}
