/*
 * mail_compose: message text by hand because RFC 5322 headers and RFC 2047
 * encoded words are not something libcurl builds (its MIME API builds the
 * body parts, not the "Subject:" field's encoding); the body is sent as
 * 8bit UTF-8 so that no transfer encoding is needed for plain text.
 *
 * RFC 2047 "Q" encoding: every byte outside [A-Za-z0-9!*+/-] becomes =XX,
 * a space becomes "_", and each encoded word stays within 75 characters
 * without splitting a UTF-8 sequence, folded onto continuation lines.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "mail_compose.h"

/* RFC 2047: a line with encoded words has at most 76 characters. */
#define LINE_MAX_ENCODED 76
#define WORD_OPEN "=?UTF-8?Q?"
#define WORD_CLOSE "?="
/* Longest message composed: the outbox keeps no larger entry (16 MiB). */
#define MAIL_COMPOSE_MAX (16u << 20)

/*
 * A message being composed: the one capped buffer, and whether an append
 * failed, so that the many appends of a message are checked once, at
 * sbuf_finish.
 */
struct sbuf {
	struct buf b;
	bool failed;
};

static void
sbuf_init(struct sbuf *b)
{
	buf_init(&b->b, MAIL_COMPOSE_MAX);
	b->failed = false;
}

static void
sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	if (!b->failed && buf_add(&b->b, s, n) != 0)
		b->failed = true;
}

/* The message, or NULL when an append failed (memory, the cap). */
static char *
sbuf_finish(struct sbuf *b, size_t *len)
{
	char *text = NULL;

	if (!b->failed) {
		*len = buf_len(&b->b);
		text = buf_take(&b->b);
	}
	buf_free(&b->b);
	return text;
}

static void
sbuf_str(struct sbuf *b, const char *s)
{
	sbuf_add(b, s, strlen(s));
}

static bool
needs_encoding(const char *text)
{
	for (const char *p = text; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c < 0x20 || c > 0x7e)
			return true;
	}
	return strstr(text, "=?") != NULL;
}

static bool
q_plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("!*+-/", c) != NULL;
}

/* Length of the UTF-8 sequence that starts with c (1 for bad bytes). */
static size_t
utf8_len(unsigned char c)
{
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	if (c >= 0xe0)
		return c <= 0xef ? 3 : 1;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	return 1;
}

/* Encodes one character (n bytes) into out; returns its encoded length. */
static size_t
q_char(const unsigned char *s, size_t n, char *out)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ')
			out[o++] = '_';
		else if (q_plain(s[i]))
			out[o++] = (char)s[i];
		else
			o += (size_t)sprintf(out + o, "=%02X", s[i]);
	}
	out[o] = '\0';
	return o;
}

/*
 * Encodes text as words for a header line whose first word starts at
 * column col: RFC 2047 limits every such line to 76 characters, so the
 * first word gets less room than those on continuation lines (" " + word).
 */
static char *
encode_words_at(const char *text, size_t col)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t overhead = strlen(WORD_OPEN) + strlen(WORD_CLOSE);
	size_t room = LINE_MAX_ENCODED - col - overhead;
	struct sbuf b;
	size_t used = 0, len;
	char enc[16];

	if (!needs_encoding(text))
		return strdup(text);
	sbuf_init(&b);
	sbuf_str(&b, WORD_OPEN);
	while (*s) {
		size_t n = utf8_len(*s), e;

		for (size_t i = 1; i < n; i++)
			if (s[i] == '\0')
				n = i;
		e = q_char(s, n, enc);
		if (used + e > room && used > 0) {
			sbuf_str(&b, WORD_CLOSE "\r\n " WORD_OPEN);
			room = LINE_MAX_ENCODED - 1 - overhead;
			used = 0;
		}
		sbuf_add(&b, enc, e);
		used += e;
		s += n;
	}
	sbuf_str(&b, WORD_CLOSE);
	return sbuf_finish(&b, &len);
}

char *
mail_encode_words(const char *text)
{
	return encode_words_at(text, 1);
}

static void
add_header(struct sbuf *b, const char *name, const char *value)
{
	sbuf_str(b, name);
	sbuf_str(b, ": ");
	sbuf_str(b, value);
	sbuf_str(b, "\r\n");
}

static void
add_address_list(struct sbuf *b, const char *name, char *const *v, size_t n)
{
	if (n == 0)
		return;
	sbuf_str(b, name);
	sbuf_str(b, ": ");
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			sbuf_str(b, ",\r\n ");
		sbuf_str(b, v[i]);
	}
	sbuf_str(b, "\r\n");
}

