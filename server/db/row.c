/* row.c: copying result values into an arena; see row.h. */
#include "server/db/row.h"
#include "server/db/account.h"
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

int db_rows_texts(struct arena *a, PGresult *res, const char ***out)
{
	if (!res)
		return -1;
	int n = PQntuples(res);
	const char **texts = db_rows_alloc(a, res, sizeof(*texts));
	for (int i = 0; i < n; i++)
		texts[i] = db_row_str(a, res, i, 0);
	PQclear(res);
	*out = texts;
	return n;
}

int db_rows_user_options(struct arena *a, PGresult *res, struct user_option **out)
{
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct user_option *rows = db_rows_alloc(a, res, sizeof(*rows));
	for (int i = 0; i < n; i++) {
		rows[i].id = db_ll(res, i, 0, 0);
		rows[i].name = db_row_str(a, res, i, 1);
	}
	PQclear(res);
	*out = rows;
	return n;
}

int db_rows_count(PGresult *res)
{
	if (!res)
		return -1;
	int n = PQntuples(res);
	PQclear(res);
	return n;
}

long long db_rows_one_ll(PGresult *res, long long dflt)
{
	if (!res)
		return -1;
	long long v = PQntuples(res) >= 1 ? db_ll(res, 0, 0, dflt) : dflt;
	PQclear(res);
	return v;
}

int db_rows_found(PGresult *res)
{
	if (!res)
		return -1;
	if (PQntuples(res) == 1)
		return 1;
	PQclear(res);
	return 0;
}

int db_rows_found_ll(PGresult *res, long long *out)
{
	int found = db_rows_found(res);
	if (found == 1) {
		*out = db_ll(res, 0, 0, 0);
		PQclear(res);
	}
	return found;
}
