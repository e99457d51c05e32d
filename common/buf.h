/* buf.h: a growable byte buffer with a hard size cap (after git's strbuf and curl's dynbuf).
 *
 * Invariants: `data` is always NUL-terminated (also when len == 0, it points at a
 * static "" until the first append), `len` excludes that NUL, and len + 1 <= cap.
 * A buffer that would grow past `max` refuses the append, keeps what it had and
 * sets `toobig`; every later append is refused as well, so callers may append a
 * whole page and check once at the end.
 * Out of memory aborts the process: the server cannot do anything useful without
 * memory, and one policy is simpler than checking every append. */
#ifndef FPHC_BUF_H
#define FPHC_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;  /* hard cap on len; 0 means BUF_DEFAULT_MAX */
	int toobig;  /* an append was refused because of max */
};

#define BUF_DEFAULT_MAX ((size_t)64 * 1024 * 1024)
#define BUF_INIT { (char *)"", 0, 0, 0, 0 }

void buf_init(struct buf *b, size_t max);
/* Frees the storage and leaves an empty buffer; safe to call twice. */
void buf_release(struct buf *b);
/* Hands the storage to the caller (free() it) and leaves the buffer empty.
 * Never returns NULL: an empty buffer gives a fresh empty string. */
char *buf_detach(struct buf *b, size_t *len);
void buf_reset(struct buf *b);

/* All appends return 0, or -1 when the cap was hit (nothing appended). */
int buf_add(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);

/* Escaping appends: HTML text/attribute (& < > " ' escaped), JSON string
 * contents (without the quotes), CSV field (quoted when needed, with `sep`). */
int buf_html(struct buf *b, const char *s);
int buf_json_str(struct buf *b, const char *s);
int buf_csv_field(struct buf *b, const char *s, char sep);
/* buf_csv_field for free text a spreadsheet must not evaluate: a value that
 * starts with '=', '+', '-', '@', TAB or CR gets a leading apostrophe ("'=1+1"),
 * which spreadsheets show as text (OWASP's advice on CSV injection). Use it for
 * text cells only; numbers go through buf_double and stay numbers. */
int buf_csv_text(struct buf *b, const char *s, char sep);
/* A field of PostgreSQL's COPY text format: backslash, TAB, newline and CR
 * escaped; n bytes of s (buf_copy_text: up to the NUL). Copies the runs between
 * special characters at once. */
int buf_copy_text_n(struct buf *b, const char *s, size_t n);
int buf_copy_text(struct buf *b, const char *s);

#endif
