/* scan_workflow.c: status order and transition rules; see scan_workflow.h. */
#include <string.h>

#include "common/crypto.h"
#include "server/app/config.h"
#include "server/app/report_build.h"
#include "server/app/scan_workflow.h"
#include "server/db/report.h"
#include "server/db/report_link.h"
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

/* Renders the final PDF; without a live report link it makes a new token
 * (stored by scan_on_final) and prints its link on the cover. */
static int render_final(struct arena *a, struct report *r, int live, const char *link_prefix,
			struct scan_final *f, char *err, size_t errlen)
{
	_Static_assert(sizeof(f->web_token) >= TOKEN_TEXT_LEN + 1, "web_token holds a token");
	if (!live) {
		crypto_token_new(f->web_token);
		r->web_url = arena_printf(a, "%s%s", link_prefix, f->web_token);
	}
	return report_render(r, &f->pdf, err, errlen);
}

int scan_final_prepare(struct db *db, long long scan_id, long long org_id, long long user_id,
		       const char *link_prefix, struct scan_final *f, char *err, size_t errlen)
{
	memset(f, 0, sizeof(*f));
	buf_init(&f->pdf, 64u * 1024 * 1024);
	f->scan_id = scan_id;
	f->user_id = user_id;
	f->created = time(NULL);
	struct arena a = ARENA_INIT;
	struct scanview_scope scope = {.org_id = org_id, .benchmark_k = config.benchmark_k};
	struct report_build_opts o = {.lang = NULL, .draft = 0, .created = f->created};
	struct report r;
	struct report_build_info info;
	int rc = 0;
	enum scanview_status st = report_build(db, &a, scan_id, &scope, &o, &r, &info);
	int live = st == SCANVIEW_OK ? db_report_link_live(db, scan_id) : 0;
	if (live < 0) {
		rc = -1;
		snprintf(err, errlen, "%s", db->err);
	} else if (st != SCANVIEW_OK) {
		rc = st == SCANVIEW_NOT_FOUND ? 1 : -1;
		snprintf(err, errlen, "%s", st == SCANVIEW_NOT_FOUND ? "scan not found" : db->err);
	} else if (render_final(&a, &r, live, link_prefix, f, err, errlen) != 0) {
		rc = -1;
	} else {
		crypto_sha256_hex(f->pdf.data, f->pdf.len, f->sha256);
		f->benchmark_refresh_id = info.benchmark_refresh_id;
		f->text_revision = info.text_revision;
	}
	arena_release(&a);
	return rc;
}

int scan_on_final(struct db *db, void *arg)
{
	struct scan_final *f = arg;
	if (f->web_token[0]) {
		int made = 0;
		if (db_report_link_create(db, f->scan_id, f->web_token, &made) != 0)
			return -1;
		if (!made) {  /* another finalize made a link meanwhile: this PDF would print a dead one */
			snprintf(db->err, sizeof(db->err), "report link made meanwhile; try again");
			return -1;
		}
	}
	return db_report_insert(db, f->scan_id, f->pdf.data, f->pdf.len, f->sha256, f->user_id, f->created,
				f->benchmark_refresh_id, f->text_revision, &f->version);
}

void scan_final_release(struct scan_final *f)
{
	if (f)
		buf_release(&f->pdf);
}
