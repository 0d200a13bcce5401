/*
 * outbox_entry: an outbox entry's file, written and read back (the format
 * is in outbox_entry.h).  Writing happens on the worker, reading on the
 * outbox's delivery thread; nothing here touches the loop.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "fsutil.h"
#include "hex.h"
#include "log.h"
#include "mail_compose.h"
#include "outbox.h"
#include "outbox_entry.h"

#define OUTBOX_ENTRY_MAX (16u << 20)
#define OUTBOX_IMAGES_MAX 64
#define OUTBOX_IMAGE_MAX (4u << 20)
/* A plan's PDF with its charts is a few megabytes. */
#define OUTBOX_ATTACHMENTS_MAX 8
#define OUTBOX_ATTACHMENT_MAX (64u << 20)
/* An entry file read back: far above what outbox_write makes (a message,
 * its HTML and charts as hex); a cap on memory, not on messages. */
#define OUTBOX_FILE_MAX (1u << 30)

/* The bytes p[0..n) as a JSON string of hex; NULL when out of memory. */
static json_t *
hex_of(const void *p, size_t n)
{
	char *hex = malloc(2 * n + 1);
	json_t *v = NULL;

	if (hex != NULL && hex_encode(p, n, hex, 2 * n + 1) == 0)
		v = json_stringn(hex, 2 * n);
	free(hex);
	return v;
}

/*
 * The images of parts, read now (a chart drawn later must not change a
 * message decided now); an image that cannot be read is left out, and
 * its <img> shows its alt text.
 */
static json_t *
images_json(const struct mail_parts *parts)
{
	json_t *list = json_array();

	for (size_t i = 0; list != NULL && i < parts->nimages; i++) {
		const struct mail_image *im = &parts->images[i];
		char err[512];
		char *data = NULL;
		size_t len = 0;
		json_t *hex;

		/* A chart in graph_dir: planwatch's own, never a link. */
		if (im->data == NULL &&
		    fsutil_read_own(im->path, OUTBOX_IMAGE_MAX, &data, &len,
			err, sizeof(err)) != 0) {
			log_info("outbox: chart left out: %s", err);
			continue;
		}
		hex = im->data != NULL ? hex_of(im->data, im->len)
				       : hex_of(data, len);
		free(data);
		json_array_append_new(list,
		    json_pack("{s:s, s:s, s:o}", "cid", im->cid, "name",
			im->name, "png", hex));
	}
	return list;
}

/* The files parts carries, their bytes in the entry: a restart still
 * delivers them. */
static json_t *
attachments_json(const struct mail_parts *parts)
{
	json_t *list = json_array();

	for (size_t i = 0; list != NULL && i < parts->nattachments; i++) {
		const struct mail_attachment *a = &parts->attachments[i];

		json_array_append_new(list,
		    json_pack("{s:s, s:s, s:o}", "name", a->name, "type",
			a->type, "data", hex_of(a->data, a->len)));
	}
	return list;
}

static json_t *
mime_json(const struct mail_parts *parts)
{
	json_t *o = json_pack("{s:s, s:s, s:o}", "headers", parts->headers,
	    "text", parts->text, "images", images_json(parts));

	if (o != NULL && parts->html != NULL)
		json_object_set_new(o, "html", json_string(parts->html));
	if (o != NULL && parts->nattachments > 0)
		json_object_set_new(o, "attachments", attachments_json(parts));
	return o;
}

int
outbox_write(
    const char *dir, const struct outbox_msg *m, char *err, size_t errlen)
{
	const char *msgid = m->msgid;
	char path[4096], name[256], sent[4200];
	json_t *o, *list;
	char *text;
	size_t o_len = 0;
	int rc;

	/* "<123.4.5@host>" -> "123.4.5@host.json": no slashes possible. */
	snprintf(name, sizeof(name), "%.*s", (int)strcspn(msgid + 1, ">/"),
	    msgid + 1);
	snprintf(path, sizeof(path), "%s/%s.json", dir, name);
	if (fsutil_mkdirs(dir, err, errlen) != 0 ||
	    fsutil_refuse_symlink(dir, err, errlen) != 0)
		return -1;
	/* The same message composed again (an evaluation repeated after a
	 * crash before the book was written): one copy is enough. */
	snprintf(sent, sizeof(sent), "%s/sent/%s.json", dir, name);
	if (access(path, F_OK) == 0 || access(sent, F_OK) == 0) {
		log_info("outbox: %s is queued or delivered already", name);
		return 0;
	}
	list = json_array();
	for (size_t i = 0; i < m->nrcpt; i++)
		json_array_append_new(list, json_string(m->rcpt[i]));
	o = json_pack("{s:s, s:o, s:s%}", "message_id", msgid, "rcpt", list,
	    "message", m->text, m->len);
	if (o != NULL && m->parts != NULL)
		json_object_set_new(o, "mime", mime_json(m->parts));
	if (o != NULL && m->json != NULL)
		json_object_set_new(o, "webhook", json_string(m->json));
	text = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	if (text == NULL) {
		snprintf(err, errlen, "%s: cannot format the entry", path);
		return -1;
	}
	o_len = strlen(text);
	rc = fsutil_write_atomic(path, text, o_len, err, errlen);
	free(text);
	return rc;
}

