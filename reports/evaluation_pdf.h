/* evaluation_pdf.h: the interim evaluation (tussen-evaluatie) as a PDF, drawn
 * with the personal report's PDF kit (pdf.h) and the evaluation's chart
 * geometry (eval_chart.h). The document is plain data the server fills from
 * its model (server/app/evaluation.h): every text already in the reader's
 * language and already suppressed; this renderer decides nothing. */
#ifndef FPHC_EVALUATION_PDF_H
#define FPHC_EVALUATION_PDF_H

#include <stddef.h>
#include <time.h>

#include "reports/eval_chart.h"

struct buf;

/* A table: n_rows × n_cols cells, row by row; the first column is the label. */
struct eval_doc_table {
	size_t n_cols, n_rows;
	const char *const *head;   /* n_cols */
	const char *const *cells;  /* n_rows * n_cols */
};

struct eval_doc_section {
	const char *heading;
	const char *intro;                 /* may be NULL */
	enum eval_chart_kind chart_kind;
	const struct eval_chart_row *rows; /* the chart; n_chart 0: none */
	size_t n_chart;
	double scale_max;                  /* bars; see eval_chart_layout */
	struct eval_doc_table table;
};

struct eval_doc {
	const char *lang;                  /* "nl" or "en" (the page footer) */
	const char *title;
	const char *scope;                 /* the association(s): footer and cover */
	const char *const *lines;          /* under the title: period, refresh, k */
	size_t n_lines;
	const struct eval_doc_section *sections;
	size_t n_sections;
	time_t created;                    /* PDF creation date */
};

/* Appends the PDF to out. 0, or -1 with the reason in err. */
int evaluation_pdf_render(const struct eval_doc *d, struct buf *out, char *err, size_t errlen);

#endif
