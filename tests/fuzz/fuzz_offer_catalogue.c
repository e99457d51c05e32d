/* fuzz_offer_catalogue.c: libFuzzer target for the offer catalogue upload (issue 19.7): any bytes
 * up to the upload limit through the CSV reader (common/csv_read.c) or, with a zip signature,
 * the .xlsx reader, then the row checks. A refusal must say why; what the reader accepts must
 * pass the offer rules again when read back from its JSON (what a confirmation stores). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/csv.h"
#include "server/app/offer_catalogue.h"
#include "common/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > XLSX_MAX_FILE_BYTES)
		return 0;
	struct xlsx_book book = XLSX_BOOK_INIT;
	char err[256];
	if (csv_read(data, size, "aanbod", &book, err, sizeof err) != 0 && !err[0])
		__builtin_trap(); /* refused without saying why */
	size_t cells = book.n_sheets ? book.sheets[0].n_cells : 0;
	if (cells > XLSX_MAX_CELLS)
		__builtin_trap();
	xlsx_book_release(&book);

	struct offer_catalogue cat = OFFER_CATALOGUE_INIT;
	struct problems problems = PROBLEMS_INIT;
	int rc = offer_catalogue_read(data, size, &cat, &problems);
	if (rc != 0 && problems_count(&problems) == 0)
		__builtin_trap();
	if (rc == 0) {
		struct offer_catalogue_diff diff;
		if (offer_catalogue_compare(&cat, NULL, 0, &diff, &problems) != 0 && cat.n)
			; /* duplicates are found by the read; an id names no stored offer here */
		offer_catalogue_diff_release(&diff);
		char *json = offer_catalogue_to_json(&cat);
		struct offer_catalogue back = OFFER_CATALOGUE_INIT;
		int ids = 0;
		for (size_t i = 0; i < cat.n; i++)
			ids |= cat.offers[i].id != 0;
		if (offer_catalogue_from_json(json, &back) != 0 || back.n != cat.n)
			__builtin_trap(); /* an accepted row must pass the rules again */
		(void)ids;
		offer_catalogue_release(&back);
		free(json);
	}
	problems_release(&problems);
	offer_catalogue_release(&cat);
	return 0;
}
