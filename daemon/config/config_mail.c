/*
 * config_mail: how notices leave and where they go.  The "smtp" section
 * names the transport (SMTP, a Maildir, a program, a webhook) and its
 * settings; "routes" name who gets which severities of which owners'
 * indicators, whether decisions (targets' statuses) or operations (feeds
 * failing), and the scheduled report.  Addresses are checked to be
 * plain mailboxes, safe in a mail header.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_load.h"
#include "log.h"

/* CHOICE stores an int. */
_Static_assert(sizeof(enum mail_transport) == sizeof(int) &&
	sizeof(enum report_every) == sizeof(int),
    "an enum is not an int's size");

static const char *const transports[] = {
    [MAIL_NONE] = "none",
    [MAIL_SMTP] = "smtp",
    [MAIL_MAILDIR] = "maildir",
    [MAIL_EXEC] = "exec",
    [MAIL_WEBHOOK] = "webhook",
};

/* True for a plain mailbox "local@domain", safe in a mail header. */
static bool
address_ok(const char *s)
{
	const char *at = strchr(s, '@');

	return at != NULL && at != s && at[1] != '\0' &&
	    strchr(at + 1, '@') == NULL &&
	    strpbrk(s, " \t<>,;:\"()[]\\") == NULL;
}

static bool
address(struct config_yaml *y, yaml_node_t *val, const char **s)
{
	char b[QUOTE_BUF];

	if (!config_yaml_text(y, val, s))
		return false;
	if (address_ok(*s))
		return true;
	config_yaml_error(y, val,
	    "expected an e-mail address such as name@example.org, got %s",
	    quote_text(b, sizeof(b), *s, QUOTE_MAX, '"'));
	return false;
}

/* Reads an address or a list of addresses into a new array. */
static void
addresses(struct config_yaml *y, yaml_node_t *val, char ***v, size_t *n)
{
	yaml_node_t *item;
	const char *s;
	size_t len = 1;

	config_yaml_free_strings(*v, *n);
	*v = NULL;
	*n = 0;
	if (val->type == YAML_MAPPING_NODE) {
		config_yaml_error(y, val,
		    "expected an address or a list of addresses, got a "
		    "mapping");
		return;
	}
	if (val->type != YAML_SCALAR_NODE || config_yaml_is_null(val))
		len = config_yaml_len(y, val);
	for (size_t i = 0; i < len; i++) {
		item = val->type == YAML_SEQUENCE_NODE
		    ? config_yaml_at(y, val, i)
		    : val;
		if (!address(y, item, &s))
			continue;
		*v = config_yaml_grow(*v, *n, sizeof(char *));
		(*v)[(*n)++] = config_yaml_strdup(s);
	}
}

static void
smtp_url(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct smtp_conf *m = obj;
	char b[QUOTE_BUF];
	const char *s;

	(void)key;
	if (!config_yaml_text(y, val, &s))
		return;
	/* Which scheme fits the transport is checked by config_mail_smtp. */
	if ((config_prefix_ci(s, "smtp://") && s[7] != '\0') ||
	    (config_prefix_ci(s, "smtps://") && s[8] != '\0') ||
	    (config_prefix_ci(s, "http://") && s[7] != '\0') ||
	    (config_prefix_ci(s, "https://") && s[8] != '\0')) {
		free(m->url);
		m->url = config_yaml_strdup(s);
	} else
		config_yaml_error(y, val,
		    "expected smtp://host:port or smtps://host:port (or "
		    "an http(s):// URL for transport webhook), got %s",
		    quote_text(b, sizeof(b), s, QUOTE_MAX, '"'));
}

static void
smtp_from(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct smtp_conf *m = obj;
	const char *s;

	(void)key;
	if (!address(y, val, &s))
		return;
	free(m->from);
	m->from = config_yaml_strdup(s);
}

/* exec: [/usr/bin/program, arg, ...]: run as is, never by a shell. */
static void
smtp_exec(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct smtp_conf *m = obj;

	(void)key;
	if (!config_yaml_strings(y, val, &m->exec, &m->nexec))
		return;
	if (m->nexec == 0 || m->exec[0][0] != '/')
		config_yaml_error(y, val,
		    "expected a list whose first item is a program's absolute "
		    "path, such as [/usr/sbin/sendmail, -t]");
}

