/* fuzz_answer_body.c: libFuzzer target for the autosave endpoint's body, as
 * POST /s/TOKEN/answer takes it: UTF-8 check, JSON parse, then the item/value
 * shape and value validation (scan_answer_parse) against questionnaires/fphc-1.json. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "server/pages/respondent/respondent.h"
#include "scoring/answers.h"
#include "scoring/questionnaire.h"
#include "common/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct questionnaire *q;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!q) {
		q = questionnaire_load_file("questionnaires/fphc-1.json", NULL);
		if (!q)
			abort();
	}
	if (size > 16384 || !text_utf8_valid((const char *)data, size))
		return 0;
	cJSON *body = cJSON_ParseWithLength((const char *)data, size);
	const struct item *it;
	const cJSON *value;
	cJSON *owned;
	const char *problem, *path;
	if (scan_answer_parse(q, body, &it, &value, &owned, &problem, &path) == 0) {
		/* what is accepted must print, re-parse and pass again */
		if (!it || !value)
			abort();
		char *txt = cJSON_PrintUnformatted(value);
		cJSON *again = txt ? cJSON_Parse(txt) : NULL;
		if (!again || (!scan_value_is_empty(it, again) && answers_check_value(q, it->key, again, NULL) != 0))
			abort();
		cJSON_Delete(again);
		cJSON_free(txt);
	} else if (!problem) {
		abort();
	}
	cJSON_Delete(owned);
	cJSON_Delete(body);
	return 0;
}
