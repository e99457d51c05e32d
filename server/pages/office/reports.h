/* reports.h: the report downloads of the back office (report_pages.c) and
 * of the owner (owner_report.c). */
#ifndef FPHC_PAGES_REPORT_PAGES_H
#define FPHC_PAGES_REPORT_PAGES_H

#include <cJSON.h>

#include "server/http/req.h"

/* Adds the stored final versions of scan_id to ctx as `reports` (version,
 * created, by, size, sha256); office_render adds `has_reports`. The caller has checked access.
 * 0, or -1 on a database error (nothing replied). */
int report_versions_fill(struct req *r, long long scan_id, cJSON *ctx);

/* Replies with stored final version `version` of scan_id (0: the newest), with
 * ETag = its sha256, auditing the download as `kind`; 404 when there is none.
 * The caller has checked access. */
void report_send_stored(struct req *r, long long scan_id, int version, const char *kind);

#endif
