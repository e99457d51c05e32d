/* suppression.h: small-cell suppression for published aggregate tables.
 *
 * A table here is one score broken down by one dimension (sector, size class,
 * region or period): cells with counts n[i], published together with the
 * total over all cells. Statistics such as n and mean are additive, so one
 * hidden cell could be recovered as total − the others. The rule:
 *   1. primary: a cell with 0 < n < k is suppressed;
 *   2. secondary: while the cells suppressed so far (with n > 0) hold fewer
 *      than two cells, or together fewer than k scans, the smallest published
 *      cell with n > 0 is suppressed too (ties: the first).
 * So whatever is hidden is always at least two cells together holding at
 * least k scans: the difference with the total never narrows a hidden cell
 * down to fewer than k scans or to a single cell. Empty cells (n = 0) are not
 * shown at all and reveal nothing. When fewer than two non-empty cells exist,
 * all of them are suppressed if the total is below k. Pure function. */
#ifndef FPHC_SUPPRESSION_H
#define FPHC_SUPPRESSION_H

#include <stddef.h>

enum cell_state { CELL_SHOWN = 0, CELL_EMPTY, CELL_PRIMARY, CELL_SECONDARY };

/* Fills state[0..ncells) for counts n[0..ncells) and threshold k (k < 1 acts
 * as 1). Returns the number of suppressed cells (primary + secondary). */
size_t suppress_cells(const long *n, size_t ncells, long k, enum cell_state *state);

#endif
