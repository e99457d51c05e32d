/* pdf_doc.c: document set-up, fonts, pages, watermark, footers and saving. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/buf.h"
#include "reports/pdf.h"
#include "common/banned.h"

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
	struct pdf *p = user;
	if (!p->failed) {
		p->error = (unsigned long)error;
		p->detail = (unsigned long)detail;
		snprintf(p->why, sizeof p->why, "libharu error 0x%04lX (detail %lu)",
			 p->error, p->detail);
	}
	p->failed = 1;
}

/* Finds the folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf: the
 * subsets shipped in reports/fonts (fast, small; see scripts/subset-fonts.sh)
 * relative to the working folder or the executable, else Debian's full fonts.
 * FPHC_FONT_DIR overrides. */
static int font_dir(char *out, size_t n)
{
	char exe[PATH_MAX], cand[PATH_MAX + 64];
	const char *env = getenv("FPHC_FONT_DIR");
	const char *fixed[] = {env, "reports/fonts", NULL, "/usr/share/fonts/truetype/dejavu"};
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len > 0) {
		exe[len] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(cand, sizeof cand, "%s/../reports/fonts", exe);
			fixed[2] = cand;
		}
	}
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		char probe[PATH_MAX + 96];
		if (!fixed[i] || !*fixed[i])
			continue;
		snprintf(probe, sizeof probe, "%s/DejaVuSans-Bold.ttf", fixed[i]);
		if (access(probe, R_OK) == 0) {
			snprintf(out, n, "%s", fixed[i]);
			return 0;
		}
	}
	return -1;
}

static HPDF_Font load_font(struct pdf *p, const char *dir, const char *file)
{
	char path[PATH_MAX + 64];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	const char *name = HPDF_LoadTTFontFromFile(p->doc, path, HPDF_TRUE);
	return name ? HPDF_GetFont(p->doc, name, "UTF-8") : NULL;
}

/* pdf_open without its error report: -1 with the reason in p->why. */
static int open_doc(struct pdf *p, const struct report *r)
{
	char dir[PATH_MAX];
	memset(p, 0, sizeof *p);
	p->r = r;
	if (font_dir(dir, sizeof dir) != 0) {
		snprintf(p->why, sizeof p->why, "DejaVu Sans not found (set FPHC_FONT_DIR)");
		return -1;
	}
	p->doc = HPDF_New(on_error, p);
	if (!p->doc) {
		snprintf(p->why, sizeof p->why, "out of memory");
		return -1;
	}
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p->doc);
	HPDF_SetCurrentEncoder(p->doc, "UTF-8");
	p->regular = load_font(p, dir, "DejaVuSans.ttf");
	p->bold = load_font(p, dir, "DejaVuSans-Bold.ttf");
	struct tm tm;
	time_t t = r->created;
	if (!gmtime_r(&t, &tm))
		memset(&tm, 0, sizeof tm);
	HPDF_Date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		       tm.tm_sec, 'Z', 0, 0};
	HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, d);
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "fphc");
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, "Future Proof Human Capital Scan");
	return p->failed || !p->regular || !p->bold ? -1 : 0;
}

int pdf_open(struct pdf *p, const struct report *r, const char *title, char *err, size_t errlen)
{
	if (open_doc(p, r) == 0) {
		snprintf(p->running_title, sizeof p->running_title, "%s — %s", title,
			 r->company.name ? r->company.name : "");
		return 0;
	}
	if (err && errlen)
		snprintf(err, errlen, "%s", p->why[0] ? p->why : "cannot open the PDF");
	pdf_close(p);
	return -1;
}

void pdf_fill(struct pdf *p, unsigned rgb)
{
	HPDF_Page_SetRGBFill(p->page, (float)((rgb >> 16) & 0xFF) / 255.0f,
			     (float)((rgb >> 8) & 0xFF) / 255.0f, (float)(rgb & 0xFF) / 255.0f);
}

void pdf_stroke(struct pdf *p, unsigned rgb)
{
	HPDF_Page_SetRGBStroke(p->page, (float)((rgb >> 16) & 0xFF) / 255.0f,
			       (float)((rgb >> 8) & 0xFF) / 255.0f, (float)(rgb & 0xFF) / 255.0f);
}

