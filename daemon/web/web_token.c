/*
 * web_token: the admin routes' gate.  The token is the first line of
 * admin_token_file, read once at the start; a request must name the
 * route's method and carry "Authorization: Bearer <token>".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>

#include "fsutil.h"
#include "log.h"
#include "web.h"
#include "web_impl.h"

#define WEB_TOKEN_MAX 512

/* Compares without an early exit: the time says nothing of the token. */
static bool
token_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char diff = la != lb;

	for (size_t i = 0; i < la; i++)
		diff |= (unsigned char)(a[i] ^ b[i % (lb ? lb : 1)]);
	return diff == 0;
}

bool
web_token_allowed(
    struct web *w, struct evhttp_request *req, enum evhttp_cmd_type method)
{
	const char *auth = evhttp_find_header(
	    evhttp_request_get_input_headers(req), "Authorization");

	if (evhttp_request_get_command(req) != method) {
		web_reply_error(req, 405,
		    method == EVHTTP_REQ_DELETE
			? "this admin endpoint takes DELETE"
			: "this admin endpoint takes POST");
		return false;
	}
	if (w->token == NULL) {
		web_reply_error(
		    req, 403, "admin endpoints are off: set admin_token_file");
		return false;
	}
	if (auth == NULL || strncmp(auth, "Bearer ", 7) != 0) {
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "WWW-Authenticate", "Bearer realm=\"planwatch\"");
		web_reply_error(
		    req, 401, "needs Authorization: Bearer <token>");
		return false;
	}
	if (!token_equal(auth + 7, w->token)) {
		log_warn("http: admin request with a wrong token");
		web_reply_error(req, 403, "wrong token");
		return false;
	}
	return true;
}

/*
 * The admin token: the file's first line.  A file others can read is
 * refused: anyone who reads it can reload the daemon.
 */
char *
web_token_read(const char *path, uid_t user, char *err, size_t errlen)
{
	size_t len;
	char *buf;

	if (fsutil_check_private("admin_token_file", path, user, err, errlen) !=
	    0)
		return NULL;
	if (fsutil_read_capped(path, WEB_TOKEN_MAX, &buf, &len, err, errlen) !=
	    0)
		return NULL;
	buf[strcspn(buf, "\r\n")] = '\0';
	if (strlen(buf) < 16) {
		snprintf(err, errlen,
		    "admin_token_file %s: the token needs 16 characters or "
		    "more",
		    path);
		free(buf);
		return NULL;
	}
	return buf;
}
