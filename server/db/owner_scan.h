/* owner_scan.h: a scan as its owner sees it through the invitation link, and the
 * owner's actions on it (consent, profile, language, submission).
 *
 * Every function here takes the scan id that db_scan_by_token() returned; the
 * token itself is never stored (only its sha256, see invitation.h). */
#ifndef FPHC_DB_OWNER_SCAN_H
#define FPHC_DB_OWNER_SCAN_H

#include "server/db/db.h"
#include "common/arena.h"
#include "scoring/questionnaire.h"

/* What the respondent pages need of one scan, its association and its company.
 * Strings live in the arena passed to db_scan_by_token(). */
struct owner_scan {
	long long id;
	long long questionnaire_id;
	const char *status;          /* invited, started, submitted, … */
	const char *lang;            /* "nl" or "en" */
	int consent;                 /* consent given */
	int last_page;               /* 0 profile, 1..n pillars, n+1 review */
	const char *sector;          /* "" when unknown */
	const char *fte;             /* numeric text, "" when unknown */
	const char *employees;
	const char *municipality;
	const char *company_name;
	const char *org_slug;
	const char *org_name;
	const char *research_name;   /* "" when the association has no research group */
	int show_first_impression;
	int share_research;          /* the research group receives pseudonymised answers */
	const char *answers_json;    /* {"item": value, …} when asked for, else NULL */
};

/* Finds the scan of a live invitation token (not revoked, not expired, company
 * not erased). With with_answers, also its answers as one JSON object text.
 * One round trip. Returns 1 found, 0 not found (callers must not tell unknown,
 * expired and revoked apart), -1 on a database error. */
int db_scan_by_token(struct db *db, const char *token, int with_answers, struct arena *a,
		     struct owner_scan *out);

/* Records consent (time now, text version) and starts the scan: invited →
 * started. Returns 1 done (or already given), 0 when the scan is no longer
 * open (submitted), -1 on error. */
int db_scan_consent(struct db *db, long long scan_id, const char *consent_version);

/* Saves the owner's company profile on the scan and moves last_page to `next_page`.
 * fte and employees are numeric text; municipality may be "". Returns 1 saved,
 * 0 when the scan is not open for changes, -1 on error. */
int db_scan_profile_save(struct db *db, long long scan_id, const char *sector, const char *fte,
			 const char *employees, const char *municipality, int next_page);

/* Remembers the page the owner is on (for resuming). 0 or -1. */
int db_scan_set_last_page(struct db *db, long long scan_id, int page);
/* Remembers the language of the scan. 0 or -1. */
int db_scan_set_lang(struct db *db, long long scan_id, const char *lang);

/* For the submit (server/app/scan_submit.c), inside its transaction: locks the
 * scan row (FOR UPDATE) and copies its status (1, 0 unknown, -1 error); the
 * stored answers as {"answers": {...}} (malloc'd, NULL on error); marks the scan
 * submitted and its company active (0 or -1). */
int db_scan_lock_for_submit(struct db *db, long long scan_id, char *status, size_t statuslen);
char *db_scan_answers_json(struct db *db, long long scan_id);
int db_scan_mark_submitted(struct db *db, long long scan_id);

/* The stored pillar scores of a submitted scan, in questionnaire order:
 * scores[i] (NAN when not valid), at most n. Returns the number filled, or -1. */
int db_scan_pillar_scores(struct db *db, long long scan_id, const struct questionnaire *q,
			  double *scores, int n);

/* The installation's secret `key` (e.g. "csrf_secret") into out (at most cap
 * bytes). Returns its length, or -1 when missing or on error. */
int db_installation_secret(struct db *db, const char *key, unsigned char *out, int cap);

/* The association's privacy facts for /privacy/SLUG. Strings in arena; returns
 * 1 found, 0 not, -1 on error. */
struct org_privacy {
	const char *name;
	const char *region;
	const char *privacy_contact;
	const char *contact_email;
	const char *research_name;
	int retention_years;
	int share_research;
	int share_open_text;        /* open-text answers go to the research group too */
	int keep_anonymous_scores;  /* erasure keeps scores as anonymous benchmark contributions */
	int erase_company_names;    /* erasure replaces the company's name and KvK number */
};
int db_org_privacy(struct db *db, const char *slug, struct arena *a, struct org_privacy *out);

#endif
