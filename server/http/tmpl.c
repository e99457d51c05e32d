/* tmpl.c: Mustache-like rendering of compiled-in templates; see tmpl.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "common/assets.h"
#include "common/date.h"
#include "common/banned.h"

#define MAX_DEPTH 32
#define MAX_NAME 128

struct render {
	struct buf *out;
	const char *lang;
	const cJSON *stack[MAX_DEPTH];
	int depth;
	int partials;  /* nesting of partials, to stop runaway recursion */
	char *err;
	size_t errlen;
};

static const struct asset *find_template(const char *name)
{
	char path[MAX_NAME + 32];
	snprintf(path, sizeof(path), "server/templates/%s.html", name);
	return assets_find(path);
}

/* Resolves a dotted name against the stack, innermost first. */
static const cJSON *lookup(const struct render *st, const char *name)
{
	if (strcmp(name, ".") == 0)
		return st->depth ? st->stack[st->depth - 1] : NULL;
	char first[MAX_NAME];
	const char *dot = strchr(name, '.');
	size_t n = dot ? (size_t)(dot - name) : strlen(name);
	if (n >= sizeof(first))
		return NULL;
	memcpy(first, name, n);
	first[n] = '\0';
	const cJSON *v = NULL;
	for (int i = st->depth - 1; i >= 0 && !v; i--)
		if (cJSON_IsObject(st->stack[i]))
			v = cJSON_GetObjectItemCaseSensitive(st->stack[i], first);
	while (v && dot) {
		const char *next = strchr(dot + 1, '.');
		n = next ? (size_t)(next - dot - 1) : strlen(dot + 1);
		if (n >= sizeof(first))
			return NULL;
		memcpy(first, dot + 1, n);
		first[n] = '\0';
		v = cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, first) : NULL;
		dot = next;
	}
	return v;
}

static int truthy(const cJSON *v)
{
	if (!v || cJSON_IsNull(v) || cJSON_IsFalse(v))
		return 0;
	if (cJSON_IsNumber(v))
		return v->valuedouble != 0;
	if (cJSON_IsString(v))
		return v->valuestring[0] != '\0';
	if (cJSON_IsArray(v))
		return cJSON_GetArraySize(v) > 0;
	return 1;
}

static void put_value(struct buf *out, const cJSON *v, int raw)
{
	char num[64];
	const char *s = NULL;
	if (cJSON_IsString(v)) {
		s = v->valuestring;
	} else if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		if (d == floor(d) && fabs(d) < 1e15)
			snprintf(num, sizeof(num), "%.0f", d);
		else
			snprintf(num, sizeof(num), "%g", d);
		s = num;
	} else if (cJSON_IsBool(v)) {
		s = cJSON_IsTrue(v) ? "true" : "false";
	}
	if (!s)
		return;
	if (raw)
		buf_puts(out, s);
	else
		buf_html(out, s);
}

/* A string value that is an ISO date or date-time, in the one style of
 * common/date.h; anything else as put_value would show it. */
static void put_date(struct buf *out, const cJSON *v)
{
	char shown[40];
	if (cJSON_IsString(v) && date_show(v->valuestring, shown, sizeof(shown)))
		buf_html(out, shown);
	else
		put_value(out, v, 0);
}

/* A decimal number ("12.5", as the database writes it) with a decimal comma
 * in Dutch; anything that is not plain digits with one point is shown as it is
 * (so what someone typed, "12,5 fte", comes back unchanged). */
static void put_decimal(struct render *st, const cJSON *v)
{
	int english = strcmp(st->lang ? st->lang : "nl", "en") == 0;
	if (cJSON_IsNumber(v) && isfinite(v->valuedouble)) {
		/* a computed figure (a mean, a percentile): one decimal */
		char shown[64];
		snprintf(shown, sizeof shown, "%.1f", v->valuedouble);
		char *dot = strchr(shown, '.');
		if (dot && !english)
			*dot = ',';
		buf_html(st->out, shown);
		return;
	}
	if (!cJSON_IsString(v) || english) {
		put_value(st->out, v, 0);
		return;
	}
	const char *s = v->valuestring;
	size_t n = strlen(s), digits = strspn(s, "0123456789");
	if (digits == 0 || digits >= n || s[digits] != '.' || digits + 1 == n ||
	    strspn(s + digits + 1, "0123456789") != n - digits - 1 || n >= 64) {
		put_value(st->out, v, 0);
		return;
	}
	char shown[64];
	memcpy(shown, s, n + 1);
	shown[digits] = ',';
	buf_html(st->out, shown);
}

/* "{n|bedrijf|bedrijven}": the number n, a space and the word that goes with it
 * (the first for exactly 1, else the second). spec is the part after "n|". */
static void put_plural(struct buf *out, const cJSON *v, const char *spec)
{
	const char *bar = strchr(spec, '|');
	put_value(out, v, 0);
	double n = cJSON_IsNumber(v) ? v->valuedouble
		 : cJSON_IsString(v) ? strtod(v->valuestring, NULL) : 0;
	buf_puts(out, " ");
	if (!bar) {
		buf_html(out, spec);
		return;
	}
	if (n == 1) {
		char *one = strndup(spec, (size_t)(bar - spec));
		buf_html(out, one);
		free(one);
	} else {
		buf_html(out, bar + 1);
	}
}

/* A value tag's name with its filter: "at|date" shows a date, "fte|decimal" a
 * number with the language's decimal sign, "n|one|many" a
 * count with its word (messages only); a plain name is shown as it is. */
