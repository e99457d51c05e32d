/* bench_scoring.c: times scoring one complete scan and the peer statistics of a scan (make bench; not a test).
 *
 * Prints one line per figure with its target:
 *   score_compute   median ns per complete fphc-1 scan (target <= 2000 ns)
 *   answers_parse   median ns to validate one complete answer set from JSON text (information)
 *   peer_stats      median ms for every score of one scan (overall, pillars, themes) over
 *                   100,000 peer scans (target <= 20 ms)
 * Run from the repository root. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cJSON.h>

#include "scoring/answers.h"
#include "scoring/peer.h"
#include "scoring/questionnaire.h"
#include "scoring/score.h"
#include "common/banned.h"

#define SETS 64
#define BATCH 10000
#define ROUNDS 51
#define PEERS 100000
#define PEER_ROUNDS 21

static uint64_t rng = 88172645463325252ULL;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return v[n / 2];
}

/* A complete answer set (every item answered) as JSON text. */
static char *complete_answers(const struct questionnaire *q)
{
	cJSON *root = cJSON_CreateObject(), *a = cJSON_AddObjectToObject(root, "answers");
	for (size_t i = 0; i < q->n_items; i++) {
		const struct item *it = q->items[i];
		cJSON *v = NULL;
		switch (it->type) {
		case ITEM_LIKERT5:
			v = cJSON_CreateNumber((double)(1 + next() % 5));
			break;
		case ITEM_CHOICE:
			v = cJSON_CreateString(it->options[next() % it->n_options].key);
			break;
		case ITEM_MULTI:
			v = cJSON_CreateArray();
			for (size_t o = 0; o < it->n_options; o++)
				if (next() % 2)
					cJSON_AddItemToArray(v, cJSON_CreateString(it->options[o].key));
			break;
		case ITEM_NUMBER:
			v = cJSON_CreateNumber((double)(next() % 100));
			break;
		case ITEM_YESNO:
			v = cJSON_CreateBool(next() % 2);
			break;
		case ITEM_TEXT:
			v = cJSON_CreateString("Vakmensen vinden en houden");
			break;
		}
		cJSON_AddItemToObject(a, it->key, v);
	}
	char *text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	return text;
}

static double sink;

static void bench_score(const struct questionnaire *q, struct answer_set **sets)
{
	double t[ROUNDS];
	for (int r = 0; r < ROUNDS; r++) {
		double start = now_ns();
		for (int i = 0; i < BATCH; i++) {
			struct score_result *res = score_compute(q, sets[i % SETS]);
			sink += res->overall.score;
			score_result_free(res);
		}
		t[r] = (now_ns() - start) / BATCH;
	}
	printf("score_compute: median %.0f ns per complete scan (%zu scored items; target <= 2000 ns)\n",
	       median(t, ROUNDS), q->n_scored);
}

static void bench_parse(const struct questionnaire *q, char **texts)
{
	double t[ROUNDS];
	for (int r = 0; r < ROUNDS; r++) {
		double start = now_ns();
		for (int i = 0; i < BATCH / 10; i++) {
			const char *s = texts[i % SETS];
			struct answer_set *set = answers_parse_text(q, s, strlen(s), NULL);
			answer_set_free(set);
		}
		t[r] = (now_ns() - start) / (BATCH / 10);
	}
	printf("answers_parse: median %.0f ns to validate one complete answer set from JSON (information)\n",
	       median(t, ROUNDS));
}

static void bench_peers(const struct questionnaire *q)
{
	size_t n_scores = 1 + q->n_pillars + q->n_themes;
	double *peers = malloc(n_scores * PEERS * sizeof(double));
	double *scratch = malloc(PEERS * sizeof(double));
	if (!peers || !scratch)
		abort();
	/* Discrete values as real scores are (many ties), in [0, 100]. */
	for (size_t i = 0; i < n_scores * PEERS; i++)
		peers[i] = (double)(next() % 97) * 100.0 / 96.0;
	double t[PEER_ROUNDS];
	for (int r = 0; r < PEER_ROUNDS; r++) {
		double start = now_ns();
		for (size_t s = 0; s < n_scores; s++) {
			struct peer_stats st;
			peer_stats_compute(peers + s * PEERS, PEERS, 55.0, scratch, &st);
			sink += st.median;
		}
		t[r] = (now_ns() - start) / 1e6;
	}
	printf("peer_stats: median %.2f ms for all %zu scores of a scan over %d peers (target <= 20 ms)\n",
	       median(t, PEER_ROUNDS), n_scores, PEERS);
	free(peers);
	free(scratch);
}

int main(void)
{
	struct problems problems = PROBLEMS_INIT;
	struct questionnaire *q = questionnaire_load_file("questionnaires/fphc-1.json", &problems);
	if (!q) {
		problems_print(&problems, stderr);
		return 1;
	}
	struct answer_set *sets[SETS];
	char *texts[SETS];
	for (int i = 0; i < SETS; i++) {
		texts[i] = complete_answers(q);
		sets[i] = answers_parse_text(q, texts[i], strlen(texts[i]), &problems);
		if (!sets[i]) {
			problems_print(&problems, stderr);
			return 1;
		}
	}
	bench_score(q, sets);
	bench_parse(q, texts);
	bench_peers(q);
	for (int i = 0; i < SETS; i++) {
		answer_set_free(sets[i]);
		free(texts[i]);
	}
	questionnaire_free(q);
	return sink == 42.4242 ? 2 : 0; /* keep the results alive */
}