/* Drawn first, so all content lies on top of it. */
static void watermark(struct pdf *p)
{
	const char *word = report_str(p->r, RS_CONCEPT);
	double size = 110, a = atan2(PDF_H, PDF_W);
	double w = pdf_text_width(p, word, strlen(word), size, PDF_BOLD);
	double c = cos(a), s = sin(a);
	double x = PDF_W / 2 - c * w / 2 + s * size * 0.35;
	double y = PDF_H / 2 - s * w / 2 - c * size * 0.35;
	pdf_fill(p, 0xE8E8E8);
	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetFontAndSize(p->page, p->bold, (float)size);
	HPDF_Page_SetTextMatrix(p->page, (float)c, (float)s, (float)-s, (float)c, (float)x, (float)y);
	HPDF_Page_ShowText(p->page, word);
	HPDF_Page_EndText(p->page);
}

void pdf_page_new(struct pdf *p)
{
	if (p->n_pages >= PDF_MAX_PAGES) {
		if (!p->failed)
			snprintf(p->why, sizeof p->why, "more than %d pages", PDF_MAX_PAGES);
		p->failed = 1;
		p->y = PDF_TOP;  /* keep drawing on the last page; the result is refused */
		return;
	}
	p->page = HPDF_AddPage(p->doc);
	if (!p->page)
		return;
	HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	p->pages[p->n_pages++] = p->page;
	if (p->r->draft)
		watermark(p);
	p->y = PDF_TOP;
}

void pdf_need(struct pdf *p, double height)
{
	if (!p->page || p->y - height < PDF_BOTTOM)
		pdf_page_new(p);
}

static void footer(struct pdf *p, size_t i)
{
	char pages[64];
	const struct report *r = p->r;
	snprintf(pages, sizeof pages, report_str(r, RS_PAGE_OF), (int)i + 1, (int)p->n_pages);
	p->page = p->pages[i];
	double y = PDF_BOTTOM - 30;
	pdf_stroke(p, CHART_GRID);
	HPDF_Page_SetLineWidth(p->page, 0.5);
	HPDF_Page_MoveTo(p->page, PDF_LEFT, y + 12);
	HPDF_Page_LineTo(p->page, PDF_RIGHT, y + 12);
	HPDF_Page_Stroke(p->page);
	double w = pdf_line(p, pages, PDF_RIGHT, y, PDF_WIDTH / 3, PDF_SMALL, PDF_REGULAR,
			    CHART_MUTED, 1);
	pdf_line(p, p->running_title, PDF_LEFT, y, PDF_WIDTH - w - 24, PDF_SMALL, PDF_REGULAR,
		 CHART_MUTED, -1);
	if (i > 0) {
		const char *scan = report_str(r, RS_SCAN);
		double ws = pdf_line(p, scan, PDF_LEFT, PDF_H - 40, PDF_WIDTH / 2, PDF_SMALL,
				     PDF_REGULAR, CHART_MUTED, -1);
		pdf_line(p, r->company.name ? r->company.name : "", PDF_RIGHT, PDF_H - 40,
			 PDF_WIDTH - ws - 24, PDF_SMALL, PDF_REGULAR, CHART_MUTED, 1);
	}
}

static int save(struct pdf *p, struct buf *out)
{
	if (HPDF_SaveToStream(p->doc) != HPDF_OK)
		return -1;
	HPDF_UINT32 size = HPDF_GetStreamSize(p->doc);
	HPDF_ResetStream(p->doc);
	unsigned char chunk[16384];
	for (HPDF_UINT32 got = 0; got < size;) {
		HPDF_UINT32 n = sizeof chunk;
		HPDF_STATUS st = HPDF_ReadFromStream(p->doc, chunk, &n);
		if (n == 0 || (st != HPDF_OK && st != HPDF_STREAM_EOF))
			return -1;
		if (buf_add(out, chunk, n) != 0)
			return -1;
		got += n;
	}
	return 0;
}

int pdf_finish(struct pdf *p, struct buf *out, char *err, size_t errlen)
{
	int rc = -1;
	if (!p->doc || p->failed)
		goto done;
	for (size_t i = 0; i < p->n_pages; i++)
		footer(p, i);
	if (p->failed)
		goto done;
	HPDF_ResetError(p->doc);
	if (save(p, out) != 0) {
		if (!p->failed)
			snprintf(p->why, sizeof p->why, "%s", out->toobig ?
				 "output buffer full" : "saving the PDF failed");
		goto done;
	}
	rc = 0;
done:
	if (rc != 0 && err && errlen)
		snprintf(err, errlen, "%s", p->why[0] ? p->why : "rendering failed");
	pdf_close(p);
	return rc;
}

void pdf_close(struct pdf *p)
{
	if (p->doc)
		HPDF_Free(p->doc);
	p->doc = NULL;
	p->page = NULL;
}
