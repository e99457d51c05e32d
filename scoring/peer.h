/* peer.h: benchmark statistics of a score among peer companies, and the choice of peer group.
 *
 * Pure functions over plain numbers: the database layer fetches the peers' scores
 * (the latest submitted scan of each OTHER company on the same questionnaire
 * version) and the group sizes; this module decides and computes. */
#ifndef FPHC_PEER_H
#define FPHC_PEER_H

#include <stddef.h>

/* Size classes by FTE. The scan is meant for 10–300 FTE; a company below 10 FTE
 * is put in the smallest class and one above 300 in the largest, so every company
 * has a class (its own FTE is shown in its report, so nothing is hidden). */
enum peer_size_class {
	PEER_SIZE_10_49,    /* fte < 50 (also below 10) */
	PEER_SIZE_50_99,    /* 50 <= fte < 100 */
	PEER_SIZE_100_199,  /* 100 <= fte < 200 */
	PEER_SIZE_200_PLUS, /* fte >= 200 */
	PEER_SIZE_CLASS_COUNT
};

/* Sets *out to the class of a company with `fte` FTE. Returns 0, or -1 for a
 * negative or non-finite fte (nothing written). */
int peer_size_class_of(double fte, enum peer_size_class *out);
/* Stable key of a class, as used in the questionnaire's profile block and in the
 * database: "fte_10_49", "fte_50_99", "fte_100_199", "fte_200_plus". */
const char *peer_size_class_key(enum peer_size_class c);

#define PEER_K_DEFAULT 5

enum peer_group {
	PEER_GROUP_SECTOR,     /* same SBI section */
	PEER_GROUP_SIZE_CLASS, /* same size class */
	PEER_GROUP_ALL,        /* every other company */
	PEER_GROUP_NONE,       /* fewer than k peers everywhere: no benchmark */
};

/* The first group, in the order sector → size class → all, holding at least k
 * peers (k == 0 means PEER_K_DEFAULT). Counts must exclude the company itself. */
enum peer_group peer_group_choose(size_t n_sector, size_t n_size_class, size_t n_all, size_t k);
/* "sector", "size_class", "all", "none". */
const char *peer_group_key(enum peer_group g);

struct peer_stats {
	size_t n;               /* peers with a finite score */
	double mean;
	double sd;              /* sample standard deviation (n − 1); NAN when n < 2 */
	double p25, median, p75; /* as PostgreSQL percentile_cont(0.25/0.5/0.75) */
	/* 100 × (peers below own + ½ × peers equal to own) / n; NAN when own is not finite. */
	double percentile_rank;
};

/* Computes the statistics of `peers[0..n)` and the rank of `own` among them.
 * Non-finite peer values (a peer's invalid score) are skipped. `scratch` must hold
 * n doubles, or be NULL to let the function allocate (and free) its own; its
 * contents afterwards are unspecified. Returns 0, or -1 when no finite peer value
 * remains (*out then holds n = 0 and NANs).
 * Quartiles use linear interpolation between order statistics:
 * pos = p × (n − 1), v[floor] + frac × (v[floor + 1] − v[floor]). Expected O(n):
 * selection for small groups, a histogram over the value range for large ones
 * (100,000 peers in under 1 ms); never a full sort. */
int peer_stats_compute(const double *peers, size_t n, double own, double *scratch,
		       struct peer_stats *out);

#endif
