/* questionnaire_sheet_import.c: a workbook (xlsx_book) back into definition JSON, with every
 * problem located by sheet, row and column and worded in Dutch; then the checks of
 * `fphc questionnaire check`, whose JSON paths are mapped back onto the rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "scoring/questionnaire.h"
#include "scoring/questionnaire_sheet_import.h"
#include "common/banned.h"

#define MAX_ROWS 5000 /* data rows per sheet: far more than QUESTIONNAIRE_MAX_ITEMS needs */

const char *sheet_where(struct imp *im, enum sheet_id id, uint32_t row, const char *col)
{
	const char *sheet = questionnaire_sheets[id].name;
	if (row && col)
		return arena_printf(&im->a, "Tabblad %s, rij %u, kolom %s", sheet, row, col);
	if (row)
		return arena_printf(&im->a, "Tabblad %s, rij %u", sheet, row);
	if (col)
		return arena_printf(&im->a, "Tabblad %s, kolom %s", sheet, col);
	return arena_printf(&im->a, "Tabblad %s", sheet);
}

void sheet_cell_problem(struct imp *im, enum sheet_id id, uint32_t row, const char *col, const char *msg)
{
	const char *w = sheet_where(im, id, row, col);
	problems_add(im->problems, w, "%s", msg);
	im->bad_cells = xlsx_grow(im->bad_cells, &im->cap_bad, im->n_bad + 1, sizeof(*im->bad_cells));
	im->bad_cells[im->n_bad++] = w;
}

static void add_loc(struct imp *im, const char *path, const char *w)
{
	im->locs = xlsx_grow(im->locs, &im->cap_locs, im->n_locs + 1, sizeof(*im->locs));
	im->locs[im->n_locs++] = (struct loc){arena_strdup(&im->a, path), arena_strdup(&im->a, w)};
}

static void add_origin(struct imp *im, const cJSON *node, enum sheet_id id, uint32_t row)
{
	im->origins = xlsx_grow(im->origins, &im->cap_origins, im->n_origins + 1, sizeof(*im->origins));
	im->origins[im->n_origins++] = (struct origin){node, id, row};
}

/* ---- one sheet ---- */

struct rows {
	cJSON **obj;             /* each row's element (owned until attached) */
	const char *(*refs)[2];  /* the row's REF (and profile list) values */
	uint32_t *row;
	size_t n;
};


/* Maps the header row onto the column table; a problem per unknown or missing
 * column. Returns the number of columns found. */
static size_t read_header(struct imp *im, enum sheet_id id, const struct xlsx_sheet *s, int64_t map[])
{
	const struct sheet_def *def = &questionnaire_sheets[id];
	size_t found = 0;
	for (size_t c = 0; c < def->n_columns; c++)
		map[c] = -1;
	for (size_t i = 0; i < s->n_cells && s->cells[i].row == 1; i++) {
		const struct xlsx_cell *c = &s->cells[i];
		char letter[8];
		xlsx_column_name(c->col, letter);
		const char *name = c->type == XLSX_TEXT ? c->text : "";
		size_t k = 0;
		while (k < def->n_columns && strcmp(def->columns[k].name, name) != 0)
			k++;
		if (k == def->n_columns)
			sheet_cell_problem(im, id, 1, letter,
				     arena_printf(&im->a, "onbekende kolom \"%s\"; haal hem weg (zie het tabblad leesmij)", name));
		else if (map[k] >= 0)
			sheet_cell_problem(im, id, 1, letter, arena_printf(&im->a, "de kolom %s staat er twee keer", name));
		else
			map[k] = c->col, found++;
	}
	for (size_t k = 0; k < def->n_columns; k++)
		if (map[k] < 0)
			sheet_cell_problem(im, id, 0, def->columns[k].name, "deze kolom ontbreekt; zet hem terug in rij 1");
	return found;
}

