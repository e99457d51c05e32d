/* pdf_chart.c: draws the chart geometry (chart.h) into the PDF as vectors. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scoring/score.h"
#include "reports/pdf.h"
#include "common/banned.h"

static void polygon(struct pdf *p, const struct chart_point *pt, const int *valid, size_t n,
		    double x, double top)
{
	int first = 1;
	for (size_t i = 0; i < n; i++) {
		if (valid && !valid[i])
			continue;
		if (first)
			HPDF_Page_MoveTo(p->page, (float)(x + pt[i].x), (float)(top - pt[i].y));
		else
			HPDF_Page_LineTo(p->page, (float)(x + pt[i].x), (float)(top - pt[i].y));
		first = 0;
	}
	HPDF_Page_ClosePath(p->page);
}

static void rect(struct pdf *p, struct chart_rect rc, double x, double top, unsigned fill)
{
	pdf_fill(p, fill);
	HPDF_Page_Rectangle(p->page, (float)(x + rc.x), (float)(top - rc.y - rc.h), (float)rc.w,
			    (float)rc.h);
	HPDF_Page_Fill(p->page);
}

static void line(struct pdf *p, double x1, double y1, double x2, double y2, double width,
		 unsigned colour)
{
	pdf_stroke(p, colour);
	HPDF_Page_SetLineWidth(p->page, (float)width);
	HPDF_Page_MoveTo(p->page, (float)x1, (float)y1);
	HPDF_Page_LineTo(p->page, (float)x2, (float)y2);
	HPDF_Page_Stroke(p->page);
}

static void radar_legend(struct pdf *p, const struct chart_radar *c, double x, double top)
{
	double y = top - c->height - 12;
	pdf_fill(p, CHART_COMPANY_FILL);
	pdf_stroke(p, CHART_COMPANY);
	HPDF_Page_SetLineWidth(p->page, 1.5);
	HPDF_Page_Rectangle(p->page, (float)x, (float)(y - 1), 14, 8);
	HPDF_Page_FillStroke(p->page);
	const struct report *r = p->r;
	double w = pdf_line(p, report_str(r, RS_YOUR_SCORE), x + 20, y, 150, PDF_SMALL,
			    PDF_REGULAR, CHART_INK, -1);
	double lx = x + 20 + w + 20;
	if (c->has_peer) {
		const HPDF_UINT16 dash[] = {4, 3};
		HPDF_Page_SetDash(p->page, dash, 2, 0);
		line(p, lx, y + 3, lx + 18, y + 3, 1.25, CHART_INK);
		HPDF_Page_SetDash(p->page, NULL, 0, 0);
		pdf_line(p, report_str(r, RS_PEER_MEDIAN), lx + 24, y, 200, PDF_SMALL,
			 PDF_REGULAR, CHART_INK, -1);
	} else {
		pdf_line(p, report_str(r, RS_NO_BENCHMARK), lx, y, PDF_RIGHT - lx, PDF_SMALL,
			 PDF_REGULAR, CHART_MUTED, -1);
	}
}

static void radar_labels(struct pdf *p, const struct chart_radar *c, double x, double top)
{
	for (size_t i = 0; i < c->n_axes; i++) {
		int align = c->label_anchor[i] < 0 ? -1 : c->label_anchor[i] > 0 ? 1 : 0;
		double room = align == 0 ? c->width * 0.6 : align < 0 ?
			      c->width - c->label_at[i].x : c->label_at[i].x;
		for (size_t l = 0; l < c->label_lines[i]; l++) {
			int last = l + 1 == c->label_lines[i];
			pdf_line(p, c->label[i][l], x + c->label_at[i].x,
				 top - c->label_at[i].y - (double)l * c->label_size * 1.25, room,
				 c->label_size, last ? PDF_BOLD : PDF_REGULAR,
				 last && c->company_valid[i] ? CHART_COMPANY : CHART_INK, align);
		}
	}
}

void pdf_chart_radar(struct pdf *p, const struct chart_radar *c, double x, double top)
{
	HPDF_Page page = p->page;
	pdf_stroke(p, CHART_GRID);
	HPDF_Page_SetLineWidth(page, 0.75);
	for (size_t k = 0; k < c->n_rings; k++) {
		polygon(p, c->ring[k], NULL, c->n_axes, x, top);
		HPDF_Page_Stroke(page);
	}
	for (size_t i = 0; i < c->n_axes; i++)
		line(p, x + c->centre.x, top - c->centre.y, x + c->axis_end[i].x,
		     top - c->axis_end[i].y, 0.75, CHART_GRID);
	for (size_t k = 0; k < c->n_rings; k++) {
		char v[8];
		snprintf(v, sizeof v, "%ld", score_round_display(c->ring_value[k]));
		pdf_line(p, v, x + c->ring_label_at[k].x, top - c->ring_label_at[k].y, 30, 7,
			 PDF_REGULAR, CHART_MUTED, -1);
	}
	if (c->has_company) {
		pdf_fill(p, CHART_COMPANY_FILL);
		pdf_stroke(p, CHART_COMPANY);
		HPDF_Page_SetLineWidth(page, 2);
		polygon(p, c->company, c->company_valid, c->n_axes, x, top);
		HPDF_Page_FillStroke(page);
	}
	if (c->has_peer) {
		const HPDF_UINT16 dash[] = {4, 3};
		pdf_stroke(p, CHART_INK);
		HPDF_Page_SetLineWidth(page, 1.25);
		HPDF_Page_SetDash(page, dash, 2, 0);
		polygon(p, c->peer, NULL, c->n_axes, x, top);
		HPDF_Page_Stroke(page);
		HPDF_Page_SetDash(page, NULL, 0, 0);
	}
	pdf_fill(p, CHART_COMPANY);
	for (size_t i = 0; i < c->n_axes; i++) {
		if (!c->company_valid[i])
			continue;
		HPDF_Page_Circle(page, (float)(x + c->company[i].x), (float)(top - c->company[i].y), 3);
		HPDF_Page_Fill(page);
	}
	radar_labels(p, c, x, top);
	radar_legend(p, c, x, top);
}

void pdf_chart_bar(struct pdf *p, const struct chart_bars *c, const struct chart_bar *b,
		   double x, double top)
{
	double vw = pdf_line(p, b->value_text, x + b->value_at.x, top - b->value_at.y,
			     c->width / 2, c->text_size, PDF_BOLD,
			     b->has_score ? CHART_INK : CHART_MUTED, 1);
	pdf_line(p, b->title, x + b->title_at.x, top - b->title_at.y, c->width - vw - 12,
		 c->text_size, PDF_BOLD, CHART_INK, -1);
	rect(p, b->track, x, top, CHART_TRACK);
	if (b->has_peer)
		rect(p, b->peer_band, x, top, CHART_PEER);
	if (b->has_score)
		rect(p, b->fill, x, top, chart_band_colour(p->r, b->band));
	if (b->has_peer)
		line(p, x + b->median_x, top - b->track.y + 3, x + b->median_x,
		     top - b->track.y - b->track.h - 3, 2, CHART_INK);
	if (b->has_score) {
		double mx = x + b->marker_x, my = top - b->track.y - b->track.h / 2;
		pdf_fill(p, CHART_INK);
		pdf_stroke(p, 0xFFFFFF);
		HPDF_Page_SetLineWidth(p->page, 1);
		HPDF_Page_MoveTo(p->page, (float)mx, (float)(my + 6));
		HPDF_Page_LineTo(p->page, (float)(mx + 6), (float)my);
		HPDF_Page_LineTo(p->page, (float)mx, (float)(my - 6));
		HPDF_Page_LineTo(p->page, (float)(mx - 6), (float)my);
		HPDF_Page_ClosePath(p->page);
		HPDF_Page_FillStroke(p->page);
	}
}

void pdf_chart_scale(struct pdf *p, const struct chart_bars *c, double x, double top)
{
	for (size_t k = 0; k < c->n_ticks; k++) {
		double tx = x + c->tick_x[k];
		line(p, tx, top, tx, top - 4, 0.75, CHART_MUTED);
		int align = k == 0 ? -1 : k + 1 == c->n_ticks ? 1 : 0;
		pdf_line(p, c->tick_label[k], tx, top - 12, 30, 7, PDF_REGULAR, CHART_MUTED, align);
	}
}

double pdf_band_chip(struct pdf *p, int band, double x, double baseline, double size)
{
	const struct report *r = p->r;
	if (band < 0 || (size_t)band >= r->n_bands)
		return 0;
	pdf_fill(p, chart_band_colour(r, band));
	HPDF_Page_Rectangle(p->page, (float)x, (float)(baseline - size * 0.1), (float)(size * 0.8),
			    (float)(size * 0.8));
	HPDF_Page_Fill(p->page);
	double w = pdf_line(p, r->bands[band].label, x + size * 1.2, baseline, PDF_WIDTH / 2, size,
			    PDF_REGULAR, CHART_INK, -1);
	return size * 1.2 + w;
}
