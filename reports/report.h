/* report.h: the view model of a personal scan report and the PDF renderers.
 *
 * The server (or the demo, reports/demo.c) fills a `struct report` from the
 * database; this module never reads the database and does not depend on the
 * scoring module: it only shows numbers that were computed elsewhere.
 *
 * Ownership: every pointer in the model is owned by the caller and must stay
 * valid during report_render(); the report never frees or changes anything.
 * An arena (common/arena.h) is the natural home for what the caller builds.
 * Strings are UTF-8 and NUL-terminated; a NULL or "" string means "absent" and
 * the part that would show it is left out or said plainly. Arrays are a
 * pointer plus a count; a count of 0 means "none" (the pointer may be NULL).
 *
 * Scores are unrounded doubles on 0..100; NAN means "insufficient answers"
 * (or, for `previous`, "no earlier scan"). They are rounded half away from
 * zero only when shown. */
#ifndef FPHC_REPORT_H
#define FPHC_REPORT_H

#include <stddef.h>
#include <time.h>

struct buf;

/* One band of the questionnaire, e.g. {"attention", "Aandachtspunt", 0}. Bands
 * are given in ascending order of `from`; a score s is in band i when
 * bands[i].from <= s < bands[i+1].from. The index also picks the colour. */
struct report_band {
	const char *key;
	const char *label;    /* shown next to every coloured mark */
	const char *meaning;  /* one sentence for "how to read this report" */
	double from;          /* lower bound, inclusive */
};

/* Distribution of the same score among peers; `available` is 0 when the peer
 * group holds fewer than k other scans (then nothing else is read). */
struct report_peer {
	int available;
	int n;
	double p25, median, p75;
};

struct report_theme {
	const char *key;
	const char *title;
	double score;              /* NAN: insufficient answers */
	int band;                  /* index into report.bands, -1 when score is NAN */
	struct report_peer peer;
	const char *sentence;      /* one plain sentence from the band */
	double previous;           /* score in the previous scan, NAN if none */
	const char *const *movers; /* "what would move your score" items */
	size_t n_movers;
};

struct report_pillar {
	const char *key;
	const char *title;
	double score;            /* NAN: insufficient answers */
	int band;                /* index into report.bands, -1 when score is NAN */
	struct report_peer peer;
	const char *sentence;
	double previous;         /* NAN if none */
	const char *judgement_md; /* research group's judgement (Markdown), optional */
	const struct report_theme *themes;
	size_t n_themes;
};

/* A theme in the lowest band, with the advisor's advice. */
struct report_attention {
	const char *theme_title;
	double score;
	int band;
	const char *advice_md;               /* Markdown; empty: said plainly */
	const char *const *suggested_offers; /* titles, for the advisor's brief */
	size_t n_suggested_offers;
};

struct report_offer {
	const char *title;
	const char *provider;
	const char *contact;
	const char *note;  /* optional */
};

struct report_action {
	const char *what;
	const char *who;
	const char *due;     /* free text, e.g. "voor 1 juni 2025" */
	const char *status;  /* free text label, e.g. "open", "gedaan" */
};

/* An answer to an open question (the advisor's brief only). */
struct report_open_text {
	const char *question;
	const char *answer;
};

struct report {
	const char *lang;   /* "nl" (default) or "en": the report's fixed texts */
	int draft;          /* 1: "CONCEPT" on every page */
	time_t created;     /* PDF creation date (UTC); fixed for byte-identical output */

	struct {
		const char *name;
		const char *sector;        /* label, e.g. "C Industrie" */
		double fte;
		const char *municipality;
	} company;

	struct {
		const char *name;
		const unsigned char *logo_png; /* optional; an unreadable image is skipped */
		size_t logo_len;
		const char *contact;           /* e.g. "Anna de Vries, 043 123 45 67, …" */
		const char *retention;         /* who holds the data and for how long */
	} association;

