/* suppression.c: primary and secondary small-cell suppression; see suppression.h. */
#include <assert.h>

#include "scoring/suppression.h"
#include "common/banned.h"

size_t suppress_cells(const long *n, size_t ncells, long k, enum cell_state *state)
{
	assert(ncells == 0 || (n && state));
	if (k < 1)
		k = 1;
	size_t hidden = 0, nonempty = 0;
	long hidden_sum = 0;
	for (size_t i = 0; i < ncells; i++) {
		if (n[i] <= 0) {
			state[i] = CELL_EMPTY;
			continue;
		}
		nonempty++;
		if (n[i] < k) {
			state[i] = CELL_PRIMARY;
			hidden++;
			hidden_sum += n[i];
		} else {
			state[i] = CELL_SHOWN;
		}
	}
	/* secondary: the hidden cells must be ≥ 2 and hold ≥ k scans together */
	while (hidden > 0 && (hidden < 2 || hidden_sum < k) && hidden < nonempty) {
		size_t best = ncells;
		for (size_t i = 0; i < ncells; i++)
			if (state[i] == CELL_SHOWN && (best == ncells || n[i] < n[best]))
				best = i;
		if (best == ncells)
			break;
		state[best] = CELL_SECONDARY;
		hidden++;
		hidden_sum += n[best];
	}
	return hidden;
}