static void read_sheet(struct imp *im, enum sheet_id id, struct rows *out)
{
	const struct sheet_def *def = &questionnaire_sheets[id];
	memset(out, 0, sizeof(*out));
	const struct xlsx_sheet *s = xlsx_book_sheet(im->book, def->name);
	if (!s) {
		sheet_cell_problem(im, id, 0, NULL, "dit tabblad ontbreekt; gebruik een werkmap die u uit fphc heeft gedownload");
		return;
	}
	if (s->hidden)
		sheet_cell_problem(im, id, 0, NULL, "dit tabblad is verborgen; maak het zichtbaar");
	if (s->n_merged)
		sheet_cell_problem(im, id, 0, NULL, "dit tabblad heeft samengevoegde cellen; maak ze los");
	int64_t map[32];
	if (read_header(im, id, s, map) == 0)
		return;
	uint32_t last = xlsx_sheet_last_row(s);
	if (last > MAX_ROWS + 1) {
		sheet_cell_problem(im, id, last, NULL, arena_printf(&im->a, "te veel regels: hoogstens %d", MAX_ROWS));
		return;
	}
	size_t cap = last > 1 ? last - 1 : 0;
	out->obj = calloc(cap + 1, sizeof(*out->obj));
	out->refs = calloc(cap + 1, sizeof(*out->refs));
	out->row = calloc(cap + 1, sizeof(*out->row));
	if (!out->obj || !out->refs || !out->row)
		abort();
	for (uint32_t r = 2; r <= last; r++) {
		int any = 0;
		for (size_t c = 0; c < def->n_columns; c++)
			any |= map[c] >= 0 && xlsx_sheet_cell(s, r, (uint32_t)map[c]) != NULL;
		if (!any)
			continue; /* an empty row */
		cJSON *obj = cJSON_CreateObject();
		size_t nref = 0;
		for (size_t c = 0; c < def->n_columns; c++) {
			const struct sheet_column *col = &def->columns[c];
			int is_ref = col->kind == SHEET_REF || (col->kind == SHEET_CHOICE && !col->member);
			const struct xlsx_cell *cell = map[c] >= 0 ? xlsx_sheet_cell(s, r, (uint32_t)map[c]) : NULL;
			const char *ref = NULL;
			if (cell)
				sheet_put_cell(im, obj, col, cell, id, &ref);
			if (is_ref && nref < 2)
				out->refs[out->n][nref++] = ref;
		}
		sheet_complete_texts(obj, def);
		out->obj[out->n] = obj;
		out->row[out->n] = r;
		out->n++;
	}
}

static void rows_release(struct rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		cJSON_Delete(r->obj[i]);
	free(r->obj);
	free(r->refs);
	free(r->row);
	memset(r, 0, sizeof(*r));
}

/* ---- assembling the tree ---- */

static cJSON *array_member(cJSON *obj, const char *name)
{
	cJSON *a = cJSON_GetObjectItemCaseSensitive(obj, name);
	return a ? a : cJSON_AddArrayToObject(obj, name);
}

/* The parent named in the REF column of row i, or NULL after a problem. */
static cJSON *parent(struct imp *im, enum sheet_id id, const struct rows *r, size_t i, int which,
		     cJSON *const *pool, size_t n_pool, const char *what, const char *sheet)
{
	const char *key = r->refs[i][which];
	const char *col = NULL;
	for (size_t c = 0, k = 0; c < questionnaire_sheets[id].n_columns; c++)
		if (questionnaire_sheets[id].columns[c].kind == SHEET_REF && k++ == (size_t)which)
			col = questionnaire_sheets[id].columns[c].name;
	if (!key || !*key) {
		sheet_cell_problem(im, id, r->row[i], col, arena_printf(&im->a, "vul de sleutel van %s in", what));
		return NULL;
	}
	for (size_t p = 0; p < n_pool; p++) {
		const cJSON *k = cJSON_GetObjectItemCaseSensitive(pool[p], "key");
		if (cJSON_IsString(k) && strcmp(k->valuestring, key) == 0)
			return pool[p];
	}
	sheet_cell_problem(im, id, r->row[i], col,
		     arena_printf(&im->a, "\"%s\" staat niet op het tabblad %s", key, sheet));
	return NULL;
}

