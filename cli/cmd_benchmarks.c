/* cmd_benchmarks.c: `fphc benchmarks refresh` and `fphc aggregates refresh`. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/commands.h"
#include "cli/cli_config.h"
#include "server/app/aggregates_refresh.h"
#include "server/app/benchmark_refresh.h"
#include "common/banned.h"

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int refresh(int argc, char **argv, const char *name, const char *usage,
		   int (*fn)(struct db *, long long *))
{
	if (argc < 2 || strcmp(argv[1], "refresh") != 0) {
		if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
			fputs(usage, stdout);
			return 0;
		}
		fputs(usage, stderr);
		return 2;
	}
	if (cli_config(argc - 1, argv + 1, name, usage) != 0)
		return cli_config_status();
	struct db *db = cli_db_open();
	if (!db)
		return 1;
	double t0 = now_s();
	long long id = 0;
	int rc = fn(db, &id);
	if (rc != 0)
		fprintf(stderr, "fphc %s refresh: %s\n", name, db->err);
	else
		printf("fphc %s refresh: snapshot %lld in %.2f s\n", name, id, now_s() - t0);
	db_free(db);
	return rc ? 1 : 0;
}

int cmd_benchmarks(int argc, char **argv)
{
	return refresh(argc, argv, "benchmarks",
		       "usage: fphc benchmarks refresh\n"
		       "Recomputes the peer statistics (per questionnaire version, sector / size class / all,\n"
		       "overall, pillar and theme score) that scan pages and reports show.\n",
		       benchmarks_refresh);
}

int cmd_aggregates(int argc, char **argv)
{
	return refresh(argc, argv, "aggregates",
		       "usage: fphc aggregates refresh\n"
		       "Recomputes the research aggregates (per research group: scores by sector, size class,\n"
		       "region and quarter) that /research/aggregates shows.\n",
		       aggregates_refresh);
}
