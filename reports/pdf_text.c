/* pdf_text.c: word-wrapped text that flows across pages and never overflows. */
#include <string.h>

#include <hpdf_font.h>

#include "reports/pdf.h"
#include "common/banned.h"

#define SLANT 0.2          /* faux italic: shear of the text matrix */
#define LINE_PIECES 256
#define ELLIPSIS "…"

static HPDF_Font font_of(struct pdf *p, enum pdf_style style)
{
	return (style & PDF_BOLD) ? p->bold : p->regular;
}

/* U+FFFD, drawn for any character the embedded fonts have no glyph for, so a
 * name in a script we do not cover shows as visible marks, never as a gap. */
static const char replacement[] = "\xEF\xBF\xBD";

/* One UTF-8 character at s[0..len): its byte length and code point (0xFFFD
 * for a malformed sequence). */
static size_t decode(const char *s, size_t len, unsigned *cp)
{
	unsigned char c = (unsigned char)s[0];
	size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
	if (n > len)
		n = len;
	static const unsigned lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
	unsigned v = c & lead_mask[n];
	for (size_t i = 1; i < n; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return i;
		}
		v = v << 6 | ((unsigned char)s[i] & 0x3Fu);
	}
	*cp = (n == 1 && c >= 0x80) ? 0xFFFD : v;
	return n;
}

/* 1 when both fonts draw cp (the subsets cover the same ranges). Characters
 * outside the Basic Multilingual Plane (emoji…) are never in them. */
static int has_glyph(struct pdf *p, unsigned cp)
{
	if (cp < 0x20 || cp > 0xFFFF)
		return 0;
	unsigned char *known = &p->glyph_known[cp >> 3], *has = &p->glyph_has[cp >> 3];
	unsigned char bit = (unsigned char)(1u << (cp & 7));
	if (!(*known & bit)) {
		HPDF_FontAttr attr = (HPDF_FontAttr)p->regular->attr;
		if (attr && attr->fontdef && HPDF_TTFontDef_GetGlyphid(attr->fontdef, (HPDF_UINT16)cp))
			*has |= bit;
		*known |= bit;
	}
	return (*has & bit) != 0;
}

/* The bytes to draw for the character at s[0..len): itself, or U+FFFD.
 * *used is how many bytes of s it stands for. */
static const char *drawable(struct pdf *p, const char *s, size_t len, size_t *used,
			    size_t *out_len, unsigned *cp)
{
	*used = decode(s, len, cp);
	if ((*cp >= 0x20 && *cp < 0x7F) || *cp == '\t' || *cp == '\r' || *cp == '\n' ||
	    has_glyph(p, *cp)) {
		*out_len = *used;
		return s;
	}
	*cp = 0xFFFD;
	*out_len = sizeof replacement - 1;
	return replacement;
}

/* Width of one drawable character. */
static double char_width(struct pdf *p, HPDF_Font font, int bold, const char *s, size_t len,
			 unsigned cp)
{
	float *slot = cp < PDF_WIDTH_CACHE ? &p->width_cache[bold][cp] : NULL;
	if (slot && *slot > 0)
		return *slot;
	HPDF_TextWidth tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)s, (HPDF_UINT)len);
	if (slot)
		*slot = tw.width > 0 ? (float)tw.width : 0.001f;
	return (double)tw.width;
}

double pdf_text_width(struct pdf *p, const char *text, size_t len, double size,
		      enum pdf_style style)
{
	HPDF_Font font = font_of(p, style);
	int bold = (style & PDF_BOLD) != 0;
	double total = 0;
	for (size_t i = 0; i < len;) {
		size_t used, n;
		unsigned cp;
		const char *c = drawable(p, text + i, len - i, &used, &n, &cp);
		total += char_width(p, font, bold, c, n, cp);
		i += used;
	}
	return total * size / 1000.0;
}

/* Draws s[0..len) at (x, y); tabs and returns become spaces, characters the
 * fonts lack become U+FFFD. */
static void show(struct pdf *p, const char *s, size_t len, double x, double y, double size,
		 enum pdf_style style)
{
	char tmp[1024];
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		size_t used, n;
		unsigned cp;
		const char *c = drawable(p, s + i, len - i, &used, &n, &cp);
		if (o + n >= sizeof tmp)
			break;
		if (n == 1 && (*c == '\t' || *c == '\r' || *c == '\n'))
			tmp[o++] = ' ';
		else {
			memcpy(tmp + o, c, n);
			o += n;
		}
		i += used;
	}
	tmp[o] = '\0';
	HPDF_Page_SetFontAndSize(p->page, font_of(p, style), (float)size);
	HPDF_Page_SetTextMatrix(p->page, 1, 0, (style & PDF_ITALIC) ? (float)SLANT : 0, 1,
				(float)x, (float)y);
	HPDF_Page_ShowText(p->page, tmp);
}

