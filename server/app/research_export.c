/* research_export.c: streamed research exports (wide/long CSV, codebook, .sav, .dta); see export.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readstat.h>

#include "server/app/research_export.h"
#include "server/app/research_codebook.h"
#include "server/app/research_datapackage.h"
#include "server/db/scan_store.h"
#include "scoring/answers.h"
#include "common/buf.h"
#include "common/crypto.h"
#include "common/text.h"
#include "common/banned.h"

void research_pseudonym(const unsigned char key[32], long long company_id, char out[PSEUDONYM_LEN + 1])
{
	char msg[24], hex[SHA256_HEX_LEN + 1];
	int n = snprintf(msg, sizeof(msg), "%lld", company_id);
	crypto_hmac_hex(key, 32, msg, (size_t)n, hex);
	memcpy(out, hex, PSEUDONYM_LEN);
	out[PSEUDONYM_LEN] = '\0';
}

int export_format_parse(const char *s, enum export_format *out)
{
	static const char *const names[] = {"csv", "long", "codebook", "sav", "dta", "datapackage"};
	for (int i = 0; s && i < 6; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum export_format)i;
			return 0;
		}
	return -1;
}

const char *export_format_ext(enum export_format f)
{
	return f == EXPORT_SAV ? "sav" : f == EXPORT_DTA ? "dta" : f == EXPORT_DATAPACKAGE ? "zip" : "csv";
}

const char *export_format_content_type(enum export_format f)
{
	return f == EXPORT_SAV ? "application/x-spss-sav"
	       : f == EXPORT_DTA ? "application/x-stata-dta"
	       : f == EXPORT_DATAPACKAGE ? "application/zip" : "text/csv; charset=utf-8";
}

void export_format_filename(enum export_format f, long version, char *out, size_t n)
{
	const char *base = f == EXPORT_LONG ? "fphc-items-long" : f == EXPORT_CODEBOOK ? "fphc-codebook" : "fphc-scans";
	snprintf(out, n, "%s-v%ld.%s", base, version, export_format_ext(f));
}

/* What differs between the two labelled formats ReadStat writes; the variables,
 * labels and codes are the same. */
struct stat_format {
	readstat_error_t (*begin)(readstat_writer_t *, void *, long);
	int stata;          /* names, formats, labels and missing values the Stata way */
	size_t label_chars; /* a variable label's limit in characters … */
	size_t label_bytes; /* … and in bytes */
	int max_string;     /* the widest fixed-width string */
};

static const struct stat_format sav_format = {readstat_begin_writing_sav, 0, 256, 255, ANSWER_TEXT_MAX};
/* Stata 14+ (format 118, UTF-8): labels of 80 characters, str2045 at most
 * (strL would need every text before the first row, which a stream has not) */
static const struct stat_format dta_format = {readstat_begin_writing_dta, 1, 80, 320, 2045};

/* Stata has no user-missing values: the codes become the extended missing
 * values .a (-1 not answered), .b (-2 don't know / n.a.), .c (-3 no score). */
static char stata_missing_tag(double code)
{
	return code == MISSING_NOT_ANSWERED ? 'a' : code == MISSING_NA ? 'b' : code == MISSING_INVALID ? 'c' : 0;
}

/* One fetched scan, decoded. */
struct xrow {
	char pseudonym[PSEUDONYM_LEN + 1];
	const char *scan, *sector, *size, *region, *month;
	int demo;
	const struct answer_set *set;
	double *scores; /* scan_score_rows order; NAN = not valid */
	const char **score_text; /* the same as PostgreSQL printed them (shortest exact); NULL = not valid */
	size_t *score_len;
};

struct exporter {
	const struct questionnaire *q;
	struct codebook cb;
	enum export_format fmt;
	const char *lang;
	FILE *out;
	struct buf line;
	unsigned char key[32];
	size_t nscores;
	const char **score_keys; /* "level:key" per score index */
	/* .sav, .dta */
	const struct stat_format *sf;
	readstat_writer_t *rs;
	readstat_variable_t **rsvars;
	int write_failed;
};

