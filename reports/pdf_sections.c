/* pdf_sections.c: the opening sections: cover, how to read, summary. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scoring/score.h"
#include "reports/image.h"
#include "reports/pdf.h"
#include "common/banned.h"

static int has(const char *s)
{
	return s && *s;
}

/* The decoded logo as a libharu image: RGB, with the alpha channel as a soft
 * mask. The pixels are copied by libharu. NULL when libharu refused it. */
static HPDF_Image logo_image(struct pdf *p, const struct image *img)
{
	size_t n = (size_t)img->width * img->height;
	unsigned char *rgb = img->channels == 4 ? malloc(n * 3) : NULL, *alpha = rgb ? malloc(n) : NULL;
	if (img->channels == 4 && (!rgb || !alpha)) {
		free(rgb);
		return NULL;
	}
	for (size_t i = 0; rgb && i < n; i++) {
		memcpy(rgb + i * 3, img->pixels + i * 4, 3);
		alpha[i] = img->pixels[i * 4 + 3];
	}
	HPDF_Image im = HPDF_LoadRawImageFromMem(p->doc, rgb ? rgb : img->pixels, img->width, img->height,
						 HPDF_CS_DEVICE_RGB, 8);
	if (im && alpha) {
		HPDF_Image mask = HPDF_LoadRawImageFromMem(p->doc, alpha, img->width, img->height,
							   HPDF_CS_DEVICE_GRAY, 8);
		if (!mask || HPDF_Image_AddSMask(im, mask) != HPDF_OK)
			im = NULL;
	}
	free(rgb);
	free(alpha);
	return im;
}

/* The association's logo, at most 150 × 60 points. The stored PNG is decoded
 * again through reports/image.c (libharu's own PNG loader aborts the process
 * on a corrupt file, and stored logos may predate the upload check); an
 * unreadable logo is skipped without failing the report. Returns the height used. */
static double logo(struct pdf *p, double x, double top)
{
	const struct report *r = p->r;
	if (!r->association.logo_png || !r->association.logo_len)
		return 0;
	struct image img;
	if (image_load_png(r->association.logo_png, r->association.logo_len, IMAGE_LOGO_FIT_W,
			   IMAGE_LOGO_FIT_H, &img) != IMAGE_OK)
		return 0;
	int failed = p->failed;
	HPDF_Image im = logo_image(p, &img);
	image_release(&img);
	if (!im) {
		HPDF_ResetError(p->doc);
		p->failed = failed;
		if (!failed)
			p->why[0] = '\0';
		return 0;
	}
	double w = HPDF_Image_GetWidth(im), h = HPDF_Image_GetHeight(im);
	double scale = fmin(150 / w, 60 / h);
	HPDF_Page_DrawImage(p->page, im, (float)x, (float)(top - h * scale), (float)(w * scale),
			    (float)(h * scale));
	return h * scale;
}

void pdf_cover(struct pdf *p)
{
	const struct report *r = p->r;
	char date[64], line[160];
	pdf_page_new(p);
	double top = PDF_H - 72;
	double lh = logo(p, PDF_LEFT, top);
	if (has(r->association.name))
		pdf_line(p, r->association.name, PDF_LEFT, top - lh - (lh > 0 ? 18 : 10), PDF_WIDTH,
			 11, PDF_BOLD, CHART_MUTED, -1);

	pdf_fill(p, CHART_COMPANY);
	HPDF_Page_Rectangle(p->page, PDF_LEFT, 560, 48, 5);
	HPDF_Page_Fill(p->page);
	pdf_line(p, report_str(r, RS_TITLE), PDF_LEFT, 520, PDF_WIDTH, 28, PDF_BOLD, CHART_INK, -1);
	pdf_line(p, report_str(r, RS_SCAN), PDF_LEFT, 490, PDF_WIDTH, 16, PDF_REGULAR,
		 CHART_COMPANY, -1);
	pdf_line(p, report_str(r, RS_FOR), PDF_LEFT, 430, PDF_WIDTH, 11, PDF_REGULAR,
		 CHART_MUTED, -1);
	size_t n = pdf_box(p, has(r->company.name) ? r->company.name : "–", PDF_LEFT, 404,
			   PDF_WIDTH, 20, PDF_BOLD, CHART_INK, 4);
	double y = 404 - (double)n * 20 * PDF_LEADING - 8;
	report_format_date(r, r->scan_date, date, sizeof date);
	if (has(date)) {
		snprintf(line, sizeof line, "%s: %s", report_str(r, RS_SCAN_DATE), date);
		pdf_line(p, line, PDF_LEFT, y, PDF_WIDTH, 11, PDF_REGULAR, CHART_INK, -1);
	}
	if (has(r->web_url)) {
		pdf_box(p, report_str(r, RS_WEB_VERSION), PDF_LEFT, 214, PDF_WIDTH, PDF_SMALL, PDF_REGULAR,
			CHART_MUTED, 2);
		pdf_box(p, r->web_url, PDF_LEFT, 186, PDF_WIDTH, PDF_BODY, PDF_BOLD, CHART_INK, 2);
	}
	if (has(r->association.name)) {
		snprintf(line, sizeof line, "%s", report_str(r, RS_BY));
		pdf_line(p, line, PDF_LEFT, 150, PDF_WIDTH, PDF_SMALL, PDF_REGULAR, CHART_MUTED, -1);
		pdf_box(p, r->association.name, PDF_LEFT, 136, PDF_WIDTH, PDF_BODY, PDF_BOLD,
			CHART_INK, 2);
		pdf_box(p, r->association.contact, PDF_LEFT, 108, PDF_WIDTH, PDF_SMALL, PDF_REGULAR,
			CHART_MUTED, 2);
	}
}