/* A word (or part of one) placed on the current line. */
struct piece {
	const char *s;
	size_t len;
	enum pdf_style style;
	double x, w;
};

struct layout {
	struct pdf *p;
	double x0, width, size;
	unsigned colour;
	int draw, flow;          /* draw: emit text; flow: move the page cursor */
	double baseline;         /* without flow: the next line's baseline */
	size_t lines, max_lines;
	int cut;                 /* stopped at max_lines */
	struct piece line[LINE_PIECES];
	size_t n;
	double used;
};

/* 1 when b follows a in the same text after exactly one space, so that both
 * can be drawn with one text operator at the same widths. */
static int one_space(const struct piece *a, const struct piece *b)
{
	return b->s == a->s + a->len + 1 && a->s[a->len] == ' ';
}

static void flush(struct layout *l, int more)
{
	struct pdf *p = l->p;
	double lh = l->size * PDF_LEADING;
	if (l->cut)
		return;
	l->lines++;
	if (l->flow) {
		pdf_need(p, lh);
		l->baseline = p->y - l->size;
		p->y -= lh;
	}
	if (l->draw && (l->n || (more && l->lines == l->max_lines))) {
		pdf_fill(p, l->colour);
		HPDF_Page_BeginText(p->page);
		for (size_t i = 0; i < l->n;) {
			/* Pieces that follow each other in one run are drawn at once. */
			size_t j = i + 1;
			while (j < l->n && l->line[j].style == l->line[i].style &&
			       one_space(&l->line[j - 1], &l->line[j]))
				j++;
			const char *s = l->line[i].s;
			size_t len = (size_t)(l->line[j - 1].s + l->line[j - 1].len - s);
			show(p, s, len, l->x0 + l->line[i].x, l->baseline, l->size, l->line[i].style);
			i = j;
		}
		if (more && l->lines == l->max_lines)
			show(p, ELLIPSIS, strlen(ELLIPSIS), l->x0 + l->used, l->baseline, l->size,
			     PDF_REGULAR);
		HPDF_Page_EndText(p->page);
	}
	if (!l->flow)
		l->baseline -= lh;
	if (more && l->max_lines && l->lines >= l->max_lines)
		l->cut = 1;
	l->n = 0;
	l->used = 0;
}

/* Room left on the line; the last allowed line keeps space for "…". */
static double room(const struct layout *l)
{
	double w = l->width;
	if (l->max_lines && l->lines + 1 == l->max_lines)
		w -= pdf_text_width(l->p, ELLIPSIS, strlen(ELLIPSIS), l->size, PDF_REGULAR);
	return w;
}

static void place(struct layout *l, const char *s, size_t len, enum pdf_style style,
		  double w, double space)
{
	if (l->n == LINE_PIECES)
		flush(l, 1);
	if (l->cut)
		return;
	if (l->n)
		l->used += space;
	l->line[l->n++] = (struct piece){s, len, style, l->used, w};
	l->used += w;
}

/* Breaks a word wider than a whole line between UTF-8 characters. */
static void place_long(struct layout *l, const char *s, size_t len, enum pdf_style style)
{
	while (len && !l->cut) {
		size_t take = 0, next;
		double w = 0;
		for (next = 1; next <= len; next++) {
			if (next < len && ((unsigned char)s[next] & 0xC0) == 0x80)
				continue;
			double nw = pdf_text_width(l->p, s, next, l->size, style);
			if (nw > room(l) - l->used && take)
				break;
			take = next;
			w = nw;
		}
		place(l, s, take, style, w, 0);
		s += take;
		len -= take;
		if (len)
			flush(l, 1);
	}
}

static void layout_runs(struct layout *l, const struct pdf_run *runs, size_t n)
{
	int pending_space = 0;
	for (size_t r = 0; r < n && !l->cut; r++) {
		const char *s = runs[r].text ? runs[r].text : "";
		size_t len = runs[r].len, i = 0;
		double sw = pdf_text_width(l->p, " ", 1, l->size, runs[r].style);
		while (i < len && !l->cut) {
			if (s[i] == '\n') {
				flush(l, 1);
				pending_space = 0;
				i++;
				continue;
			}
			if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
				pending_space = l->n > 0;
				i++;
				continue;
			}
			size_t j = i;
			while (j < len && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' && s[j] != '\r')
				j++;
			double w = pdf_text_width(l->p, s + i, j - i, l->size, runs[r].style);
			double space = pending_space ? sw : 0;
			if (l->n && l->used + space + w > room(l)) {
				flush(l, 1);
				space = 0;
			}
			if (w > room(l) - l->used)
				place_long(l, s + i, j - i, runs[r].style);
			else
				place(l, s + i, j - i, runs[r].style, w, space);
			pending_space = 0;
			i = j;
		}
	}
	if (l->n)
		flush(l, 0);
}