static int flush_line(struct exporter *x)
{
	if (x->line.len && fwrite(x->line.data, 1, x->line.len, x->out) != x->line.len)
		x->write_failed = 1;
	buf_reset(&x->line);
	return x->write_failed ? -1 : 0;
}

static void csv_sep(struct buf *b, int *first)
{
	if (!*first)
		buf_putc(b, ',');
	*first = 0;
}

static const char *meta_text(const struct xvar *v, const struct xrow *r, char *tmp, size_t n)
{
	(void)tmp;
	(void)n;
	switch (v->kind) {
	case XV_PSEUDONYM: return r->pseudonym;
	case XV_SCAN: return r->scan;
	case XV_SECTOR: return r->sector;
	case XV_SIZE_CLASS: return r->size;
	case XV_REGION: return r->region;
	case XV_MONTH: return r->month;
	default: return NULL;
	}
}

static void write_wide(struct exporter *x, const struct xrow *r)
{
	int first = 1;
	char tmp[32];
	for (size_t i = 0; i < x->cb.n; i++) {
		const struct xvar *v = &x->cb.vars[i];
		csv_sep(&x->line, &first);
		if (v->kind == XV_VERSION) {
			buf_printf(&x->line, "%ld", x->q->version);
		} else if (v->kind == XV_DEMO) {
			buf_putc(&x->line, r->demo ? '1' : '0');
		} else if (v->kind == XV_TEXT) {
			const struct answer *a = &r->set->answers[v->item->index];
			if (a->state == ANSWER_GIVEN && a->text)
				buf_csv_text(&x->line, a->text, ',');
		} else if (v->kind <= XV_DEMO) {
			buf_csv_text(&x->line, meta_text(v, r, tmp, sizeof(tmp)), ',');
		} else if (v->kind == XV_SCORE) {
			/* PostgreSQL already printed the score as the shortest exact
			 * text: copy it rather than format a double again */
			if (r->score_text[v->score_index])
				buf_add(&x->line, r->score_text[v->score_index], r->score_len[v->score_index]);
			else
				buf_double(&x->line, MISSING_INVALID);
		} else {
			buf_double(&x->line, codebook_numeric(v, r->set, r->scores));
		}
	}
	buf_puts(&x->line, "\r\n");
}

static void write_wide_header(struct exporter *x)
{
	int first = 1;
	for (size_t i = 0; i < x->cb.n; i++) {
		csv_sep(&x->line, &first);
		buf_puts(&x->line, x->cb.vars[i].name);
	}
	buf_puts(&x->line, "\r\n");
}

/* The long file: one row per scan and answer variable of the wide file (a
 * multiple-choice item gives one row per option, named as in the wide file),
 * with the same codes: `answer` is the wide column's value (missing codes
 * included), `missing` 0 / -1 / -2, `score` the wide `<item>_score` value.
 * Open questions give a row only when answered. */
static void write_long(struct exporter *x, const struct xrow *r)
{
	for (size_t i = 0; i < x->cb.n; i++) {
		const struct xvar *v = &x->cb.vars[i];
		if (v->kind != XV_ANSWER && v->kind != XV_OPTION && v->kind != XV_TEXT)
			continue;
		const struct item *it = v->item;
		const struct answer *a = &r->set->answers[it->index];
		if (v->kind == XV_TEXT && (a->state != ANSWER_GIVEN || !a->text))
			continue;
		buf_printf(&x->line, "%s,%s,%ld,%s,", r->pseudonym, r->scan, x->q->version, r->sector);
		buf_csv_text(&x->line, r->size, ',');
		buf_putc(&x->line, ',');
		buf_csv_text(&x->line, r->region, ',');
		buf_printf(&x->line, ",%s,%s,%s,%s,", r->month, v->name, x->q->themes[it->theme]->key,
			   x->q->pillars[it->pillar].key);
		if (v->kind == XV_TEXT)
			buf_csv_text(&x->line, a->text, ',');
		else
			buf_double(&x->line, codebook_numeric(v, r->set, r->scores));
		buf_printf(&x->line, ",%s,", a->state == ANSWER_GIVEN ? "0" : a->state == ANSWER_NA ? "-2" : "-1");
		if (v->kind != XV_TEXT)
			buf_double(&x->line, a->state == ANSWER_GIVEN ? answer_item_score(it, a)
					     : a->state == ANSWER_NA ? MISSING_NA : MISSING_NOT_ANSWERED);
		buf_puts(&x->line, "\r\n");
		if (x->line.len > 1u << 20)
			flush_line(x);
	}
}