/* Moves row i's element under `into` (an array, or an object member when name is set). */
static cJSON *attach(struct imp *im, enum sheet_id id, struct rows *r, size_t i, cJSON *into, const char *name)
{
	cJSON *obj = r->obj[i];
	r->obj[i] = NULL;
	if (name)
		cJSON_AddItemToObject(into, name, obj);
	else
		cJSON_AddItemToArray(into, obj);
	add_origin(im, obj, id, r->row[i]);
	return obj;
}

struct pools {
	cJSON **pillars, **themes, **items;
	size_t n_pillars, n_themes, n_items;
};

static void assemble_tree(struct imp *im, cJSON *root, struct rows *rows, struct pools *pl)
{
	struct rows *r = &rows[SHEET_PILLARS];
	cJSON *pillars = cJSON_AddArrayToObject(root, "pillars");
	pl->pillars = calloc(r->n + 1, sizeof(cJSON *));
	for (size_t i = 0; i < r->n; i++)
		pl->pillars[pl->n_pillars++] = attach(im, SHEET_PILLARS, r, i, pillars, NULL);
	r = &rows[SHEET_THEMES];
	pl->themes = calloc(r->n + 1, sizeof(cJSON *));
	for (size_t i = 0; i < r->n; i++) {
		cJSON *p = parent(im, SHEET_THEMES, r, i, 0, pl->pillars, pl->n_pillars, "een pijler", "pillars");
		if (p)
			pl->themes[pl->n_themes++] = attach(im, SHEET_THEMES, r, i, array_member(p, "themes"), NULL);
	}
	r = &rows[SHEET_ITEMS];
	pl->items = calloc(r->n + 1, sizeof(cJSON *));
	for (size_t i = 0; i < r->n; i++) {
		cJSON *t = parent(im, SHEET_ITEMS, r, i, 0, pl->themes, pl->n_themes, "een thema", "themes");
		if (t)
			pl->items[pl->n_items++] = attach(im, SHEET_ITEMS, r, i, array_member(t, "items"), NULL);
	}
	static const struct {
		enum sheet_id id;
		const char *member;
	} per_item[] = {{SHEET_OPTIONS, "options"}, {SHEET_NUMBER_BANDS, "bands"}, {SHEET_SCALE, "scale"}};
	for (size_t k = 0; k < sizeof(per_item) / sizeof(per_item[0]); k++) {
		r = &rows[per_item[k].id];
		for (size_t i = 0; i < r->n; i++) {
			cJSON *it = parent(im, per_item[k].id, r, i, 0, pl->items, pl->n_items, "een vraag", "items");
			if (it)
				attach(im, per_item[k].id, r, i, array_member(it, per_item[k].member), NULL);
		}
	}
	r = &rows[SHEET_TIPS];
	for (size_t i = 0; i < r->n; i++) {
		cJSON *it = parent(im, SHEET_TIPS, r, i, 0, pl->items, pl->n_items, "een vraag", "items");
		if (it && cJSON_GetObjectItemCaseSensitive(it, "tip"))
			sheet_cell_problem(im, SHEET_TIPS, r->row[i], "item", "deze vraag heeft al een tip in een andere regel");
		else if (it) {
			/* the row's element is {tip: {nl, en}}: the item takes the text itself */
			cJSON *tip = cJSON_DetachItemFromObjectCaseSensitive(r->obj[i], "tip");
			if (!tip)
				tip = cJSON_CreateObject();
			cJSON_AddItemToObject(it, "tip", tip);
			add_origin(im, tip, SHEET_TIPS, r->row[i]);
		}
	}
	r = &rows[SHEET_BAND_TEXTS];
	for (size_t i = 0; i < r->n; i++) {
		cJSON *t = parent(im, SHEET_BAND_TEXTS, r, i, 0, pl->themes, pl->n_themes, "een thema", "themes");
		const char *band = r->refs[i][1];
		if (!t)
			continue;
		if (!band || !*band) {
			sheet_cell_problem(im, SHEET_BAND_TEXTS, r->row[i], "band", "vul de sleutel van een scoreband in");
			continue;
		}
		cJSON *bt = cJSON_GetObjectItemCaseSensitive(t, "band_texts");
		if (!bt)
			bt = cJSON_AddObjectToObject(t, "band_texts");
		if (cJSON_GetObjectItemCaseSensitive(bt, band))
			sheet_cell_problem(im, SHEET_BAND_TEXTS, r->row[i], "band", "dit thema heeft al een tekst voor deze band");
		else
			attach(im, SHEET_BAND_TEXTS, r, i, bt, band);
	}
}

