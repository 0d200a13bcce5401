/*
 * feed_server: a real HTTP feed server for the integration tests, libevent
 * evhttp in its own thread on 127.0.0.1 and a free port.  Each path serves
 * a status and body set by the test; unknown paths are 404.
 */
#ifndef PLANWATCH_FEED_SERVER_H
#define PLANWATCH_FEED_SERVER_H

#include <stddef.h>

struct feed_server;

/* Starts the server; NULL on failure.  evthread_use_pthreads() first. */
struct feed_server *feed_server_start(void);
/* The port it listens on. */
int feed_server_port(const struct feed_server *fs);
/* Serves body (copied) with status on path from now on. */
void feed_server_set(struct feed_server *fs, const char *path, int status,
    const char *body, size_t len);
/*
 * What path answers besides its body: an ETag (a request with a matching
 * If-None-Match gets 304), a Location (with a 3xx status), a Retry-After,
 * and an Authorization value required (else 401).  NULL/-1: none.
 */
void feed_server_extra(struct feed_server *fs, const char *path,
    const char *etag, const char *location, int retry_after,
    const char *require_auth);
/* Copies the If-None-Match of the last request for path into buf. */
void feed_server_last_inm(
    struct feed_server *fs, const char *path, char *buf, size_t len);
/*
 * The body of the last request for path (caller frees), or NULL when none
 * came; its method ("POST" or "other"), X-Planwatch-Signature and
 * X-Planwatch-Message-Id are copied into the len-byte buffers.
 */
char *feed_server_last_request(struct feed_server *fs, const char *path,
    char *method, char *sig, char *msgid, size_t len);
/* Requests served so far for path. */
int feed_server_hits(struct feed_server *fs, const char *path);
/*
 * Every answer from now on waits ms on the server's timer (other requests
 * are served meanwhile); 0: none.
 */
void feed_server_delay(struct feed_server *fs, int ms);
/* The most answers that were waiting at once, since the start. */
int feed_server_peak_waiting(struct feed_server *fs);
/* Stops the thread and frees everything. */
void feed_server_stop(struct feed_server *fs);

#endif
