/* sector.h: the SBI (Standaard Bedrijfsindeling) sections A–U with Dutch and English
 * names — the one place the back office and the respondent pages take them from. */
#ifndef FPHC_SBI_H
#define FPHC_SBI_H

#include <cJSON.h>

#define SBI_COUNT 21

struct sbi_section {
	char letter;       /* 'A'..'U' */
	const char *nl;
	const char *en;
};

extern const struct sbi_section sbi_sections[SBI_COUNT];

/* The section for a one-letter code ("A".."U"), or NULL for anything else. */
const struct sbi_section *sbi_find(const char *code);
/* The name in lang ("en" or else Dutch) for a code; "" when unknown. */
const char *sbi_name(const char *code, const char *lang);
/* A new array of {code, name, selected} for a <select>; `selected` may be NULL.
 * The caller owns the result (add it to a context). */
cJSON *sbi_options(const char *lang, const char *selected);

#endif