/* ---- .sav and .dta through libreadstat ---- */

static int is_stat(enum export_format f)
{
	return f == EXPORT_SAV || f == EXPORT_DTA;
}

static ssize_t stat_write(const void *data, size_t len, void *ctx)
{
	struct exporter *x = ctx;
	if (fwrite(data, 1, len, x->out) != len) {
		x->write_failed = 1;
		return -1;
	}
	return (ssize_t)len;
}

struct label_set_ctx {
	readstat_label_set_t *set;
	int stata; /* Stata labels integers only: an INT32 set */
};

static void stat_label(void *ctx, double value, const char *label)
{
	struct label_set_ctx *c = ctx;
	if (c->stata)
		readstat_label_int32_value(c->set, (int32_t)value, label);
	else
		readstat_label_double_value(c->set, value, label);
}

/* Declares the missing codes of var: user-missing values with their labels in
 * the .sav, labelled extended missing values (.a, .b, .c) in the .dta. */
static void stat_missing(struct exporter *x, readstat_variable_t *var, struct label_set_ctx *c,
			 const double *codes, size_t nm)
{
	for (size_t m = 0; m < nm; m++) {
		const char *label = codebook_missing_label(codes[m], x->lang);
		if (x->sf->stata) {
			readstat_label_tagged_value(c->set, stata_missing_tag(codes[m]), label);
		} else {
			readstat_variable_add_missing_double_value(var, codes[m]);
			readstat_label_double_value(c->set, codes[m], label);
		}
	}
}

/* The display format: SPSS F8.0 / F10.4, Stata %8.0g / %10.4f. */
static const char *stat_display_format(const struct exporter *x, const struct xvar *v)
{
	const char *f = codebook_format(v);
	if (!x->sf->stata)
		return f;
	return strcmp(f, "F8.0") == 0 ? "%8.0g" : "%10.4f";
}

static int stat_begin(struct exporter *x, long long rows, char *err, size_t errlen)
{
	x->rs = readstat_writer_init();
	readstat_set_data_writer(x->rs, stat_write);
	readstat_writer_set_file_label(x->rs, "FPHC scan research export");
	if (!x->sf->stata)
		readstat_writer_set_compression(x->rs, READSTAT_COMPRESS_ROWS);
	x->rsvars = calloc(x->cb.n, sizeof(*x->rsvars));
	if (!x->rsvars)
		abort();
	for (size_t i = 0; i < x->cb.n; i++) {
		const struct xvar *v = &x->cb.vars[i];
		const char *name = x->sf->stata ? v->stata_name : v->name;
		int width = v->width < x->sf->max_string ? v->width : x->sf->max_string;
		readstat_variable_t *var = readstat_add_variable(x->rs, name,
			v->is_string ? READSTAT_TYPE_STRING : READSTAT_TYPE_DOUBLE, v->is_string ? (size_t)width : 0);
		const char *label = x->lang && strcmp(x->lang, "en") == 0 ? v->label_en : v->label_nl;
		char shortl[400];
		snprintf(shortl, sizeof(shortl), "%.*s", (int)text_utf8_prefix(label, x->sf->label_chars, x->sf->label_bytes),
			 label);
		readstat_variable_set_label(var, shortl);
		double codes[3];
		size_t nm = codebook_missing(v, codes);
		int labelled = !v->is_string && (nm || v->kind == XV_ANSWER || v->kind == XV_OPTION || v->kind == XV_DEMO);
		/* Stata: a label set only for a numeric variable that has labels */
		if (labelled || !x->sf->stata) {
			struct label_set_ctx c = {NULL, x->sf->stata};
			c.set = readstat_add_label_set(x->rs, x->sf->stata ? READSTAT_TYPE_INT32 : READSTAT_TYPE_DOUBLE, name);
			codebook_value_labels(v, x->lang, stat_label, &c);
			stat_missing(x, var, &c, codes, nm);
			if (labelled)
				readstat_variable_set_label_set(var, c.set);
		}
		readstat_variable_set_measure(var, v->is_string ? READSTAT_MEASURE_NOMINAL
					      : v->kind == XV_ANSWER && v->item->type == ITEM_LIKERT5 ? READSTAT_MEASURE_ORDINAL
					      : v->kind == XV_ANSWER && v->item->type != ITEM_NUMBER ? READSTAT_MEASURE_NOMINAL
					      : v->kind == XV_OPTION || v->kind == XV_DEMO ? READSTAT_MEASURE_NOMINAL
					      : READSTAT_MEASURE_SCALE);
		/* whole numbers read as whole numbers (F8.0, not 14.00); the rest keeps
		 * enough decimals for item scores (0.25) and scores (67.35) */
		if (!v->is_string)
			readstat_variable_set_format(var, stat_display_format(x, v));
		x->rsvars[i] = var;
	}
	readstat_error_t e = x->sf->begin(x->rs, x, rows);
	if (e != READSTAT_OK) {
		snprintf(err, errlen, "readstat: %s", readstat_error_message(e));
		return -1;
	}
	return 0;
}

