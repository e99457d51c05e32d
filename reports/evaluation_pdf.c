/* evaluation_pdf.c: the interim evaluation's PDF; see evaluation_pdf.h. */
#include <stdio.h>
#include <string.h>

#include "reports/evaluation_pdf.h"
#include "reports/pdf.h"
#include "common/banned.h"

/* Draws chart geometry c with its top-left corner at (x, top) (PDF coordinates). */
static void draw_chart(struct pdf *p, const struct eval_chart *c, double x, double top)
{
	HPDF_Page pg = p->page;
	const struct chart_rect *tr = &c->track;
	pdf_stroke(p, CHART_GRID);
	HPDF_Page_SetLineWidth(pg, 0.4f);
	for (size_t i = 0; i < c->n_ticks; i++) {
		HPDF_Page_MoveTo(pg, (float)(x + c->tick_x[i]), (float)(top - tr->y));
		HPDF_Page_LineTo(pg, (float)(x + c->tick_x[i]), (float)(top - tr->y - tr->h));
	}
	HPDF_Page_Stroke(pg);
	for (size_t i = 0; i < c->n; i++) {
		const struct eval_chart_mark *m = &c->mark[i];
		pdf_line(p, m->label, x, top - m->label_y, c->width * 0.62, c->text_size, PDF_REGULAR, CHART_INK, -1);
		if (!m->shown) {
			pdf_line(p, m->value_text, x, top - m->mid_y - c->small_size * 0.35, c->width, c->small_size,
				 PDF_ITALIC, CHART_MUTED, -1);
			continue;
		}
		pdf_line(p, m->value_text, x + c->width, top - m->value_y, c->width * 0.36, c->small_size, PDF_REGULAR,
			 CHART_MUTED, 1);
		double by = top - m->box.y - m->box.h;
		if (c->kind == EVAL_CHART_BOXES) {
			pdf_stroke(p, CHART_INK);
			HPDF_Page_SetLineWidth(pg, 0.9f);
			HPDF_Page_MoveTo(pg, (float)(x + m->lo_x), (float)(top - m->mid_y));
			HPDF_Page_LineTo(pg, (float)(x + m->hi_x), (float)(top - m->mid_y));
			for (int e = 0; e < 2; e++) {
				double wx = x + (e ? m->hi_x : m->lo_x);
				HPDF_Page_MoveTo(pg, (float)wx, (float)(by + 1.5));
				HPDF_Page_LineTo(pg, (float)wx, (float)(by + m->box.h - 1.5));
			}
			HPDF_Page_Stroke(pg);
			pdf_fill(p, CHART_COMPANY_FILL);
			pdf_stroke(p, CHART_COMPANY);
			HPDF_Page_Rectangle(pg, (float)(x + m->box.x), (float)by, (float)m->box.w, (float)m->box.h);
			HPDF_Page_FillStroke(pg);
			pdf_stroke(p, CHART_INK);
			HPDF_Page_SetLineWidth(pg, 2.0f);
			HPDF_Page_MoveTo(pg, (float)(x + m->median_x), (float)by);
			HPDF_Page_LineTo(pg, (float)(x + m->median_x), (float)(by + m->box.h));
			HPDF_Page_Stroke(pg);
		} else {
			pdf_fill(p, CHART_COMPANY);
			HPDF_Page_Rectangle(pg, (float)(x + m->box.x), (float)by, (float)(m->box.w > 0.5 ? m->box.w : 0.5),
					    (float)m->box.h);
			HPDF_Page_Fill(pg);
		}
	}
	for (size_t i = 0; i < c->n_ticks; i++)
		pdf_line(p, c->tick_label[i], x + c->tick_x[i], top - c->tick_y, 40, c->small_size, PDF_REGULAR,
			 CHART_MUTED, 0);
}

/* The first column takes 46 % of the width (34 % beside more than two others), the others share the rest. */
static void draw_table(struct pdf *p, const struct eval_doc_table *t)
{
	if (!t->n_cols || !t->n_rows)
		return;
	double first = PDF_WIDTH * (t->n_cols > 3 ? 0.34 : t->n_cols > 1 ? 0.46 : 1.0);
	double other = t->n_cols > 1 ? (PDF_WIDTH - first) / (double)(t->n_cols - 1) : 0;
	double lh = PDF_SMALL * PDF_LEADING + 2;
	for (size_t r = 0; r <= t->n_rows; r++) {
		const char *const *row = r == 0 ? t->head : t->cells + (r - 1) * t->n_cols;
		enum pdf_style st = r == 0 ? PDF_BOLD : PDF_REGULAR;
		pdf_need(p, lh * (r == 0 ? 2 : 1));
		double y = p->y - PDF_SMALL;
		pdf_line(p, row[0] ? row[0] : "", PDF_LEFT, y, first - 6, PDF_SMALL, st, CHART_INK, -1);
		for (size_t c = 1; c < t->n_cols; c++)
			pdf_line(p, row[c] ? row[c] : "", PDF_LEFT + first + other * (double)c, y, other - 4, PDF_SMALL, st,
				 CHART_INK, 1);
		p->y -= lh;
		pdf_stroke(p, CHART_GRID);
		HPDF_Page_SetLineWidth(p->page, 0.3f);
		HPDF_Page_MoveTo(p->page, PDF_LEFT, (float)(p->y + 2));
		HPDF_Page_LineTo(p->page, PDF_RIGHT, (float)(p->y + 2));
		HPDF_Page_Stroke(p->page);
	}
}

int evaluation_pdf_render(const struct eval_doc *d, struct buf *out, char *err, size_t errlen)
{
	struct report r;
	memset(&r, 0, sizeof(r));
	r.lang = d->lang;
	r.created = d->created;
	r.company.name = d->scope;
	struct pdf p;
	if (pdf_open(&p, &r, d->title, err, errlen) != 0)
		return -1;
	pdf_page_new(&p);
	pdf_para(&p, d->title, PDF_H1, PDF_BOLD, 0, CHART_INK);
	if (d->scope)
		pdf_para(&p, d->scope, PDF_H2, PDF_REGULAR, 0, CHART_INK);
	pdf_gap(&p, 6);
	for (size_t i = 0; i < d->n_lines; i++)
		pdf_para(&p, d->lines[i], PDF_BODY, PDF_REGULAR, 0, CHART_MUTED);
	for (size_t s = 0; s < d->n_sections && !p.failed; s++) {
		const struct eval_doc_section *sec = &d->sections[s];
		pdf_gap(&p, 14);
		pdf_heading(&p, sec->heading, PDF_H2, 60);
		if (sec->intro && *sec->intro)
			pdf_para(&p, sec->intro, PDF_BODY, PDF_REGULAR, 0, CHART_INK);
		struct eval_chart c;
		if (sec->n_chart &&
		    eval_chart_layout(&c, sec->chart_kind, sec->rows, sec->n_chart, sec->scale_max, PDF_WIDTH, &chart_paper) == 0) {
			pdf_gap(&p, 4);
			pdf_need(&p, c.height + 6);
			draw_chart(&p, &c, PDF_LEFT, p.y);
			p.y -= c.height + 8;
		}
		draw_table(&p, &sec->table);
	}
	return pdf_finish(&p, out, err, errlen);
}
