/* xlsx_xml.h: the XML parts of an .xlsx file, parsed with expat into the model of
 * xlsx.h (internal to xlsx_read.c and xlsx_xml.c).
 *
 * Every parser refuses a DOCTYPE (no entity can be declared, so none is ever
 * expanded, and parameter entities are never parsed), strips namespaces (an
 * element is known by its local name) and caps the text it collects. Each
 * returns 0, or -1 with a Dutch sentence in err. */
#ifndef FPHC_XLSX_XML_H
#define FPHC_XLSX_XML_H

#include <stddef.h>

#include "common/xlsx.h"

#define XLSX_ERR_MAX 200

/* One relationship of a .rels part. */
struct xlsx_rel {
	const char *id, *type, *target; /* in the book's arena */
	int external;                   /* TargetMode="External" */
};

/* A sheet as workbook.xml lists it. */
struct xlsx_sheet_ref {
	const char *name, *rel_id;
	int hidden;
};

/* The shared strings and the date styles a sheet's cells refer to. */
struct xlsx_lookup {
	const char **strings;
	size_t n_strings;
	unsigned char *date_style;    /* per cellXfs index: 1 when it formats a date */
	size_t n_styles;
};

int xlsx_xml_rels(struct xlsx_book *book, const char *xml, size_t len, struct xlsx_rel **out, size_t *n,
		  char err[XLSX_ERR_MAX]);
int xlsx_xml_workbook(struct xlsx_book *book, const char *xml, size_t len, struct xlsx_sheet_ref **out,
		      size_t *n, char err[XLSX_ERR_MAX]);
int xlsx_xml_strings(struct xlsx_book *book, const char *xml, size_t len, struct xlsx_lookup *lk,
		     char err[XLSX_ERR_MAX]);
int xlsx_xml_styles(const char *xml, size_t len, struct xlsx_lookup *lk, char err[XLSX_ERR_MAX]);
/* Adds the cells of a worksheet part to `sheet`; *cells counts the cells of the
 * whole book against XLSX_MAX_CELLS. */
int xlsx_xml_sheet(struct xlsx_book *book, struct xlsx_sheet *sheet, const char *xml, size_t len,
		   const struct xlsx_lookup *lk, size_t *cells, char err[XLSX_ERR_MAX]);

#endif
