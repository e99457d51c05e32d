/* i18n.c: the message catalogue: every server/i18n JSON file, each {"key": {"nl": …, "en": …}}. */
#include <stdio.h>
#include <string.h>
#include <cJSON.h>

#include "server/http/i18n.h"
#include "common/assets.h"
#include "common/banned.h"

static cJSON *catalogue;

static int merge(const struct asset *a, char *err, size_t errlen)
{
	cJSON *doc = cJSON_ParseWithLength((const char *)a->data, a->len);
	if (!cJSON_IsObject(doc)) {
		snprintf(err, errlen, "%s: not a JSON object", a->path);
		cJSON_Delete(doc);
		return -1;
	}
	while (doc->child) {
		cJSON *e = cJSON_DetachItemViaPointer(doc, doc->child);
		const cJSON *nl = cJSON_GetObjectItemCaseSensitive(e, "nl");
		const cJSON *en = cJSON_GetObjectItemCaseSensitive(e, "en");
		if (!cJSON_IsString(nl) || !cJSON_IsString(en)) {
			snprintf(err, errlen, "%s: message '%s' needs \"nl\" and \"en\" strings", a->path, e->string);
			cJSON_Delete(e);
			cJSON_Delete(doc);
			return -1;
		}
		if (cJSON_GetObjectItemCaseSensitive(catalogue, e->string)) {
			snprintf(err, errlen, "%s: message '%s' is defined twice", a->path, e->string);
			cJSON_Delete(e);
			cJSON_Delete(doc);
			return -1;
		}
		cJSON_AddItemToObject(catalogue, e->string, e);
	}
	cJSON_Delete(doc);
	return 0;
}

int i18n_init(char *err, size_t errlen)
{
	if (catalogue)
		return 0;
	catalogue = cJSON_CreateObject();
	for (const struct asset *a = assets; a->path; a++) {
		size_t n = strlen(a->path);
		if (strncmp(a->path, "server/i18n/", 12) == 0 && n > 5 && strcmp(a->path + n - 5, ".json") == 0)
			if (merge(a, err, errlen) != 0)
				return -1;
	}
	return 0;
}

const char *i18n_get(const char *lang, const char *key)
{
	const cJSON *e = catalogue ? cJSON_GetObjectItemCaseSensitive(catalogue, key) : NULL;
	if (!e)
		return key;
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(e, lang && strcmp(lang, "en") == 0 ? "en" : "nl");
	return cJSON_IsString(s) ? s->valuestring : key;
}

int i18n_has(const char *key)
{
	return catalogue && cJSON_GetObjectItemCaseSensitive(catalogue, key) != NULL;
}
