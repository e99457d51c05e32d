/* xlsx_xml.c: expat handlers for the parts of an .xlsx file (relationships, workbook, shared
 * strings, styles, worksheets); see xlsx_xml.h for the rules every parser keeps. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "common/buf.h"
#include "common/xlsx_xml.h"
#include "common/banned.h"

/* State shared by every part's parser. */
struct xp {
	XML_Parser parser;
	struct xlsx_book *book;
	char *err;
	int failed;
	struct buf text;   /* character data being collected */
	int collect;       /* collect character data now */
	void *part;        /* the part's own state */
};

static void fail(struct xp *x, const char *msg)
{
	if (!x->failed)
		snprintf(x->err, XLSX_ERR_MAX, "%s", msg);
	x->failed = 1;
	XML_StopParser(x->parser, XML_FALSE);
}

static const char *local(const char *name)
{
	const char *bar = strrchr(name, '|');
	return bar ? bar + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

static void on_text(void *ud, const XML_Char *s, int len)
{
	struct xp *x = ud;
	if (!x->collect || x->failed)
		return;
	if (buf_add(&x->text, s, (size_t)len) != 0)
		fail(x, "Een cel bevat meer dan 32.767 tekens.");
}

static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
		       int has_internal_subset)
{
	(void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
	fail(ud, "Het bestand bevat een DOCTYPE; dat komt in een Excel-bestand niet voor.");
}

static void on_entity(void *ud, const XML_Char *name, int is_param, const XML_Char *value, int len,
		      const XML_Char *base, const XML_Char *sysid, const XML_Char *pubid, const XML_Char *notation)
{
	(void)name, (void)is_param, (void)value, (void)len, (void)base, (void)sysid, (void)pubid, (void)notation;
	fail(ud, "Het bestand definieert XML-entiteiten; dat komt in een Excel-bestand niet voor.");
}

static int run(struct xp *x, const char *xml, size_t len, XML_StartElementHandler start,
	       XML_EndElementHandler end)
{
	x->parser = XML_ParserCreateNS(NULL, '|');
	if (!x->parser)
		abort();
	buf_init(&x->text, XLSX_MAX_TEXT);
	XML_SetUserData(x->parser, x);
	XML_SetParamEntityParsing(x->parser, XML_PARAM_ENTITY_PARSING_NEVER);
	XML_SetStartDoctypeDeclHandler(x->parser, on_doctype);
	XML_SetEntityDeclHandler(x->parser, on_entity);
	XML_SetElementHandler(x->parser, start, end);
	XML_SetCharacterDataHandler(x->parser, on_text);
	if (len > (size_t)0x7fffffff) {
		fail(x, "Een onderdeel van het bestand is te groot.");
	} else if (XML_Parse(x->parser, xml, (int)len, XML_TRUE) == XML_STATUS_ERROR && !x->failed) {
		snprintf(x->err, XLSX_ERR_MAX, "Het bestand is beschadigd (XML-fout in regel %lu: %s).",
			 (unsigned long)XML_GetCurrentLineNumber(x->parser),
			 XML_ErrorString(XML_GetErrorCode(x->parser)));
		x->failed = 1;
	}
	XML_ParserFree(x->parser);
	buf_release(&x->text);
	return x->failed ? -1 : 0;
}

/* ---- relationships (the .rels parts) ---- */

struct rels {
	struct xlsx_rel *v;
	size_t n, cap;
};

static void rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xp *x = ud;
	struct rels *r = x->part;
	if (strcmp(local(name), "Relationship") != 0)
		return;
	const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
	const char *mode = attr(atts, "TargetMode");
	if (!id || !target)
		return;
	if (r->n >= XLSX_MAX_ENTRIES) {
		fail(x, "Het bestand heeft te veel onderdelen.");
		return;
	}
	r->v = xlsx_grow(r->v, &r->cap, r->n + 1, sizeof(*r->v));
	r->v[r->n++] = (struct xlsx_rel){arena_strdup(&x->book->arena, id),
					 arena_strdup(&x->book->arena, type ? type : ""),
					 arena_strdup(&x->book->arena, target),
					 mode && strcmp(mode, "External") == 0};
}

static void ignore_end(void *ud, const XML_Char *name)
{
	(void)ud, (void)name;
}

int xlsx_xml_rels(struct xlsx_book *book, const char *xml, size_t len, struct xlsx_rel **out, size_t *n,
		  char err[XLSX_ERR_MAX])
{
	struct rels r = {0};
	struct xp x = {.book = book, .err = err, .part = &r};
	int rc = run(&x, xml, len, rels_start, ignore_end);
	*out = r.v;
	*n = r.n;
	return rc;
}

