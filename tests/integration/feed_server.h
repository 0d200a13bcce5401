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
/* Requests served so far for path. */
int feed_server_hits(struct feed_server *fs, const char *path);
/* Stops the thread and frees everything. */
void feed_server_stop(struct feed_server *fs);

#endif
