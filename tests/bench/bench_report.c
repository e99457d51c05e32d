/* bench_report.c: median time to render the complete demo report in-process
 * (fonts embedded, no database), and its size. Target: <= 10 ms, <= 150 KB. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "common/arena.h"
#include "common/buf.h"
#include "reports/report.h"
#include "common/banned.h"

#define RUNS 41

static double now_ms(clockid_t clock)
{
	struct timespec t;
	clock_gettime(clock, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int bench(const char *name, int brief)
{
	struct arena a = ARENA_INIT;
	struct report r = {.lang = "nl"};
	struct buf out;
	double ms[RUNS], cpu[RUNS];
	char err[256];
	report_demo_fill(&r, REPORT_DEMO_FULL, &a);
	buf_init(&out, 0);
	for (int i = 0; i < RUNS; i++) {
		buf_reset(&out);
		double t0 = now_ms(CLOCK_MONOTONIC), c0 = now_ms(CLOCK_THREAD_CPUTIME_ID);
		int rc = brief ? report_render_brief(&r, &out, err, sizeof err) :
				 report_render(&r, &out, err, sizeof err);
		ms[i] = now_ms(CLOCK_MONOTONIC) - t0;
		cpu[i] = now_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
		if (rc != 0) {
			fprintf(stderr, "bench_report: %s\n", err);
			return 1;
		}
	}
	qsort(ms, RUNS, sizeof ms[0], by_value);
	qsort(cpu, RUNS, sizeof cpu[0], by_value);
	/* CPU time shows the cost when other jobs share the core. */
	printf("%-14s median %6.2f ms (cpu %6.2f ms)  min %6.2f ms  max %6.2f ms  "
	       "size %zu bytes (%d runs)\n", name, ms[RUNS / 2], cpu[RUNS / 2], ms[0],
	       ms[RUNS - 1], out.len, RUNS);
	buf_release(&out);
	arena_release(&a);
	return 0;
}

int main(void)
{
	return bench("report (demo)", 0) || bench("brief (demo)", 1);
}