static void
add_from(struct sbuf *b, const struct mail_msg *m)
{
	char *name;

	if (m->from_name == NULL || *m->from_name == '\0') {
		add_header(b, "From", m->from);
		return;
	}
	if ((name = encode_words_at(m->from_name, strlen("From: "))) == NULL) {
		b->failed = true;
		return;
	}
	sbuf_str(b, "From: ");
	if (!needs_encoding(m->from_name) &&
	    strpbrk(m->from_name, "()<>[]:;@\\,.\"") != NULL) {
		/* RFC 5322 specials: the name becomes a quoted string. */
		sbuf_str(b, "\"");
		for (const char *p = m->from_name; *p; p++) {
			if (*p == '"' || *p == '\\')
				sbuf_add(b, "\\", 1);
			sbuf_add(b, p, 1);
		}
		sbuf_str(b, "\"");
	} else {
		sbuf_str(b, name);
	}
	/* Folded, so the address never lengthens an encoded line. */
	sbuf_str(b, needs_encoding(m->from_name) ? "\r\n <" : " <");
	sbuf_str(b, m->from);
	sbuf_str(b, ">\r\n");
	free(name);
}

/* Appends body with every line end as CRLF. */
static void
add_body(struct sbuf *b, const char *body)
{
	for (const char *p = body; *p; p++) {
		if (*p == '\n')
			sbuf_add(b, "\r\n", 2);
		else if (*p != '\r')
			sbuf_add(b, p, 1);
	}
	if (buf_len(&b->b) < 2 ||
	    memcmp(buf_str(&b->b) + buf_len(&b->b) - 2, "\r\n", 2) != 0)
		sbuf_add(b, "\r\n", 2);
}

/* From, To, Cc, Subject, Date, Message-ID: who and what, not the body. */
static void
add_identity(struct sbuf *b, const struct mail_msg *m)
{
	char date[64], *subject;
	struct tm tm;

	gmtime_r(&m->date, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	if ((subject = encode_words_at(m->subject, strlen("Subject: "))) ==
	    NULL) {
		b->failed = true;
		return;
	}
	add_from(b, m);
	add_address_list(b, "To", m->to, m->nto);
	add_address_list(b, "Cc", m->cc, m->ncc);
	add_header(b, "Subject", subject);
	add_header(b, "Date", date);
	add_header(b, "Message-ID", m->message_id);
	add_header(b, "Auto-Submitted", "auto-generated");
	free(subject);
}

char *
mail_compose(const struct mail_msg *m, size_t *len)
{
	struct sbuf b;

	sbuf_init(&b);
	add_identity(&b, m);
	add_header(&b, "MIME-Version", "1.0");
	add_header(&b, "Content-Type", "text/plain; charset=UTF-8");
	add_header(&b, "Content-Transfer-Encoding", "8bit");
	sbuf_str(&b, "\r\n");
	add_body(&b, m->body);
	return sbuf_finish(&b, len);
}

char *
mail_compose_headers(const struct mail_msg *m)
{
	struct sbuf b;
	size_t len;

	sbuf_init(&b);
	add_identity(&b, m);
	return sbuf_finish(&b, &len);
}

void
mail_parts_free(struct mail_parts *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->nimages; i++) {
		free(p->images[i].cid);
		free(p->images[i].name);
		free(p->images[i].path);
		free(p->images[i].data);
	}
	free(p->images);
	for (size_t i = 0; i < p->nattachments; i++) {
		free(p->attachments[i].name);
		free(p->attachments[i].type);
		free(p->attachments[i].data);
	}
	free(p->attachments);
	free(p->headers);
	free(p->text);
	free(p->html);
	free(p);
}

void
mail_message_id(
    const char *domain, const void *data, size_t len, char *buf, size_t buflen)
{
	/* Two FNV-1a 64 hashes with different offsets: an identity, not a
	 * secret; 128 bits keep unrelated messages apart. */
	const unsigned char *p = data;
	uint64_t a = 14695981039346656037ULL, b = 0x84222325cbf29ce4ULL;

	for (size_t i = 0; i < len; i++) {
		a = (a ^ p[i]) * 1099511628211ULL;
		b = (b ^ p[len - 1 - i]) * 1099511628211ULL;
	}
	snprintf(buf, buflen, "<pw.%016llx%016llx@%s>", (unsigned long long)a,
	    (unsigned long long)b, domain);
}
