/* offer_catalogue_read.c: an uploaded catalogue file into checked rows, and the rows compared
 * with the stored catalogue; see offer_catalogue.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cJSON.h>

#include "server/app/offer_catalogue.h"
#include "server/app/offer_check.h"
#include "server/http/i18n.h"
#include "common/csv.h"
#include "common/text.h"
#include "common/xlsx.h"
#include "common/banned.h"

struct reading {
	struct offer_catalogue *cat;
	struct problems *problems;
	uint32_t row;
	unsigned char bad[OFFER_COL_COUNT]; /* the row's cells that already have a problem */
};

static const char *where(struct reading *rd, uint32_t row, const char *col)
{
	struct arena *a = &rd->cat->arena;
	const char *sheet = rd->cat->csv ? "" : "Tabblad " OFFER_CATALOGUE_SHEET ", ";
	if (row && col)
		return arena_printf(a, "%s%s %u, kolom %s", sheet, rd->cat->csv ? "Rij" : "rij", row, col);
	if (row)
		return arena_printf(a, "%s%s %u", sheet, rd->cat->csv ? "Rij" : "rij", row);
	if (col)
		return arena_printf(a, "%s%s %s", sheet, rd->cat->csv ? "Kolom" : "kolom", col);
	return rd->cat->csv ? "Bestand" : "Tabblad " OFFER_CATALOGUE_SHEET;
}

static void problem(struct reading *rd, uint32_t row, const char *col, const char *msg)
{
	problems_add(rd->problems, where(rd, row, col), "%s", msg);
}

/* The offer form's problem, worded by its message key, at this row and column. */
static void check_problem(void *cx, const char *field, const char *key)
{
	struct reading *rd = cx;
	const char *col = strcmp(field, "tags") == 0 ? offer_catalogue_columns[OFFER_COL_TAGS].name : field;
	for (int c = 0; c < OFFER_COL_COUNT; c++)
		if (rd->bad[c] && strcmp(offer_catalogue_columns[c].name, col) == 0)
			return; /* that cell's own problem says enough */
	const char *msg = i18n_get("nl", key);
	char lower[512];
	snprintf(lower, sizeof lower, "%s", msg);
	if (lower[0] >= 'A' && lower[0] <= 'Z')
		lower[0] = (char)(lower[0] + 32); /* it follows "kolom title: " */
	problem(rd, rd->row, col, lower);
}

/* The cell as trimmed text in the arena ("" when empty); NULL after a problem. Numbers are
 * written the Dutch way (12,5), a CSV cell's protective apostrophe is removed. */
static const char *cell_text(struct reading *rd, const struct xlsx_cell *c, const char *col, enum text_kind kind)
{
	if (!c)
		return "";
	char num[32];
	const char *why;
	const char *s = xlsx_cell_value(c, 1, num, &why);
	if (!s) {
		problem(rd, c->row, col, why);
		return NULL;
	}
	if (rd->cat->csv && s[0] == '\'' && s[1] && strchr("=+-@\t\r", s[1]))
		s++;
	char *t = arena_strdup(&rd->cat->arena, s);
	text_normalize(t, kind);
	return text_trim(t);
}

static int parse_active(const char *s, int *out)
{
	if (!s[0])
		return *out = 1, 0;
	return xlsx_parse_yes_no(s, out);
}

/* The id column: empty (0), or a stored offer's number. -1 after a problem. */
static long long cell_id(struct reading *rd, const struct xlsx_cell *c)
{
	const char *col = offer_catalogue_columns[OFFER_COL_ID].name;
	if (!c)
		return 0;
	if (c->type == XLSX_NUMBER && !c->formula && !c->date) {
		if (c->number >= 1 && c->number <= 1e15 && c->number == (double)(long long)c->number)
			return (long long)c->number;
	} else {
		const char *s = cell_text(rd, c, col, TEXT_LINE);
		if (!s)
			return -1;
		if (!s[0])
			return 0;
		long long id = text_parse_id(s);
		if (id > 0)
			return id;
	}
	problem(rd, c->row, col, "vul het nummer in dat fphc gaf, of laat de cel leeg voor een nieuw aanbod");
	return -1;
}

