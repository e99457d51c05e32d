/* offer_check.c: the rules of one offer; see offer_check.h. */
#include <string.h>

#include "server/app/offer_check.h"
#include "common/buf.h"
#include "common/banned.h"

/* "a, b ,c" → {"a","b","c"}; 0, or -1 for a bad or too long tag or too many tags. */
static int tags_literal(struct arena *a, const char *in, const char **out)
{
	struct buf b;
	buf_init(&b, 8192);
	buf_putc(&b, '{');
	int n = 0, rc = 0;
	const char *p = in;
	while (*p) {
		while (*p == ',' || *p == ' ')
			p++;
		if (!*p)
			break;
		buf_puts(&b, n++ ? ",\"" : "\"");
		size_t len = 0;
		for (; *p && *p != ','; p++) {
			char c = *p >= 'A' && *p <= 'Z' ? (char)(*p + 32) : *p;
			if (c == ' ')
				continue;
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
				rc = -1;
			buf_putc(&b, c);
			len++;
		}
		if (len > OFFER_TAG_MAX)
			rc = -1;
		buf_putc(&b, '"');
	}
	buf_putc(&b, '}');
	*out = arena_strdup(a, b.toobig ? "{}" : b.data);
	if (b.toobig)
		rc = -1;
	buf_release(&b);
	return n > OFFER_TAGS_MAX ? -1 : rc;
}

static int url_ok(const char *u)
{
	return (strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0) && strlen(u) <= OFFER_URL_MAX &&
	       !strpbrk(u, " \"<>'") && strlen(u) >= 11;
}

int offer_check(struct arena *a, struct offer_fields *f, const char *tags_typed, offer_problem_fn *found, void *cx)
{
	int n = 0;
#define PROBLEM(field, key) (found(cx, field, key), n++)
	if (!f->title[0])
		PROBLEM("title", "office.offers.title_missing");
	else if (strlen(f->title) > OFFER_TITLE_MAX)
		PROBLEM("title", "office.too_long");
	if (!f->provider[0])
		PROBLEM("provider", "office.offers.provider_missing");
	else if (strlen(f->provider) > OFFER_PROVIDER_MAX)
		PROBLEM("provider", "office.too_long");
	if (strlen(f->description) > OFFER_DESCRIPTION_MAX)
		PROBLEM("description", "office.too_long");
	if (strlen(f->contact) > OFFER_CONTACT_MAX)
		PROBLEM("contact", "office.too_long");
	if (f->url[0] && !url_ok(f->url))
		PROBLEM("url", "office.offers.url_invalid");
	if (!f->contact[0] && !f->url[0])
		PROBLEM("contact", "office.offers.contact_missing");
	if (strlen(f->price) > OFFER_PRICE_MAX)
		PROBLEM("price", "office.too_long");
	if (strlen(f->region) > OFFER_REGION_MAX)
		PROBLEM("region", "office.too_long");
	if (tags_literal(a, tags_typed, &f->tags) != 0)
		PROBLEM("tags", "office.offers.tags_invalid");
#undef PROBLEM
	return n;
}
