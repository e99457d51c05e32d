/* questionnaire_structure.c: canonical structure checksum of a definition. */
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>

#include "scoring/questionnaire_structure.h"
#include "common/banned.h"

/* Display members: texts {nl, en} or lists of them, and the unit of a number item.
 * Everything else (key, type, weight, points, min, max, bands' min, max_points,
 * reverse, allow_na, offer_tags, min_answered, version, the tree) is structure. */
static const char *const text_members[] = {
	"title", "text", "help", "tip", "label", "description", "band_texts", "scale", "unit",
	"exclusive",
};

int questionnaire_member_is_text(const char *name)
{
	for (size_t i = 0; i < sizeof(text_members) / sizeof(text_members[0]); i++)
		if (strcmp(name, text_members[i]) == 0)
			return 1;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
	return strcmp(x->string, y->string);
}

/* Removes display members and sorts object members, depth first. */
static void canonical(cJSON *node)
{
	if (cJSON_IsObject(node)) {
		cJSON *c = node->child;
		while (c) {
			cJSON *next = c->next;
			if (questionnaire_member_is_text(c->string))
				cJSON_Delete(cJSON_DetachItemViaPointer(node, c));
			c = next;
		}
		size_t n = 0;
		for (c = node->child; c; c = c->next)
			n++;
		if (n > 1) {
			cJSON **v = malloc(n * sizeof(*v));
			if (!v)
				abort();
			size_t i = 0;
			for (c = node->child; c; c = c->next)
				v[i++] = c;
			qsort(v, n, sizeof(*v), by_name);
			for (i = 0; i < n; i++) {
				v[i]->prev = i ? v[i - 1] : v[n - 1]; /* cJSON: child->prev is the last */
				v[i]->next = i + 1 < n ? v[i + 1] : NULL;
			}
			node->child = v[0];
			free(v);
		}
	}
	for (cJSON *c = node->child; c; c = c->next)
		canonical(c);
}

int questionnaire_structure_sha256(const char *json, size_t len, char out[SHA256_HEX_LEN + 1])
{
	cJSON *root = cJSON_ParseWithLength(json, len);
	if (!root)
		return -1;
	canonical(root);
	char *text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (!text)
		abort();
	crypto_sha256_hex(text, strlen(text), out);
	cJSON_free(text);
	return 0;
}
