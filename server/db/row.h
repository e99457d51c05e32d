/* row.h: copying a result's values into an arena, for the db functions that hand
 * out row structs (the caller never sees the PGresult). */
#ifndef FPHC_DB_ROW_H
#define FPHC_DB_ROW_H

#include <stddef.h>

#include "common/arena.h"
#include "server/db/db.h"

/* The value at (row, col) copied into the arena; "" for SQL NULL. */
const char *db_row_str(struct arena *a, const PGresult *res, int row, int col);
/* A zeroed array of PQntuples(res) elements of `size` bytes in the arena (one
 * element when there are no rows, so the result is never NULL). */
void *db_rows_alloc(struct arena *a, const PGresult *res, size_t size);
/* The first column of every row of res as strings in the arena, into *out; clears
 * res. The row count, or -1 when res is NULL (a failed query). */
int db_rows_texts(struct arena *a, PGresult *res, const char ***out);
/* Rows of (id, name) as user options (server/db/account.h), into *out; clears res.
 * The row count, or -1 when res is NULL. */
struct user_option;
int db_rows_user_options(struct arena *a, PGresult *res, struct user_option **out);

/* For an UPDATE … RETURNING or a count: the number of rows of res; clears res.
 * -1 when res is NULL (a failed query). */
int db_rows_count(PGresult *res);
/* The first value of res as a number, dflt when there is no row or it is NULL;
 * clears res. -1 when res is NULL. */
long long db_rows_one_ll(PGresult *res, long long dflt);
/* For a SELECT of one row (by its key): 1 when res holds exactly one row, which the
 * caller reads and then clears; 0 when it holds none (or more), and res is cleared;
 * -1 when res is NULL (a failed query). So: `if ((found = db_rows_found(res)) != 1)
 * return found;` */
int db_rows_found(PGresult *res);
/* The first value of the one row of res as a number into *out: 1, or 0 when res holds
 * no row or more than one (*out untouched); -1 when res is NULL. Clears res. */
int db_rows_found_ll(PGresult *res, long long *out);

#endif
