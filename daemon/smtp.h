/*
 * smtp: hands one composed message to an SMTP server through libcurl on
 * curlev (smtp:// with STARTTLS when offered or required, smtps://,
 * optional AUTH), never blocking the loop.
 */
#ifndef PLANWATCH_SMTP_H
#define PLANWATCH_SMTP_H

#include <stddef.h>

#include "config.h"
#include "curlev.h"

/*
 * rc is 0 when the server accepted the message; 1 with err when it
 * refused it for now (a 4xx reply: SMTP's "try again later"); -1 with err
 * otherwise.
 */
typedef void (*smtp_done_cb)(int rc, const char *err, void *arg);

struct mail_parts;

/*
 * Sends msg (len bytes, copied) to rcpt; or, when parts is not NULL, the
 * multipart message built from parts with libcurl's MIME API (the parts
 * are copied; msg is not used).  done is called exactly once unless this
 * returns -1 (with err).
 */
int smtp_send(struct curlev *cev, const struct smtp_conf *c, char *const *rcpt,
    size_t nrcpt, const char *msg, size_t len, const struct mail_parts *parts,
    smtp_done_cb done, void *arg, char *err, size_t errlen);

#endif
