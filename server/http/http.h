/* http.h: the libmicrohttpd front: start, serve until a signal, stop gracefully. */
#ifndef FPHC_HTTP_H
#define FPHC_HTTP_H

/* Blocks SIGINT/SIGTERM, starts the daemon from `config`, waits for a signal,
 * then stops accepting, lets in-flight requests finish (up to 10 s), closes the
 * database connections. Returns the exit status (0 after a clean stop). */
int http_serve(void);

#endif