/* A string cell: cut to the format's widest string at a character boundary
 * (only a .dta's open answers can be longer). */
static readstat_error_t stat_string(struct exporter *x, readstat_variable_t *var, const char *s)
{
	size_t n = strlen(s);
	if (n <= (size_t)x->sf->max_string)
		return readstat_insert_string_value(x->rs, var, s);
	char cut[4096];
	n = text_utf8_prefix(s, (size_t)-1, (size_t)x->sf->max_string < sizeof(cut) - 1 ? (size_t)x->sf->max_string : sizeof(cut) - 1);
	memcpy(cut, s, n);
	cut[n] = '\0';
	return readstat_insert_string_value(x->rs, var, cut);
}

/* A number cell; in a .dta a missing code becomes its extended missing value. */
static readstat_error_t stat_double(struct exporter *x, const struct xvar *v, readstat_variable_t *var, double d)
{
	double codes[3];
	if (x->sf->stata && d < 0 && codebook_missing(v, codes) > 0 && stata_missing_tag(d))
		return readstat_insert_tagged_missing_value(x->rs, var, stata_missing_tag(d));
	return readstat_insert_double_value(x->rs, var, d);
}

static int stat_row(struct exporter *x, const struct xrow *r)
{
	char tmp[32];
	if (readstat_begin_row(x->rs) != READSTAT_OK)
		return -1;
	for (size_t i = 0; i < x->cb.n; i++) {
		const struct xvar *v = &x->cb.vars[i];
		readstat_variable_t *var = x->rsvars[i];
		readstat_error_t e;
		if (v->kind == XV_VERSION)
			e = readstat_insert_double_value(x->rs, var, (double)x->q->version);
		else if (v->kind == XV_SCAN)
			e = readstat_insert_double_value(x->rs, var, strtod(r->scan, NULL));
		else if (v->kind == XV_DEMO)
			e = readstat_insert_double_value(x->rs, var, r->demo);
		else if (v->kind == XV_TEXT) {
			const struct answer *a = &r->set->answers[v->item->index];
			e = stat_string(x, var, a->state == ANSWER_GIVEN && a->text ? a->text : "");
		} else if (v->is_string)
			e = stat_string(x, var, meta_text(v, r, tmp, sizeof(tmp)));
		else
			e = stat_double(x, v, var, codebook_numeric(v, r->set, r->scores));
		if (e != READSTAT_OK)
			return -1;
	}
	return readstat_end_row(x->rs) == READSTAT_OK ? 0 : -1;
}

