/* multipart.c: bounded multipart/form-data parsing; see multipart.h. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "server/http/multipart.h"
#include "server/http/req.h"
#include "common/text.h"
#include "common/banned.h"

#define MAX_HEADER_LINES 8
#define MAX_HEADER_LINE 1000

static const char *find(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	if (nlen == 0 || hlen < nlen)
		return NULL;
	for (size_t i = 0; i + nlen <= hlen; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, nlen) == 0)
			return hay + i;
	return NULL;
}

int multipart_boundary(const char *ct, char out[71])
{
	if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0)
		return -1;
	const char *b = strstr(ct + 19, "boundary=");
	if (!b)
		return -1;
	b += 9;
	int quoted = *b == '"';
	b += quoted;
	size_t n = 0;
	while (b[n] && (quoted ? b[n] != '"' : (b[n] != ';' && b[n] != ' ')))
		n++;
	if (quoted && b[n] != '"')
		return -1;
	if (n == 0 || n > 70)
		return -1;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)b[i] < 0x20 || (unsigned char)b[i] > 0x7e)
			return -1;
	memcpy(out, b, n);
	out[n] = '\0';
	return 0;
}

/* Reads a parameter (name="…" or filename="…") of a Content-Disposition line. */
static const char *disposition_param(const char *line, size_t len, const char *key, struct arena *a)
{
	size_t k = strlen(key);
	for (size_t i = 0; i + k + 2 <= len; i++) {
		if ((i == 0 || line[i - 1] == ' ' || line[i - 1] == ';') && strncasecmp(line + i, key, k) == 0 &&
		    line[i + k] == '=' && line[i + k + 1] == '"') {
			const char *s = line + i + k + 2;
			const char *e = memchr(s, '"', len - (size_t)(s - line));
			return e ? arena_strndup(a, s, (size_t)(e - s)) : NULL;
		}
	}
	return NULL;
}

/* Parses the header block of one part [p, end) ("\r\n"-separated lines). */
static int parse_headers(const char *p, const char *end, struct arena *a, struct multipart_part *part)
{
	int lines = 0;
	int has_disposition = 0;
	while (p < end) {
		const char *nl = find(p, (size_t)(end - p), "\r\n", 2);
		const char *le = nl ? nl : end;
		size_t len = (size_t)(le - p);
		if (++lines > MAX_HEADER_LINES || len > MAX_HEADER_LINE)
			return -1;
		if (len >= 20 && strncasecmp(p, "Content-Disposition:", 20) == 0) {
			const char *v = p + 20;
			size_t vl = len - 20;
			while (vl && *v == ' ') {
				v++;
				vl--;
			}
			if (vl < 9 || strncasecmp(v, "form-data", 9) != 0)
				return -1;
			part->name = disposition_param(v, vl, "name", a);
			part->filename = disposition_param(v, vl, "filename", a);
			has_disposition = 1;
		} else if (len >= 13 && strncasecmp(p, "Content-Type:", 13) == 0) {
			const char *v = p + 13;
			while (v < le && *v == ' ')
				v++;
			part->content_type = arena_strndup(a, v, (size_t)(le - v));
		}
		p = nl ? nl + 2 : end;
	}
	return has_disposition && part->name ? 0 : -1;
}

int multipart_parse(const char *boundary, const char *body, size_t len, struct arena *a,
		    struct multipart_part *parts, int max_parts)
{
	char delim[80];
	size_t blen = strlen(boundary);
	if (blen == 0 || blen > 70)
		return -1;
	/* "\r\n--boundary"; the first delimiter may start the body without the CRLF */
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, boundary, blen);
	size_t dlen = blen + 4;
	const char *end = body + len;
	const char *p;
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
		p = body + dlen - 2;
	else if ((p = find(body, len, delim, dlen)) != NULL)
		p += dlen;
	else
		return -1;
	int n = 0;
	for (;;) {
		/* after a delimiter: "--" ends the body, "\r\n" starts a part */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return n;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return -1;
		p += 2;
		if (n >= max_parts)
			return -1;
		const char *hend = find(p, (size_t)(end - p), "\r\n\r\n", 4);
		struct multipart_part *part = &parts[n];
		memset(part, 0, sizeof(*part));
		if (!hend || parse_headers(p, hend, a, part) != 0)
			return -1;
		const char *data = hend + 4;
		const char *next = find(data, (size_t)(end - data), delim, dlen);
		if (!next)
			return -1;
		part->data = data;
		part->len = (size_t)(next - data);
		n++;
		p = next + dlen;
	}
}

int req_multipart(struct req *r, struct multipart_part *parts, int max_parts)
{
	char boundary[71];
	if (multipart_boundary(req_header(r, "Content-Type"), boundary) != 0)
		return -1;
	int n = multipart_parse(boundary, r->body.data, r->body.len, &r->arena, parts, max_parts);
	if (n < 0)
		return -1;
	r->form = arena_alloc(&r->arena, sizeof(*r->form) * (size_t)(n + 1));
	r->nform = 0;
	r->form_parsed = 1;
	for (int i = 0; i < n; i++) {
		if (parts[i].filename || !text_utf8_valid(parts[i].data, parts[i].len))
			continue;
		r->form[r->nform].key = arena_strdup(&r->arena, parts[i].name);
		r->form[r->nform].value = arena_strndup(&r->arena, parts[i].data, parts[i].len);
		r->nform++;
	}
	return n;
}

int req_upload(struct req *r, const char *field, const struct multipart_part **file)
{
	struct multipart_part *parts = arena_alloc(&r->arena, sizeof(*parts) * 4);
	int n = req_multipart(r, parts, 4);
	*file = NULL;
	if (n < 0) {
		reply_error(r, 400);
		return -1;
	}
	for (int i = 0; i < n; i++)
		if (strcmp(parts[i].name, field) == 0 && parts[i].filename && parts[i].len)
			*file = &parts[i];
	return 0;
}

const char *upload_file_name(struct req *r, const char *given, const char *fallback)
{
	char name[201] = "";
	if (given && text_utf8_valid(given, strlen(given))) {
		snprintf(name, sizeof(name), "%s", given);
		name[text_utf8_prefix(name, 100, 200)] = '\0';
		text_normalize(name, TEXT_LINE);
	}
	return arena_strdup(&r->arena, name[0] ? name : fallback);
}