static void howto_bands(struct pdf *p)
{
	const struct report *r = p->r;
	pdf_heading(p, report_str(r, RS_HOWTO_BANDS), PDF_H2, 60);
	for (size_t b = 0; b < r->n_bands; b++) {
		char range[32];
		double to = b + 1 < r->n_bands ? r->bands[b + 1].from - 1 : 100;
		snprintf(range, sizeof range, "%ld–%ld", score_round_display(r->bands[b].from), score_round_display(to));
		pdf_need(p, PDF_BODY * PDF_LEADING * 3);
		double baseline = p->y - PDF_BODY;
		double w = pdf_band_chip(p, (int)b, PDF_LEFT, baseline, PDF_BODY);
		pdf_line(p, range, PDF_LEFT + w + 10, baseline, 80, PDF_BODY, PDF_BOLD, CHART_INK, -1);
		p->y -= PDF_BODY * PDF_LEADING;
		pdf_para(p, r->bands[b].meaning, PDF_BODY, PDF_REGULAR, 14, CHART_INK);
		pdf_gap(p, 6);
	}
}

void pdf_howto(struct pdf *p)
{
	const struct report *r = p->r;
	char line[256], date[64];
	pdf_page_new(p);
	pdf_heading(p, report_str(r, RS_HOWTO), PDF_H1, 80);
	pdf_para(p, report_str(r, RS_HOWTO_INTRO), PDF_BODY, PDF_REGULAR, 0, CHART_INK);
	pdf_gap(p, 12);
	pdf_heading(p, report_str(r, RS_HOWTO_PILLARS), PDF_H2, 60);
	for (size_t i = 0; i < r->n_pillars; i++) {
		snprintf(line, sizeof line, "%zu.", i + 1);
		pdf_need(p, PDF_BODY * PDF_LEADING * 2);
		pdf_line(p, line, PDF_LEFT, p->y - PDF_BODY, 14, PDF_BODY, PDF_BOLD, CHART_INK, -1);
		pdf_para(p, r->pillars[i].title, PDF_BODY, PDF_BOLD, 14, CHART_INK);
		pdf_gap(p, 3);
	}
	pdf_gap(p, 10);
	howto_bands(p);
	pdf_gap(p, 8);
	pdf_heading(p, report_str(r, RS_HOWTO_PEERS), PDF_H2, 60);
	pdf_para(p, report_str(r, RS_HOWTO_PEERS_TEXT), PDF_BODY, PDF_REGULAR, 0, CHART_INK);
	pdf_gap(p, 8);
	pdf_bar_legend(p);
	pdf_gap(p, 6);
	if (r->benchmark.available) {
		report_format_date(r, r->benchmark.snapshot_date, date, sizeof date);
		snprintf(line, sizeof line, "%s: %s (%d %s%s%s)", report_str(r, RS_PEER_GROUP_USED),
			 has(r->benchmark.group_label) ? r->benchmark.group_label : "–",
			 r->benchmark.n, report_str(r, RS_COMPANIES), has(date) ? ", " : "", date);
		pdf_para(p, line, PDF_BODY, PDF_BOLD, 0, CHART_INK);
	} else {
		snprintf(line, sizeof line, "%s: %s.", report_str(r, RS_PEER_GROUP_USED),
			 report_str(r, RS_NO_BENCHMARK));
		pdf_para(p, line, PDF_BODY, PDF_BOLD, 0, CHART_INK);
	}
}

