/* row.c: copying result values into an arena; see row.h. */
#include "server/db/row.h"
#include "common/banned.h"

const char *db_row_str(struct arena *a, const PGresult *res, int row, int col)
{
	const char *v = db_get(res, row, col);
	return v && v[0] ? arena_strdup(a, v) : "";
}

void *db_rows_alloc(struct arena *a, const PGresult *res, size_t size)
{
	int n = PQntuples(res);
	return arena_alloc(a, (size_t)(n > 0 ? n : 1) * size);
}
