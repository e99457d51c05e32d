/* research_items_csv.c: the item diagnostics as a CSV download; see research_items_csv.h. */
#include <math.h>

#include "server/app/research_items_csv.h"
#include "common/number.h"
#include "common/banned.h"

static const char *const columns[] = {
	"theme", "item", "type", "n", "pct_na", "pct_missing", "pct_floor", "pct_ceiling",
	"item_rest", "alpha_if_deleted", "loading", "theme_alpha", "theme_omega", "flagged", "flags", "text",
};

/* A number cell: the shortest text that reads back, empty for null. */
static void num(struct buf *b, const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItem(o, name);
	if (cJSON_IsNumber(v) && isfinite(v->valuedouble))
		buf_double(b, v->valuedouble);
	buf_putc(b, ',');
}

static void text(struct buf *b, const cJSON *o, const char *name)
{
	const char *s = cJSON_GetStringValue(cJSON_GetObjectItem(o, name));
	buf_csv_text(b, s ? s : "", ',');
}

int research_items_csv(const cJSON *stats, struct buf *out)
{
	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++) {
		if (i)
			buf_putc(out, ',');
		buf_puts(out, columns[i]);
	}
	buf_puts(out, "\r\n");
	const cJSON *t, *it;
	cJSON_ArrayForEach(t, cJSON_GetObjectItem(stats, "themes")) {
		cJSON_ArrayForEach(it, cJSON_GetObjectItem(t, "items")) {
			text(out, t, "key");
			buf_putc(out, ',');
			text(out, it, "key");
			buf_putc(out, ',');
			text(out, it, "type");
			buf_putc(out, ',');
			num(out, it, "n");
			num(out, it, "pct_na");
			num(out, it, "pct_missing");
			num(out, it, "pct_floor");
			num(out, it, "pct_ceiling");
			num(out, it, "item_rest");
			num(out, it, "alpha_if_deleted");
			num(out, it, "loading");
			num(out, t, "alpha");
			num(out, t, "omega");
			buf_puts(out, cJSON_IsTrue(cJSON_GetObjectItem(it, "flagged")) ? "1," : "0,");
			struct buf flags = BUF_INIT;
			const cJSON *f;
			cJSON_ArrayForEach(f, cJSON_GetObjectItem(it, "flags"))
				buf_printf(&flags, "%s%s", flags.len ? ";" : "", f->valuestring);
			buf_csv_text(out, flags.data, ',');
			buf_release(&flags);
			buf_putc(out, ',');
			text(out, it, "text");
			buf_puts(out, "\r\n");
		}
	}
	return out->toobig ? -1 : 0;
}