/* The header row onto the columns: map[c] is the sheet column of column c, or -1. Problems for
 * unknown, repeated and missing columns. 0, or -1 when a column is missing. */
static int read_header(struct reading *rd, const struct xlsx_sheet *s, int64_t map[OFFER_COL_COUNT])
{
	for (int c = 0; c < OFFER_COL_COUNT; c++)
		map[c] = -1;
	for (size_t i = 0; i < s->n_cells && s->cells[i].row == 1; i++) {
		const struct xlsx_cell *cell = &s->cells[i];
		char letter[8];
		xlsx_column_name(cell->col, letter);
		const char *name = cell->type == XLSX_TEXT ? cell->text : "";
		int k = 0;
		while (k < OFFER_COL_COUNT && strcasecmp(offer_catalogue_columns[k].name, name) != 0)
			k++;
		if (k == OFFER_COL_COUNT)
			problem(rd, 1, letter, arena_printf(&rd->cat->arena,
				"onbekende kolom \"%.60s\"; haal hem weg (zie het tabblad leesmij)", name));
		else if (map[k] >= 0)
			problem(rd, 1, letter, arena_printf(&rd->cat->arena, "de kolom %s staat er twee keer", name));
		else
			map[k] = cell->col;
	}
	int rc = 0;
	for (int k = 0; k < OFFER_COL_COUNT; k++)
		if (map[k] < 0) {
			problem(rd, 0, offer_catalogue_columns[k].name, "deze kolom ontbreekt; zet hem terug in rij 1");
			rc = -1;
		}
	return rc;
}

/* Two rows of the same offer: the same id, or the same provider and title. */
static void check_repeats(struct reading *rd)
{
	struct offer_catalogue *cat = rd->cat;
	for (size_t i = 1; i < cat->n; i++)
		for (size_t j = 0; j < i; j++) {
			const struct catalogue_offer *a = &cat->offers[j], *b = &cat->offers[i];
			if (b->id && a->id == b->id) {
				problem(rd, b->row, offer_catalogue_columns[OFFER_COL_ID].name,
					arena_printf(&cat->arena, "dit aanbod staat ook in rij %u", a->row));
				break;
			}
			if (strcasecmp(a->f.provider, b->f.provider) == 0 && strcasecmp(a->f.title, b->f.title) == 0) {
				problem(rd, b->row, offer_catalogue_columns[OFFER_COL_TITLE].name, arena_printf(&cat->arena,
					"rij %u heeft dezelfde aanbieder en titel; geef elk aanbod een eigen titel", a->row));
				break;
			}
		}
}

