/* xlsx_read.c: reads an .xlsx archive (libzip) into the workbook model of xlsx.h, within hard
 * limits; the XML of each part is parsed in xlsx_xml.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "common/buf.h"
#include "common/xlsx.h"
#include "common/xlsx_xml.h"
#include "common/banned.h"

struct reader {
	zip_t *zip;
	struct xlsx_book *book;
	size_t total;          /* uncompressed bytes read so far */
	char err[XLSX_ERR_MAX];
};

static int failf(struct reader *rd, const char *msg)
{
	if (!rd->err[0])
		snprintf(rd->err, sizeof(rd->err), "%s", msg);
	return -1;
}

/* Reads the part `name` into b, counting the bytes actually inflated against the
 * part and total caps (the sizes in the archive's directory may lie). Returns
 * 1 when read, 0 when the archive has no such part, -1 on error. */
static int read_part(struct reader *rd, const char *name, struct buf *b)
{
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat(rd->zip, name, 0, &st) != 0)
		return 0;
	if ((st.valid & ZIP_STAT_SIZE) && st.size > XLSX_MAX_PART_BYTES)
		return failf(rd, "Een onderdeel van het bestand is uitgepakt groter dan 32 MB.");
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
		return failf(rd, "Het bestand is met een wachtwoord beveiligd; sla het op zonder wachtwoord.");
	zip_file_t *f = zip_fopen(rd->zip, name, 0);
	if (!f)
		return failf(rd, "Het bestand is beschadigd (een onderdeel kan niet worden uitgepakt).");
	buf_reset(b);
	char chunk[16384];
	zip_int64_t n;
	int rc = 1;
	while ((n = zip_fread(f, chunk, sizeof(chunk))) > 0) {
		rd->total += (size_t)n;
		if (b->len + (size_t)n > XLSX_MAX_PART_BYTES || rd->total > XLSX_MAX_TOTAL_BYTES) {
			rc = failf(rd, "Het bestand is uitgepakt te groot (meer dan 64 MB).");
			break;
		}
		buf_add(b, chunk, (size_t)n);
	}
	if (n < 0 && rc == 1)
		rc = failf(rd, "Het bestand is beschadigd (een onderdeel kan niet worden uitgepakt).");
	zip_fclose(f);
	return rc;
}

/* The archive path of a relationship target of xl/workbook.xml: relative to
 * "xl/", or absolute from the archive's root; NULL for anything that leaves the
 * archive (external, "..", a scheme). */
static const char *part_path(struct reader *rd, const struct xlsx_rel *rel)
{
	const char *t = rel->target;
	if (rel->external || strstr(t, "..") || strchr(t, ':') || strchr(t, '\\') || !*t)
		return NULL;
	if (t[0] == '/')
		return arena_strdup(&rd->book->arena, t + 1);
	return arena_printf(&rd->book->arena, "xl/%s", t);
}

static const struct xlsx_rel *rel_by_type(const struct xlsx_rel *rels, size_t n, const char *suffix)
{
	size_t ls = strlen(suffix);
	for (size_t i = 0; i < n; i++) {
		size_t lt = strlen(rels[i].type);
		if (lt >= ls && strcmp(rels[i].type + lt - ls, suffix) == 0)
			return &rels[i];
	}
	return NULL;
}

/* Reads shared strings and styles (both optional) into lk. 0 or -1. */
static int read_lookup(struct reader *rd, const struct xlsx_rel *rels, size_t n_rels, struct buf *b,
		       struct xlsx_lookup *lk)
{
	const struct xlsx_rel *r = rel_by_type(rels, n_rels, "/sharedStrings");
	const char *path = r ? part_path(rd, r) : "xl/sharedStrings.xml";
	int got = path ? read_part(rd, path, b) : 0;
	if (got < 0 || (got == 1 && xlsx_xml_strings(rd->book, b->data, b->len, lk, rd->err) != 0))
		return -1;
	r = rel_by_type(rels, n_rels, "/styles");
	path = r ? part_path(rd, r) : "xl/styles.xml";
	got = path ? read_part(rd, path, b) : 0;
	if (got < 0 || (got == 1 && xlsx_xml_styles(b->data, b->len, lk, rd->err) != 0))
		return -1;
	return 0;
}