void pdf_runs(struct pdf *p, const struct pdf_run *runs, size_t n, double size,
	      double indent, unsigned colour)
{
	struct layout l = {.p = p, .x0 = PDF_LEFT + indent, .width = PDF_WIDTH - indent,
			   .size = size, .colour = colour, .draw = 1, .flow = 1};
	layout_runs(&l, runs, n);
}

void pdf_para(struct pdf *p, const char *text, double size, enum pdf_style style,
	      double indent, unsigned colour)
{
	if (!text || !*text)
		return;
	struct pdf_run run = {text, strlen(text), style};
	pdf_runs(p, &run, 1, size, indent, colour);
}

size_t pdf_count_lines(struct pdf *p, const char *text, double size, enum pdf_style style,
		       double width)
{
	if (!text || !*text)
		return 0;
	struct layout l = {.p = p, .width = width, .size = size};
	struct pdf_run run = {text, strlen(text), style};
	layout_runs(&l, &run, 1);
	return l.lines;
}

size_t pdf_box(struct pdf *p, const char *text, double x, double y, double width,
	       double size, enum pdf_style style, unsigned colour, size_t max_lines)
{
	if (!text || !*text)
		return 0;
	struct layout l = {.p = p, .x0 = x, .width = width, .size = size, .colour = colour,
			   .draw = 1, .baseline = y, .max_lines = max_lines};
	struct pdf_run run = {text, strlen(text), style};
	layout_runs(&l, &run, 1);
	return l.lines;
}

double pdf_line(struct pdf *p, const char *text, double x, double y, double max_width,
		double size, enum pdf_style style, unsigned colour, int align)
{
	if (!text || !*text)
		return 0;
	size_t len = strlen(text);
	double w = pdf_text_width(p, text, len, size, style);
	int cut = 0;
	if (w > max_width) {
		double ew = pdf_text_width(p, ELLIPSIS, strlen(ELLIPSIS), size, style);
		while (len > 0 && w + ew > max_width) {
			do
				len--;
			while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80);
			w = pdf_text_width(p, text, len, size, style);
		}
		while (len > 0 && text[len - 1] == ' ')
			len--;
		w = pdf_text_width(p, text, len, size, style) + ew;
		cut = 1;
	}
	double left = align < 0 ? x : align > 0 ? x - w : x - w / 2;
	pdf_fill(p, colour);
	HPDF_Page_BeginText(p->page);
	show(p, text, len, left, y, size, style);
	if (cut)
		show(p, ELLIPSIS, strlen(ELLIPSIS), left + w - pdf_text_width(p, ELLIPSIS,
		     strlen(ELLIPSIS), size, style), y, size, style);
	HPDF_Page_EndText(p->page);
	return w;
}

void pdf_heading(struct pdf *p, const char *text, double size, double keep)
{
	double lines = (double)pdf_count_lines(p, text, size, PDF_BOLD, PDF_WIDTH);
	pdf_need(p, lines * size * PDF_LEADING + keep);
	pdf_para(p, text, size, PDF_BOLD, 0, CHART_INK);
	pdf_gap(p, size * 0.35);
}

/* A gap never starts a page: white space that runs past the bottom is simply
 * the end of the page, and the next pdf_need() breaks the page when something
 * is drawn. (Starting a page here left a blank page whenever a section that
 * opens its own page followed a full one.) */
void pdf_gap(struct pdf *p, double h)
{
	p->y -= h;
	if (p->y < PDF_BOTTOM)
		p->y = PDF_BOTTOM;
}

void pdf_row(struct pdf *p, const char *left, enum pdf_style left_style, const char *right,
	     enum pdf_style right_style, double indent, double size, unsigned right_colour)
{
	double rw = right && *right ? pdf_text_width(p, right, strlen(right), size, right_style) : 0;
	if (rw > PDF_WIDTH / 2)
		rw = PDF_WIDTH / 2;
	double width = PDF_WIDTH - indent - (rw > 0 ? rw + 12 : 0);
	size_t lines = pdf_count_lines(p, left, size, left_style, width);
	if (lines == 0)
		lines = 1;
	double lh = size * PDF_LEADING;
	double max_lines = (PDF_TOP - PDF_BOTTOM) / lh - 1;
	if ((double)lines > max_lines)
		lines = (size_t)max_lines;  /* a left text longer than a page is cut with "…" */
	pdf_need(p, (double)lines * lh);
	double baseline = p->y - size;
	pdf_box(p, left, PDF_LEFT + indent, baseline, width, size, left_style, CHART_INK, lines);
	if (rw > 0)
		pdf_line(p, right, PDF_RIGHT, baseline, PDF_WIDTH / 2, size, right_style,
			 right_colour, 1);
	p->y -= (double)lines * lh;
}