/* ---- workbook.xml ---- */

struct workbook {
	struct xlsx_sheet_ref *v;
	size_t n, cap;
};

static void workbook_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xp *x = ud;
	struct workbook *w = x->part;
	if (strcmp(local(name), "sheet") != 0)
		return;
	const char *sheet_name = attr(atts, "name"), *id = attr(atts, "id"), *state = attr(atts, "state");
	if (!sheet_name || !id) {
		fail(x, "Het bestand is beschadigd (een tabblad zonder naam).");
		return;
	}
	if (w->n >= XLSX_MAX_SHEETS) {
		fail(x, "Het bestand heeft meer dan 32 tabbladen.");
		return;
	}
	w->v = xlsx_grow(w->v, &w->cap, w->n + 1, sizeof(*w->v));
	w->v[w->n++] = (struct xlsx_sheet_ref){arena_strdup(&x->book->arena, sheet_name),
					       arena_strdup(&x->book->arena, id),
					       state && strcmp(state, "visible") != 0};
}

int xlsx_xml_workbook(struct xlsx_book *book, const char *xml, size_t len, struct xlsx_sheet_ref **out,
		      size_t *n, char err[XLSX_ERR_MAX])
{
	struct workbook w = {0};
	struct xp x = {.book = book, .err = err, .part = &w};
	int rc = run(&x, xml, len, workbook_start, ignore_end);
	*out = w.v;
	*n = w.n;
	return rc;
}

/* ---- sharedStrings.xml: <si> holds <t>, or runs <r><t>; phonetic <rPh><t> is left out ---- */

struct strings {
	struct xlsx_lookup *lk;
	size_t cap;
	int in_si, in_rph;
};

static void strings_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	(void)atts;
	struct xp *x = ud;
	struct strings *s = x->part;
	const char *n = local(name);
	if (strcmp(n, "si") == 0) {
		s->in_si = 1;
		buf_reset(&x->text);
	} else if (strcmp(n, "rPh") == 0) {
		s->in_rph = 1;
	} else if (strcmp(n, "t") == 0 && s->in_si && !s->in_rph) {
		x->collect = 1;
	}
}

static void strings_end(void *ud, const XML_Char *name)
{
	struct xp *x = ud;
	struct strings *s = x->part;
	const char *n = local(name);
	if (strcmp(n, "t") == 0) {
		x->collect = 0;
	} else if (strcmp(n, "rPh") == 0) {
		s->in_rph = 0;
	} else if (strcmp(n, "si") == 0 && s->in_si) {
		s->in_si = 0;
		if (s->lk->n_strings >= XLSX_MAX_STRINGS) {
			fail(x, "Het bestand heeft te veel verschillende teksten.");
			return;
		}
		s->lk->strings = xlsx_grow(s->lk->strings, &s->cap, s->lk->n_strings + 1, sizeof(*s->lk->strings));
		s->lk->strings[s->lk->n_strings++] = arena_strndup(&x->book->arena, x->text.data, x->text.len);
	}
}

int xlsx_xml_strings(struct xlsx_book *book, const char *xml, size_t len, struct xlsx_lookup *lk,
		     char err[XLSX_ERR_MAX])
{
	struct strings s = {.lk = lk};
	struct xp x = {.book = book, .err = err, .part = &s};
	return run(&x, xml, len, strings_start, strings_end);
}

/* ---- styles.xml: which cell formats (cellXfs) show a number as a date ---- */

#define MAX_NUMFMTS 512
#define MAX_STYLES 65536

struct styles {
	struct xlsx_lookup *lk;
	size_t cap;
	int in_xfs;
	unsigned custom_ids[MAX_NUMFMTS];
	unsigned char custom_date[MAX_NUMFMTS];
	size_t n_custom;
};

/* Excel's built-in date and time formats. */
static int builtin_date(unsigned id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	       (id >= 50 && id <= 58);
}

/* A format code shows a date or time when it has d, m, y, h or s outside quoted
 * text, escapes and [colour]/[locale] sections. */
static int code_is_date(const char *code)
{
	int quoted = 0, bracket = 0;
	for (const char *p = code; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (*p == '\\' && p[1])
			p++;
		else if (*p == '[')
			bracket = 1;
		else if (*p == ']')
			bracket = 0;
		else if (!bracket && strchr("dmyhsDMYHS", *p))
			return 1;
	}
	return 0;
}

