/* questionnaire_sheet.c: the workbook's column table and the export of a definition into it. */
#include <stdio.h>
#include <string.h>

#include <cJSON.h>

#include "common/buf.h"
#include "scoring/questionnaire_sheet.h"
#include "common/banned.h"

const char *const questionnaire_sheet_bool_choices[] = {"ja", "nee", NULL};
static const char *const item_types[] = {"likert5", "choice", "multi", "number", "yesno", "text", NULL};
static const char *const profile_lists[] = {"fields", "sectors", "size_classes", NULL};

#define KEY_HELP "letters, cijfers, _ - . (1 tot 64 tekens); uniek"
#define TEXT(n, m, l, e) {n, SHEET_TEXT, m, l, NULL, e}
#define NUM(n, m, s, e) {n, SHEET_NUMBER, m, s, NULL, e}
#define BOOL(n, e) {n, SHEET_BOOL, n, NULL, questionnaire_sheet_bool_choices, e}
#define REF(n, e) {n, SHEET_REF, NULL, NULL, NULL, e}
#define KEY(e) {"key", SHEET_KEY, "key", NULL, NULL, e}

static const struct sheet_column questionnaire_cols[] = {
	KEY("de sleutel van de vragenlijst, bijvoorbeeld fphc"),
	NUM("version", "version", NULL, "het versienummer (een heel getal vanaf 1); een andere structuur is een nieuwe versie"),
	TEXT("title_nl", "title", "nl", "de titel in het Nederlands"),
	TEXT("title_en", "title", "en", "de titel in het Engels"),
	NUM("min_answered", "min_answered", NULL, "het deel van een thema dat beantwoord moet zijn voor een score (groter dan 0, hoogstens 1; leeg is 0,6)"),
};
static const struct sheet_column pillar_cols[] = {
	KEY("de sleutel van de pijler; " KEY_HELP),
	TEXT("title_nl", "title", "nl", "de naam in het Nederlands"),
	TEXT("title_en", "title", "en", "de naam in het Engels"),
	NUM("weight", "weight", NULL, "het gewicht, groter dan 0 (leeg is 1)"),
};
static const struct sheet_column theme_cols[] = {
	REF("pillar", "de sleutel van de pijler waar het thema onder valt (tabblad pillars)"),
	KEY("de sleutel van het thema; " KEY_HELP),
	TEXT("title_nl", "title", "nl", "de naam in het Nederlands"),
	TEXT("title_en", "title", "en", "de naam in het Engels"),
	NUM("weight", "weight", NULL, "het gewicht, groter dan 0 (leeg is 1)"),
	{"offer_tags", SHEET_TAGS, "offer_tags", NULL, NULL, "labels voor passend aanbod, gescheiden door komma's (mag leeg)"},
};
static const struct sheet_column item_cols[] = {
	REF("theme", "de sleutel van het thema waar de vraag onder valt (tabblad themes)"),
	KEY("de sleutel van de vraag; " KEY_HELP),
	{"type", SHEET_CHOICE, "type", NULL, item_types, "likert5, choice, multi, number, yesno of text (open vraag, telt niet mee)"},
	TEXT("text_nl", "text", "nl", "de vraag in het Nederlands"),
	TEXT("text_en", "text", "en", "de vraag in het Engels"),
	TEXT("help_nl", "help", "nl", "uitleg bij een begrip (mag leeg; vul dan beide talen of geen)"),
	TEXT("help_en", "help", "en", "uitleg in het Engels"),
	NUM("weight", "weight", NULL, "het gewicht, groter dan 0 (leeg is 1)"),
	BOOL("reverse", "ja: de stelling telt omgekeerd (alleen likert5)"),
	BOOL("allow_na", "ja: 'weet ik niet / niet van toepassing' mag"),
	NUM("max_points", "max_points", NULL, "multi: het maximum van de opgetelde punten, groter dan 0"),
	{"unit", SHEET_PLAIN, "unit", NULL, NULL, "number: de eenheid, bijvoorbeeld % (mag leeg)"},
	NUM("min", "min", NULL, "number: het kleinste toegestane antwoord (mag leeg)"),
	NUM("max", "max", NULL, "number: het grootste toegestane antwoord (mag leeg)"),
	NUM("points_yes", "points", "yes", "yesno: punten voor ja, van 0 tot en met 1"),
	NUM("points_no", "points", "no", "yesno: punten voor nee, van 0 tot en met 1"),
};
static const struct sheet_column option_cols[] = {
	REF("item", "de sleutel van de vraag (tabblad items; choice of multi)"),
	KEY("de sleutel van de optie; uniek binnen de vraag; na mag niet"),
	TEXT("label_nl", "label", "nl", "de optie in het Nederlands"),
	TEXT("label_en", "label", "en", "de optie in het Engels"),
	NUM("points", "points", NULL, "punten, van 0 tot en met 1"),
	BOOL("exclusive", "ja: kan niet samen met een andere optie gekozen worden (alleen multi)"),
};
static const struct sheet_column number_band_cols[] = {
	REF("item", "de sleutel van de vraag (tabblad items; number)"),
	NUM("max", "max", NULL, "antwoorden tot en met dit getal krijgen de punten; leeg in de laatste regel van de vraag"),
	NUM("points", "points", NULL, "punten, van 0 tot en met 1"),
};
static const struct sheet_column scale_cols[] = {
	REF("item", "de sleutel van de vraag (likert5); precies 5 regels, van 1 tot 5"),
	TEXT("label_nl", NULL, "nl", "het antwoord in het Nederlands"),
	TEXT("label_en", NULL, "en", "het antwoord in het Engels"),
};
static const struct sheet_column tip_cols[] = {
	REF("item", "de sleutel van de vraag (tabblad items); elke vraag met score heeft een tip"),
	TEXT("tip_nl", "tip", "nl", "wat het bedrijf kan doen om hoger te scoren, in gewone woorden"),
	TEXT("tip_en", "tip", "en", "de tip in het Engels"),
};
static const struct sheet_column band_cols[] = {
	KEY("de sleutel van de scoreband, bijvoorbeeld attention"),
	NUM("min", "min", NULL, "de ondergrens (0 tot 100); de eerste band begint bij 0, daarna oplopend"),
	TEXT("label_nl", "label", "nl", "de naam in het Nederlands"),
	TEXT("label_en", "label", "en", "de naam in het Engels"),
	TEXT("description_nl", "description", "nl", "één zin uitleg (mag leeg)"),
	TEXT("description_en", "description", "en", "de uitleg in het Engels"),
};
static const struct sheet_column band_text_cols[] = {
	REF("theme", "de sleutel van het thema (tabblad themes)"),
	REF("band", "de sleutel van de scoreband (tabblad bands)"),
	TEXT("text_nl", NULL, "nl", "wat deze score voor het bedrijf betekent, in één of twee zinnen"),
	TEXT("text_en", NULL, "en", "de tekst in het Engels"),
};
static const struct sheet_column profile_cols[] = {
	{"list", SHEET_CHOICE, NULL, NULL, profile_lists, "fields (vragen over het bedrijf), sectors (SBI A tot U) of size_classes"},
	KEY("de sleutel; alleen de vaste sleutels van de lijst"),
	TEXT("label_nl", "label", "nl", "de tekst in het Nederlands"),
	TEXT("label_en", "label", "en", "de tekst in het Engels"),
	TEXT("help_nl", "help", "nl", "uitleg (mag leeg)"),
	TEXT("help_en", "help", "en", "uitleg in het Engels"),
};

