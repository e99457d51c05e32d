/* cmd_score.c: `fphc score --questionnaire FILE --answers FILE` — scores one answer set, prints the result JSON. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "cli/commands.h"
#include "scoring/answers.h"
#include "scoring/questionnaire.h"
#include "scoring/score.h"
#include "common/buf.h"
#include "common/banned.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: fphc score --questionnaire FILE --answers FILE\n\n"
		   "Validates an answer set ({\"answers\": {...}}) against a questionnaire and prints\n"
		   "the full score result as JSON (shape: scoring/README.md).\n"
		   "Exit status: 0 scored, 1 invalid questionnaire or answers (problems listed), 2 bad usage.\n");
}

/* Reads a whole file into b (capped at max bytes). */
static int slurp(const char *path, size_t max, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "fphc score: cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(b, chunk, n) != 0)
			break;
	int err = ferror(f) || b->toobig || b->len > max;
	fclose(f);
	if (err)
		fprintf(stderr, "fphc score: cannot read %s (or larger than %zu bytes)\n", path, max);
	return err ? -1 : 0;
}

static void print_problems(const char *file, const struct problems *p)
{
	for (size_t i = 0; i < p->n; i++)
		fprintf(stderr, "%s: %s: %s\n", file, p->items[i].path[0] ? p->items[i].path : "(top)",
			p->items[i].message);
	if (p->dropped)
		fprintf(stderr, "%s: ... and %zu more\n", file, p->dropped);
}

static int score_files(const char *qfile, const char *afile)
{
	struct problems problems = PROBLEMS_INIT;
	struct buf text = BUF_INIT;
	struct answer_set *answers = NULL;
	int status = 1;
	buf_init(&text, ANSWERS_MAX_BYTES + 1);
	struct questionnaire *q = questionnaire_load_file(qfile, &problems);
	if (!q) {
		print_problems(qfile, &problems);
		goto cleanup;
	}
	if (slurp(afile, ANSWERS_MAX_BYTES, &text) != 0)
		goto cleanup;
	answers = answers_parse_text(q, text.data, text.len, &problems);
	if (!answers) {
		print_problems(afile, &problems);
		goto cleanup;
	}
	struct score_result *r = score_compute(q, answers);
	cJSON *json = score_result_to_json(r);
	char *out = cJSON_Print(json);
	if (!out)
		abort();
	printf("%s\n", out);
	free(out);
	cJSON_Delete(json);
	score_result_free(r);
	status = 0;
cleanup:
	answer_set_free(answers);
	questionnaire_free(q);
	buf_release(&text);
	problems_release(&problems);
	return status;
}

int cmd_score(int argc, char **argv)
{
	static const struct option opts[] = {
		{"questionnaire", required_argument, NULL, 'q'},
		{"answers", required_argument, NULL, 'a'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *qfile = NULL, *afile = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "q:a:h", opts, NULL)) != -1) {
		switch (c) {
		case 'q':
			qfile = optarg;
			break;
		case 'a':
			afile = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (!qfile || !afile || optind != argc) {
		usage(stderr);
		return 2;
	}
	return score_files(qfile, afile);
}
