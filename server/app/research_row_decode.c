/* research_row_decode.c: fast decoding of stored answer objects; see row_decode.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "server/app/research_row_decode.h"
#include "common/text.h"
#include "common/banned.h"

static size_t hash(const char *s, size_t n)
{
	size_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

void row_decoder_init(struct row_decoder *d, const struct questionnaire *q)
{
	memset(d, 0, sizeof(*d));
	d->q = q;
	d->cap = 16;
	while (d->cap < 2 * q->n_items + 2)
		d->cap *= 2;
	d->slot = malloc(d->cap * sizeof(*d->slot));
	if (!d->slot)
		abort();
	for (size_t i = 0; i < d->cap; i++)
		d->slot[i] = -1;
	for (size_t i = 0; i < q->n_items; i++) {
		const char *k = q->items[i]->key;
		size_t h = hash(k, strlen(k)) & (d->cap - 1);
		while (d->slot[h] >= 0)
			h = (h + 1) & (d->cap - 1);
		d->slot[h] = (int)i;
	}
	buf_init(&d->scratch, 0);
}

void row_decoder_release(struct row_decoder *d)
{
	free(d->slot);
	d->slot = NULL;
	buf_release(&d->scratch);
}

/* k[0..n) equals the NUL-terminated s (no read past either end). */
static int span_is(const char *k, size_t n, const char *s)
{
	size_t i = 0;
	for (; i < n && s[i] == k[i]; i++)
		;
	return i == n && s[n] == '\0';
}

static const struct item *lookup(const struct row_decoder *d, const char *k, size_t n)
{
	for (size_t h = hash(k, n) & (d->cap - 1); d->slot[h] >= 0; h = (h + 1) & (d->cap - 1)) {
		const struct item *it = d->q->items[d->slot[h]];
		if (span_is(k, n, it->key))
			return it;
	}
	return NULL;
}

static const char *ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* A JSON string at p (after the opening quote) without escapes: its span.
 * Returns the char after the closing quote, or NULL for an escape or the end. */
static const char *plain_string(const char *p, const char **s, size_t *n)
{
	const char *e = p;
	while (*e && *e != '"' && *e != '\\')
		e++;
	if (*e != '"')
		return NULL;
	*s = p;
	*n = (size_t)(e - p);
	return e + 1;
}

static int hexval(const char *p)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v = v * 16 + (c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
			      : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -100000);
	}
	return v;
}

/* A JSON string with escapes, unescaped into out. NULL on what it does not handle
 * (surrogate pairs, \u0000, bad escapes). */
static const char *string_unescape(const char *p, struct buf *out)
{
	buf_reset(out);
	while (*p && *p != '"') {
		if (*p != '\\') {
			const char *run = p;
			while (*p && *p != '"' && *p != '\\')
				p++;
			buf_add(out, run, (size_t)(p - run));
			continue;
		}
		p++;
		char c = *p++;
		switch (c) {
		case '"': case '\\': case '/': buf_putc(out, c); break;
		case 'b': buf_putc(out, '\b'); break;
		case 'f': buf_putc(out, '\f'); break;
		case 'n': buf_putc(out, '\n'); break;
		case 'r': buf_putc(out, '\r'); break;
		case 't': buf_putc(out, '\t'); break;
		case 'u': {
			int v = hexval(p);
			if (v <= 0 || (v >= 0xd800 && v <= 0xdfff))
				return NULL;
			p += 4;
			if (v < 0x80) {
				buf_putc(out, (char)v);
			} else if (v < 0x800) {
				buf_putc(out, (char)(0xc0 | (v >> 6)));
				buf_putc(out, (char)(0x80 | (v & 0x3f)));
			} else {
				buf_putc(out, (char)(0xe0 | (v >> 12)));
				buf_putc(out, (char)(0x80 | ((v >> 6) & 0x3f)));
				buf_putc(out, (char)(0x80 | (v & 0x3f)));
			}
			break;
		}
		default: return NULL;
		}
	}
	if (*p != '"')
		return NULL;
	buf_putc(out, '\0');
	out->len--;
	return p + 1;
}

/* "-12.5", "3": at most 15 digits and no exponent → m / 10^d, which is the
 * correctly rounded value strtod gives (m and 10^d are exact doubles and the
 * division is correctly rounded). 0 when the text is anything else. */
static int plain_decimal(const char *p, const char *e, double *out)
{
	static const double pow10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
	int neg = *p == '-', digits = 0, dec = -1;
	long long m = 0;
	for (p += neg; p < e; p++) {
		if (*p == '.' && dec < 0) {
			dec = 0;
			continue;
		}
		if (*p < '0' || *p > '9' || ++digits > 15)
			return 0;
		m = m * 10 + (*p - '0');
		if (dec >= 0)
			dec++;
	}
	if (digits == 0 || dec == 0)
		return 0;
	double v = dec > 0 ? (double)m / pow10[dec] : (double)m;
	*out = neg ? -v : v;
	return 1;
}

static int option_of(const struct item *it, const char *s, size_t n)
{
	for (size_t i = 0; i < it->n_options; i++)
		if (span_is(s, n, it->options[i].key))
			return (int)i;
	return -1;
}

