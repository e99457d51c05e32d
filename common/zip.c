/* zip.c: a streaming deflate ZIP writer; see zip.h. */
#include <string.h>

#include "common/zip.h"
#include "common/banned.h"

#define ZIP_LIMIT 0xFFFFFFFFu /* sizes and offsets without ZIP64 */

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v & 0xFF);
	p[1] = (unsigned char)((v >> 8) & 0xFF);
}

static void put32(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)((v >> (8 * i)) & 0xFF);
}

static int emit(struct zip_writer *zw, const void *p, size_t n)
{
	if (zw->failed)
		return -1;
	if (n && fwrite(p, 1, n, zw->out) != n)
		zw->failed = 1;
	zw->offset += n;
	if (zw->offset > ZIP_LIMIT)
		zw->failed = 1;
	return zw->failed ? -1 : 0;
}

void zip_writer_init(struct zip_writer *zw, FILE *out, time_t mtime)
{
	memset(zw, 0, sizeof(*zw));
	zw->out = out;
	struct tm tm;
	if (gmtime_r(&mtime, &tm) && tm.tm_year >= 80) {
		zw->dos_time = (uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
		zw->dos_date = (uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
	} else {
		zw->dos_date = (1 << 5) | 1; /* 1980-01-01 */
	}
}

int zip_entry_begin(struct zip_writer *zw, const char *name)
{
	size_t len = strlen(name);
	if (zw->failed || zw->in_entry || zw->n == ZIP_MAX_ENTRIES || len == 0 || len >= ZIP_NAME_MAX) {
		zw->failed = 1;
		return -1;
	}
	struct zip_entry *e = &zw->entries[zw->n];
	memset(e, 0, sizeof(*e));
	memcpy(e->name, name, len + 1);
	e->offset = zw->offset;
	e->crc = (uint32_t)crc32(0L, Z_NULL, 0);
	memset(&zw->z, 0, sizeof(zw->z));
	/* raw deflate (negative window bits): ZIP has its own headers */
	if (deflateInit2(&zw->z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
		zw->failed = 1;
		return -1;
	}
	zw->in_entry = 1;
	zw->n++;
	unsigned char h[30];
	put32(h, 0x04034b50);
	put16(h + 4, 20);                 /* version needed: 2.0 (deflate) */
	put16(h + 6, (1u << 3) | (1u << 11)); /* sizes in the data descriptor; UTF-8 name */
	put16(h + 8, 8);                  /* deflate */
	put16(h + 10, zw->dos_time);
	put16(h + 12, zw->dos_date);
	memset(h + 14, 0, 12);            /* CRC and sizes follow the data */
	put16(h + 26, (unsigned)len);
	put16(h + 28, 0);
	if (emit(zw, h, sizeof(h)) != 0)
		return -1;
	return emit(zw, name, len);
}

/* Runs deflate over the pending input with flush, writing what it produces. */
static int pump(struct zip_writer *zw, int flush)
{
	unsigned char chunk[16384];
	struct zip_entry *e = &zw->entries[zw->n - 1];
	int rc;
	do {
		zw->z.next_out = chunk;
		zw->z.avail_out = sizeof(chunk);
		rc = deflate(&zw->z, flush);
		if (rc == Z_STREAM_ERROR) {
			zw->failed = 1;
			return -1;
		}
		size_t produced = sizeof(chunk) - zw->z.avail_out;
		e->csize += produced;
		if (emit(zw, chunk, produced) != 0)
			return -1;
	} while (zw->z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
	return 0;
}

int zip_entry_write(struct zip_writer *zw, const void *data, size_t len)
{
	if (zw->failed || !zw->in_entry)
		return -1;
	struct zip_entry *e = &zw->entries[zw->n - 1];
	const unsigned char *p = data;
	while (len > 0) {
		uInt n = len > (1u << 30) ? (1u << 30) : (uInt)len;
		e->crc = (uint32_t)crc32(e->crc, p, n);
		e->usize += n;
		if (e->usize > ZIP_LIMIT) {
			zw->failed = 1;
			return -1;
		}
		zw->z.next_in = (Bytef *)(uintptr_t)p; /* zlib does not write through next_in */
		zw->z.avail_in = n;
		if (pump(zw, Z_NO_FLUSH) != 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

int zip_entry_end(struct zip_writer *zw)
{
	if (zw->failed || !zw->in_entry)
		return -1;
	int rc = pump(zw, Z_FINISH);
	deflateEnd(&zw->z);
	zw->in_entry = 0;
	if (rc != 0)
		return -1;
	struct zip_entry *e = &zw->entries[zw->n - 1];
	unsigned char d[16];
	put32(d, 0x08074b50);
	put32(d + 4, e->crc);
	put32(d + 8, e->csize);
	put32(d + 12, e->usize);
	return emit(zw, d, sizeof(d));
}

int zip_writer_finish(struct zip_writer *zw)
{
	if (zw->in_entry)
		zip_entry_end(zw);
	uint64_t start = zw->offset;
	for (size_t i = 0; i < zw->n && !zw->failed; i++) {
		const struct zip_entry *e = &zw->entries[i];
		size_t len = strlen(e->name);
		unsigned char c[46];
		put32(c, 0x02014b50);
		put16(c + 4, (3u << 8) | 20); /* made by: Unix, 2.0 */
		put16(c + 6, 20);
		put16(c + 8, (1u << 3) | (1u << 11));
		put16(c + 10, 8);
		put16(c + 12, zw->dos_time);
		put16(c + 14, zw->dos_date);
		put32(c + 16, e->crc);
		put32(c + 20, e->csize);
		put32(c + 24, e->usize);
		put16(c + 28, (unsigned)len);
		memset(c + 30, 0, 8);         /* extra, comment, disk, internal attributes */
		put32(c + 38, (uint64_t)0100644 << 16); /* external: a regular file, rw-r--r-- */
		put32(c + 42, e->offset);
		if (emit(zw, c, sizeof(c)) == 0)
			emit(zw, e->name, len);
	}
	unsigned char end[22];
	put32(end, 0x06054b50);
	put16(end + 4, 0);
	put16(end + 6, 0);
	put16(end + 8, (unsigned)zw->n);
	put16(end + 10, (unsigned)zw->n);
	put32(end + 12, zw->offset - start);
	put32(end + 16, start);
	put16(end + 20, 0);
	emit(zw, end, sizeof(end));
	int rc = zw->failed ? -1 : 0;
	zip_writer_release(zw);
	return rc;
}

void zip_writer_release(struct zip_writer *zw)
{
	if (!zw)
		return;
	if (zw->in_entry)
		deflateEnd(&zw->z);
	zw->in_entry = 0;
}
