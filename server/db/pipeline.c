/* pipeline.c: SQL for the dashboard; see pipeline.h. Absent filters are passed as
 * SQL NULL, so one statement serves every combination and stays parameterised. */
#include <stdio.h>

#include "server/db/pipeline.h"
#include "common/banned.h"

#define STALE "((s.status = 'invited' AND s.created_at < now() - interval '14 days') OR" \
	      " (s.status = 'submitted' AND s.submitted_at < now() - interval '14 days'))"
#define FILTERS " s.org_id = $1 AND ($2::text IS NULL OR s.sector = $2) AND ($3::bigint IS NULL OR s.advisor_id = $3)" \
		" AND ($4::date IS NULL OR s.created_at >= $4::date) AND ($5::date IS NULL OR s.created_at < $5::date + 1)"

static const char *opt(const char *s)
{
	return s && *s ? s : NULL;
}

PGresult *db_pipeline_counts(struct db *db, long long org_id, const struct pipeline_filter *f)
{
	char org[24], adv[24];
	snprintf(org, sizeof(org), "%lld", org_id);
	snprintf(adv, sizeof(adv), "%lld", f->advisor_id);
	return db_q(db, "SELECT s.status, count(*), count(*) FILTER (WHERE " STALE ") FROM scans s WHERE" FILTERS
			" GROUP BY s.status", org, opt(f->sector), f->advisor_id ? adv : NULL, opt(f->from), opt(f->to));
}

PGresult *db_pipeline_list(struct db *db, long long org_id, const struct pipeline_filter *f, int offset, int limit)
{
	char org[24], adv[24], off[16], lim[16];
	snprintf(org, sizeof(org), "%lld", org_id);
	snprintf(adv, sizeof(adv), "%lld", f->advisor_id);
	snprintf(off, sizeof(off), "%d", offset);
	snprintf(lim, sizeof(lim), "%d", limit);
	return db_q(db,
		"SELECT s.id, s.status, c.id, c.name, coalesce(s.sector, c.sector), coalesce(nullif(u.name, ''), u.email, ''),"
		" to_char(s.created_at AT TIME ZONE 'Europe/Amsterdam', 'DD-MM-YYYY'),"
		" coalesce(to_char(s.submitted_at AT TIME ZONE 'Europe/Amsterdam', 'DD-MM-YYYY'), ''), " STALE
		" FROM scans s JOIN companies c ON c.id = s.company_id LEFT JOIN users u ON u.id = s.advisor_id"
		" WHERE" FILTERS " AND ($6::text IS NULL OR s.status = $6) AND (NOT $7::boolean OR " STALE ")"
		" ORDER BY s.created_at DESC, s.id DESC OFFSET $8 LIMIT $9",
		org, opt(f->sector), f->advisor_id ? adv : NULL, opt(f->from), opt(f->to), opt(f->status),
		f->stale_only ? "true" : "false", off, lim);
}

PGresult *db_pipeline_advisors(struct db *db, long long org_id)
{
	char org[24];
	snprintf(org, sizeof(org), "%lld", org_id);
	return db_q(db, "SELECT id, coalesce(nullif(name, ''), email) FROM users WHERE org_id = $1"
			" AND role IN ('admin', 'advisor') ORDER BY lower(coalesce(nullif(name, ''), email))", org);
}