static cJSON *assemble(struct imp *im, struct rows *rows)
{
	cJSON *root = cJSON_CreateObject();
	struct rows *r = &rows[SHEET_QUESTIONNAIRE];
	if (r->n == 0 && xlsx_book_sheet(im->book, "questionnaire"))
		sheet_cell_problem(im, SHEET_QUESTIONNAIRE, 2, NULL, "vul de sleutel, versie en titel van de vragenlijst in");
	for (size_t i = 1; i < r->n; i++)
		sheet_cell_problem(im, SHEET_QUESTIONNAIRE, r->row[i], NULL, "dit tabblad heeft maar één regel; haal deze weg");
	if (r->n) {
		cJSON *q = r->obj[0];
		while (q->child) {
			cJSON *m = cJSON_DetachItemViaPointer(q, q->child);
			cJSON_AddItemToObject(root, m->string, m);
		}
		add_origin(im, root, SHEET_QUESTIONNAIRE, r->row[0]);
	}
	cJSON *bands = cJSON_AddArrayToObject(root, "bands");
	r = &rows[SHEET_BANDS];
	for (size_t i = 0; i < r->n; i++)
		attach(im, SHEET_BANDS, r, i, bands, NULL);
	struct pools pl = {0};
	assemble_tree(im, root, rows, &pl);
	free(pl.pillars);
	free(pl.themes);
	free(pl.items);
	r = &rows[SHEET_PROFILE];
	cJSON *profile = r->n ? cJSON_AddObjectToObject(root, "profile") : NULL;
	for (size_t i = 0; i < r->n; i++)
		if (r->refs[i][0])
			attach(im, SHEET_PROFILE, r, i, array_member(profile, r->refs[i][0]), NULL);
	return root;
}

/* ---- mapping the validator's paths onto rows ---- */

static int cmp_origin(const void *a, const void *b)
{
	const struct origin *x = a, *y = b;
	return x->node < y->node ? -1 : x->node > y->node;
}

static void register_node(struct imp *im, const struct origin *o, const char *path)
{
	const struct sheet_def *def = &questionnaire_sheets[o->id];
	int text_object = o->id == SHEET_TIPS || o->id == SHEET_SCALE || o->id == SHEET_BAND_TEXTS;
	add_loc(im, path, sheet_where(im, o->id, o->row, NULL));
	for (size_t c = 0; c < def->n_columns; c++) {
		const struct sheet_column *col = &def->columns[c];
		const char *w = sheet_where(im, o->id, o->row, col->name);
		const char *sep = *path ? "." : "";
		if (text_object) {
			if (col->sub)
				add_loc(im, arena_printf(&im->a, "%s%s%s", path, sep, col->sub), w);
			continue;
		}
		if (!col->member)
			continue;
		if (col->sub) {
			add_loc(im, arena_printf(&im->a, "%s%s%s.%s", path, sep, col->member, col->sub), w);
			if (strcmp(col->sub, "nl") == 0 || strcmp(col->sub, "yes") == 0)
				add_loc(im, arena_printf(&im->a, "%s%s%s", path, sep, col->member), w);
		} else {
			add_loc(im, arena_printf(&im->a, "%s%s%s", path, sep, col->member), w);
		}
	}
}

