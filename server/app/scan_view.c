/* scan_view.c: gathers a scan's scores, peers, previous scores, movers and answers; see scanview.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sodium.h>

#include <cJSON.h>

#include "server/app/scan_view.h"
#include "server/app/questionnaire_registry.h"
#include "server/app/research_export.h"
#include "server/db/research.h"
#include "server/db/scan.h"
#include "common/crypto.h"
#include "common/banned.h"

int scanview_pseudonym(struct db *db, long long company_id, char out[PSEUDONYM_LEN + 1])
{
	unsigned char key[32];
	int rc = -1;
	/* The same pseudonym as in the research exports, so an assessment can be
	 * matched to its row in an export. */
	if (db_research_secret(db, key) == 0) {
		research_pseudonym(key, company_id, out);
		rc = 0;
	}
	sodium_memzero(key, sizeof(key));
	return rc;
}

static struct sv_score *find_score(struct scan_view *v, const char *level, const char *key)
{
	if (strcmp(level, "overall") == 0)
		return &v->overall;
	if (strcmp(level, "pillar") == 0) {
		for (size_t i = 0; i < v->q->n_pillars; i++)
			if (strcmp(v->q->pillars[i].key, key) == 0)
				return &v->pillars[i];
		return NULL;
	}
	const struct theme *t = questionnaire_theme_find(v->q, key);
	return t ? &v->themes[t->index] : NULL;
}

static void init_score(struct sv_score *s, const char *level, const char *key)
{
	s->level = level;
	s->key = key;
	s->score = NAN;
	s->previous = NAN;
	s->peer.mean = s->peer.sd = s->peer.p25 = s->peer.median = s->peer.p75 = NAN;
	s->peer.percentile_rank = NAN;
}

static int load_scores(struct db *db, struct arena *a, struct scan_view *v, long long scan_id,
		       int previous)
{
	struct score_row *rows;
	int n = db_scan_scores(db, a, scan_id, &rows);
	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		struct sv_score *s = find_score(v, rows[i].level, rows[i].key);
		if (!s)
			continue;
		if (previous) {
			s->has_previous = rows[i].valid;
			s->previous = rows[i].score;
		} else {
			s->present = 1;
			s->valid = rows[i].valid;
			s->score = rows[i].score;
			s->band = rows[i].band;
		}
	}
	return 0;
}

/* The movers of each theme from the stored result JSON (pillars → themes → movers). */
static void load_movers(struct arena *a, struct scan_view *v, const char *json)
{
	cJSON *root = json && json[0] ? cJSON_Parse(json) : NULL;
	const cJSON *pillars = cJSON_GetObjectItemCaseSensitive(root, "pillars");
	const cJSON *p, *t, *m;
	cJSON_ArrayForEach(p, pillars) {
		cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(p, "themes")) {
			const cJSON *key = cJSON_GetObjectItemCaseSensitive(t, "key");
			const struct theme *th = cJSON_IsString(key) ? questionnaire_theme_find(v->q, key->valuestring) : NULL;
			const cJSON *movers = cJSON_GetObjectItemCaseSensitive(t, "movers");
			int n = cJSON_GetArraySize(movers);
			if (!th || n <= 0)
				continue;
			struct sv_score *s = &v->themes[th->index];
			s->movers = arena_alloc(a, sizeof(*s->movers) * (size_t)n);
			cJSON_ArrayForEach(m, movers) {
				const cJSON *ik = cJSON_GetObjectItemCaseSensitive(m, "key");
				const cJSON *g = cJSON_GetObjectItemCaseSensitive(m, "gain");
				if (!cJSON_IsString(ik))
					continue;
				struct sv_mover *mv = &s->movers[s->n_movers++];
				mv->key = arena_strdup(a, ik->valuestring);
				mv->item = questionnaire_item_find(v->q, ik->valuestring);
				mv->gain = cJSON_IsNumber(g) ? g->valuedouble : NAN;
			}
		}
	}
	cJSON_Delete(root);
}