static void read_row(struct reading *rd, const struct xlsx_sheet *s, const int64_t map[], uint32_t r)
{
	const struct xlsx_cell *cell[OFFER_COL_COUNT];
	int any = 0;
	for (int c = 0; c < OFFER_COL_COUNT; c++)
		any |= (cell[c] = xlsx_sheet_cell(s, r, (uint32_t)map[c])) != NULL;
	if (!any)
		return; /* an empty row */
	size_t before = problems_count(rd->problems);
	rd->row = r;
	memset(rd->bad, 0, sizeof rd->bad);
	struct catalogue_offer o = {.row = r};
	o.id = cell_id(rd, cell[OFFER_COL_ID]);
	const char *v[OFFER_COL_COUNT] = {0};
	for (int c = OFFER_COL_PROVIDER; c < OFFER_COL_COUNT; c++) {
		v[c] = cell_text(rd, cell[c], offer_catalogue_columns[c].name,
				 c == OFFER_COL_DESCRIPTION ? TEXT_BLOCK : TEXT_LINE);
		if (!v[c]) {
			rd->bad[c] = 1;
			v[c] = "";
		}
	}
	/* every rule runs, so a row's problems come all at once; a cell that had its own
	 * problem gets no second one */
	o.f = (struct offer_fields){
		.title = v[OFFER_COL_TITLE], .provider = v[OFFER_COL_PROVIDER], .description = v[OFFER_COL_DESCRIPTION],
		.contact = v[OFFER_COL_CONTACT], .url = v[OFFER_COL_URL], .price = v[OFFER_COL_PRICE],
		.region = v[OFFER_COL_REGION],
	};
	if (!rd->bad[OFFER_COL_ACTIVE] && parse_active(v[OFFER_COL_ACTIVE], &o.f.active) != 0)
		problem(rd, r, offer_catalogue_columns[OFFER_COL_ACTIVE].name, "vul ja of nee in");
	if (rd->bad[OFFER_COL_CONTACT] || rd->bad[OFFER_COL_URL])
		rd->bad[OFFER_COL_CONTACT] = rd->bad[OFFER_COL_URL] = 1; /* "contact or url" needs both */
	offer_check(&rd->cat->arena, &o.f, v[OFFER_COL_TAGS], check_problem, rd);
	if (o.id < 0 || problems_count(rd->problems) > before)
		return;
	/* the tags as the catalogue shows them: {"a","b"} → "a, b" */
	struct buf t = BUF_INIT;
	for (const char *p = o.f.tags; *p; p++)
		if (*p == ',')
			buf_puts(&t, ", ");
		else if (*p != '{' && *p != '}' && *p != '"')
			buf_putc(&t, *p);
	o.tags = arena_strdup(&rd->cat->arena, t.data);
	buf_release(&t);
	struct offer_catalogue *cat = rd->cat;
	cat->offers = xlsx_grow(cat->offers, &cat->cap, cat->n + 1, sizeof(*cat->offers));
	cat->offers[cat->n++] = o;
}

static void read_sheet(struct reading *rd, const struct xlsx_book *book)
{
	const struct xlsx_sheet *s = NULL;
	for (size_t i = 0; i < book->n_sheets; i++) {
		const struct xlsx_sheet *sh = &book->sheets[i];
		if (rd->cat->csv || strcasecmp(sh->name, OFFER_CATALOGUE_SHEET) == 0)
			s = sh;
		else if (strcasecmp(sh->name, OFFER_CATALOGUE_README) != 0)
			problems_add(rd->problems, arena_printf(&rd->cat->arena, "Tabblad %.60s", sh->name),
				     "onbekend tabblad; zet alle aanbod op het tabblad " OFFER_CATALOGUE_SHEET
				     " en haal dit tabblad weg");
	}
	if (!s) {
		problem(rd, 0, NULL, "dit tabblad ontbreekt; gebruik een bestand dat u uit fphc heeft gedownload");
		return;
	}
	if (s->hidden)
		problem(rd, 0, NULL, "dit tabblad is verborgen; maak het zichtbaar");
	if (s->n_merged)
		problem(rd, 0, NULL, "dit tabblad heeft samengevoegde cellen; maak ze los");
	int64_t map[OFFER_COL_COUNT];
	if (read_header(rd, s, map) != 0)
		return;
	uint32_t last = xlsx_sheet_last_row(s);
	if (last > OFFER_CATALOGUE_MAX_ROWS + 1) {
		problem(rd, last, NULL, arena_printf(&rd->cat->arena,
			"te veel regels: hoogstens %d aanbiedingen in één bestand", OFFER_CATALOGUE_MAX_ROWS));
		return;
	}
	for (uint32_t r = 2; r <= last; r++)
		read_row(rd, s, map, r);
	check_repeats(rd);
}

int offer_catalogue_read(const void *data, size_t len, struct offer_catalogue *cat, struct problems *problems)
{
	struct xlsx_book book = XLSX_BOOK_INIT;
	char err[256];
	cat->csv = !(len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0);
	int rc = cat->csv ? csv_read(data, len, OFFER_CATALOGUE_SHEET, &book, err, sizeof err)
			  : xlsx_read(data, len, &book, err, sizeof err);
	size_t before = problems_count(problems);
	if (rc != 0) {
		problems_add(problems, "", "%s", err);
	} else {
		struct reading rd = {cat, problems, 0, {0}};
		read_sheet(&rd, &book);
	}
	xlsx_book_release(&book);
	return problems_count(problems) > before ? -1 : 0;
}

