/* log.h: structured (JSON lines) logging to standard error.
 * Never log tokens, passwords, session ids or query strings. */
#ifndef FPHC_LOG_H
#define FPHC_LOG_H

enum log_level { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG };

void log_set_level(int level);
void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
/* One line per request: method, route pattern (never the raw path), status, duration. */
void log_request(const char *method, const char *route, int status, double ms);

#endif