/* ---- the driver ---- */

size_t research_scores_split(const char *text, const char **start, size_t *len, size_t n)
{
	size_t k = 0;
	const char *p = text && *text == '{' ? text + 1 : "";
	while (*p && *p != '}' && k < n) {
		const char *e = p;
		while (*e && *e != ',' && *e != '}')
			e++;
		if (e - p == 4 && memcmp(p, "NULL", 4) == 0) {
			start[k] = NULL;
			len[k] = 0;
		} else {
			start[k] = p;
			len[k] = (size_t)(e - p);
		}
		k++;
		p = *e == ',' ? e + 1 : e;
	}
	for (size_t i = k; i < n; i++) {
		start[i] = NULL;
		len[i] = 0;
	}
	return k;
}

struct answer_set *research_row_answers(struct row_decoder *d, const struct research_export_row *row)
{
	const struct questionnaire *q = d->q;
	struct answer_set *set = row_decode_answers(d, row->answers_json);
	if (!set) /* a stored set that no longer validates: export it as unanswered */
		return answer_set_new(q);
	if (!row->open_text)
		for (size_t j = 0; j < q->n_items; j++)
			if (q->items[j]->type == ITEM_TEXT) {
				set->answers[j].state = ANSWER_MISSING;
				set->answers[j].text = NULL; /* the arena frees it */
			}
	return set;
}

int research_rows_each(struct db *db, const struct questionnaire *q, const struct research_filter *f,
		       research_rows_begin_fn begin, research_rows_each_fn each, void *arg, char *err, size_t errlen)
{
	long long count = 0;
	struct row_decoder dec;
	row_decoder_init(&dec, q);
	if (db_research_export_open(db, f, &count) != 0) {
		snprintf(err, errlen, "%s", db->err);
		row_decoder_release(&dec);
		return -1;
	}
	int rc = begin ? begin(arg, count, err, errlen) : 0;
	while (rc == 0) {
		struct research_export_batch batch;
		if (db_research_export_fetch(db, &batch) != 0) {
			snprintf(err, errlen, "%s", db->err);
			rc = -1;
			break;
		}
		int n = batch.n;
		for (int i = 0; i < n && rc == 0; i++) {
			struct research_export_row row;
			db_research_export_row(&batch, i, &row);
			struct answer_set *set = research_row_answers(&dec, &row);
			rc = each(arg, &row, set, err, errlen);
			answer_set_free(set);
			if ((i & 15) == 15)
				db_research_export_poll(db);
		}
		db_research_export_batch_free(&batch);
		if (n == 0)
			break;
	}
	db_research_export_close(db);
	row_decoder_release(&dec);
	return rc < 0 ? -1 : 0;
}

/* What write_rows' callbacks share. */
struct write_walk {
	struct exporter *x;
	long long *rows;
	double *scores;
	const char **score_text;
	size_t *score_len;
};

static int write_begin(void *arg, long long count, char *err, size_t errlen)
{
	struct exporter *x = ((struct write_walk *)arg)->x;
	if (is_stat(x->fmt) && stat_begin(x, count, err, errlen) != 0)
		return -1;
	if (x->fmt == EXPORT_WIDE)
		write_wide_header(x);
	if (x->fmt == EXPORT_LONG)
		buf_puts(&x->line, "pseudonym,scan,version,sector,size_class,region,month,item,theme,pillar,answer,missing,score\r\n");
	return 0;
}