static int read_book(struct reader *rd)
{
	struct buf b;
	buf_init(&b, XLSX_MAX_PART_BYTES + 1);
	struct xlsx_rel *rels = NULL;
	struct xlsx_sheet_ref *refs = NULL;
	size_t n_rels = 0, n_refs = 0, cells = 0;
	struct xlsx_lookup lk = {0};
	int rc = -1;

	int got = read_part(rd, "xl/workbook.xml", &b);
	if (got == 0)
		failf(rd, "Dit is geen Excel-werkmap (.xlsx): het onderdeel xl/workbook.xml ontbreekt.");
	if (got != 1 || xlsx_xml_workbook(rd->book, b.data, b.len, &refs, &n_refs, rd->err) != 0)
		goto out;
	got = read_part(rd, "xl/_rels/workbook.xml.rels", &b);
	if (got == 0)
		failf(rd, "Het bestand is beschadigd (xl/_rels/workbook.xml.rels ontbreekt).");
	if (got != 1 || xlsx_xml_rels(rd->book, b.data, b.len, &rels, &n_rels, rd->err) != 0)
		goto out;
	if (read_lookup(rd, rels, n_rels, &b, &lk) != 0)
		goto out;
	for (size_t i = 0; i < n_refs; i++) {
		const struct xlsx_rel *rel = NULL;
		for (size_t j = 0; j < n_rels && !rel; j++)
			if (strcmp(rels[j].id, refs[i].rel_id) == 0)
				rel = &rels[j];
		const char *path = rel ? part_path(rd, rel) : NULL;
		if (!path) {
			failf(rd, "Het bestand is beschadigd (een tabblad verwijst naar iets buiten het bestand).");
			goto out;
		}
		struct xlsx_sheet *sheet = xlsx_book_add_sheet(rd->book, refs[i].name);
		sheet->hidden = refs[i].hidden;
		got = read_part(rd, path, &b);
		if (got == 0)
			failf(rd, "Het bestand is beschadigd (een tabblad ontbreekt).");
		if (got != 1 || xlsx_xml_sheet(rd->book, sheet, b.data, b.len, &lk, &cells, rd->err) != 0)
			goto out;
	}
	rc = 0;
out:
	free(rels);
	free(refs);
	free(lk.strings);
	free(lk.date_style);
	buf_release(&b);
	return rc;
}

int xlsx_read(const void *data, size_t len, struct xlsx_book *book, char *err, size_t errlen)
{
	struct reader rd = {.book = book};
	int rc = -1;
	zip_source_t *src = NULL;
	if (len > XLSX_MAX_FILE_BYTES) {
		failf(&rd, "Het bestand is groter dan 1 MB.");
		goto out;
	}
	zip_error_t ze;
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (src)
		rd.zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
	zip_error_fini(&ze);
	if (!rd.zip) {
		failf(&rd, "Dit is geen Excel-werkmap (.xlsx). Sla het bestand op als Excel-werkmap en probeer het opnieuw.");
		goto out;
	}
	zip_int64_t entries = zip_get_num_entries(rd.zip, 0);
	if (entries < 0 || entries > XLSX_MAX_ENTRIES) {
		failf(&rd, "Het bestand heeft te veel onderdelen voor een werkmap.");
		goto out;
	}
	rc = read_book(&rd);
out:
	if (rd.zip)
		zip_discard(rd.zip); /* also frees src */
	else if (src)
		zip_source_free(src);
	snprintf(err, errlen, "%s", rc == 0 ? "" : rd.err);
	return rc;
}
