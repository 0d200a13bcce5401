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
 *   /validator-cr       /ok's feed with ETag: "v1"<CR>Authorization: x
 *                       (a bare CR: a CRLF would end the header line)
 *   /validator-ctl      /ok's feed with an ETag and a Last-Modified that
 *                       hold a 0x01 byte
 *
 * Anything else is a 404.  Every response is Connection: close.  The
 * head of the last request for each path is kept, byte for byte, for a
 * test to read what a client sent.  A
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
/*
 * Copies the raw head (request line and header lines, CRLFs included) of
 * the last request for path into buf, or "" when none came.
 */
void hostile_server_last_head(
    struct hostile_server *hs, const char *path, char *buf, size_t len);
/* Stops the server, closes every connection, joins, frees; NULL is a no-op. */
void hostile_server_stop(struct hostile_server *hs);

#endif
