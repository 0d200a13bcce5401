/*
 * crash_case: the sites of the crash and delivery tests: a configuration
 * with one breached floor, delivering to a Maildir or to an SMTP sink of
 * its own, and the messages it received (crash_case.h).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "integration/harness.h"
#include "unit/crash_case.h"

const char maildir_yaml[] = "smtp:\n  transport: maildir\n"
			    "  maildir: mail\n"
			    "  from: planwatch@cangshan.example\n";

/*
 * One breached floor: a critical problem on the first evaluation; smtp
 * is the configuration's smtp section, coll more keys of the collector
 * (", interval: 1s").
 */
void
write_site_with(const char *dir, const char *smtp, const char *coll,
    const char *listen, char *conf, size_t len)
{
	char path[512], text[2048];

	snprintf(path, sizeof(path), "%s/feed.json", dir);
	harness_write(path,
	    "{\"data\": [{\"year\": \"2024\", \"value\": 81},"
	    " {\"year\": \"2025\", \"value\": 79}]}");
	snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "graphs: false\nlog_level: info\ngroup_wait: 0s\n"
	    "listen: \"%s\"\n%s"
	    "routes:\n  - to: [leadership@cangshan.example]\n"
	    "collectors:\n  - {id: f, url: \"file://%s\", format: json, "
	    "allow_file: true%s}\n"
	    "indicators:\n  - id: coverage\n    name: 覆盖率\n    unit: "
	    "\"%%\"\n"
	    "    frequency: annual\n    collector: f\n    stale_after: 3650d\n"
	    "    selector: {observations: /data, period: /year, value: "
	    "/value}\n"
	    "    targets:\n      - {id: floor_85, kind: floor, value: 85}\n",
	    listen, smtp, path, coll);
	snprintf(conf, len, "%s/planwatch.yaml", dir);
	harness_write(conf, text);
}

/* write_site_with, the collector as it is. */
void
write_site(const char *dir, const char *smtp, char *conf, size_t len)
{
	write_site_with(dir, smtp, "", "off", conf, len);
}

/* The line after line's LF; the NUL at the end when there is none. */
static const char *
next_line(const char *line)
{
	line += strcspn(line, "\n");
	return *line == '\n' ? line + 1 : line;
}

/*
 * The first "Message-ID:" field (any case) of the header block, which
 * ends at the first empty line, or NULL: the body, or a MIME part's
 * header, cannot answer for the message.
 */
static const char *
message_id_field(const char *text)
{
	const char *line;

	for (line = text; *line != '\0' && *line != '\r' && *line != '\n';
	     line = next_line(line))
		if (strncasecmp(line, "Message-ID:", 11) == 0)
			return line;
	return NULL;
}

/*
 * The Message-ID of a stored message, without the field name and white
 * space; a folded field (continued on lines that start with white space)
 * is unfolded.  Fails the test unless it is one "<...>".
 */
static void
message_id(const char *text, char *id, size_t len)
{
	const char *p = message_id_field(text);
	size_t n = 0;

	if (p == NULL)
		fail_msg("no Message-ID in the header block of:\n%s", text);
	for (p += 11; *p != '\0' && n + 1 < len; p++) {
		if (*p == '\r' || *p == '\n') {
			p += *p == '\r' && p[1] == '\n';
			if (p[1] != ' ' && p[1] != '\t')
				break; /* the field ends */
		} else if (*p != ' ' && *p != '\t') {
			id[n++] = *p;
		}
	}
	id[n] = '\0';
	if (n < 3 || id[0] != '<' || id[n - 1] != '>')
		fail_msg("Message-ID \"%s\" is not <...>", id);
}

/* True when name ends with suffix and is not a dot file. */
bool
is_message(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);

	return name[0] != '.' && n > k && strcmp(name + n - k, suffix) == 0;
}

/*
 * How many messages s received; the Message-IDs of the first n go to
 * ids (every one is checked).
 */
int
messages(const struct site *s, char ids[][128], int n)
{
	struct dirent *de;
	int count = 0;
	DIR *d;

	if ((d = opendir(s->inbox)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		char file[900], id[128], *text;

		if (!is_message(de->d_name, s->suffix))
			continue;
		snprintf(file, sizeof(file), "%s/%s", s->inbox, de->d_name);
		text = harness_read(file, NULL);
		assert_non_null(text);
		message_id(text, id, sizeof(id));
		free(text);
		if (count < n)
			memcpy(ids[count], id, sizeof(id));
		count++;
	}
	closedir(d);
	return count;
}

/* A site delivering to the Maildir dir/mail. */
void
site_maildir(struct site *s)
{
	memset(s, 0, sizeof(*s));
	assert_int_equal(harness_temp_dir(s->dir, sizeof(s->dir), "crash"), 0);
	write_site(s->dir, maildir_yaml, s->conf, sizeof(s->conf));
	snprintf(s->inbox, sizeof(s->inbox), "%s/mail/new", s->dir);
	s->suffix = "";
}

/*
 * A site delivering by SMTP to a sink of its own, which stores into
 * dir/sink and refuses the first refuse_first messages (451).
 */
void
site_smtp_in(struct site *s, int refuse_first)
{
	char smtp[512];

	snprintf(s->inbox, sizeof(s->inbox), "%s/sink", s->dir);
	assert_int_equal(mkdir(s->inbox, 0700), 0);
	assert_int_equal(
	    harness_smtp_start(&s->sink, s->inbox, refuse_first), 0);
	s->smtp = true;
	s->suffix = ".eml";
	snprintf(smtp, sizeof(smtp),
	    "smtp:\n  transport: smtp\n  url: smtp://127.0.0.1:%d\n"
	    "  from: planwatch@cangshan.example\n  timeout: 10s\n"
	    "  retry_initial: 1s\n  retry_max: 2s\n",
	    s->sink.port);
	write_site(s->dir, smtp, s->conf, sizeof(s->conf));
}

/* site_smtp_in a new directory. */
void
site_smtp(struct site *s, int refuse_first)
{
	memset(s, 0, sizeof(*s));
	assert_int_equal(harness_temp_dir(s->dir, sizeof(s->dir), "smtp"), 0);
	site_smtp_in(s, refuse_first);
}

/* Stops the sink, if any, and removes the site's directory. */
void
site_close(struct site *s)
{
	if (s->smtp)
		harness_smtp_stop(&s->sink);
	harness_remove_dir(s->dir);
}

/* Runs planwatch once at s; its exit status, its log checked clean. */
int
run_once(const struct site *s, const char *name)
{
	char log[600];
	int rc;

	snprintf(log, sizeof(log), "%s/%s.log", s->dir, name);
	rc = harness_run(log, s->conf, "once");
	harness_log_clean(log);
	return rc;
}