static void styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xp *x = ud;
	struct styles *s = x->part;
	const char *n = local(name);
	if (strcmp(n, "numFmt") == 0 && !s->in_xfs) {
		const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
		if (id && code && s->n_custom < MAX_NUMFMTS) {
			s->custom_ids[s->n_custom] = (unsigned)strtoul(id, NULL, 10);
			s->custom_date[s->n_custom] = (unsigned char)code_is_date(code);
			s->n_custom++;
		}
	} else if (strcmp(n, "cellXfs") == 0) {
		s->in_xfs = 1;
	} else if (strcmp(n, "xf") == 0 && s->in_xfs) {
		if (s->lk->n_styles >= MAX_STYLES) {
			fail(x, "Het bestand heeft te veel celopmaken.");
			return;
		}
		const char *id = attr(atts, "numFmtId");
		unsigned fmt = id ? (unsigned)strtoul(id, NULL, 10) : 0;
		int date = builtin_date(fmt);
		for (size_t i = 0; i < s->n_custom; i++)
			if (s->custom_ids[i] == fmt)
				date = s->custom_date[i];
		s->lk->date_style = xlsx_grow(s->lk->date_style, &s->cap, s->lk->n_styles + 1, 1);
		s->lk->date_style[s->lk->n_styles++] = (unsigned char)date;
	}
}

static void styles_end(void *ud, const XML_Char *name)
{
	struct xp *x = ud;
	struct styles *s = x->part;
	if (strcmp(local(name), "cellXfs") == 0)
		s->in_xfs = 0;
}

int xlsx_xml_styles(const char *xml, size_t len, struct xlsx_lookup *lk, char err[XLSX_ERR_MAX])
{
	struct styles s = {.lk = lk};
	struct xp x = {.err = err, .part = &s};
	return run(&x, xml, len, styles_start, styles_end);
}

/* ---- worksheets: <row r><c r t s><f/><v/><is><t/></is></c></row>, <mergeCell> ---- */

struct sheet_state {
	struct xlsx_sheet *sheet;
	const struct xlsx_lookup *lk;
	size_t *cells;
	uint32_t row, col;     /* the current row, and the column of the current or last cell */
	int in_cell, in_v, in_is, in_rph, formula, have_value;
	char type[12];
	unsigned long style;
	struct buf value;      /* <v> text */
};

/* Parses "B12" into a 0-based column and a row; 0 or -1. */
static int parse_ref(const char *ref, uint32_t *col, uint32_t *row)
{
	uint32_t c = 0, r = 0;
	const char *p = ref;
	int letters = 0;
	for (; *p >= 'A' && *p <= 'Z'; p++, letters++) {
		c = c * 26 + (uint32_t)(*p - 'A' + 1);
		if (letters >= 3 || c > XLSX_MAX_COL)
			return -1;
	}
	int digits = 0;
	for (; *p >= '0' && *p <= '9'; p++, digits++) {
		r = r * 10 + (uint32_t)(*p - '0');
		if (digits >= 7 || r > XLSX_MAX_ROW)
			return -1;
	}
	if (*p || letters == 0 || digits == 0 || r == 0)
		return -1;
	*col = c - 1;
	*row = r;
	return 0;
}

static void sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xp *x = ud;
	struct sheet_state *s = x->part;
	const char *n = local(name);
	if (strcmp(n, "row") == 0) {
		const char *r = attr(atts, "r");
		char *end = NULL;
		unsigned long v = r ? strtoul(r, &end, 10) : s->row + 1UL; /* without r: the next row */
		if ((end && *end) || v == 0 || v > XLSX_MAX_ROW || v <= s->row) {
			fail(x, "Het bestand is beschadigd (rijnummers lopen niet op).");
			return;
		}
		s->row = (uint32_t)v;
		s->col = UINT32_MAX; /* no cell yet in this row */
	} else if (strcmp(n, "c") == 0) {
		const char *ref = attr(atts, "r"), *t = attr(atts, "t"), *st = attr(atts, "s");
		uint32_t col, row;
		if (ref) {
			if (parse_ref(ref, &col, &row) != 0 || (s->row && row != s->row)) {
				fail(x, "Het bestand is beschadigd (een celverwijzing klopt niet).");
				return;
			}
		} else {
			row = s->row ? s->row : 1;
			col = s->col == UINT32_MAX ? 0 : s->col + 1;
			if (col >= XLSX_MAX_COL) {
				fail(x, "Het bestand is beschadigd (te veel kolommen).");
				return;
			}
		}
		if (s->row == 0)
			s->row = row;
		s->col = col;
		s->in_cell = 1;
		s->formula = s->have_value = 0;
		snprintf(s->type, sizeof(s->type), "%s", t ? t : "n");
		s->style = st ? strtoul(st, NULL, 10) : 0;
		buf_reset(&s->value);
		buf_reset(&x->text);
	} else if (s->in_cell && strcmp(n, "f") == 0) {
		s->formula = 1;
	} else if (s->in_cell && strcmp(n, "v") == 0) {
		s->in_v = 1;
		s->have_value = 1;
		x->collect = 1;
	} else if (s->in_cell && strcmp(n, "is") == 0) {
		s->in_is = 1;
		s->have_value = 1;
	} else if (s->in_is && strcmp(n, "rPh") == 0) {
		s->in_rph = 1;
	} else if (s->in_is && !s->in_rph && strcmp(n, "t") == 0) {
		x->collect = 1;
	} else if (strcmp(n, "mergeCell") == 0) {
		s->sheet->n_merged++;
	}
}

