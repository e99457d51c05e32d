/* xlsx_cell.c: one cell of a workbook read the way every import reads it; see xlsx.h. */
#include <strings.h>

#include "common/number_nl.h"
#include "common/xlsx.h"
#include "common/banned.h"

const char *xlsx_cell_value(const struct xlsx_cell *c, int comma, char num[32], const char **problem)
{
	if (c->formula) {
		*problem = "gebruik geen formule; typ de waarde zelf in";
		return NULL;
	}
	switch (c->type) {
	case XLSX_TEXT:
		return c->text;
	case XLSX_NUMBER:
		if (c->date) {
			*problem = "dit is een datum; zet de celopmaak op Standaard en typ de waarde opnieuw";
			return NULL;
		}
		return number_nl_format(c->number, comma, num);
	case XLSX_BOOL:
		return c->number != 0 ? "ja" : "nee";
	case XLSX_ERROR:
	default:
		*problem = "de cel geeft een foutwaarde; typ een waarde";
		return NULL;
	}
}

int xlsx_parse_yes_no(const char *s, int *out)
{
	static const char *const yes[] = {"ja", "true", "waar", "yes", "1", NULL};
	static const char *const no[] = {"nee", "false", "onwaar", "no", "0", NULL};
	for (size_t i = 0; yes[i]; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return *out = 1, 0;
		if (strcasecmp(s, no[i]) == 0)
			return *out = 0, 0;
	}
	return -1;
}
