/* replica.c: replication lag of a read connection; see replica.h. */
#include <stdlib.h>

#include "server/db/replica.h"
#include "common/banned.h"

int db_replica_lag(struct db *db, double *lag)
{
	/* A standby that has nothing left to replay is current however long the
	 * primary has been idle, so the replay timestamp counts only while WAL
	 * received is still waiting to be applied. */
	static const char sql[] =
		"SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0"
		" WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0"
		" ELSE COALESCE(EXTRACT(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()), 0)"
		" END::float8";
	PGresult *res = db_query(db, sql, 0, NULL);
	if (!res)
		return -1;
	*lag = PQntuples(res) == 1 ? strtod(PQgetvalue(res, 0, 0), NULL) : 0;
	PQclear(res);
	return 0;
}
