/* buf.c: growable byte buffer with a hard cap; see buf.h for the contract. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/banned.h"

static char empty_string[1];

void buf_init(struct buf *b, size_t max)
{
	b->data = empty_string;
	b->len = 0;
	b->cap = 0;
	b->max = max ? max : BUF_DEFAULT_MAX;
	b->toobig = 0;
}

void buf_release(struct buf *b)
{
	if (!b)
		return;
	if (b->cap)
		free(b->data);
	size_t max = b->max;
	buf_init(b, max);
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *p;
	if (len)
		*len = b->len;
	if (b->cap) {
		p = b->data;
	} else {
		p = malloc(1);
		if (!p)
			abort();
		p[0] = '\0';
	}
	b->data = empty_string;
	b->len = 0;
	b->cap = 0;
	b->toobig = 0;
	return p;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->toobig = 0;
	if (b->cap)
		b->data[0] = '\0';
}

static int grow(struct buf *b, size_t extra)
{
	size_t max = b->max ? b->max : BUF_DEFAULT_MAX;
	if (b->toobig || extra > max || b->len > max - extra) {
		b->toobig = 1;
		return -1;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	char *p = b->cap ? realloc(b->data, cap) : malloc(cap);
	if (!p)
		abort();
	if (!b->cap)
		p[0] = '\0';
	b->data = p;
	b->cap = cap;
	return 0;
}

int buf_add(struct buf *b, const void *p, size_t n)
{
	if (n == 0)
		return b->toobig ? -1 : 0;
	if (grow(b, n))
		return -1;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int buf_puts(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int buf_putc(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return -1;
	if (grow(b, (size_t)n))
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

int buf_html(struct buf *b, const char *s)
{
	if (!s)
		return 0;
	const char *run = s;
	for (; *s; s++) {
		const char *rep = NULL;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_add(b, run, (size_t)(s - run));
		buf_puts(b, rep);
		run = s + 1;
	}
	buf_add(b, run, (size_t)(s - run));
	return b->toobig ? -1 : 0;
}

int buf_json_str(struct buf *b, const char *s)
{
	if (!s)
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default:
			if (*p < 0x20)
				buf_printf(b, "\\u%04x", *p);
			else
				buf_putc(b, (char)*p);
		}
	}
	return b->toobig ? -1 : 0;
}

int buf_csv_field(struct buf *b, const char *s, char sep)
{
	if (!s)
		return 0;
	int quote = 0;
	for (const char *p = s; *p; p++)
		if (*p == sep || *p == '"' || *p == '\n' || *p == '\r')
			quote = 1;
	if (!quote)
		return buf_puts(b, s);
	buf_putc(b, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	return buf_putc(b, '"');
}

int buf_csv_text(struct buf *b, const char *s, char sep)
{
	if (!s || !strchr("=+-@\t\r", *s) || !*s)
		return buf_csv_field(b, s, sep);
	struct buf t = BUF_INIT;
	buf_putc(&t, '\'');
	buf_puts(&t, s);
	int rc = t.data ? buf_csv_field(b, t.data, sep) : -1;
	buf_release(&t);
	return rc;
}

int buf_copy_text_n(struct buf *b, const char *s, size_t n)
{
	const char *run = s, *end = s + n;
	for (const char *p = s; p < end; p++) {
		const char *esc = *p == '\\' ? "\\\\" : *p == '\t' ? "\\t" : *p == '\n' ? "\\n" : *p == '\r' ? "\\r" : NULL;
		if (!esc)
			continue;
		if (buf_add(b, run, (size_t)(p - run)) != 0 || buf_add(b, esc, 2) != 0)
			return -1;
		run = p + 1;
	}
	return buf_add(b, run, (size_t)(end - run));
}

int buf_copy_text(struct buf *b, const char *s)
{
	return buf_copy_text_n(b, s, strlen(s));
}
