/* test_req.c: the request object's lifetime (server/http/req.c, page.c): deferred
 * frees, response headers and the page context belong to the request and never
 * run out of room. Each test failed before the lists grew (a fixed table of 8
 * deferred frees freed the 9th JSON body at once and returned it; the 13th
 * header, a redirect's Location among them, was dropped; a page context was
 * leaked on every path that did not reach page_render). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "server/http/page.h"
#include "server/http/req.h"
#include "common/banned.h"

static void req_start(struct req *r)
{
	memset(r, 0, sizeof(*r));
	r->method = "GET";
	r->lang = "nl";
	static char root[] = "/";
	r->path = root;
	buf_init(&r->body, 0);
	buf_init(&r->out, 0);
}

static void req_end(struct req *r)
{
	req_run_deferred(r);
	buf_release(&r->body);
	buf_release(&r->out);
	arena_release(&r->arena);
}

static int order[64];
static int norder;

static void note(void *p)
{
	order[norder++] = (int)(intptr_t)p;
}

static void deferred_functions_all_run_newest_first(void **state)
{
	(void)state;
	struct req r;
	req_start(&r);
	norder = 0;
	for (int i = 0; i < 40; i++)
		req_defer(&r, note, (void *)(intptr_t)i);
	assert_int_equal(norder, 0); /* nothing runs before the request ends */
	req_end(&r);
	assert_int_equal(norder, 40);
	for (int i = 0; i < 40; i++)
		assert_int_equal(order[i], 39 - i);
}

static void every_parsed_body_stays_valid_until_the_end(void **state)
{
	(void)state;
	struct req r;
	req_start(&r);
	buf_puts(&r.body, "{\"value\":\"6,5\",\"n\":3}");
	cJSON *seen[20];
	for (int i = 0; i < 20; i++) {
		seen[i] = req_json(&r);
		assert_non_null(seen[i]);
	}
	/* Read every one after all were made: a freed object fails here under ASan. */
	for (int i = 0; i < 20; i++)
		assert_string_equal(cJSON_GetObjectItem(seen[i], "value")->valuestring, "6,5");
	req_end(&r);
}

static void headers_are_never_dropped(void **state)
{
	(void)state;
	struct req r;
	req_start(&r);
	char name[32];
	for (int i = 0; i < 30; i++) {
		snprintf(name, sizeof(name), "X-Test-%d", i);
		req_add_header(&r, name, "v");
	}
	reply_redirect(&r, "/scans/7");
	int n = 0;
	const char *location = NULL;
	for (const struct req_header *h = r.headers; h; h = h->next, n++)
		if (strcmp(h->name, "Location") == 0)
			location = h->value;
	assert_int_equal(n, 31);
	assert_non_null(location);
	assert_string_equal(location, "/scans/7");
	assert_string_equal(r.headers->name, "X-Test-0"); /* in the order added */
	req_end(&r);
}

static void page_context_is_freed_on_every_path(void **state)
{
	(void)state;
	/* A handler that takes a context and then bails out (a database error, a
	 * 404) never frees it itself; the request does. LeakSanitizer checks this
	 * in the sanitizer build. */
	struct req r;
	req_start(&r);
	cJSON *ctx = page_ctx(&r);
	cJSON_AddStringToObject(ctx, "extra", "a value");
	cJSON_AddArrayToObject(ctx, "versions");
	reply_text(&r, 503, "database unavailable");
	req_end(&r);
	assert_null(r.deferred);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(deferred_functions_all_run_newest_first),
		cmocka_unit_test(every_parsed_body_stays_valid_until_the_end),
		cmocka_unit_test(headers_are_never_dropped),
		cmocka_unit_test(page_context_is_freed_on_every_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