static const struct config_yaml_key smtp_keys[] = {
    CHOICE("transport", struct smtp_conf, transport, transports),
    KEY("url", smtp_url),
    KEY("from", smtp_from),
    FIELD("from_name", config_yaml_set_string, struct smtp_conf, from_name),
    FIELD("username", config_yaml_set_string, struct smtp_conf, username),
    FIELD(
	"password_file", config_yaml_set_path, struct smtp_conf, password_file),
    /* SMTP AUTH's password from the environment (systemd's
     * credentials). */
    FIELD("password_env", config_yaml_set_env, struct smtp_conf, password_env),
    REFUSE("password",
	"is not allowed: write the password in a file of "
	"its own and name that file with password_file"),
    FIELD("require_tls", config_yaml_set_bool, struct smtp_conf, require_tls),
    FIELD("timeout", config_yaml_set_duration, struct smtp_conf, timeout),
    FIELD("retry_initial", config_yaml_set_duration, struct smtp_conf,
	retry_initial),
    FIELD("retry_max", config_yaml_set_duration, struct smtp_conf, retry_max),
    FIELD("maildir", config_yaml_set_path, struct smtp_conf, maildir),
    KEY("exec", smtp_exec),
    FIELD("secret_file", config_yaml_set_path, struct smtp_conf, secret_file),
};

void
config_mail_smtp(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct smtp_conf *m = &((struct config *)obj)->smtp;
	const char *t;

	(void)key;
	if (!config_yaml_walk(y, val, smtp_keys, NITEMS(smtp_keys), m))
		return;
	/* A key that is there but wrong has been reported already. */
	t = transports[m->transport];
	if ((m->transport == MAIL_SMTP || m->transport == MAIL_WEBHOOK) &&
	    !config_yaml_get(y, val, "url"))
		config_yaml_error(y, val, "transport %s needs a url", t);
	if (m->url != NULL && m->transport == MAIL_SMTP &&
	    config_prefix_ci(m->url, "http"))
		config_yaml_error(y, config_yaml_get(y, val, "url"),
		    "transport smtp needs an smtp:// or smtps:// url");
	if (m->url != NULL && m->transport == MAIL_WEBHOOK &&
	    !config_prefix_ci(m->url, "http"))
		config_yaml_error(y, config_yaml_get(y, val, "url"),
		    "transport webhook needs an http:// or https:// url");
	if (m->transport == MAIL_MAILDIR && !config_yaml_get(y, val, "maildir"))
		config_yaml_error(y, val, "transport %s needs a maildir", t);
	if (m->transport == MAIL_EXEC && !config_yaml_get(y, val, "exec"))
		config_yaml_error(y, val,
		    "transport %s needs exec: a program "
		    "and its arguments",
		    t);
	if (m->password_file != NULL && m->password_env != NULL)
		config_yaml_error(y, config_yaml_get(y, val, "password_env"),
		    "password_file and password_env exclude each other: "
		    "name one place for the password");
	if (m->transport != MAIL_NONE && !config_yaml_get(y, val, "from"))
		config_yaml_error(
		    y, val, "transport %s needs a from address", t);
}

/* Routes. */

static void
route_to(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct route_conf *r = obj;

	(void)key;
	addresses(y, val, &r->to, &r->nto);
	if (config_yaml_is_null(val) ||
	    (val->type == YAML_SEQUENCE_NODE && config_yaml_len(y, val) == 0))
		config_yaml_error(y, val, "expected at least one address");
}

static void
route_cc(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct route_conf *r = obj;

	(void)key;
	addresses(y, val, &r->cc, &r->ncc);
}

/*
 * A word of names, or a list of them, as a set of bits (1 << its index);
 * an empty list or null is an error saying which words are expected.
 */
static unsigned
word_set(struct config_yaml *y, yaml_node_t *val, const char *const *names,
    size_t nnames, const char *expected)
{
	unsigned set = 0;
	size_t n = 1;
	int k;

	if (val->type != YAML_SCALAR_NODE || config_yaml_is_null(val))
		n = config_yaml_len(y, val);
	for (size_t i = 0; i < n; i++)
		if (config_yaml_enum(y,
			val->type == YAML_SEQUENCE_NODE
			    ? config_yaml_at(y, val, i)
			    : val,
			names, nnames, &k))
			set |= 1u << k;
	if (n == 0 &&
	    (val->type == YAML_SEQUENCE_NODE || config_yaml_is_null(val)))
		config_yaml_error(
		    y, val, "expected at least one of %s", expected);
	return set;
}

static void
route_severity(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct route_conf *r = obj;

	(void)key;
	r->severities = word_set(y, val, config_severity_names,
	    CONFIG_SEVERITIES, "info, warning or critical");
}

static const char *const receives_names[] = {"decisions", "operations"};

/* receives: decisions, operations, or a list of both. */
static void
route_receives(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct route_conf *r = obj;

	(void)key;
	r->receives = word_set(y, val, receives_names, NITEMS(receives_names),
	    "decisions or operations");
}

static void
route_owners(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct route_conf *r = obj;

	(void)key;
	config_yaml_strings(y, val, &r->owners, &r->nowners);
}

static const char *const report_every_names[] = {
    [REPORT_NEVER] = "never",
    [REPORT_DAILY] = "day",
    [REPORT_WEEKLY] = "week",
    [REPORT_MONTHLY] = "month",
};

