/*
 * mail_compose: builds the text of an RFC 5322 message with a UTF-8 plain
 * text body (maildir, exec, and SMTP when there is no HTML), and the
 * header fields of the multipart message that smtp.c builds with libcurl's
 * MIME API.
 * Header fields that are not plain ASCII are RFC 2047 encoded words.
 * Pure code: the caller supplies the date and the Message-ID.
 */
#ifndef PLANWATCH_MAIL_COMPOSE_H
#define PLANWATCH_MAIL_COMPOSE_H

#include <stddef.h>
#include <time.h>

struct mail_msg {
	const char *from; /* address */
	const char *from_name; /* display name, may be NULL */
	char *const *to;
	size_t nto;
	char *const *cc;
	size_t ncc;
	const char *subject; /* UTF-8 */
	const char *body; /* UTF-8, LF line ends */
	time_t date;
	const char *message_id; /* "<...@...>" */
};

/*
 * Returns the message (CRLF line ends, NUL-terminated, length in *len);
 * the caller frees it.  NULL when out of memory.
 */
char *mail_compose(const struct mail_msg *m, size_t *len);
/*
 * Returns the header fields of m alone (From, To, Cc, Subject, Date,
 * Message-ID, Auto-Submitted; CRLF after each, folded lines kept), for a
 * transport that builds the body with libcurl's MIME API.  Caller frees.
 */
char *mail_compose_headers(const struct mail_msg *m);

/* An image of a message, shown inline by Content-ID. */
struct mail_image {
	char *cid; /* "chart.gdp@planwatch" */
	char *name; /* "gdp.png" */
	char *path; /* where to read it when data is NULL, or NULL */
	unsigned char *data; /* the PNG */
	size_t len;
};

/* A file a message carries for its reader to save (a plan's PDF). */
struct mail_attachment {
	char *name; /* "final.pdf": no quote, CR or LF */
	char *type; /* "application/pdf" */
	unsigned char *data;
	size_t len;
};

/*
 * A message in parts (mime_message.c): a plain text and an HTML
 * alternative, the HTML's images as related parts, then the files it
 * carries as attachments.
 */
struct mail_parts {
	char *headers; /* mail_compose_headers */
	char *text; /* UTF-8, LF line ends */
	char *html; /* UTF-8; may be NULL */
	struct mail_image *images;
	size_t nimages;
	struct mail_attachment *attachments; /* may be NULL when none */
	size_t nattachments;
};

/* Frees p and everything it holds; NULL is a no-op. */
void mail_parts_free(struct mail_parts *p);

/*
 * Returns text as RFC 2047 "Q" encoded words folded to fit header lines,
 * or a copy of text when it is printable ASCII already.  Caller frees.
 */
char *mail_encode_words(const char *text);
/*
 * Writes the Message-ID of a message whose identity is the len bytes at
 * data (its recipients, text and events, not its Date): the same message
 * composed again, after a crash, gets the same id, so the outbox keeps
 * one and a mail client can tell a resend for what it is.
 */
void mail_message_id(
    const char *domain, const void *data, size_t len, char *buf, size_t buflen);

#endif
