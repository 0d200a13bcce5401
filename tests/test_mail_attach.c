/*
 * test_mail_attach: a message's attachment (a plan's PDF) through the
 * outbox: written into an entry and read back byte for byte, composed by
 * mime_message as an attachment part with its file name, and an entry
 * whose attachment could break a header field, or is not hex, refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "mail_compose.h"
#include "mime_message.h"
#include "outbox.h"
#include "outbox_entry.h"

static const unsigned char pdf[] = "%PDF-1.5\n\x00\xff binary\r\n%%EOF";

static struct mail_parts *
parts_make(void)
{
	struct mail_parts *p = calloc(1, sizeof(*p));

	assert_non_null(p);
	p->headers = strdup("From: a@x.example\r\nTo: b@x.example\r\n"
			    "Subject: final\r\n");
	p->text = strdup("Attached: final.pdf\n");
	p->html = strdup("<p>Attached: final.pdf</p>");
	p->attachments = calloc(1, sizeof(*p->attachments));
	p->nattachments = 1;
	p->attachments[0].name = strdup("final.pdf");
	p->attachments[0].type = strdup("application/pdf");
	p->attachments[0].data = malloc(sizeof(pdf));
	memcpy(p->attachments[0].data, pdf, sizeof(pdf));
	p->attachments[0].len = sizeof(pdf);
	return p;
}

/* Writes parts into a fresh outbox; the entry's path into path. */
static void
write_entry(struct mail_parts *p, char *dir, char *path, size_t len)
{
	char *rcpt[] = {"b@x.example"};
	char err[512];

	strcpy(dir, "/tmp/test_mail_attach.XXXXXX");
	assert_non_null(mkdtemp(dir));
	assert_int_equal(outbox_write(dir,
			     &(struct outbox_msg){.msgid = "<m1@x.example>",
				 .rcpt = rcpt,
				 .nrcpt = 1,
				 .text = "Subject: final\r\n\r\nx\r\n",
				 .len = 21,
				 .parts = p},
			     err, sizeof(err)),
	    0);
	snprintf(path, len, "%s/m1@x.example.json", dir);
}

static void
remove_entry(const char *dir, const char *path)
{
	unlink(path);
	rmdir(dir);
}

static void
test_round_trip(void **state)
{
	struct mail_parts *p = parts_make();
	struct outbox_entry e = {0};
	char dir[64], path[128], err[512];
	size_t len;
	char *msg;

	(void)state;
	write_entry(p, dir, path, sizeof(path));
	mail_parts_free(p);
	if (outbox_entry_load(path, &e, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	remove_entry(dir, path);
	assert_non_null(e.parts);
	assert_int_equal(e.parts->nattachments, 1);
	assert_string_equal(e.parts->attachments[0].name, "final.pdf");
	assert_string_equal(e.parts->attachments[0].type, "application/pdf");
	assert_int_equal(e.parts->attachments[0].len, sizeof(pdf));
	assert_memory_equal(e.parts->attachments[0].data, pdf, sizeof(pdf));
	msg = mime_message(e.parts, &len);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "Content-Type: application/pdf"));
	assert_non_null(
	    strstr(msg, "Content-Disposition: attachment; filename=final.pdf"));
	assert_non_null(strstr(msg, "Content-Transfer-Encoding: base64"));
	/* After the related part: the attachment is not an inline image. */
	assert_true(
	    strstr(msg, "multipart/related") < strstr(msg, "application/pdf"));
	free(msg);
	outbox_entry_clear(&e);
}

/* The entry at path with from replaced by to: refused on reading. */
static void
refused(const char *from, const char *to)
{
	struct mail_parts *p = parts_make();
	struct outbox_entry e = {0};
	char dir[64], path[128], err[512], *text, *at;
	FILE *f;
	long n;

	write_entry(p, dir, path, sizeof(path));
	mail_parts_free(p);
	assert_non_null(f = fopen(path, "r+"));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)n + strlen(to) + 1);
	assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
	assert_non_null(at = strstr(text, from));
	memmove(
	    at + strlen(to), at + strlen(from), strlen(at + strlen(from)) + 1);
	memcpy(at, to, strlen(to));
	rewind(f);
	assert_int_equal(ftruncate(fileno(f), 0), 0);
	fputs(text, f);
	fclose(f);
	free(text);
	assert_int_equal(outbox_entry_load(path, &e, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "bad \"mime\" part"));
	outbox_entry_clear(&e);
	remove_entry(dir, path);
}

static void
test_refused(void **state)
{
	(void)state;
	refused("\"final.pdf\"", "\"final\\\".pdf\"");
	refused("\"final.pdf\"", "\"a\\r\\nX: y.pdf\"");
	refused("\"application/pdf\"", "\"application/pdf; x=\\\"y\\\"\"");
	refused("\"application/pdf\"", "\"pdf\"");
	refused("\"data\":\"25", "\"data\":\"zz");
	refused("\"data\":\"25", "\"data\":\"2");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
