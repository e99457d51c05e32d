/* protection.h: data protection in SQL — everything held about one company as
 * JSON (access and portability), erasure under the association's policy, owners'
 * erasure requests, and the retention purge (`fphc purge`).
 *
 * The tables that hold personal data, and what erasure does to each, are listed
 * in docs/privacy.md §3; keep that list and db_company_erase() in step. */
#ifndef FPHC_DB_PROTECTION_H
#define FPHC_DB_PROTECTION_H

#include <stdio.h>
#include "common/arena.h"
#include "server/db/account.h"
#include "server/db/db.h"

/* All data held about company_id and its scans as one JSON document (UTF-8
 * text, malloc'ed: the caller frees it). org_id 0 means "any association" (the
 * owner's own link already proved which company); otherwise a company of
 * another association is not found. Returns 1 with *out set, 0 when not found,
 * -1 on error. */
int db_company_data_json(struct db *db, long long org_id, long long company_id, char **out);

/* The company of a scan (any association); 0 when none, -1 on error. */
long long db_company_of_scan(struct db *db, long long scan_id);

/* What an erasure removed (row counts). */
struct erase_report {
	long long scans_deleted;       /* scans removed with everything under them */
	long long scans_kept;          /* submitted scans kept as anonymous scores */
	long long answers_deleted;     /* answers removed from kept scans (open text) */
	long long notes_deleted;       /* advice, offers, assessments, meetings, actions, history */
	long long invitations_deleted;
	long long requests_deleted;    /* take-part requests of the company */
};

/* Who erases: a user (user_id > 0) or the retention purge (user_id 0). */
struct erase_actor {
	long long user_id;
	const char *actor;             /* e-mail of the user, or "fphc purge" */
	const char *ip;                /* "" for the command line */
	const char *reason;            /* "admin", "owner_request" or "retention" */
};

/* Erases company_id of org_id in one transaction, following the association's
 * policy (organisations.keep_anonymous_scores, erase_company_names): contact
 * data, open text, advice, meetings, actions, invitations and take-part
 * requests are always deleted; submitted scans' scores and closed answers are
 * kept without any link to a name only when keep_anonymous_scores is on, else
 * the scans go too. The company row stays as an empty tombstone (erased_at) so
 * that kept scans and the audit log still point somewhere. Pending erasure
 * requests are marked done, and one audit entry "company_erased" records the
 * counts (never names). Returns 1 erased, 0 when the company is not the
 * association's or was erased before, -1 on error (nothing changed). When
 * `own_tx` is 0 the caller holds the transaction (the purge's dry run). */
int db_company_erase(struct db *db, long long org_id, long long company_id, const struct erase_actor *who,
		     int own_tx, struct erase_report *out);

/* Records an owner's erasure request made through scan_id's link. Returns 1 new,
 * 2 when one is already pending, -1 on error. Audited as "erasure_requested". */
int db_erasure_request(struct db *db, long long scan_id, const char *ip);

/* A company owner's pending request to erase the company's data. */
struct erasure_request_row {
	long long id, company_id;
	const char *company;      /* the company's name */
	const char *requested;    /* DD-MM-YYYY */
};
/* Pending erasure requests of an association, oldest first, into *out (arena).
 * Row count, or -1 on error. */
int db_erasure_pending(struct db *db, struct arena *a, long long org_id, struct erasure_request_row **out);
/* The pending request of one company: requested (DD-MM-YYYY) or "" in *when
 * (16 bytes). 1 pending, 0 none, -1 error. */
int db_erasure_pending_for(struct db *db, long long org_id, long long company_id, char when[16]);

/* An audit entry for something the owner did through the link of scan_id
 * (actor "owner", the scan's association). 0 or -1. */
int db_audit_owner(struct db *db, long long scan_id, const char *action, const char *ip);

/* The association's erasure policy and retention. 0 or -1. */
struct erasure_policy {
	int keep_anonymous_scores;
	int erase_company_names;
	int retention_years;
};
int db_erasure_policy_get(struct db *db, long long org_id, struct erasure_policy *out);
int db_erasure_policy_set(struct db *db, long long org_id, int keep_anonymous_scores, int erase_company_names);

/* Filters of the audit-log browser; "" means any. */
struct audit_filter {
	const char *user_id;   /* decimal id */
	const char *action;
	const char *from;      /* YYYY-MM-DD, inclusive */
	const char *to;        /* YYYY-MM-DD, inclusive */
};
/* One entry of the audit log. */
struct audit_entry {
	long long id;
	const char *at;           /* DD-MM-YYYY HH24:MI:SS, local time */
	const char *who;          /* user name, else e-mail, else actor ("owner"), else "" */
	const char *action, *object_type;
	const char *object_id;    /* decimal text, "" when none */
	const char *detail;       /* JSON text */
	const char *ip;           /* "" when unknown */
};
/* Audit entries of an association (its own, and those of its users without an
 * association, like failed logins), newest first, one page into *out (arena),
 * and in *total how many match in all (0 when the page is empty). Row count, or
 * -1 on error. */
int db_audit_page(struct db *db, struct arena *a, long long org_id, const struct audit_filter *f, int offset,
		  int limit, struct audit_entry **out, long long *total);
/* The actions that occur in an association's audit log, sorted, into *out
 * (arena). Count, or -1 on error. */
int db_audit_actions(struct db *db, struct arena *a, long long org_id, const char ***out);
/* Every user of the association (disabled ones too), by name, into *out (arena).
 * Row count, or -1 on error. */
int db_audit_users(struct db *db, struct arena *a, long long org_id, struct user_option **out);

/* fphc purge: in one transaction, erases every company whose last activity is
 * older than its association's retention period, and deletes expired sessions,
 * used or expired password links, invitations that expired or were revoked over
 * 30 days ago, take-part requests not accepted within a year, rate-limit rows
 * older than a day, and — when run as the owner role — audit entries older than
 * the retention period. Prints one line per step on `out`. With dry_run the
 * transaction is rolled back, so the figures are exact and nothing changes.
 * Returns 0, or -1 on error (printed, nothing changed). */
int db_purge(struct db *db, int dry_run, FILE *out);

#endif