static void put_filtered(struct render *st, const char *name, int in_message)
{
	const char *bar = strchr(name, '|');
	if (!bar) {
		put_value(st->out, lookup(st, name), 0);
		return;
	}
	char base[MAX_NAME];
	size_t n = (size_t)(bar - name);
	memcpy(base, name, n);
	base[n] = '\0';
	const cJSON *v = lookup(st, base);
	if (strcmp(bar + 1, "date") == 0)
		put_date(st->out, v);
	else if (strcmp(bar + 1, "decimal") == 0)
		put_decimal(st, v);
	else if (in_message)
		put_plural(st->out, v, bar + 1);
	else
		put_value(st->out, v, 0);
}

/* A message with {var}, {var|date} and {n|one|many} placeholders filled from
 * the stack. */
static void put_message(struct render *st, const char *key)
{
	const char *m = i18n_get(st->lang, key);
	while (*m) {
		const char *open = strchr(m, '{');
		const char *close = open ? strchr(open, '}') : NULL;
		if (!open || !close || close - open - 1 >= MAX_NAME) {
			buf_html(st->out, m);
			return;
		}
		char name[MAX_NAME];
		memcpy(name, open + 1, (size_t)(close - open - 1));
		name[close - open - 1] = '\0';
		char *head = strndup(m, (size_t)(open - m));
		buf_html(st->out, head);
		free(head);
		put_filtered(st, name, 1);
		m = close + 1;
	}
}

static int render_range(struct render *st, const char *p, const char *end);

/* Finds the {{/name}} that closes a section opened just before p. */
static const char *find_close(const char *p, const char *end, const char *name, const char **after)
{
	int depth = 1;
	size_t n = strlen(name);
	while (p < end) {
		const char *t = strstr(p, "{{");
		if (!t || t >= end)
			return NULL;
		char kind = t[2];
		if ((kind == '#' || kind == '^' || kind == '/') && strncmp(t + 3, name, n) == 0 &&
		    strncmp(t + 3 + n, "}}", 2) == 0) {
			if (kind == '/' && --depth == 0) {
				*after = t + 3 + n + 2;
				return t;
			}
			if (kind != '/')
				depth++;
		}
		p = t + 2;
	}
	return NULL;
}

static int fail(struct render *st, const char *msg, const char *name)
{
	if (st->err && st->err[0] == '\0')
		snprintf(st->err, st->errlen, "template: %s '%s'", msg, name);
	return -1;
}

static int section(struct render *st, const char *name, int inverted, const char *body,
		   const char *body_end)
{
	const cJSON *v = lookup(st, name);
	if (inverted)
		return truthy(v) ? 0 : render_range(st, body, body_end);
	if (!truthy(v))
		return 0;
	if (st->depth >= MAX_DEPTH)
		return fail(st, "sections nested too deep at", name);
	if (cJSON_IsArray(v)) {
		const cJSON *e;
		cJSON_ArrayForEach(e, v) {
			st->stack[st->depth++] = e;
			int rc = render_range(st, body, body_end);
			st->depth--;
			if (rc)
				return rc;
		}
		return 0;
	}
	st->stack[st->depth++] = v;
	int rc = render_range(st, body, body_end);
	st->depth--;
	return rc;
}

static int partial(struct render *st, const char *name)
{
	const struct asset *a = find_template(name);
	if (!a)
		return fail(st, "unknown partial", name);
	if (st->partials >= 8)
		return fail(st, "partials nested too deep at", name);
	st->partials++;
	int rc = render_range(st, (const char *)a->data, (const char *)a->data + a->len);
	st->partials--;
	return rc;
}

static int render_range(struct render *st, const char *p, const char *end)
{
	while (p < end) {
		const char *t = strstr(p, "{{");
		if (!t || t >= end) {
			buf_add(st->out, p, (size_t)(end - p));
			return 0;
		}
		buf_add(st->out, p, (size_t)(t - p));
		int triple = t[2] == '{';
		const char *close = strstr(t + 2, triple ? "}}}" : "}}");
		if (!close || close >= end)
			return fail(st, "unclosed tag near", "{{");
		const char *after = close + (triple ? 3 : 2);
		const char *s = t + (triple ? 3 : 2);
		char kind = triple ? '{' : *s;
		if (strchr("#^/>@!", kind) && !triple)
			s++;
		while (*s == ' ')
			s++;
		size_t n = (size_t)(close - s);
		while (n && s[n - 1] == ' ')
			n--;
		char name[MAX_NAME];
		if (n >= sizeof(name))
			return fail(st, "name too long near", "{{");
		memcpy(name, s, n);
		name[n] = '\0';
		switch (kind) {
		case '!':
			break;
		case '#':
		case '^': {
			const char *body_after;
			const char *body_end = find_close(after, end, name, &body_after);
			if (!body_end)
				return fail(st, "unclosed section", name);
			if (section(st, name, kind == '^', after, body_end))
				return -1;
			after = body_after;
			break;
		}
		case '/':
			return fail(st, "unexpected close of", name);
		case '>':
			if (partial(st, name))
				return -1;
			break;
		case '@':
			put_message(st, name);
			break;
		default:
			if (triple)
				put_value(st->out, lookup(st, name), 1);
			else
				put_filtered(st, name, 0);
		}
		p = after;
	}
	return 0;
}

int tmpl_render(struct buf *out, const char *name, const cJSON *ctx, const char *lang,
		char *err, size_t errlen)
{
	struct render st = {.out = out, .lang = lang, .err = err, .errlen = errlen};
	if (err && errlen)
		err[0] = '\0';
	const struct asset *a = find_template(name);
	if (!a)
		return fail(&st, "unknown template", name);
	st.stack[st.depth++] = ctx;
	return render_range(&st, (const char *)a->data, (const char *)a->data + a->len);
}