#define SHEET(n, e, c) {n, e, c, sizeof(c) / sizeof(c[0])}
const struct sheet_def questionnaire_sheets[SHEET_COUNT] = {
	[SHEET_QUESTIONNAIRE] = SHEET("questionnaire", "de vragenlijst zelf (één regel)", questionnaire_cols),
	[SHEET_PILLARS] = SHEET("pillars", "een pijler per regel", pillar_cols),
	[SHEET_THEMES] = SHEET("themes", "een thema per regel, in de volgorde van de scan", theme_cols),
	[SHEET_ITEMS] = SHEET("items", "een vraag per regel, in de volgorde van de scan", item_cols),
	[SHEET_OPTIONS] = SHEET("options", "een antwoordoptie per regel (choice en multi)", option_cols),
	[SHEET_NUMBER_BANDS] = SHEET("number_bands", "de puntengrenzen van getalvragen (number)", number_band_cols),
	[SHEET_SCALE] = SHEET("scale", "eigen antwoordlabels van een likert5-vraag (anders de standaard)", scale_cols),
	[SHEET_TIPS] = SHEET("tips", "een tip per vraag met score", tip_cols),
	[SHEET_BANDS] = SHEET("bands", "de scorebanden van het rapport", band_cols),
	[SHEET_BAND_TEXTS] = SHEET("band_texts", "per thema en scoreband een tekst", band_text_cols),
	[SHEET_PROFILE] = SHEET("profile", "de vragen en keuzes over het bedrijf", profile_cols),
};

/* ---- export ---- */

struct out {
	struct xlsx_book *book;
	struct xlsx_sheet *sheet[SHEET_COUNT];
	uint32_t next_row[SHEET_COUNT];
};

static const cJSON *get(const cJSON *o, const char *name)
{
	return name ? cJSON_GetObjectItemCaseSensitive(o, name) : o;
}

/* One row of sheet `id` from the element `o`; refs[] are the SHEET_REF
 * columns' values in column order. For scale and band_texts rows `o` is the
 * text object itself (their text columns have no member). */