/* Decodes an image's hex; false when it is not even-length hex. */
static bool
image_load(json_t *v, struct mail_image *im)
{
	const char *cid = json_string_value(json_object_get(v, "cid"));
	const char *name = json_string_value(json_object_get(v, "name"));
	json_t *png = json_object_get(v, "png");
	size_t n = json_string_length(png);
	const char *hex = json_string_value(png);

	if (cid == NULL || name == NULL || hex == NULL || n % 2 != 0 ||
	    n / 2 > OUTBOX_IMAGE_MAX || strlen(cid) > 200 ||
	    strlen(name) > 200 || strpbrk(cid, "<>\r\n\"") != NULL ||
	    strpbrk(name, "\r\n\"") != NULL)
		return false;
	if ((im->cid = strdup(cid)) == NULL ||
	    (im->name = strdup(name)) == NULL ||
	    (im->data = malloc(n / 2 + 1)) == NULL)
		return false;
	if (hex_decode(hex, n, im->data, n / 2) != 0)
		return false;
	im->len = n / 2;
	return true;
}

/* An attachment read back; false when it is not a sane one. */
static bool
attachment_load(json_t *v, struct mail_attachment *a)
{
	const char *name = json_string_value(json_object_get(v, "name"));
	const char *type = json_string_value(json_object_get(v, "type"));
	json_t *data = json_object_get(v, "data");
	size_t n = json_string_length(data);
	const char *hex = json_string_value(data);

	/* The name and type go into header fields as they are. */
	if (name == NULL || type == NULL || hex == NULL || n % 2 != 0 ||
	    n / 2 > OUTBOX_ATTACHMENT_MAX || strlen(name) > 200 ||
	    strlen(type) > 60 || *name == '\0' ||
	    strpbrk(name, "\r\n\"/\\") != NULL ||
	    strspn(type, "abcdefghijklmnopqrstuvwxyz0123456789.+-/") !=
		strlen(type) ||
	    strchr(type, '/') == NULL)
		return false;
	if ((a->name = strdup(name)) == NULL ||
	    (a->type = strdup(type)) == NULL ||
	    (a->data = malloc(n / 2 + 1)) == NULL)
		return false;
	if (hex_decode(hex, n, a->data, n / 2) != 0)
		return false;
	a->len = n / 2;
	return true;
}

static bool
headers_ok(const char *h)
{
	if (*h == '\0' || strstr(h, "\r\n\r\n") != NULL ||
	    strncmp(h, "\r\n", 2) == 0)
		return false;
	for (const char *p = h; *p; p++)
		if ((*p == '\r' && p[1] != '\n') ||
		    (*p == '\n' && (p == h || p[-1] != '\r')))
			return false;
	return true;
}