/* One value for item it at p into a; returns the char after it, or NULL = not handled. */
static const char *value(struct row_decoder *d, struct answer_set *set, const struct item *it, const char *p,
			 struct answer *a)
{
	const char *s;
	size_t n;
	if (strncmp(p, "null", 4) == 0) { /* as absent */
		a->state = ANSWER_MISSING;
		return p + 4;
	}
	if (*p == '"' && it->type != ITEM_TEXT) {
		const char *e = plain_string(p + 1, &s, &n);
		if (!e)
			return NULL;
		if (n == 2 && memcmp(s, "na", 2) == 0) {
			if (!it->allow_na)
				return NULL;
			a->state = ANSWER_NA;
			return e;
		}
		if (it->type != ITEM_CHOICE)
			return NULL;
		int o = option_of(it, s, n);
		if (o < 0)
			return NULL;
		a->option = (size_t)o;
		a->state = ANSWER_GIVEN;
		return e;
	}
	switch (it->type) {
	case ITEM_LIKERT5:
	case ITEM_NUMBER: {
		if (!(*p == '-' || (*p >= '0' && *p <= '9')))
			return NULL;
		const char *e = p + 1;
		while ((*e >= '0' && *e <= '9') || *e == '.' || *e == 'e' || *e == 'E' || *e == '+' || *e == '-')
			e++;
		double v;
		if (!plain_decimal(p, e, &v)) {
			char *end;
			v = strtod(p, &end);
			if (end != e || !isfinite(v))
				return NULL;
		}
		if (it->type == ITEM_LIKERT5) {
			if (v != floor(v) || v < 1 || v > 5)
				return NULL;
			a->likert = (int)v;
		} else {
			if ((it->has_min && v < it->min) || (it->has_max && v > it->max))
				return NULL;
			a->number = v;
		}
		a->state = ANSWER_GIVEN;
		return e;
	}
	case ITEM_YESNO:
		if (strncmp(p, "true", 4) == 0)
			a->yes = 1;
		else if (strncmp(p, "false", 5) == 0)
			a->yes = 0;
		else
			return NULL;
		a->state = ANSWER_GIVEN;
		return p + (a->yes ? 4 : 5);
	case ITEM_MULTI: {
		if (*p != '[')
			return NULL;
		p = ws(p + 1);
		uint64_t chosen = 0;
		while (*p == '"') {
			p = plain_string(p + 1, &s, &n);
			int o = p ? option_of(it, s, n) : -1;
			if (o < 0 || (chosen >> o) & 1u)
				return NULL;
			chosen |= (uint64_t)1 << o;
			p = ws(p);
			if (*p == ',')
				p = ws(p + 1);
			else
				break;
		}
		if (*p != ']')
			return NULL;
		a->chosen = chosen;
		a->state = ANSWER_GIVEN;
		return p + 1;
	}
	case ITEM_TEXT: {
		if (*p != '"')
			return NULL;
		const char *e = string_unescape(p + 1, &d->scratch);
		if (!e || d->scratch.len > ANSWER_TEXT_MAX || strlen(d->scratch.data) != d->scratch.len ||
		    !text_utf8_valid(d->scratch.data, d->scratch.len))
			return NULL;
		a->text = arena_strndup(&set->arena, d->scratch.data, d->scratch.len);
		a->state = ANSWER_GIVEN;
		return e;
	}
	default:
		return NULL;
	}
}

static struct answer_set *fast(struct row_decoder *d, const char *json)
{
	struct answer_set *set = answer_set_new(d->q);
	unsigned char *seen = calloc(d->q->n_items + 1, 1);
	if (!seen)
		abort();
	const char *p = ws(json);
	if (*p++ != '{')
		goto no;
	p = ws(p);
	if (*p == '}')
		goto yes;
	for (;;) {
		const char *k;
		size_t n;
		if (*p != '"' || !(p = plain_string(p + 1, &k, &n)))
			goto no;
		const struct item *it = lookup(d, k, n);
		if (!it || seen[it->index])
			goto no;
		seen[it->index] = 1;
		p = ws(p);
		if (*p++ != ':')
			goto no;
		p = ws(p);
		if (!(p = value(d, set, it, p, &set->answers[it->index])))
			goto no;
		p = ws(p);
		if (*p == ',') {
			p = ws(p + 1);
			continue;
		}
		if (*p == '}')
			break;
		goto no;
	}
	if (*ws(p + 1) != '\0')
		goto no;
yes:
	free(seen);
	return set;
no:
	free(seen);
	answer_set_free(set);
	return NULL;
}

struct answer_set *row_decode_answers(struct row_decoder *d, const char *json)
{
	struct answer_set *set = fast(d, json);
	if (set)
		return set;
	d->fallbacks++;
	buf_reset(&d->scratch);
	buf_puts(&d->scratch, "{\"answers\":");
	buf_puts(&d->scratch, json);
	buf_putc(&d->scratch, '}');
	return answers_parse_text(d->q, d->scratch.data, d->scratch.len, NULL);
}
