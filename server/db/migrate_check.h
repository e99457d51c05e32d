/* migrate_check.h: the data-safety rules a migration file must keep
 * (migrations/README.md), checked on the SQL text before it runs. */
#ifndef FPHC_MIGRATE_CHECK_H
#define FPHC_MIGRATE_CHECK_H

#include <stddef.h>

/* Checks one migration's SQL text (NUL-terminated) without a database:
 *  - no top-level transaction control (BEGIN, START, COMMIT, END, ROLLBACK,
 *    SAVEPOINT, RELEASE, PREPARE TRANSACTION) and nothing that cannot run
 *    inside a transaction (VACUUM, CONCURRENTLY, CREATE DATABASE …): the runner
 *    wraps the whole file and its schema_migrations row in one transaction;
 *  - a DROP TABLE, DROP COLUMN or TRUNCATE only in a file that says where the
 *    data went, in a line starting with "-- data-safety:".
 * Comments, quoted strings, quoted identifiers and dollar-quoted bodies (so
 * plpgsql BEGIN … END) are skipped; inside E'…' strings write a quote as ''
 * (a backslash-escaped quote would end the string early for this scanner). Returns 0, or -1 with a one-line reason
 * (statement number and words) in err (always NUL-terminated when errlen > 0). */
int migrate_sql_check(const char *sql, char *err, size_t errlen);

#endif
