/*
 * admin_post: a command that changes what the running daemon owns (a
 * value entered, a note) asks the daemon to write it, so each file keeps
 * one writer: one POST to its admin API with the bearer token.
 */
#ifndef PLANWATCH_ADMIN_POST_H
#define PLANWATCH_ADMIN_POST_H

#include <stddef.h>

#include "config.h"

/*
 * POSTs data[0..len) as ctype to path on c's daemon, with the token of
 * admin_token_file (wiped after).  The HTTP status and the answer
 * (*answer, caller frees; NULL when none), or -1 with err: no daemon
 * answered, the token cannot be read, or the admin API is off (said
 * after what err already holds: the lock's refusal, which names the
 * daemon's pid).
 */
long admin_post(const struct config *c, const char *path, const char *data,
    size_t len, const char *ctype, char **answer, char *err, size_t errlen);

#endif