/* ---- compared with the stored catalogue ---- */

static void add_change(struct offer_catalogue *cat, struct offer_catalogue_diff *d, enum offer_change_kind kind,
		       long long id, const char *title, const char *column, const char *before, const char *after)
{
	d->changes = xlsx_grow(d->changes, &d->cap, d->n + 1, sizeof(*d->changes));
	d->changes[d->n++] = (struct offer_change){kind, id, arena_strdup(&cat->arena, title), column,
						   arena_strdup(&cat->arena, before), arena_strdup(&cat->arena, after)};
}

static void compare_offer(struct offer_catalogue *cat, struct offer_catalogue_diff *d, const struct catalogue_offer *o,
			  const struct offer_row *s)
{
	const char *now[OFFER_COL_COUNT] = {
		[OFFER_COL_PROVIDER] = o->f.provider, [OFFER_COL_TITLE] = o->f.title,
		[OFFER_COL_DESCRIPTION] = o->f.description, [OFFER_COL_CONTACT] = o->f.contact,
		[OFFER_COL_URL] = o->f.url, [OFFER_COL_PRICE] = o->f.price, [OFFER_COL_REGION] = o->f.region,
		[OFFER_COL_TAGS] = o->tags, [OFFER_COL_ACTIVE] = o->f.active ? "ja" : "nee",
	};
	const char *was[OFFER_COL_COUNT] = {
		[OFFER_COL_PROVIDER] = s->provider, [OFFER_COL_TITLE] = s->title, [OFFER_COL_DESCRIPTION] = s->description,
		[OFFER_COL_CONTACT] = s->contact, [OFFER_COL_URL] = s->url, [OFFER_COL_PRICE] = s->price,
		[OFFER_COL_REGION] = s->region, [OFFER_COL_TAGS] = s->tags, [OFFER_COL_ACTIVE] = s->active ? "ja" : "nee",
	};
	int changed = 0;
	for (int c = OFFER_COL_PROVIDER; c < OFFER_COL_COUNT; c++)
		if (strcmp(now[c], was[c]) != 0) {
			add_change(cat, d, OFFER_CHANGED, s->id, o->f.title, offer_catalogue_columns[c].name, was[c], now[c]);
			changed = 1;
		}
	d->changed += changed;
}

int offer_catalogue_compare(struct offer_catalogue *cat, const struct offer_row *stored, int n_stored,
			    struct offer_catalogue_diff *diff, struct problems *problems)
{
	memset(diff, 0, sizeof(*diff));
	struct reading rd = {cat, problems, 0, {0}};
	size_t before = problems_count(problems);
	unsigned char *named = calloc((size_t)n_stored + 1, 1);
	if (!named)
		abort();
	/* rows with an id first, so a row without one cannot take an offer another row names */
	for (size_t i = 0; i < cat->n; i++) {
		struct catalogue_offer *o = &cat->offers[i];
		if (!o->id)
			continue;
		int k = 0;
		while (k < n_stored && stored[k].id != o->id)
			k++;
		if (k == n_stored)
			problem(&rd, o->row, offer_catalogue_columns[OFFER_COL_ID].name, arena_printf(&cat->arena,
				"nummer %lld is geen aanbod van uw vereniging; laat de cel leeg voor een nieuw aanbod", o->id));
		else
			named[k] = 1;
	}
	for (size_t i = 0; i < cat->n; i++) {
		struct catalogue_offer *o = &cat->offers[i];
		if (o->id)
			continue;
		for (int k = 0; k < n_stored; k++)
			if (!named[k] && strcasecmp(stored[k].provider, o->f.provider) == 0 &&
			    strcasecmp(stored[k].title, o->f.title) == 0) {
				o->id = stored[k].id;
				named[k] = 1;
				break;
			}
	}
	for (size_t i = 0; i < cat->n; i++) {
		const struct catalogue_offer *o = &cat->offers[i];
		int k = 0;
		while (o->id && k < n_stored && stored[k].id != o->id)
			k++;
		if (!o->id) {
			add_change(cat, diff, OFFER_ADDED, 0, o->f.title, NULL, "", o->f.provider);
			diff->added++;
		} else if (k < n_stored) {
			compare_offer(cat, diff, o, &stored[k]);
		}
	}
	for (int k = 0; k < n_stored; k++)
		if (!named[k] && stored[k].active) {
			add_change(cat, diff, OFFER_SWITCHED_OFF, stored[k].id, stored[k].title, NULL, stored[k].provider, "");
			diff->switched_off++;
		}
	free(named);
	return problems_count(problems) > before ? -1 : 0;
}

