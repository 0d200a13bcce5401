/*
 * mime_message: the whole RFC 5322 message of a mail in parts (the text,
 * its HTML alternative, the HTML's images) as bytes, composed by GMime:
 * the one message that SMTP, Maildir and exec all deliver.  libcurl's
 * MIME API builds a message only inside a transfer, so it could not give
 * Maildir and exec the same message (docs/architecture.md).
 */
#ifndef PLANWATCH_MIME_MESSAGE_H
#define PLANWATCH_MIME_MESSAGE_H

#include <stddef.h>

#include "mail_compose.h"

/*
 * Returns p's message: its header fields (p->headers, from
 * mail_compose_headers), MIME-Version, then multipart/mixed holding one
 * multipart/related: the text and HTML as multipart/alternative (UTF-8; 8bit,
 * or quoted-printable for a line too long), then each image with data as an
 * inline image/png part (base64) named by its Content-ID.  CRLF line ends,
 * NUL-terminated, length in *len; the caller frees it.  NULL when out of
 * memory.  Any thread.
 */
char *mime_message(const struct mail_parts *p, size_t *len);

#endif