/* "09:00": a local time of day. */
static void
report_at(struct config_yaml *y, const struct config_yaml_key *key, void *obj,
    yaml_node_t *val)
{
	struct report_conf *rc = obj;
	char b[QUOTE_BUF];
	const char *s = config_yaml_str(val);
	int h, m, n = 0;

	(void)key;
	if (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || s[n] != '\0' ||
	    strlen(s) != 5 || h < 0 || h > 23 || m < 0 || m > 59) {
		config_yaml_error(y, val,
		    "expected a local time of day such as \"09:00\", got %s",
		    config_yaml_describe(val, b, sizeof(b)));
		return;
	}
	rc->hour = h;
	rc->minute = m;
}

/* In the order of REPORT_DOC_* (enum evaldoc_kind). */
static const char *const document_names[REPORT_DOC_KINDS] = {
    "annual", "midterm", "final"};

/* Set while reading a report: every: or documents: was there, right or
 * wrong, so that its absence is told apart from a mistake in it. */
#define REPORT_KEY_SEEN (1u << 31)

/* every: never, day, week or month. */
static void
report_every(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct report_conf *rc = obj;

	rc->documents |= REPORT_KEY_SEEN;
	(void)config_yaml_choice(y, key, obj, val);
}

/* documents: [annual, midterm, final], any of them, each once. */
static void
report_documents(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct report_conf *rc = obj;
	size_t n;
	int k;

	(void)key;
	rc->documents |= REPORT_KEY_SEEN;
	if (val->type != YAML_SEQUENCE_NODE) {
		config_yaml_error(y, val,
		    "expected a list of annual, midterm or final, such as "
		    "[annual, final]");
		return;
	}
	if ((n = config_yaml_len(y, val)) == 0)
		config_yaml_error(y, val,
		    "expected at least one of annual, midterm or final");
	for (size_t i = 0; i < n; i++) {
		yaml_node_t *item = config_yaml_at(y, val, i);

		if (!config_yaml_enum(
			y, item, document_names, NITEMS(document_names), &k))
			continue;
		if (rc->documents & 1u << k)
			config_yaml_error(y, item, "document %s named twice",
			    document_names[k]);
		rc->documents |= 1u << k;
	}
}

static const struct config_yaml_key report_keys[] = {
    {.name = "every",
	.fn = report_every,
	.offset = offsetof(struct report_conf, every),
	.names = report_every_names,
	.nnames = NITEMS(report_every_names)},
    KEY("at", report_at),
    KEY("documents", report_documents),
};

/*
 * report: {every: month, at: "09:00", documents: [final]}: the scheduled
 * report, the documents, or both; a report of neither is a mistake.
 */
static void
route_report(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct route_conf *r = obj;
	unsigned seen;

	(void)key;
	r->report.hour = 9;
	r->report.minute = 0;
	if (config_yaml_is_map(y, val))
		config_yaml_walk(
		    y, val, report_keys, NITEMS(report_keys), &r->report);
	seen = r->report.documents & REPORT_KEY_SEEN;
	r->report.documents &= ~REPORT_KEY_SEEN;
	if (config_yaml_is_map(y, val) && !seen)
		config_yaml_error(
		    y, val, "missing required key 'every' or 'documents'");
}

/* locale: the language of the route's mail (default: the global one). */
static void
route_locale(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	struct route_conf *r = obj;
	int i;

	(void)key;
	if (!config_yaml_enum(y, val, config_locale_names, LOCALE_COUNT, &i))
		return;
	free(r->locale);
	r->locale = config_yaml_strdup(config_locale_names[i]);
}

static const struct config_yaml_key route_keys[] = {
    REQUIRED("to", route_to),
    KEY("cc", route_cc),
    KEY("severity", route_severity),
    KEY("receives", route_receives),
    KEY("owners", route_owners),
    KEY("report", route_report),
    KEY("locale", route_locale),
};

void
config_mail_route(struct config_yaml *y, void *obj, yaml_node_t *node)
{
	struct config *conf = obj;
	struct route_conf *r;

	if (!config_yaml_is_map(y, node))
		return;
	conf->routes = config_yaml_grow(
	    conf->routes, conf->nroutes, sizeof(*conf->routes));
	r = &conf->routes[conf->nroutes++];
	r->severities = 1u << SEVERITY_WARNING | 1u << SEVERITY_CRITICAL;
	r->receives = RECEIVES_DECISIONS;
	config_yaml_where(y, node, &r->where);
	config_yaml_walk(y, node, route_keys, NITEMS(route_keys), r);
}

void
config_warn_routes(const struct config *conf)
{
	for (size_t i = 0; i < conf->nroutes; i++)
		if (conf->routes[i].receives & RECEIVES_OPERATIONS)
			return;
	if (conf->nroutes > 0)
		log_warn("no route receives operations: feed failures are only "
			 "logged");
}