static void walk(struct imp *im, const cJSON *node, const char *path)
{
	struct origin key = {.node = node};
	const struct origin *o = bsearch(&key, im->origins, im->n_origins, sizeof(*im->origins), cmp_origin);
	if (o)
		register_node(im, o, path);
	int i = 0;
	for (const cJSON *c = node->child; c; c = c->next, i++) {
		if (!cJSON_IsObject(c) && !cJSON_IsArray(c))
			continue;
		const char *p = cJSON_IsArray(node) ? arena_printf(&im->a, "%s[%d]", path, i)
			      : *path ? arena_printf(&im->a, "%s.%s", path, c->string)
				      : c->string;
		walk(im, c, p);
	}
}

static const char *locate(const struct imp *im, const char *path)
{
	const char *best = NULL;
	size_t best_len = 0;
	for (size_t i = 0; i < im->n_locs; i++) {
		const char *lp = im->locs[i].path;
		size_t n = strlen(lp);
		int match = n == 0 || (strncmp(lp, path, n) == 0 && (path[n] == '\0' || path[n] == '.' || path[n] == '['));
		if (match && (!best || n > best_len)) {
			best = im->locs[i].where;
			best_len = n;
		}
	}
	return best ? best : "Werkmap";
}

static void validate(struct imp *im, const char *json)
{
	struct problems vp;
	problems_init(&vp, PROBLEMS_DEFAULT_MAX);
	struct questionnaire *q = questionnaire_parse(json, strlen(json), &vp);
	if (q)
		questionnaire_check_texts(q, &vp);
	questionnaire_free(q);
	for (size_t i = 0; i < vp.n; i++) {
		const char *w = locate(im, vp.items[i].path);
		int seen = 0;
		for (size_t b = 0; b < im->n_bad && !seen; b++)
			seen = strcmp(im->bad_cells[b], w) == 0;
		if (seen)
			continue;
		char nl[300];
		problems_add(im->problems, w, "%s", questionnaire_sheet_dutch(vp.items[i].message, nl, sizeof(nl)));
	}
	if (vp.dropped)
		problems_add(im->problems, "Werkmap", "en nog %zu andere problemen", vp.dropped);
	problems_release(&vp);
}

char *questionnaire_sheet_import(const struct xlsx_book *book, struct problems *problems)
{
	struct imp im = {.book = book, .problems = problems};
	size_t before = problems_count(problems);
	for (size_t s = 0; s < book->n_sheets; s++) {
		const char *name = book->sheets[s].name;
		int known = strcmp(name, QUESTIONNAIRE_SHEET_README) == 0;
		for (int id = 0; id < SHEET_COUNT && !known; id++)
			known = strcmp(name, questionnaire_sheets[id].name) == 0;
		if (!known)
			problems_add(problems, arena_printf(&im.a, "Tabblad %s", name),
				     "onbekend tabblad; haal het weg of geef het de naam van een tabblad uit leesmij");
	}
	struct rows rows[SHEET_COUNT];
	for (int id = 0; id < SHEET_COUNT; id++)
		read_sheet(&im, (enum sheet_id)id, &rows[id]);
	cJSON *root = assemble(&im, rows);
	qsort(im.origins, im.n_origins, sizeof(*im.origins), cmp_origin);
	walk(&im, root, "");
	char *json = cJSON_Print(root);
	if (!json)
		abort();
	validate(&im, json);
	cJSON_Delete(root);
	for (int id = 0; id < SHEET_COUNT; id++)
		rows_release(&rows[id]);
	free(im.locs);
	free(im.origins);
	free(im.bad_cells);
	arena_release(&im.a);
	if (problems_count(problems) > before) {
		cJSON_free(json);
		return NULL;
	}
	/* hand out malloc'd memory whatever cJSON's allocator is */
	char *out = strdup(json);
	cJSON_free(json);
	if (!out)
		abort();
	return out;
}