/* The "mime" object of an entry, checked; NULL when it is not one. */
static struct mail_parts *
mime_load(json_t *o)
{
	struct mail_parts *p = calloc(1, sizeof(*p));
	json_t *images = json_object_get(o, "images");
	json_t *atts = json_object_get(o, "attachments");
	json_t *html = json_object_get(o, "html");
	const char *headers = json_string_value(json_object_get(o, "headers"));
	const char *text = json_string_value(json_object_get(o, "text"));
	size_t i;
	json_t *v;

	/* The header block goes to the server as it is: an empty line in it
	 * would start the body early, a bare CR or LF split a field. */
	if (p == NULL || headers == NULL || !headers_ok(headers) ||
	    text == NULL || (html != NULL && !json_is_string(html)) ||
	    !json_is_array(images) ||
	    json_array_size(images) > OUTBOX_IMAGES_MAX ||
	    (p->headers = strdup(headers)) == NULL ||
	    (p->text = strdup(text)) == NULL ||
	    (html != NULL &&
		(p->html = strdup(json_string_value(html))) == NULL) ||
	    (p->images = calloc(
		 json_array_size(images) + 1, sizeof(*p->images))) == NULL)
		goto bad;
	json_array_foreach(images, i, v)
	{
		if (!image_load(v, &p->images[p->nimages++]))
			goto bad;
	}
	if (atts == NULL)
		return p;
	if (!json_is_array(atts) ||
	    json_array_size(atts) > OUTBOX_ATTACHMENTS_MAX ||
	    (p->attachments = calloc(
		 json_array_size(atts) + 1, sizeof(*p->attachments))) == NULL)
		goto bad;
	json_array_foreach(atts, i, v)
	{
		if (!attachment_load(v, &p->attachments[p->nattachments++]))
			goto bad;
	}
	return p;
bad:
	mail_parts_free(p);
	return NULL;
}

/*
 * The webhook document and the message id it is sent with; an entry queued
 * for another transport (the configuration changed since) goes as a
 * document of its id and text.
 */
static int
webhook_load(json_t *o, struct outbox_entry *d)
{
	const char *id = json_string_value(json_object_get(o, "message_id"));
	json_t *doc = json_object_get(o, "webhook");
	json_t *made;

	if (id == NULL || strlen(id) >= sizeof(d->msgid) ||
	    strpbrk(id, "\r\n") != NULL ||
	    (doc != NULL && !json_is_string(doc)))
		return -1;
	snprintf(d->msgid, sizeof(d->msgid), "%s", id);
	if (doc != NULL)
		return (d->json = strdup(json_string_value(doc))) ? 0 : -1;
	made = json_pack("{s:s, s:s}", "message_id", id, "text", d->msg);
	d->json = made ? json_dumps(made, JSON_COMPACT) : NULL;
	json_decref(made);
	return d->json ? 0 : -1;
}

int
outbox_entry_load(
    const char *path, struct outbox_entry *d, char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *o, *rcpt, *msg;
	size_t i, len;
	json_t *v;
	char *text;
	int rc = -1;

	/* A link planted in the outbox is refused, not followed. */
	if (fsutil_read_own(path, OUTBOX_FILE_MAX, &text, &len, err, errlen) !=
	    0)
		return -1;
	o = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	free(text);
	if (o == NULL) {
		snprintf(err, errlen, "%s: %s", path, jerr.text);
		return -1;
	}
	rcpt = json_object_get(o, "rcpt");
	msg = json_object_get(o, "message");
	if (!json_is_array(rcpt) || json_array_size(rcpt) == 0 ||
	    json_array_size(rcpt) > OUTBOX_RCPT_MAX || !json_is_string(msg) ||
	    json_string_length(msg) > OUTBOX_ENTRY_MAX) {
		snprintf(err, errlen, "%s: not an outbox entry", path);
		goto out;
	}
	json_array_foreach(rcpt, i, v)
	{
		if (!json_is_string(v) ||
		    (d->rcpt[d->nrcpt++] = strdup(json_string_value(v))) ==
			NULL) {
			snprintf(err, errlen, "%s: bad recipient", path);
			goto out;
		}
	}
	d->len = json_string_length(msg);
	if ((d->msg = malloc(d->len + 1)) == NULL)
		goto out;
	memcpy(d->msg, json_string_value(msg), d->len + 1);
	if (json_object_get(o, "mime") != NULL &&
	    (d->parts = mime_load(json_object_get(o, "mime"))) == NULL) {
		snprintf(err, errlen, "%s: bad \"mime\" part", path);
		goto out;
	}
	if (webhook_load(o, d) != 0) {
		snprintf(err, errlen, "%s: bad \"webhook\" document", path);
		goto out;
	}
	rc = 0;
out:
	json_decref(o);
	return rc;
}

void
outbox_entry_clear(struct outbox_entry *e)
{
	for (size_t i = 0; i < e->nrcpt; i++)
		free(e->rcpt[i]);
	free(e->msg);
	free(e->json);
	mail_parts_free(e->parts);
	memset(e, 0, sizeof(*e));
}
