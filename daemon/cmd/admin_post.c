/*
 * admin_post: one POST to the running daemon's admin API (admin_post.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_post.h"
#include "daemon_client.h"
#include "lifecycle.h"
#include "web.h"

long
admin_post(const struct config *c, const char *path, const char *data,
    size_t len, const char *ctype, char **answer, char *err, size_t errlen)
{
	char url[600], *token;
	long code;

	*answer = NULL;
	if (c->admin_token_file == NULL ||
	    daemon_client_url(c, path, url, sizeof(url)) != 0) {
		size_t n = strnlen(err, errlen);

		snprintf(err + n, errlen - n,
		    "; the daemon's admin API is off (admin_token_file and "
		    "listen in %s): stop the daemon, or turn it on",
		    c->path);
		return -1;
	}
	if ((token = web_token_read(c->admin_token_file,
		 lifecycle_run_uid(c->user), err, errlen)) == NULL)
		return -1;
	code = daemon_client_post(
	    url, data, len, ctype, token, answer, err, errlen);
	memset(token, 0, strlen(token));
	free(token);
	return code;
}