static void overall(struct pdf *p)
{
	const struct report *r = p->r;
	char v[16];
	pdf_need(p, 60);
	pdf_line(p, report_str(r, RS_OVERALL), PDF_LEFT, p->y - PDF_H3, PDF_WIDTH, PDF_H3,
		 PDF_BOLD, CHART_MUTED, -1);
	double base = p->y - PDF_H3 - 38;
	if (isnan(r->score)) {
		pdf_line(p, report_str(r, RS_INSUFFICIENT), PDF_LEFT, base, PDF_WIDTH, 16,
			 PDF_BOLD, CHART_INK, -1);
		/* say why once, here; the attention list does not repeat it */
		p->y = base - 12;
		pdf_para(p, report_str(r, report_any_theme_scored(r) ? RS_NO_OVERALL : RS_NO_SCORES), PDF_BODY,
			 PDF_REGULAR, 0, CHART_INK);
		pdf_gap(p, 6);
		return;
	} else {
		chart_format_score(r->score, v, sizeof v);
		double w = pdf_line(p, v, PDF_LEFT, base, 120, 36, PDF_BOLD, CHART_INK, -1);
		double w2 = pdf_line(p, report_str(r, RS_SCORE_OUT_OF), PDF_LEFT + w + 8, base,
				     120, PDF_BODY, PDF_REGULAR, CHART_MUTED, -1);
		pdf_band_chip(p, r->band, PDF_LEFT + w + w2 + 24, base, 12);
	}
	p->y = base - 18;
}

/* A square in the band's colour, the title, and "82 · Label" on the right. */
static void bullet_row(struct pdf *p, const char *title, const char *right, int band)
{
	pdf_need(p, PDF_BODY * PDF_LEADING * 2);
	pdf_fill(p, chart_band_colour(p->r, band));
	HPDF_Page_Rectangle(p->page, PDF_LEFT + 1, (float)(p->y - PDF_BODY), 7, 7);
	HPDF_Page_Fill(p->page);
	pdf_row(p, title, PDF_REGULAR, right, PDF_BOLD, 14, PDF_BODY, CHART_INK);
	pdf_gap(p, 2);
}

/* "title ........ 82 · Toekomstbestendig" rows. */
static void theme_rows(struct pdf *p, const struct report_theme *const *t, size_t n)
{
	const struct report *r = p->r;
	for (size_t i = 0; i < n; i++) {
		char v[16], right[96];
		chart_format_score(t[i]->score, v, sizeof v);
		int band = t[i]->band;
		snprintf(right, sizeof right, "%s · %s", v, band >= 0 && (size_t)band < r->n_bands ?
			 r->bands[band].label : "");
		bullet_row(p, t[i]->title, right, band);
	}
}

void pdf_summary(struct pdf *p)
{
	const struct report *r = p->r;
	struct chart_radar radar;
	pdf_page_new(p);
	pdf_heading(p, report_str(r, RS_SUMMARY), PDF_H1, 80);
	overall(p);
	if (chart_radar_layout(&radar, r, PDF_WIDTH) == 0) {
		pdf_heading(p, report_str(r, RS_RADAR_TITLE), PDF_H2, radar.height + 20);
		pdf_chart_radar(p, &radar, PDF_LEFT + (PDF_WIDTH - radar.width) / 2, p->y);
		p->y -= radar.height + 30;
	}
	if (r->n_strongest) {
		pdf_heading(p, report_str(r, RS_STRONGEST), PDF_H2, 40);
		theme_rows(p, r->strongest, r->n_strongest);
		pdf_gap(p, 10);
	}
	if (!report_any_theme_scored(r))
		return; /* overall() said why there are no scores; no list to claim anything about */
	pdf_heading(p, report_str(r, RS_ATTENTION_SHORT), PDF_H2, 40);
	if (!r->n_attention)
		pdf_para(p, report_str(r, RS_NO_ATTENTION), PDF_BODY, PDF_REGULAR, 0, CHART_INK);
	for (size_t i = 0; i < r->n_attention; i++) {
		const struct report_attention *a = &r->attention[i];
		char v[16], right[96];
		chart_format_score(a->score, v, sizeof v);
		snprintf(right, sizeof right, "%s · %s", v, a->band >= 0 &&
			 (size_t)a->band < r->n_bands ? r->bands[a->band].label : "");
		bullet_row(p, a->theme_title, right, a->band);
	}
}