static int write_row(void *arg, const struct research_export_row *row, const struct answer_set *set, char *err,
		     size_t errlen)
{
	struct write_walk *w = arg;
	struct exporter *x = w->x;
	struct xrow r;
	research_pseudonym(x->key, row->company_id, r.pseudonym);
	r.scan = row->scan_no;
	r.sector = row->sector;
	r.size = row->size_class;
	r.region = row->region;
	r.month = row->month;
	r.demo = row->demo;
	r.set = set;
	research_scores_split(row->scores, w->score_text, w->score_len, x->nscores);
	if (is_stat(x->fmt))
		for (size_t k = 0; k < x->nscores; k++)
			w->scores[k] = w->score_text[k] ? strtod(w->score_text[k], NULL) : NAN;
	r.scores = w->scores;
	r.score_text = w->score_text;
	r.score_len = w->score_len;
	if (x->fmt == EXPORT_WIDE)
		write_wide(x, &r);
	else if (x->fmt == EXPORT_LONG)
		write_long(x, &r);
	else if (stat_row(x, &r) != 0)
		x->write_failed = 1;
	if (x->line.len > 1u << 16)
		flush_line(x);
	if (x->write_failed) {
		snprintf(err, errlen, "writing the export failed");
		return -1;
	}
	(*w->rows)++;
	return 0;
}

static int write_rows(struct db *db, struct exporter *x, const struct research_filter *f, long long *rows,
		      char *err, size_t errlen)
{
	struct write_walk w = {x, rows, calloc(x->nscores, sizeof(double)), calloc(x->nscores, sizeof(char *)),
			       calloc(x->nscores, sizeof(size_t))};
	int rc = -1;
	if (!w.scores || !w.score_text || !w.score_len)
		abort();
	if (research_rows_each(db, x->q, f, write_begin, write_row, &w, err, errlen) != 0)
		goto done;
	if (flush_line(x) != 0) {
		snprintf(err, errlen, "writing the export failed");
		goto done;
	}
	if (is_stat(x->fmt) && readstat_end_writing(x->rs) != READSTAT_OK) {
		snprintf(err, errlen, "readstat could not finish the file");
		goto done;
	}
	rc = 0;
done:
	free(w.scores);
	free(w.score_text);
	free(w.score_len);
	return rc;
}

int research_export_write(struct db *db, const struct questionnaire *q, const struct research_filter *f,
			  enum export_format fmt, const char *lang, FILE *out, long long *rows,
			  char *err, size_t errlen)
{
	struct exporter x;
	memset(&x, 0, sizeof(x));
	x.q = q;
	x.fmt = fmt;
	x.lang = lang ? lang : "nl";
	x.out = out;
	x.sf = fmt == EXPORT_DTA ? &dta_format : &sav_format;
	buf_init(&x.line, 0);
	codebook_build(&x.cb, q);
	*rows = 0;
	int rc = -1;
	if (fmt == EXPORT_DATAPACKAGE) { /* the wide CSV and its descriptor in one zip */
		rc = research_datapackage_write_zip(db, q, &x.cb, f, x.lang, out, rows, err, errlen);
		goto done;
	}
	if (fmt == EXPORT_CODEBOOK) {
		codebook_write_csv(&x.cb, &x.line);
		*rows = (long long)x.cb.n;
		rc = flush_line(&x);
		if (rc)
			snprintf(err, errlen, "writing the codebook failed");
		goto done;
	}
	if (db_research_secret(db, x.key) != 0) {
		snprintf(err, errlen, "%s", db->err);
		goto done;
	}
	x.nscores = scan_score_row_count(q);
	struct score_row *sr = calloc(x.nscores, sizeof(*sr));
	x.score_keys = calloc(x.nscores, sizeof(*x.score_keys));
	if (!sr || !x.score_keys)
		abort();
	/* the keys in scan_score_rows order, without scoring anything */
	size_t k = 0;
	x.score_keys[k++] = "overall:overall";
	for (size_t p = 0; p < q->n_pillars; p++) {
		x.score_keys[k++] = arena_printf(&x.cb.arena, "pillar:%s", q->pillars[p].key);
		for (size_t t = 0; t < q->pillars[p].n_themes; t++)
			x.score_keys[k++] = arena_printf(&x.cb.arena, "theme:%s", q->pillars[p].themes[t].key);
	}
	free(sr);
	rc = write_rows(db, &x, f, rows, err, errlen);
	memset(x.key, 0, sizeof(x.key));
done:
	if (x.rs)
		readstat_writer_free(x.rs);
	free(x.rsvars);
	free(x.score_keys);
	buf_release(&x.line);
	codebook_release(&x.cb);
	return rc;
}
