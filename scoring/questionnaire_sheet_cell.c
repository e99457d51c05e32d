/* questionnaire_sheet_cell.c: one cell of an imported workbook into its JSON member, with a Dutch
 * problem for a formula, a date, an error value, text where a number belongs or a value outside
 * a closed list. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/number_nl.h"
#include "scoring/questionnaire_sheet_import.h"
#include "common/banned.h"

/* The cell as text (numbers in their shortest form); NULL when empty or unusable
 * (after a problem). */
static const char *cell_text(struct imp *im, const struct xlsx_cell *c, enum sheet_id id, const char *col,
			     char num[32])
{
	if (!c)
		return NULL;
	const char *problem;
	const char *s = xlsx_cell_value(c, 0, num, &problem);
	if (!s)
		sheet_cell_problem(im, id, c->row, col, problem);
	return s;
}

static char *trimmed(struct imp *im, const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return arena_strndup(&im->a, s, n);
}

/* The object a column writes into: the row's element, or its member (created). */
static cJSON *target(cJSON *obj, const char *member)
{
	if (!member)
		return obj;
	cJSON *t = cJSON_GetObjectItemCaseSensitive(obj, member);
	if (!t)
		t = cJSON_AddObjectToObject(obj, member);
	return t;
}

static void put_number(struct imp *im, cJSON *obj, const struct sheet_column *col, const struct xlsx_cell *c,
		       enum sheet_id id)
{
	double v;
	if (c->formula || c->type == XLSX_ERROR) {
		char num[32];
		cell_text(im, c, id, col->name, num);
		return;
	}
	if (c->type == XLSX_NUMBER && c->date) {
		sheet_cell_problem(im, id, c->row, col->name,
			     "dit is een datum; zet de celopmaak op Getal en typ het getal opnieuw");
		return;
	}
	if (c->type == XLSX_NUMBER) {
		v = c->number;
	} else if (c->type != XLSX_TEXT || number_nl_parse(c->text, NULL, NULL, &v) != NUMBER_NL_OK) {
		sheet_cell_problem(im, id, c->row, col->name, "vul een getal in");
		return;
	}
	cJSON *t = col->sub ? target(obj, col->member) : obj;
	cJSON_AddNumberToObject(t, col->sub ? col->sub : col->member, v);
}

/* Reads the cell of one column into the row's element; REF values into *ref. */
void sheet_put_cell(struct imp *im, cJSON *obj, const struct sheet_column *col, const struct xlsx_cell *c,
		     enum sheet_id id, const char **ref)
{
	char num[32];
	if (col->kind == SHEET_NUMBER) {
		put_number(im, obj, col, c, id);
		return;
	}
	const char *s = cell_text(im, c, id, col->name, num);
	if (!s)
		return;
	switch (col->kind) {
	case SHEET_REF:
		*ref = trimmed(im, s);
		break;
	case SHEET_KEY:
	case SHEET_PLAIN:
		cJSON_AddStringToObject(obj, col->member, col->kind == SHEET_KEY ? trimmed(im, s) : s);
		break;
	case SHEET_TEXT:
		cJSON_AddStringToObject(target(obj, col->member), col->sub, s);
		break;
	case SHEET_BOOL: {
		int b;
		if (xlsx_parse_yes_no(trimmed(im, s), &b) != 0)
			sheet_cell_problem(im, id, c->row, col->name, "kies ja of nee (of laat de cel leeg)");
		else
			cJSON_AddBoolToObject(obj, col->member, b);
		break;
	}
	case SHEET_CHOICE: {
		const char *v = trimmed(im, s);
		size_t k = 0;
		while (col->choices[k] && strcmp(col->choices[k], v) != 0)
			k++;
		if (!col->choices[k]) {
			char list[200] = "";
			for (size_t j = 0; col->choices[j]; j++)
				snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", j ? ", " : "",
					 col->choices[j]);
			sheet_cell_problem(im, id, c->row, col->name, arena_printf(&im->a, "kies een van: %s", list));
		} else if (col->member) {
			cJSON_AddStringToObject(obj, col->member, v);
		} else {
			*ref = col->choices[k];
		}
		break;
	}
	case SHEET_TAGS: {
		cJSON *arr = cJSON_AddArrayToObject(obj, col->member);
		char *copy = arena_strdup(&im->a, s);
		for (char *p = copy; *p;) {
			size_t n = strcspn(p, ",; \t\r\n");
			if (n)
				cJSON_AddItemToArray(arr, cJSON_CreateString(arena_strndup(&im->a, p, n)));
			p += n;
			p += strspn(p, ",; \t\r\n");
		}
		break;
	}
	default:
		break;
	}
}

/* Text objects with one language only get the other as "", so the validator
 * names the empty cell; an optional text with neither is dropped. */
void sheet_complete_texts(cJSON *obj, const struct sheet_def *def)
{
	for (size_t c = 0; c < def->n_columns; c++) {
		const struct sheet_column *col = &def->columns[c];
		if (col->kind != SHEET_TEXT)
			continue;
		cJSON *t = col->member ? cJSON_GetObjectItemCaseSensitive(obj, col->member) : obj;
		if (t && !cJSON_GetObjectItemCaseSensitive(t, col->sub))
			cJSON_AddStringToObject(t, col->sub, "");
	}
}
