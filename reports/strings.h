/* strings.h: the fixed texts of the reports in Dutch and English (plain B1). */
#ifndef FPHC_REPORT_STRINGS_H
#define FPHC_REPORT_STRINGS_H

#include <stddef.h>

#include "reports/report.h"

enum rs {
	RS_TITLE, RS_SCAN, RS_FOR, RS_SCAN_DATE, RS_BY,
	RS_CONCEPT, RS_PAGE_OF, RS_INSUFFICIENT, RS_NO_BENCHMARK,
	RS_YOUR_SCORE, RS_PEER_BAND, RS_PEER_MEDIAN, RS_SCORE_OUT_OF,
	RS_HOWTO, RS_HOWTO_INTRO, RS_HOWTO_PILLARS, RS_HOWTO_BANDS, RS_HOWTO_PEERS,
	RS_HOWTO_PEERS_TEXT, RS_PEER_GROUP_USED, RS_COMPANIES,
	RS_SUMMARY, RS_OVERALL, RS_RADAR_TITLE, RS_STRONGEST, RS_ATTENTION_SHORT,
	RS_NO_ATTENTION, RS_NO_SCORES, RS_NO_SCORE, RS_PILLAR, RS_PEER_MEDIAN_IS, RS_MOVERS,
	RS_CHANGE, RS_CHANGE_INTRO, RS_PREVIOUS, RS_NOW, RS_DIFFERENCE,
	RS_ATTENTION, RS_NO_ADVICE, RS_ADVICE, RS_OFFERS, RS_OFFERS_INTRO,
	RS_PROVIDER, RS_CONTACT, RS_ACTIONS, RS_ACTIONS_INTRO, RS_WHAT, RS_WHO,
	RS_WHEN, RS_STATUS, RS_RESEARCH, RS_COLOPHON, RS_QUESTIONNAIRE,
	RS_ENGINE, RS_BENCHMARK_DATE, RS_PEER_N, RS_DATA, RS_ASSOCIATION_CONTACT,
	RS_COLOPHON_TEXT, RS_BRIEF_TITLE, RS_BRIEF_ONLY, RS_PROFILE, RS_SECTOR,
	RS_FTE, RS_MUNICIPALITY, RS_AT_A_GLANCE, RS_SUGGESTED, RS_OPEN_TEXTS,
	RS_PREVIOUS_ACTIONS, RS_NOTES, RS_NONE, RS_BAND, RS_THEME, RS_NO_OVERALL,
	RS_PILLAR_NO_SCORES, RS_PILLAR_FILL_IN, RS_PILLAR_THEMES_UNSCORED, RS_WEB_VERSION,
	RS_COUNT
};

/* The text for key in r's language ("en" → English, anything else Dutch). */
const char *report_str(const struct report *r, enum rs key);
/* 1 when at least one theme of the report has a score. */
int report_any_theme_scored(const struct report *r);

/* Formats an ISO date "YYYY-MM-DD" as "12 maart 2025" / "12 March 2025";
 * anything else is copied as given ("" for NULL). */
void report_format_date(const struct report *r, const char *iso, char *out, size_t n);

#endif
