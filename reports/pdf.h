/* pdf.h: internal PDF layout kit of the reports (libharu): a document with a
 * cursor that flows text across A4 pages. Not used outside reports/.
 *
 * Error policy: libharu reports errors to a handler that records the first one
 * in pdf.failed; drawing after a failure is harmless, and pdf_finish() turns
 * it into -1. Every y here is a PDF coordinate (origin bottom left). */
#ifndef FPHC_REPORT_PDF_H
#define FPHC_REPORT_PDF_H

#include <hpdf.h>
#include <stddef.h>

#include "reports/chart.h"
#include "reports/report.h"
#include "reports/strings.h"

struct buf;

#define PDF_MAX_PAGES 400
#define PDF_WIDTH_CACHE 0x180
#define PDF_W 595.276
#define PDF_H 841.89
#define PDF_LEFT 62.0
#define PDF_RIGHT (PDF_W - 62.0)
#define PDF_TOP (PDF_H - 70.0)
#define PDF_BOTTOM 70.0
#define PDF_WIDTH (PDF_RIGHT - PDF_LEFT)

/* Text sizes of the grid. */
#define PDF_BODY 10.0
#define PDF_SMALL 8.5
#define PDF_H1 18.0
#define PDF_H2 13.0
#define PDF_H3 10.5
#define PDF_LEADING 1.4   /* line height as a factor of the size */

enum pdf_style {
	PDF_REGULAR = 0,
	PDF_BOLD = 1,
	PDF_ITALIC = 2,          /* slanted regular: one font fewer to embed */
	PDF_BOLD_ITALIC = 3,
};

struct pdf {
	HPDF_Doc doc;
	HPDF_Page page;
	HPDF_Font regular, bold;
	/* Advance widths (1/1000 em) of code points below PDF_WIDTH_CACHE per
	 * font, filled on first use: libharu looks each character up in the
	 * font's cmap on every measurement, which dominated the layout time. */
	float width_cache[2][PDF_WIDTH_CACHE];
	/* Which code points of the Basic Multilingual Plane the fonts draw:
	 * a bit in glyph_has, valid once its bit in glyph_known is set. */
	unsigned char glyph_known[0x10000 / 8], glyph_has[0x10000 / 8];
	HPDF_Page pages[PDF_MAX_PAGES];
	size_t n_pages;
	double y;                 /* cursor: top of the next line */
	const struct report *r;
	char running_title[300];  /* left part of the footer: "title — company" */
	int failed;
	unsigned long error, detail;
	char why[160];
};

/* Opens a document: fonts, compression, creation date from r->created; the footers
 * name "title — r->company.name". 0, or -1 with the reason in err and nothing left
 * to close. */
int pdf_open(struct pdf *p, const struct report *r, const char *title, char *err, size_t errlen);
/* Adds a page (with the CONCEPT watermark on drafts); the cursor goes to the top. */
void pdf_page_new(struct pdf *p);
/* Starts a new page unless `height` fits between the cursor and the bottom. */
void pdf_need(struct pdf *p, double height);
/* Draws the footers ("pagina x van y") and appends the PDF to out; frees the
 * document. Returns 0 or -1 (reason in err). pdf_close() frees without output
 * and is safe after pdf_finish(). */
int pdf_finish(struct pdf *p, struct buf *out, char *err, size_t errlen);
void pdf_close(struct pdf *p);

/* Colours as 0xRRGGBB. */
void pdf_fill(struct pdf *p, unsigned rgb);
void pdf_stroke(struct pdf *p, unsigned rgb);

/* One styled piece of a paragraph; text need not be NUL-terminated. "\n"
 * inside text breaks the line. */
struct pdf_run {
	const char *text;
	size_t len;
	enum pdf_style style;
};

/* Lays out runs word-wrapped between x0 = PDF_LEFT + indent and PDF_RIGHT,
 * starting at the cursor and flowing onto new pages; moves the cursor below.
 * A word wider than the line is broken between characters. */
void pdf_runs(struct pdf *p, const struct pdf_run *runs, size_t n, double size,
	      double indent, unsigned colour);
/* A plain paragraph in one style. */
void pdf_para(struct pdf *p, const char *text, double size, enum pdf_style style,
	      double indent, unsigned colour);
/* Number of lines `text` needs in a box `width` wide (for tables). */
size_t pdf_count_lines(struct pdf *p, const char *text, double size, enum pdf_style style,
		       double width);
/* Draws text word-wrapped in a box whose first baseline is `y`, with no page
 * flow; returns the number of lines drawn (at most max_lines; the last
 * line ends in "…" when cut). */
size_t pdf_box(struct pdf *p, const char *text, double x, double y, double width,
	       double size, enum pdf_style style, unsigned colour, size_t max_lines);
/* One line at (x, baseline y); align -1 left, 0 centre, 1 right; cut with "…"
 * to max_width. Returns the width drawn. */
double pdf_line(struct pdf *p, const char *text, double x, double y, double max_width,
		double size, enum pdf_style style, unsigned colour, int align);
double pdf_text_width(struct pdf *p, const char *text, size_t len, double size,
		      enum pdf_style style);
/* Headings keep at least `keep` points of following content on their page. */
/* A row with `left` word-wrapped and `right` right-aligned on its first line. */
void pdf_row(struct pdf *p, const char *left, enum pdf_style left_style, const char *right,
	     enum pdf_style right_style, double indent, double size, unsigned right_colour);
void pdf_heading(struct pdf *p, const char *text, double size, double keep);
void pdf_gap(struct pdf *p, double h);

/* Markdown (CommonMark via libcmark) flowed like pdf_runs: paragraphs, lists,
 * bold, italic, links as text with the address; raw HTML is dropped. */
void pdf_markdown(struct pdf *p, const char *md, double size, double indent);

/* Charts (pdf_chart.c); (x, top) is the top-left corner in PDF coordinates. */
void pdf_chart_radar(struct pdf *p, const struct chart_radar *c, double x, double top);
void pdf_chart_bar(struct pdf *p, const struct chart_bars *c, const struct chart_bar *b,
		   double x, double top);
void pdf_chart_scale(struct pdf *p, const struct chart_bars *c, double x, double top);
/* The key to the bar symbols (your score, peer band, median), one line. */
void pdf_bar_legend(struct pdf *p);
/* A small band swatch with its label; returns the width used. */
double pdf_band_chip(struct pdf *p, int band, double x, double baseline, double size);

/* Sections of the personal report (pdf_sections.c, pdf_pillars.c, pdf_followup.c). */
void pdf_cover(struct pdf *p);
void pdf_howto(struct pdf *p);
void pdf_summary(struct pdf *p);
void pdf_pillar(struct pdf *p, size_t index);
void pdf_change(struct pdf *p);
void pdf_attention(struct pdf *p);
void pdf_offers(struct pdf *p);
void pdf_actions(struct pdf *p, const struct report_action *a, size_t n, const char *title,
		 const char *intro);
void pdf_research(struct pdf *p);
void pdf_colophon(struct pdf *p);

#endif
