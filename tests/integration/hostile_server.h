/*
 * hostile_server: a misbehaving HTTP server for the integration tests, on
 * 127.0.0.1 and a free port, in threads of the test process.  Plain
 * sockets and poll(), not evhttp, because it must answer with what no
 * HTTP library would send.  Each connection is served by the request
 * path:
 *
 *   /garbage            random bytes (fixed seed), no HTTP at all, close
 *   /chunked-truncated  chunked 200, one chunk holding a whole JSON feed,
 *                       closed before the last (empty) chunk
 *   /short-length       Content-Length: 1000, 100 bytes of body, close
 *   /huge               10 MiB with Content-Length, streamed (a whole
 *                       feed, then spaces)
 *   /huge-chunked       the same, chunked, no Content-Length
 *   /loop               302 to itself (Location: /loop)
 *   /silent             reads the request, never answers
 *   /trickle            a valid header, then the feed one byte every 2 s
 *   /ok                 a small valid JSON feed (the control)
 *
 * Anything else is a 404.  Every response is Connection: close.  A
 * connection lasts at most HOSTILE_CONN_MAX_MS, so a client that ignores
 * its own timeouts is still released; the server stops (and joins every
 * thread) when asked.
 */
#ifndef PLANWATCH_HOSTILE_SERVER_H
#define PLANWATCH_HOSTILE_SERVER_H

/* The longest a connection is kept open, in milliseconds. */
#define HOSTILE_CONN_MAX_MS 15000

/*
 * The feed /ok serves.  The bodies of /chunked-truncated, /short-length,
 * /huge, /huge-chunked and /trickle hold it too: without the fault, a
 * client would store it.
 */
#define HOSTILE_FEED "{\"data\": [{\"year\": \"2021\", \"value\": 1.5}]}"

struct hostile_server;

/* Starts the server; NULL on failure.  The caller stops it. */
struct hostile_server *hostile_server_start(void);
/* The port it listens on. */
int hostile_server_port(const struct hostile_server *hs);
/* Requests received so far for path (0 for unknown paths). */
int hostile_server_hits(struct hostile_server *hs, const char *path);
/* Stops the server, closes every connection, joins, frees; NULL is a no-op. */
void hostile_server_stop(struct hostile_server *hs);

#endif
