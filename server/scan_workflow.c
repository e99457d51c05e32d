/* scan_workflow.c: status order and transition rules; see scan_workflow.h. */
#include <string.h>

#include "server/scan_workflow.h"
#include "common/banned.h"

static const char *const order[] = {"submitted", "advice", "final", "meeting_held", "closed"};
#define N_ORDER ((int)(sizeof(order) / sizeof(order[0])))

int scan_status_rank(const char *status)
{
	for (int i = 0; status && i < N_ORDER; i++)
		if (strcmp(order[i], status) == 0)
			return i;
	return -1;
}

const char *scan_status_next(const char *status)
{
	int i = scan_status_rank(status);
	return i >= 0 && i + 1 < N_ORDER ? order[i + 1] : NULL;
}

int scan_status_forward_ok(const char *from, const char *to)
{
	int a = scan_status_rank(from), b = scan_status_rank(to);
	return a >= 0 && b == a + 1;
}

int scan_status_reopen_ok(const char *from, const char *to)
{
	int a = scan_status_rank(from), b = scan_status_rank(to);
	return a >= 0 && b >= 0 && b < a;
}

void scan_on_final(struct req *r, long long scan_id)
{
	(void)r;
	(void)scan_id;
}
