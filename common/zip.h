/* zip.h: a streaming ZIP writer (deflate, one pass, no seeking), for downloads
 * that bundle a few files, such as a Data Package (CSV + datapackage.json).
 *
 * Each entry is written as it comes: a local header without sizes, the deflated
 * data, then a data descriptor with the CRC and sizes (general purpose flag bit
 * 3), so the output can be a pipe. No ZIP64: an archive whose entries or
 * offsets pass 4 GiB - 1 fails rather than writing a file that readers misread.
 * Names are UTF-8 (flag bit 11). Out of memory in zlib fails the writer.
 *
 *	struct zip_writer zw;
 *	zip_writer_init(&zw, out, time(NULL));
 *	zip_entry_begin(&zw, "data.csv"); zip_entry_write(&zw, p, n); zip_entry_end(&zw);
 *	if (zip_writer_finish(&zw) != 0) … ;   // also releases
 */
#ifndef FPHC_ZIP_H
#define FPHC_ZIP_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include <zlib.h>

#define ZIP_MAX_ENTRIES 8
#define ZIP_NAME_MAX 128

struct zip_entry {
	char name[ZIP_NAME_MAX];
	uint32_t crc;
	uint64_t csize, usize, offset;
};

struct zip_writer {
	FILE *out;           /* not owned */
	uint64_t offset;     /* bytes written so far */
	uint16_t dos_time, dos_date;
	struct zip_entry entries[ZIP_MAX_ENTRIES];
	size_t n;
	z_stream z;
	int in_entry;        /* an entry is open (z initialised) */
	int failed;          /* a write, zlib or a limit failed: every later call fails */
};

/* Starts an archive on out; mtime (UTC) is every entry's modification time. */
void zip_writer_init(struct zip_writer *zw, FILE *out, time_t mtime);
/* Opens the next entry (name: 1..ZIP_NAME_MAX-1 bytes). Returns 0 or -1. */
int zip_entry_begin(struct zip_writer *zw, const char *name);
/* Appends len bytes to the open entry. Returns 0 or -1. */
int zip_entry_write(struct zip_writer *zw, const void *data, size_t len);
/* Closes the open entry (its data descriptor). Returns 0 or -1. */
int zip_entry_end(struct zip_writer *zw);
/* Writes the central directory and releases the writer. Returns 0, or -1 when
 * this or any earlier step failed (the output is then not a valid archive). */
int zip_writer_finish(struct zip_writer *zw);
/* Frees zlib's state of an unfinished writer; safe to call twice and after finish. */
void zip_writer_release(struct zip_writer *zw);

#endif
