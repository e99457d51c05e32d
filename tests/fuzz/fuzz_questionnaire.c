/* fuzz_questionnaire.c: libFuzzer target for the definition loader (parse, validate, build, look up). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "scoring/answers.h"
#include "scoring/questionnaire.h"
#include "scoring/score.h"
#include "common/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct problems problems = PROBLEMS_INIT;
	struct questionnaire *q = questionnaire_parse((const char *)data, size, &problems);
	if (q) {
		/* A definition that loads must be usable: every item findable, and an
		 * empty answer set scores without tripping anything. */
		for (size_t i = 0; i < q->n_items; i++)
			if (questionnaire_item_find(q, q->items[i]->key) != q->items[i])
				__builtin_trap();
		struct answer_set *set = answer_set_new(q);
		struct score_result *r = score_compute(q, set);
		score_result_free(r);
		answer_set_free(set);
	} else if (problems_count(&problems) == 0) {
		__builtin_trap(); /* refused without saying why */
	}
	questionnaire_free(q);
	problems_release(&problems);
	return 0;
}