static int parse_number(const char *text, double *out)
{
	char *end;
	if (!*text)
		return -1;
	double v = strtod(text, &end);
	if (*end || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

/* Adds the finished cell at (s->row, s->col). */
static void sheet_cell_done(struct xp *x, struct sheet_state *s)
{
	struct xlsx_book *book = x->book;
	const char *t = s->type;
	const char *v = s->value.data;
	enum xlsx_type type;
	const char *text = NULL;
	double number = 0;
	if (!s->have_value && !s->formula)
		return; /* a formatted but empty cell */
	if (!s->have_value)
		t = "str"; /* a formula never calculated (written by a program): no value */
	if (strcmp(t, "s") == 0) {
		char *end;
		unsigned long i = strtoul(v, &end, 10);
		if (!*v || *end || i >= s->lk->n_strings) {
			fail(x, "Het bestand is beschadigd (een tekst ontbreekt).");
			return;
		}
		type = XLSX_TEXT;
		text = s->lk->strings[i];
	} else if (strcmp(t, "inlineStr") == 0) {
		type = XLSX_TEXT;
		text = x->text.data;
	} else if (strcmp(t, "str") == 0) {
		type = XLSX_TEXT;
		text = v;
	} else if (strcmp(t, "b") == 0) {
		type = XLSX_BOOL;
		number = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
	} else if (strcmp(t, "e") == 0) {
		type = XLSX_ERROR;
		text = v;
	} else if (strcmp(t, "n") == 0 || strcmp(t, "d") == 0) {
		if (parse_number(v, &number) != 0) {
			/* t="d" holds an ISO date: keep it as text marked as a date */
			type = XLSX_TEXT;
			text = v;
		} else {
			type = XLSX_NUMBER;
		}
	} else {
		fail(x, "Het bestand is beschadigd (onbekend celtype).");
		return;
	}
	if (type == XLSX_TEXT && !*text && !s->formula)
		return;
	if (++*s->cells > XLSX_MAX_CELLS) {
		fail(x, "Het bestand heeft meer dan 200.000 gevulde cellen.");
		return;
	}
	xlsx_sheet_add(book, s->sheet, s->row, s->col, type, text, number);
	struct xlsx_cell *c = &s->sheet->cells[s->sheet->n_cells - 1];
	c->formula = (unsigned char)s->formula;
	c->date = strcmp(t, "d") == 0 ||
		  (type == XLSX_NUMBER && s->style < s->lk->n_styles && s->lk->date_style[s->style]);
}

static void sheet_end(void *ud, const XML_Char *name)
{
	struct xp *x = ud;
	struct sheet_state *s = x->part;
	const char *n = local(name);
	if (strcmp(n, "v") == 0 && s->in_v) {
		s->in_v = 0;
		x->collect = 0;
		buf_reset(&s->value);
		buf_add(&s->value, x->text.data, x->text.len);
		buf_reset(&x->text);
	} else if (strcmp(n, "t") == 0) {
		x->collect = 0;
	} else if (strcmp(n, "rPh") == 0) {
		s->in_rph = 0;
	} else if (strcmp(n, "is") == 0) {
		s->in_is = 0;
	} else if (strcmp(n, "c") == 0 && s->in_cell) {
		s->in_cell = 0;
		sheet_cell_done(x, s);
	}
}

int xlsx_xml_sheet(struct xlsx_book *book, struct xlsx_sheet *sheet, const char *xml, size_t len,
		   const struct xlsx_lookup *lk, size_t *cells, char err[XLSX_ERR_MAX])
{
	struct sheet_state s = {.sheet = sheet, .lk = lk, .cells = cells, .col = UINT32_MAX};
	buf_init(&s.value, XLSX_MAX_TEXT);
	struct xp x = {.book = book, .err = err, .part = &s};
	int rc = run(&x, xml, len, sheet_start, sheet_end);
	buf_release(&s.value);
	if (rc == 0)
		xlsx_sheet_sort(sheet);
	return rc;
}