void offer_catalogue_diff_release(struct offer_catalogue_diff *diff)
{
	if (!diff)
		return;
	free(diff->changes);
	memset(diff, 0, sizeof(*diff));
}

/* ---- kept between upload and confirmation ---- */

char *offer_catalogue_to_json(const struct offer_catalogue *cat)
{
	cJSON *list = cJSON_CreateArray();
	for (size_t i = 0; i < cat->n; i++) {
		const struct catalogue_offer *o = &cat->offers[i];
		cJSON *j = cJSON_CreateObject();
		cJSON_AddNumberToObject(j, "id", (double)o->id);
		cJSON_AddStringToObject(j, "provider", o->f.provider);
		cJSON_AddStringToObject(j, "title", o->f.title);
		cJSON_AddStringToObject(j, "description", o->f.description);
		cJSON_AddStringToObject(j, "contact", o->f.contact);
		cJSON_AddStringToObject(j, "url", o->f.url);
		cJSON_AddStringToObject(j, "price", o->f.price);
		cJSON_AddStringToObject(j, "region", o->f.region);
		cJSON_AddStringToObject(j, "tags", o->tags);
		cJSON_AddBoolToObject(j, "active", o->f.active);
		cJSON_AddItemToArray(list, j);
	}
	char *s = cJSON_PrintUnformatted(list);
	cJSON_Delete(list);
	if (!s)
		abort();
	return s;
}

static const char *member(struct offer_catalogue *cat, const cJSON *o, const char *name, int *bad)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	if (!cJSON_IsString(v)) {
		*bad = 1;
		return "";
	}
	return arena_strdup(&cat->arena, v->valuestring);
}

static void discard_problem(void *cx, const char *field, const char *key)
{
	(void)field, (void)key;
	*(int *)cx = 1;
}

int offer_catalogue_from_json(const char *json, struct offer_catalogue *cat)
{
	cJSON *list = cJSON_Parse(json);
	int bad = !cJSON_IsArray(list);
	const cJSON *o;
	const cJSON *items = bad ? NULL : list;
	cJSON_ArrayForEach(o, items) {
		struct catalogue_offer c = {0};
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
		c.id = cJSON_IsNumber(id) && id->valuedouble >= 0 ? (long long)id->valuedouble : 0;
		c.f.provider = member(cat, o, "provider", &bad);
		c.f.title = member(cat, o, "title", &bad);
		c.f.description = member(cat, o, "description", &bad);
		c.f.contact = member(cat, o, "contact", &bad);
		c.f.url = member(cat, o, "url", &bad);
		c.f.price = member(cat, o, "price", &bad);
		c.f.region = member(cat, o, "region", &bad);
		c.tags = member(cat, o, "tags", &bad);
		c.f.active = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "active"));
		/* checked again, so the stored text alone can never store what the form refuses */
		offer_check(&cat->arena, &c.f, c.tags, discard_problem, &bad);
		cat->offers = xlsx_grow(cat->offers, &cat->cap, cat->n + 1, sizeof(*cat->offers));
		cat->offers[cat->n++] = c;
	}
	cJSON_Delete(list);
	return bad ? -1 : 0;
}

void offer_catalogue_release(struct offer_catalogue *cat)
{
	if (!cat)
		return;
	free(cat->offers);
	arena_release(&cat->arena);
	cat->offers = NULL;
	cat->n = cat->cap = 0;
}
