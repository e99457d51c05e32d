/* log.c: JSON-lines logging; one write(2) per line so lines never interleave. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "server/http/log.h"
#include "common/buf.h"
#include "common/banned.h"

static int current_level = LOG_INFO;
static const char *level_names[] = {"error", "warn", "info", "debug"};

void log_set_level(int level)
{
	current_level = level;
}

static void stamp(char *out, size_t n)
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	size_t k = strftime(out, n, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + k, n - k, ".%03ldZ", ts.tv_nsec / 1000000);
}

static void emit(struct buf *b)
{
	buf_putc(b, '\n');
	ssize_t w = write(STDERR_FILENO, b->data, b->len);
	(void)w;
	buf_release(b);
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	if ((int)level > current_level)
		return;
	char ts[40], msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	stamp(ts, sizeof(ts));
	struct buf b;
	buf_init(&b, 0);
	buf_printf(&b, "{\"time\":\"%s\",\"level\":\"%s\",\"msg\":\"", ts, level_names[level]);
	buf_json_str(&b, msg);
	buf_puts(&b, "\"}");
	emit(&b);
}

void log_request(const char *method, const char *route, int status, double ms)
{
	if (current_level < LOG_INFO)
		return;
	char ts[40];
	stamp(ts, sizeof(ts));
	struct buf b;
	buf_init(&b, 0);
	buf_printf(&b, "{\"time\":\"%s\",\"method\":\"", ts);
	buf_json_str(&b, method);
	buf_puts(&b, "\",\"route\":\"");
	buf_json_str(&b, route);
	buf_printf(&b, "\",\"status\":%d,\"ms\":%.3f}", status, ms);
	emit(&b);
}
