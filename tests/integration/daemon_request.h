/*
 * daemon_request: one request to a planwatch daemon started by a test
 * (libcurl, 127.0.0.1), its status and body kept for assertions; shared
 * by the tests of the admin endpoints.
 */
#ifndef PLANWATCH_DAEMON_REQUEST_H
#define PLANWATCH_DAEMON_REQUEST_H

#include <stddef.h>

struct daemon_response {
	long status; /* 0 when nothing answered */
	char body[65536]; /* NUL-terminated; a longer body is cut here */
	size_t len;
};

/*
 * A POST of body to path on port when body is not NULL, else a GET; one
 * extra header ("Authorization: Bearer ...") when header is not NULL.
 */
void daemon_request(int port, const char *path, const char *header,
    const char *body, struct daemon_response *r);

#endif
