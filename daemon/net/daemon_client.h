/*
 * daemon_client: the commands that ask the running daemon (status,
 * reload) over its HTTP API on `listen`.  Commands, not the daemon: a
 * blocking libcurl transfer bounded by a timeout is the right tool.
 */
#ifndef PLANWATCH_DAEMON_CLIENT_H
#define PLANWATCH_DAEMON_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"

struct json_t;

/*
 * The URL of path on the daemon of c ("http://127.0.0.1:8470/api/v1/…");
 * a listen address on every interface is asked on loopback.  -1 when the
 * daemon has no HTTP server (listen: off).
 */
int daemon_client_url(
    const struct config *c, const char *path, char *url, size_t len);

/*
 * GET (or POST, with an empty body) url, with "Authorization: Bearer
 * token" when token is not NULL.  Returns the HTTP status and the body
 * (*body, NUL-terminated, caller frees; capped at 4 MiB), or -1 with err
 * when no daemon answered.
 */
long daemon_client_request(const char *url, bool post, const char *token,
    char **body, char *err, size_t errlen);

/*
 * daemon_client_request that POSTs data[0..datalen) (NULL: a GET) as
 * ctype (NULL: no Content-Type header).
 */
long daemon_client_post(const char *url, const char *data, size_t datalen,
    const char *ctype, const char *token, char **body, char *err,
    size_t errlen);

/* GET /api/v1/status as JSON; NULL with err. */
struct json_t *daemon_client_status(
    const struct config *c, char *err, size_t errlen);

#endif
