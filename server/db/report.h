/* report.h: SQL of the personal PDF report — what the report shows besides the
 * scores (association, versions) and the frozen final reports (table
 * `reports`, migrations/0040_reports.sql).
 *
 * Callers scope by organisation before calling (scanview_load does): these
 * functions take a scan id already known to be the caller's. */
#ifndef FPHC_DB_REPORT_H
#define FPHC_DB_REPORT_H

#include <stddef.h>
#include <time.h>

#include "common/arena.h"
#include "server/db/db.h"

/* What a report needs of a scan beyond scanview; strings in the arena. */
struct report_facts {
	const char *lang;                  /* scans.lang: "nl" or "en" */
	const char *org_name, *contact_email;
	int retention_years;
	int owner_report_download;
	int share_research;
	const char *research_org_name;     /* "" when not shared */
	const char *advisor_name, *advisor_email; /* "" when none */
	const char *questionnaire_version; /* e.g. "fphc-1" */
	const char *engine_version;        /* results.engine_version, "" when none */
	const unsigned char *logo_png;     /* NULL when none */
	size_t logo_len;
};

/* The association of a submitted scan: its id, 0 when there is no such
 * submitted scan, -1 on error. For the command line, which has no session. */
long long db_report_scan_org(struct db *db, long long scan_id);

/* 1 found, 0 not, -1 error. */
int db_report_facts(struct db *db, struct arena *a, long long scan_id, struct report_facts *out);

/* Stores pdf as the next version of scan_id's final report. Call it inside the
 * caller's transaction (the one that moves the scan to "final"), so both happen
 * or neither. created is the PDF's creation date; refresh_id 0 means none;
 * text_revision is the questionnaire text revision the report's texts came from.
 * Sets *version. 0 or -1 (db->err). */
int db_report_insert(struct db *db, long long scan_id, const void *pdf, size_t len, const char *sha256,
		     long long user_id, time_t created, long long refresh_id, int text_revision, int *version);

/* A stored final version of a scan's report, without the PDF. */
struct report_version {
	int version;
	const char *sha256;       /* hex */
	const char *created;      /* YYYY-MM-DD HH24:MI, local time */
	const char *creator;      /* name (or e-mail), "" when unknown */
	long long size;           /* bytes */
	long long refresh_id;     /* the benchmark refresh it used, 0 = none */
};
/* Stored versions, newest first, into *out (arena). Row count, or -1 on error. */
int db_report_list(struct db *db, struct arena *a, long long scan_id, struct report_version **out);

struct stored_report {
	int version;
	unsigned char *pdf;     /* in the arena */
	size_t len;
	const char *sha256;
	time_t created;
	const char *company;    /* the company's name ("" once erased) */
	const char *day;        /* the day it was made, YYYY-MM-DD in the installation's time zone */
};

/* A stored version (version 0: the newest). 1 found, 0 not, -1 error. */
int db_report_get(struct db *db, struct arena *a, long long scan_id, int version, struct stored_report *out);

/* 1 when the owner may download a final report of the scan from their link (the
 * association allows it and a final version exists), 0 when not, -1 on error. */
int db_report_owner_available(struct db *db, long long scan_id);

#endif
