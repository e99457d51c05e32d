/* fuzz_answers.c: libFuzzer target for answer validation against questionnaires/fphc-1.json, then scoring. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cJSON.h>

#include "scoring/answers.h"
#include "scoring/questionnaire.h"
#include "scoring/score.h"
#include "common/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct questionnaire *q;

/* Loaded once; FPHC_QUESTIONNAIRE overrides the path (run from the repository root). */
static struct questionnaire *questionnaire(void)
{
	if (!q) {
		const char *path = getenv("FPHC_QUESTIONNAIRE");
		q = questionnaire_load_file(path ? path : "questionnaires/fphc-1.json", NULL);
		if (!q) {
			fprintf(stderr, "fuzz_answers: cannot load the questionnaire\n");
			abort();
		}
	}
	return q;
}

static void check_range(double v, int valid)
{
	if (valid && !(v >= 0 && v <= 100))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct problems problems = PROBLEMS_INIT;
	struct answer_set *set = answers_parse_text(questionnaire(), (const char *)data, size, &problems);
	if (set) {
		struct score_result *r = score_compute(q, set);
		for (size_t t = 0; t < q->n_themes; t++)
			check_range(r->themes[t].score, r->themes[t].valid);
		check_range(r->overall.score, r->overall.valid);
		cJSON *j = score_result_to_json(r);
		cJSON_Delete(j);
		score_result_free(r);
	} else if (problems_count(&problems) == 0) {
		__builtin_trap();
	}
	answer_set_free(set);
	problems_release(&problems);
	return 0;
}