static int load_answers(struct db *db, struct arena *a, struct scan_view *v)
{
	v->answers = arena_alloc(a, sizeof(*v->answers) * (v->q->n_items ? v->q->n_items : 1));
	for (size_t i = 0; i < v->q->n_items; i++)
		v->answers[i].item = v->q->items[i];
	struct answer_row *rows;
	int n = db_scan_answers(db, a, v->scan_id, &rows);
	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		const struct item *it = questionnaire_item_find(v->q, rows[i].item_key);
		if (it)
			v->answers[it->index].json = rows[i].value_json;
	}
	if (v->open_text_hidden)
		for (size_t i = 0; i < v->q->n_items; i++)
			if (v->q->items[i]->type == ITEM_TEXT)
				v->answers[i].json = NULL;
	return 0;
}

static void apply_benchmark(struct scan_view *v, const struct benchmark *b)
{
	v->group = b->group;
	for (size_t i = 0; i < b->n_scores; i++) {
		struct sv_score *s = find_score(v, b->scores[i].level, b->scores[i].key);
		if (s)
			s->peer = b->scores[i].stats;
	}
}

static int visible(const struct scan_row *row, const struct scanview_scope *scope)
{
	if (scope->research_org_id)
		return row->share_research && row->research_org_id == scope->research_org_id;
	return scope->org_id && row->org_id == scope->org_id;
}

enum scanview_status scanview_load(struct db *db, struct arena *a, long long scan_id,
				   const struct scanview_scope *scope, const char *lang,
				   struct scan_view *out)
{
	memset(out, 0, sizeof(*out));
	struct scan_row row;
	int found = db_scan_get(db, a, scan_id, &row);
	if (found < 0)
		return SCANVIEW_DB_ERROR;
	if (!found || !visible(&row, scope))
		return SCANVIEW_NOT_FOUND;
	const struct questionnaire *q = qreg_get(db, row.questionnaire_id);
	if (!q)
		return db->err[0] && db->unavailable ? SCANVIEW_DB_ERROR : SCANVIEW_NOT_FOUND;
	out->scan_id = row.id;
	out->org_id = row.org_id;
	out->company_id = row.company_id;
	out->questionnaire_id = row.questionnaire_id;
	out->status = row.status;
	out->lang = lang;
	out->submitted_at = row.submitted_at;
	out->advisor_name = row.advisor_name;
	out->sector = row.sector;
	out->fte = row.fte;
	out->q = q;
	out->open_text_hidden = scope->pseudonymize && !row.share_open_text;
	if (!scope->pseudonymize) {
		out->company_name = row.company_name;
		out->kvk = row.kvk;
		out->contact_name = row.contact_name;
		out->email = row.email;
		out->phone = row.phone;
		out->municipality = row.municipality;
	}
	char pseudo[PSEUDONYM_LEN + 1];
	if (scanview_pseudonym(db, row.company_id, pseudo) != 0)
		return SCANVIEW_DB_ERROR;
	out->pseudonym = arena_strdup(a, pseudo);

	init_score(&out->overall, "overall", "overall");
	out->pillars = arena_alloc(a, sizeof(*out->pillars) * (q->n_pillars ? q->n_pillars : 1));
	for (size_t i = 0; i < q->n_pillars; i++)
		init_score(&out->pillars[i], "pillar", q->pillars[i].key);
	out->themes = arena_alloc(a, sizeof(*out->themes) * (q->n_themes ? q->n_themes : 1));
	for (size_t i = 0; i < q->n_themes; i++)
		init_score(&out->themes[i], "theme", q->themes[i]->key);

	if (load_scores(db, a, out, scan_id, 0) != 0)
		return SCANVIEW_DB_ERROR;
	out->previous_scan_id = db_scan_previous(db, a, scan_id, &out->previous_date);
	if (out->previous_scan_id < 0)
		return SCANVIEW_DB_ERROR;
	if (out->previous_scan_id && load_scores(db, a, out, out->previous_scan_id, 1) != 0)
		return SCANVIEW_DB_ERROR;
	const char *json = db_scan_result_json(db, a, scan_id);
	if (!json)
		return SCANVIEW_DB_ERROR;
	load_movers(a, out, json);
	if (load_answers(db, a, out) != 0)
		return SCANVIEW_DB_ERROR;
	struct benchmark b;
	if (db_benchmark_scan(db, a, scan_id, scope->benchmark_k, &b) != 0)
		return SCANVIEW_DB_ERROR;
	apply_benchmark(out, &b);
	return SCANVIEW_OK;
}