	const char *scan_date;          /* ISO "YYYY-MM-DD" */
	const char *web_url;            /* the report as a web page (/r/TOKEN), printed on the
					 * cover; NULL when there is none to print */
	const char *previous_scan_date; /* ISO, NULL when there is no earlier scan */
	const char *questionnaire_version;
	const char *engine_version;

	struct {
		int available;            /* 0: fewer than k peers; no bands drawn */
		const char *group_label;  /* e.g. "sector C Industrie", "bedrijven met 10–49 fte", "alle deelnemers" */
		int is_sector;            /* the group is the company's sector: only then "branchegenoten" */
		int n;
		const char *snapshot_date; /* ISO */
	} benchmark;

	const struct report_band *bands; /* ascending; at least one */
	size_t n_bands;

	double score;   /* overall, NAN: insufficient answers */
	int band;       /* index into bands, -1 when NAN */

	const struct report_pillar *pillars;
	size_t n_pillars;   /* at most REPORT_MAX_PILLARS */

	const struct report_theme *const *strongest; /* best first; see report_pick_strongest */
	size_t n_strongest;

	const struct report_attention *attention;
	size_t n_attention;
	const char *advice_md;   /* general advice, Markdown, optional */

	const struct report_offer *offers;
	size_t n_offers;
	const struct report_action *actions;
	size_t n_actions;

	const char *research_md; /* research group's assessment, Markdown, optional */

	/* For the advisor's brief only. */
	const struct report_open_text *open_texts;
	size_t n_open_texts;
	const struct report_action *previous_actions; /* open actions of an earlier scan */
	size_t n_previous_actions;
};

#define REPORT_MAX_PILLARS 8
#define REPORT_MAX_THEMES 24   /* per pillar */

/* Renders the personal report as PDF and appends its bytes to `out`.
 * Returns 0, or -1 with a one-line English reason in err (out may then hold a
 * partial PDF: discard it). Equal models (including `created`) give equal
 * bytes. Thread-safe: no shared state besides the read-only font files. */
int report_render(const struct report *r, struct buf *out, char *err, size_t errlen);

/* The advisor's 1–2 page meeting brief (never shown to the company). Same
 * contract as report_render. */
int report_render_brief(const struct report *r, struct buf *out, char *err, size_t errlen);

/* Fills out[0..max) with the valid themes of all pillars, highest score first
 * (ties: questionnaire order) and returns how many were written. A helper for
 * callers filling `strongest`. */
size_t report_pick_strongest(const struct report *r, const struct report_theme **out, size_t max);

/* Index of the band that holds `score` (-1 for NAN or no bands). */
int report_band_of(const struct report *r, double score);

/* Fills a complete demo report (realistic Dutch content; fixed texts, titles
 * and bands in English when r->lang is "en" on entry, the only field read
 * before r is overwritten). `variant` selects an edge case for the tests:
 * REPORT_DEMO_FULL, or one of the others.
 * The model points into static storage and into `store`, which the caller
 * releases after rendering (arena_release). */
enum report_demo {
	REPORT_DEMO_FULL,
	REPORT_DEMO_EDGE,       /* 120-char name, 40-char word, 3,000-word advice, 40 actions */
	REPORT_DEMO_SPARSE,     /* no benchmark, an insufficient theme, no advice/offers/actions */
};
struct arena;
void report_demo_fill(struct report *r, enum report_demo variant, struct arena *store);
/* The invented advisor's follow-up of the demo: offers, agreed actions and
 * the open actions of an earlier scan (static storage). Also used by the
 * demo of a real questionnaire (server/app/report_demo.c). */
void report_demo_followup(struct report *r);
/* The REPORT_DEMO_EDGE changes on any filled report: a 120-character name, a
 * 40-letter word and a 3,000-word advice in the first two attention points
 * (when there are that many), 40 actions. */
void report_demo_edge(struct report *r, struct arena *store);

#endif