static void put_row(struct out *w, enum sheet_id id, const cJSON *o, const char *const *refs)
{
	const struct sheet_def *def = &questionnaire_sheets[id];
	struct xlsx_sheet *s = w->sheet[id];
	uint32_t row = w->next_row[id]++;
	size_t r = 0;
	for (size_t c = 0; c < def->n_columns; c++) {
		const struct sheet_column *col = &def->columns[c];
		const cJSON *v = col->kind == SHEET_REF || !col->member ? o : get(o, col->member);
		if (col->sub && v)
			v = get(v, col->sub);
		switch (col->kind) {
		case SHEET_REF:
			xlsx_sheet_add(w->book, s, row, (uint32_t)c, XLSX_TEXT, refs[r++], 0);
			continue;
		case SHEET_CHOICE:
			if (!col->member) { /* the profile list: given as a ref */
				xlsx_sheet_add(w->book, s, row, (uint32_t)c, XLSX_TEXT, refs[r++], 0);
				continue;
			}
			break;
		default:
			break;
		}
		if (!v)
			continue;
		if (col->kind == SHEET_BOOL && cJSON_IsBool(v)) {
			xlsx_sheet_add(w->book, s, row, (uint32_t)c, XLSX_TEXT, cJSON_IsTrue(v) ? "ja" : "nee", 0);
		} else if (col->kind == SHEET_NUMBER && cJSON_IsNumber(v)) {
			xlsx_sheet_add(w->book, s, row, (uint32_t)c, XLSX_NUMBER, NULL, v->valuedouble);
		} else if (col->kind == SHEET_TAGS && cJSON_IsArray(v)) {
			struct buf b;
			buf_init(&b, 0);
			for (const cJSON *t = v->child; t; t = t->next)
				if (cJSON_IsString(t))
					buf_printf(&b, "%s%s", b.len ? ", " : "", t->valuestring);
			if (b.len)
				xlsx_sheet_add(w->book, s, row, (uint32_t)c, XLSX_TEXT, b.data, 0);
			buf_release(&b);
		} else if (cJSON_IsString(v) && v->valuestring[0]) {
			xlsx_sheet_add(w->book, s, row, (uint32_t)c, XLSX_TEXT, v->valuestring, 0);
		}
	}
}

static const char *key_of(const cJSON *o)
{
	const cJSON *k = get(o, "key");
	return cJSON_IsString(k) ? k->valuestring : "";
}

static void put_item(struct out *w, const cJSON *item, const char *theme)
{
	const char *key = key_of(item);
	const char *refs[] = {theme};
	put_row(w, SHEET_ITEMS, item, refs);
	const char *item_ref[] = {key};
	const cJSON *a;
	cJSON_ArrayForEach(a, get(item, "options"))
		put_row(w, SHEET_OPTIONS, a, item_ref);
	if (cJSON_IsArray(get(item, "bands")))
		cJSON_ArrayForEach(a, get(item, "bands"))
			put_row(w, SHEET_NUMBER_BANDS, a, item_ref);
	cJSON_ArrayForEach(a, get(item, "scale"))
		put_row(w, SHEET_SCALE, a, item_ref);
	if (get(item, "tip"))
		put_row(w, SHEET_TIPS, item, item_ref);
}

static void put_tree(struct out *w, const cJSON *root)
{
	const cJSON *p, *t, *i, *b;
	cJSON_ArrayForEach(p, get(root, "pillars")) {
		put_row(w, SHEET_PILLARS, p, NULL);
		const char *pillar_ref[] = {key_of(p)};
		cJSON_ArrayForEach(t, get(p, "themes")) {
			put_row(w, SHEET_THEMES, t, pillar_ref);
			cJSON_ArrayForEach(i, get(t, "items"))
				put_item(w, i, key_of(t));
			/* band texts in the order of the score bands, then any others */
			cJSON_ArrayForEach(b, get(t, "band_texts")) {
				const char *refs[] = {key_of(t), b->string};
				put_row(w, SHEET_BAND_TEXTS, b, refs);
			}
		}
	}
}

int questionnaire_sheet_export(const char *json, size_t len, struct xlsx_book *book)
{
	cJSON *root = cJSON_ParseWithLength(json, len);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return -1;
	}
	struct out w = {.book = book};
	for (int id = 0; id < SHEET_COUNT; id++) {
		const struct sheet_def *def = &questionnaire_sheets[id];
		w.sheet[id] = xlsx_book_add_sheet(book, def->name);
		for (size_t c = 0; c < def->n_columns; c++)
			xlsx_sheet_add(book, w.sheet[id], 1, (uint32_t)c, XLSX_TEXT, def->columns[c].name, 0);
		w.next_row[id] = 2;
	}
	put_row(&w, SHEET_QUESTIONNAIRE, root, NULL);
	const cJSON *b;
	cJSON_ArrayForEach(b, get(root, "bands"))
		put_row(&w, SHEET_BANDS, b, NULL);
	put_tree(&w, root);
	const cJSON *profile = get(root, "profile");
	for (size_t l = 0; profile && profile_lists[l]; l++) {
		const char *refs[] = {profile_lists[l]};
		cJSON_ArrayForEach(b, get(profile, profile_lists[l]))
			put_row(&w, SHEET_PROFILE, b, refs);
	}
	for (int id = 0; id < SHEET_COUNT; id++)
		xlsx_sheet_sort(w.sheet[id]);
	cJSON_Delete(root);
	return 0;
}
