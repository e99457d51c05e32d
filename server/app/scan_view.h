/* scan_view.h: everything the scan page (and later the PDF report) shows about one
 * submitted scan, gathered into plain C structs.
 *
 * This is the seam between the stored data and the pages: the scores come from
 * the `scores` table, the "what would move your score" lists from the stored
 * result JSON (results.result, shape of scoring/README.md), titles, items, bands
 * and offer tags from the questionnaire model (server/app/questionnaire_registry.h), and the peer
 * statistics from db_benchmark_scan() (server/db/benchmark.h). Pages read only
 * this struct, so any of those sources can change behind it.
 *
 * Ownership: every pointer in a scan_view points into the arena given to
 * scanview_load() or into the shared questionnaire model; nothing is freed
 * separately. Scores are unrounded doubles; NAN where not valid. */
#ifndef FPHC_SCANVIEW_H
#define FPHC_SCANVIEW_H

#include <stddef.h>

#include "common/arena.h"
#include "scoring/questionnaire.h"
#include "server/db/benchmark.h"
#include "server/db/db.h"
#include "server/app/research_export.h"

/* One movable item of a theme: answering it at its best raises the theme by gain. */
struct sv_mover {
	const struct item *item;   /* NULL when the key is not in the questionnaire */
	const char *key;
	double gain;
};

/* One score (overall, a pillar or a theme) with what surrounds it. */
struct sv_score {
	const char *level;          /* "overall", "pillar", "theme" */
	const char *key;
	int present;                /* a row exists in `scores` */
	int valid;
	double score;               /* NAN when not valid */
	const char *band;           /* band key, or NULL */
	struct benchmark_stats peer; /* peer.available == 0: no benchmark */
	int has_previous;           /* the company's previous scan has this score valid */
	double previous;            /* NAN unless has_previous */
	struct sv_mover *movers;
	size_t n_movers;
};

struct sv_answer {
	const struct item *item;
	const char *json;           /* the stored JSON value; NULL when unanswered */
};

struct scan_view {
	long long scan_id, org_id, company_id, questionnaire_id;
	const char *status;         /* scans.status */
	const char *lang;
	const char *submitted_at;   /* YYYY-MM-DD */
	const char *advisor_name;   /* "" when none */
	/* The company: NULL for a pseudonymized view (research). */
	const char *company_name, *kvk, *contact_name, *email, *phone, *municipality;
	const char *pseudonym;      /* always set: as in research exports (scanview_pseudonym) */
	const char *sector;
	double fte;                 /* NAN when unknown */
	const struct questionnaire *q;
	struct sv_score overall;
	struct sv_score *pillars;   /* q->n_pillars, questionnaire order */
	struct sv_score *themes;    /* q->n_themes, by theme->index */
	struct sv_answer *answers;  /* q->n_items, by item->index */
	int open_text_hidden;       /* pseudonymized and the association does not share open answers */
	struct benchmark_group group; /* the peer group used for every score */
	long long previous_scan_id; /* 0 when none */
	const char *previous_date;  /* YYYY-MM-DD or NULL */
};

enum scanview_status { SCANVIEW_OK, SCANVIEW_NOT_FOUND, SCANVIEW_DB_ERROR };

/* Which scans a caller may see. */
struct scanview_scope {
	long long org_id;           /* the association; 0 for a researcher */
	long long research_org_id;  /* the research group (researchers); else 0 */
	int pseudonymize;           /* leave company name and contact data out */
	int benchmark_k;            /* minimum peers (config.benchmark_k) */
};

/* Loads scan_id as seen by `scope`. Scans not yet submitted, of another association,
 * or (research) of an association that does not share with this research group are
 * SCANVIEW_NOT_FOUND. */
enum scanview_status scanview_load(struct db *db, struct arena *a, long long scan_id,
				   const struct scanview_scope *scope, const char *lang,
				   struct scan_view *out);

/* The pseudonym of a company, the same as in research exports (research_pseudonym):
 * PSEUDONYM_LEN hex characters of HMAC-SHA256 of the company id. -1 on error. */
int scanview_pseudonym(struct db *db, long long company_id, char out[PSEUDONYM_LEN + 1]);

#endif
