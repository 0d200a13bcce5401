/*
 * smtp: hands one composed message to an SMTP server through libcurl
 * (smtp:// with STARTTLS when offered or required, smtps://, optional
 * AUTH).  Blocking: called on the outbox's delivery thread, never on the
 * event loop (see smtp.c for why).
 */
#ifndef PLANWATCH_SMTP_H
#define PLANWATCH_SMTP_H

#include <stdatomic.h>
#include <stddef.h>

#include "config.h"

/*
 * Sends msg (len bytes, the whole RFC 5322 message) to rcpt.  Returns when the
 * server answered, the transfer failed or stop was set: 0 when the server
 * accepted the message; 1 with err when it refused it for now (a 4xx reply:
 * SMTP's "try again later"); -1 with err otherwise.
 */
int smtp_send(const struct smtp_conf *c, char *const *rcpt, size_t nrcpt,
    const char *msg, size_t len, const atomic_bool *stop, char *err,
    size_t errlen);

#endif
