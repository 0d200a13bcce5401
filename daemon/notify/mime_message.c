/*
 * mime_message: GMime builds the MIME tree and writes it with CRLF line
 * ends; planwatch's own header fields (RFC 2047 words, the Message-ID it
 * chose, Auto-Submitted) go first, as mail_compose_headers wrote them.
 * GMime is initialised once, on first use, from whichever thread comes
 * first (the outbox's delivery thread).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmime/gmime.h>

#include "mime_message.h"

static pthread_once_t gmime_once = PTHREAD_ONCE_INIT;

static void
gmime_start(void)
{
	g_mime_init();
}

/*
 * A UTF-8 text part (plain or html) in the best encoding that keeps to
 * 8 bits: the text as it is (8bit, as planwatch's plain messages always
 * went) while its lines are short enough for SMTP, quoted-printable when
 * a line is longer than 998 bytes.
 */
static GMimeObject *
text_part(const char *subtype, const char *text)
{
	GMimeTextPart *t = g_mime_text_part_new_with_subtype(subtype);
	GMimeContentEncoding best;

	g_mime_text_part_set_text(t, text);
	best = g_mime_part_get_best_content_encoding(
	    GMIME_PART(t), GMIME_ENCODING_CONSTRAINT_8BIT);
	/* Said always: without the header a reader assumes 7bit. */
	g_mime_part_set_content_encoding(GMIME_PART(t),
	    best == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
		    best == GMIME_CONTENT_ENCODING_BASE64
		? best
		: GMIME_CONTENT_ENCODING_8BIT);
	return GMIME_OBJECT(t);
}

/* An inline PNG named by its Content-ID, base64. */
static GMimeObject *
image_part(const struct mail_image *im)
{
	GMimePart *part = g_mime_part_new_with_type("image", "png");
	GMimeStream *mem =
	    g_mime_stream_mem_new_with_buffer((const char *)im->data, im->len);
	GMimeDataWrapper *w = g_mime_data_wrapper_new_with_stream(
	    mem, GMIME_CONTENT_ENCODING_DEFAULT);

	g_mime_part_set_content(part, w);
	g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
	g_mime_part_set_content_id(part, im->cid);
	if (im->name != NULL)
		g_mime_part_set_filename(part, im->name);
	g_mime_object_set_disposition(GMIME_OBJECT(part), "inline");
	g_object_unref(w);
	g_object_unref(mem);
	return GMIME_OBJECT(part);
}

/* A file to save (Content-Disposition: attachment), base64. */
static GMimeObject *
attachment_part(const struct mail_attachment *a)
{
	const char *slash = strchr(a->type, '/');
	char major[64];
	GMimePart *part;
	GMimeStream *mem;
	GMimeDataWrapper *w;

	snprintf(major, sizeof(major), "%.*s",
	    slash != NULL ? (int)(slash - a->type) : (int)strlen(a->type),
	    a->type);
	part = g_mime_part_new_with_type(
	    major, slash != NULL ? slash + 1 : "octet-stream");
	mem = g_mime_stream_mem_new_with_buffer((const char *)a->data, a->len);
	w = g_mime_data_wrapper_new_with_stream(
	    mem, GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(part, w);
	g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
	g_mime_object_set_disposition(GMIME_OBJECT(part), "attachment");
	g_mime_part_set_filename(part, a->name);
	g_object_unref(w);
	g_object_unref(mem);
	return GMIME_OBJECT(part);
}

/*
 * multipart/mixed > multipart/related > (alternative, images...), then
 * the attachments after the related part.
 */
static GMimeObject *
mime_tree(const struct mail_parts *p)
{
	GMimeMultipart *mixed = g_mime_multipart_new_with_subtype("mixed");
	GMimeMultipart *related = g_mime_multipart_new_with_subtype("related");
	GMimeMultipart *alt = g_mime_multipart_new_with_subtype("alternative");
	GMimeObject *o;

	o = text_part("plain", p->text);
	g_mime_multipart_add(alt, o);
	g_object_unref(o);
	if (p->html != NULL) {
		o = text_part("html", p->html);
		g_mime_multipart_add(alt, o);
		g_object_unref(o);
	}
	/* RFC 2387: the type of the related root part. */
	g_mime_object_set_content_type_parameter(
	    GMIME_OBJECT(related), "type", "multipart/alternative");
	g_mime_multipart_add(related, GMIME_OBJECT(alt));
	g_object_unref(alt);
	for (size_t i = 0; i < p->nimages; i++) {
		if (p->images[i].data == NULL)
			continue;
		o = image_part(&p->images[i]);
		g_mime_multipart_add(related, o);
		g_object_unref(o);
	}
	g_mime_multipart_add(mixed, GMIME_OBJECT(related));
	g_object_unref(related);
	for (size_t i = 0; i < p->nattachments; i++) {
		o = attachment_part(&p->attachments[i]);
		g_mime_multipart_add(mixed, o);
		g_object_unref(o);
	}
	return GMIME_OBJECT(mixed);
}

char *
mime_message(const struct mail_parts *p, size_t *len)
{
	GMimeFormatOptions *opt;
	GMimeStream *out;
	GMimeObject *tree;
	GByteArray *body;
	size_t head = strlen(p->headers);
	static const char version[] = "MIME-Version: 1.0\r\n";
	char *msg = NULL;

	pthread_once(&gmime_once, gmime_start);
	tree = mime_tree(p);
	out = g_mime_stream_mem_new();
	opt = g_mime_format_options_new();
	g_mime_format_options_set_newline_format(opt, GMIME_NEWLINE_FORMAT_DOS);
	if (g_mime_object_write_to_stream(tree, opt, out) >= 0) {
		body = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out));
		*len = head + sizeof(version) - 1 + body->len;
		if ((msg = malloc(*len + 1)) != NULL) {
			memcpy(msg, p->headers, head);
			memcpy(msg + head, version, sizeof(version) - 1);
			memcpy(msg + head + sizeof(version) - 1, body->data,
			    body->len);
			msg[*len] = '\0';
		}
	}
	g_mime_format_options_free(opt);
	g_object_unref(out);
	g_object_unref(tree);
	return msg;
}
