/*
 * config_yaml: the libyaml side of the configuration loader.  A file is
 * read whole (capped at CONFIG_YAML_FILE_MAX) and loaded with libyaml's
 * document API, which resolves anchors and aliases and gives every node
 * its start mark.  Marks are 0-based; every message here is 1-based.
 *
 * The getters below each check one kind of value and report what is wrong
 * with it at its node, quoting the offending text short and escaped, so a
 * message never carries a control character or a whole file into a log.
 */
#include <sys/stat.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_yaml.h"
#include "log.h"

#define QUOTE_MAX 48 /* bytes of a value shown in a message */
#define DISTANCE_MAX 64 /* longest word compared for hints */
#define DURATION_MAX (3650.0 * 86400) /* ten years */
#define MAX_KEYS 64 /* keys in one table: bits of a mask */

#define FIELD(obj, key, type) ((type *)(void *)((char *)(obj) + (key)->offset))

char *
config_yaml_strdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		fatal("out of memory");
	return p;
}

static char *vprintf_new(const char *, va_list)
    __attribute__((format(printf, 1, 0)));
static void report_v(struct config_errors *, const char *, int, int,
    const char *, va_list) __attribute__((format(printf, 5, 0)));

static char *
vprintf_new(const char *fmt, va_list ap)
{
	va_list aq;
	char *s;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0 || (s = malloc((size_t)n + 1)) == NULL)
		fatal("out of memory");
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *
config_yaml_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = vprintf_new(fmt, ap);
	va_end(ap);
	return s;
}

void *
config_yaml_grow(void *v, size_t n, size_t size)
{
	char *p;

	if (n >= SIZE_MAX / size - 1 ||
	    (p = realloc(v, (n + 1) * size)) == NULL)
		fatal("out of memory");
	memset(p + n * size, 0, size);
	return p;
}

void
config_yaml_free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
report_v(struct config_errors *errors, const char *file, int line, int column,
    const char *fmt, va_list ap)
{
	char *msg, *s;

	msg = vprintf_new(fmt, ap);
	if (line > 0)
		s = config_yaml_printf("%s:%d:%d: %s", file, line, column, msg);
	else
		s = config_yaml_printf("%s: %s", file, msg);
	free(msg);
	errors->v = config_yaml_grow(errors->v, errors->n, sizeof(char *));
	errors->v[errors->n++] = s;
}

void
config_yaml_report(struct config_errors *errors, const char *file, int line,
    int column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_v(errors, file, line, column, fmt, ap);
	va_end(ap);
}

static int
mark_int(size_t v)
{
	return v >= INT32_MAX ? INT32_MAX : (int)v + 1;
}

void
config_yaml_error(
    struct config_yaml *y, const yaml_node_t *node, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_v(y->errors, y->file, mark_int(node->start_mark.line),
	    mark_int(node->start_mark.column), fmt, ap);
	va_end(ap);
}

void
config_yaml_where(
    struct config_yaml *y, const yaml_node_t *node, struct config_where *where)
{
	free(where->file);
	where->file = config_yaml_strdup(y->file);
	where->line = mark_int(node->start_mark.line);
	where->column = mark_int(node->start_mark.column);
}

/* Quotes s with q, escaping q, \ and control bytes, cut at QUOTE_MAX. */
static const char *
quote_with(char q, const char *s, char *buf, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), cut = n, o = 0;

	if (cut > QUOTE_MAX) {
		cut = QUOTE_MAX;
		while (cut > 0 && (u[cut] & 0xc0) == 0x80)
			cut--; /* not inside a UTF-8 sequence */
	}
	buf[o++] = q;
	for (size_t i = 0; i < cut && o + 9 < len; i++) {
		if (u[i] < 0x20 || u[i] == 0x7f)
			o +=
			    (size_t)snprintf(buf + o, len - o, "\\x%02x", u[i]);
		else if (u[i] == (unsigned char)q || u[i] == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)u[i];
		} else
			buf[o++] = (char)u[i];
	}
	if (cut < n)
		o += (size_t)snprintf(buf + o, len - o, "...");
	buf[o++] = q;
	buf[o] = '\0';
	return buf;
}

const char *
config_yaml_quote(const char *s, char *buf, size_t len)
{
	return quote_with('"', s, buf, len);
}

const char *
config_yaml_name(const char *s, char *buf, size_t len)
{
	return quote_with('\'', s, buf, len);
}

bool
config_yaml_is_null(const yaml_node_t *node)
{
	const char *s;

	if (node->type != YAML_SCALAR_NODE ||
	    node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	s = (const char *)node->data.scalar.value;
	return s[0] == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

const char *
config_yaml_describe(const yaml_node_t *node, char *buf, size_t len)
{
	if (node->type == YAML_MAPPING_NODE)
		return "a mapping";
	if (node->type == YAML_SEQUENCE_NODE)
		return "a list";
	if (config_yaml_is_null(node))
		return "an empty value";
	return config_yaml_quote(
	    (const char *)node->data.scalar.value, buf, len);
}

/* Optimal string alignment distance: edits plus adjacent swaps. */
static int
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int d[3][DISTANCE_MAX + 1], *r, *p, *pp, v;

	if (la > DISTANCE_MAX || lb > DISTANCE_MAX)
		return DISTANCE_MAX;
	for (j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (i = 1; i <= la; i++) {
		r = d[i % 3], p = d[(i - 1) % 3], pp = d[(i + 1) % 3];
		r[0] = (int)i;
		for (j = 1; j <= lb; j++) {
			v = p[j - 1] + (a[i - 1] != b[j - 1]);
			if (p[j] + 1 < v)
				v = p[j] + 1;
			if (r[j - 1] + 1 < v)
				v = r[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			r[j] = v;
		}
	}
	return d[la % 3][lb];
}

const char *
config_yaml_similar(const char *word, const char *const *names, size_t n)
{
	const char *best = NULL;
	int bestd = 3, d;

	for (size_t i = 0; i < n; i++) {
		d = distance(word, names[i]);
		/* Two edits turn "to" into anything of two letters. */
		if (d < bestd && d < (int)strlen(names[i])) {
			best = names[i];
			bestd = d;
		}
	}
	return best;
}

static int
read_file(const char *file, unsigned char **bufp, size_t *lenp, char *err,
    size_t errlen)
{
	unsigned char *buf = NULL, *nbuf;
	size_t len = 0, cap = 0, n;
	struct stat st;
	FILE *fp;

	if ((fp = fopen(file, "rb")) == NULL)
		goto fail;
	if (fstat(fileno(fp), &st) == -1)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	do {
		if (len == cap) {
			cap = cap == 0 ? 8192 : cap * 2;
			if ((nbuf = realloc(buf, cap)) == NULL)
				fatal("out of memory");
			buf = nbuf;
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
	} while (n > 0 && len <= CONFIG_YAML_FILE_MAX);
	if (ferror(fp))
		goto fail;
	fclose(fp);
	if (len > CONFIG_YAML_FILE_MAX) {
		snprintf(
		    err, errlen, "larger than %d bytes", CONFIG_YAML_FILE_MAX);
		free(buf);
		return -1;
	}
	*bufp = buf;
	*lenp = len;
	return 0;
fail:
	snprintf(err, errlen, "%s", strerror(errno));
	if (fp != NULL)
		fclose(fp);
	free(buf);
	return -1;
}

/* Where a reader error's byte offset is, as 1-based line and column. */
static void
offset_mark(
    const unsigned char *buf, size_t len, size_t off, int *line, int *column)
{
	size_t bol = 0;

	*line = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			bol = i + 1;
		}
	}
	*column = mark_int(off - bol);
}

static void
syntax_error(struct config_yaml *y, const yaml_parser_t *p,
    const unsigned char *buf, size_t len)
{
	int line, column;
	const char *problem = p->problem ? p->problem : "syntax error";

	if (p->error == YAML_MEMORY_ERROR)
		fatal("out of memory");
	if (p->error == YAML_READER_ERROR) {
		offset_mark(buf, len, p->problem_offset, &line, &column);
		config_yaml_report(
		    y->errors, y->file, line, column, "%s", problem);
		return;
	}
	line = mark_int(p->problem_mark.line);
	column = mark_int(p->problem_mark.column);
	if (p->context == NULL)
		config_yaml_report(
		    y->errors, y->file, line, column, "%s", problem);
	else
		config_yaml_report(y->errors, y->file, line, column,
		    "%s (%s at line %d, column %d)", problem, p->context,
		    mark_int(p->context_mark.line),
		    mark_int(p->context_mark.column));
}

/*
 * Refuses a document nested deeper than CONFIG_YAML_DEPTH_MAX (as the
 * JSON parsers cap theirs).  libyaml's scanner costs the square of the
 * nesting depth (each open flow collection keeps a simple-key slot that
 * every token walks): 100,000 nested "[" took 25 s of CPU to load.  So
 * the events are read first and reading stops at the cap, which costs
 * no more than the cap's own square; a syntax error is left to the load
 * that follows, which reports it with its place.  -1 when too deep.
 */
static int
depth_check(struct config_yaml *y, const unsigned char *buf, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int depth = 0, rc = 0;
	bool end = false;

	if (!yaml_parser_initialize(&p))
		fatal("out of memory");
	yaml_parser_set_input_string(&p, buf, len);
	while (!end && yaml_parser_parse(&p, &ev)) {
		if (ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT)
			depth++;
		else if (ev.type == YAML_SEQUENCE_END_EVENT ||
		    ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		end = ev.type == YAML_STREAM_END_EVENT;
		if (depth > CONFIG_YAML_DEPTH_MAX) {
			config_yaml_report(y->errors, y->file,
			    mark_int(ev.start_mark.line),
			    mark_int(ev.start_mark.column),
			    "nested more than %d levels deep",
			    CONFIG_YAML_DEPTH_MAX);
			rc = -1;
			end = true;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return rc;
}

/* Loads the one document of buf into y->doc; 0 only when it has a root. */
static int
parse(struct config_yaml *y, const unsigned char *buf, size_t len)
{
	yaml_parser_t p;
	yaml_document_t extra;
	yaml_node_t *root;
	int rc = -1;

	if (depth_check(y, buf, len) != 0)
		return -1;
	if (!yaml_parser_initialize(&p))
		fatal("out of memory");
	yaml_parser_set_input_string(&p, buf, len);
	if (!yaml_parser_load(&p, &y->doc)) {
		syntax_error(y, &p, buf, len);
		goto out;
	}
	if (yaml_document_get_root_node(&y->doc) == NULL) {
		config_yaml_report(
		    y->errors, y->file, 1, 1, "the file is empty");
		goto delete;
	}
	if (!yaml_parser_load(&p, &extra)) {
		syntax_error(y, &p, buf, len);
		goto delete;
	}
	if ((root = yaml_document_get_root_node(&extra)) == NULL) {
		yaml_document_delete(&extra);
		rc = 0;
		goto out;
	}
	config_yaml_report(y->errors, y->file, mark_int(root->start_mark.line),
	    mark_int(root->start_mark.column),
	    "a configuration file holds one YAML document, not several");
	yaml_document_delete(&extra);
	delete : yaml_document_delete(&y->doc);
out:
	yaml_parser_delete(&p);
	return rc;
}

int
config_yaml_open(struct config_yaml *y, const char *file, const char *dir,
    struct config_errors *errors, char *err, size_t errlen)
{
	unsigned char *buf;
	size_t len;
	int rc;

	memset(y, 0, sizeof(*y));
	err[0] = '\0';
	if (read_file(file, &buf, &len, err, errlen) == -1)
		return -1;
	y->file = config_yaml_strdup(file);
	y->dir = config_yaml_strdup(dir);
	y->errors = errors;
	rc = parse(y, buf, len);
	free(buf);
	if (rc == -1) {
		free(y->file);
		free(y->dir);
	}
	return rc;
}

void
config_yaml_close(struct config_yaml *y)
{
	yaml_document_delete(&y->doc);
	free(y->file);
	free(y->dir);
}

yaml_node_t *
config_yaml_root(struct config_yaml *y)
{
	return yaml_document_get_root_node(&y->doc);
}

static yaml_node_t *
node_at(struct config_yaml *y, int index)
{
	return yaml_document_get_node(&y->doc, index);
}

static const char *
scalar(const yaml_node_t *node)
{
	return (const char *)node->data.scalar.value;
}

/*
 * Reports an unknown key, with the closest known one as a hint.  Returns
 * the hinted key's index (its absence is then not reported again), or -1.
 */
static int
unknown_key(struct config_yaml *y, yaml_node_t *key,
    const struct config_yaml_key *keys, size_t nkeys)
{
	const char *names[MAX_KEYS], *hint;
	char q[CONFIG_YAML_QUOTE_LEN];

	for (size_t i = 0; i < nkeys; i++)
		names[i] = keys[i].name;
	config_yaml_name(scalar(key), q, sizeof(q));
	if ((hint = config_yaml_similar(scalar(key), names, nkeys)) == NULL) {
		config_yaml_error(y, key, "unknown key %s", q);
		return -1;
	}
	config_yaml_error(
	    y, key, "unknown key %s (did you mean '%s'?)", q, hint);
	for (size_t i = 0; i < nkeys; i++) {
		if (names[i] == hint)
			return (int)i;
	}
	return -1;
}

/* True when the key of pair p appeared earlier in map (reported). */
static bool
duplicate_key(struct config_yaml *y, yaml_node_t *map, yaml_node_pair_t *p)
{
	yaml_node_t *key = node_at(y, p->key), *k;
	char q[CONFIG_YAML_QUOTE_LEN];

	for (yaml_node_pair_t *e = map->data.mapping.pairs.start; e < p; e++) {
		k = node_at(y, e->key);
		if (k->type != YAML_SCALAR_NODE ||
		    strcmp(scalar(k), scalar(key)) != 0)
			continue;
		config_yaml_error(y, key,
		    "duplicate key %s (first at line %d, column %d)",
		    config_yaml_name(scalar(key), q, sizeof(q)),
		    mark_int(k->start_mark.line),
		    mark_int(k->start_mark.column));
		return true;
	}
	return false;
}

/*
 * The table entry for pair p, or NULL when p is reported as wrong.  The
 * key a misspelling was taken for is marked in seen.
 */
static const struct config_yaml_key *
walk_key(struct config_yaml *y, yaml_node_t *map, yaml_node_pair_t *p,
    const struct config_yaml_key *keys, size_t nkeys, uint64_t *seen)
{
	yaml_node_t *key = node_at(y, p->key);
	char q[CONFIG_YAML_QUOTE_LEN];
	int hint;

	if (key->type != YAML_SCALAR_NODE) {
		config_yaml_error(y, key, "expected a key, got %s",
		    config_yaml_describe(key, q, sizeof(q)));
		return NULL;
	}
	if (duplicate_key(y, map, p))
		return NULL;
	for (size_t i = 0; i < nkeys; i++) {
		if (strcmp(keys[i].name, scalar(key)) != 0)
			continue;
		if (keys[i].refuse == NULL)
			return &keys[i];
		config_yaml_error(y, key, "%s %s",
		    config_yaml_name(scalar(key), q, sizeof(q)),
		    keys[i].refuse);
		return NULL;
	}
	if ((hint = unknown_key(y, key, keys, nkeys)) >= 0)
		*seen |= (uint64_t)1 << hint;
	return NULL;
}

bool
config_yaml_walk(struct config_yaml *y, yaml_node_t *map,
    const struct config_yaml_key *keys, size_t nkeys, void *obj)
{
	const struct config_yaml_key *k;
	yaml_node_t *outer = y->key;
	uint64_t seen = 0;

	if (nkeys > MAX_KEYS)
		fatal("%s: too many keys in a table", __func__);
	if (!config_yaml_is_map(y, map))
		return false;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		if ((k = walk_key(y, map, p, keys, nkeys, &seen)) == NULL)
			continue;
		seen |= (uint64_t)1 << (k - keys);
		y->key = node_at(y, p->key);
		k->fn(y, k, obj, node_at(y, p->value));
	}
	y->key = outer; /* walks nest: the caller's handler may report */
	for (size_t i = 0; i < nkeys; i++) {
		if (keys[i].required && (seen & ((uint64_t)1 << i)) == 0)
			config_yaml_error(
			    y, map, "missing required key '%s'", keys[i].name);
	}
	return true;
}

yaml_node_t *
config_yaml_get(struct config_yaml *y, yaml_node_t *map, const char *key)
{
	yaml_node_t *k;

	if (map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		k = node_at(y, p->key);
		if (k->type == YAML_SCALAR_NODE && strcmp(scalar(k), key) == 0)
			return node_at(y, p->value);
	}
	return NULL;
}

bool
config_yaml_is_map(struct config_yaml *y, yaml_node_t *node)
{
	char q[CONFIG_YAML_QUOTE_LEN];

	if (node->type == YAML_MAPPING_NODE)
		return true;
	config_yaml_error(y, node, "expected a mapping, got %s",
	    config_yaml_describe(node, q, sizeof(q)));
	return false;
}

size_t
config_yaml_len(struct config_yaml *y, yaml_node_t *node)
{
	char q[CONFIG_YAML_QUOTE_LEN];

	if (node->type == YAML_SEQUENCE_NODE)
		return (size_t)(node->data.sequence.items.top -
		    node->data.sequence.items.start);
	if (!config_yaml_is_null(node))
		config_yaml_error(y, node, "expected a list, got %s",
		    config_yaml_describe(node, q, sizeof(q)));
	return 0;
}

yaml_node_t *
config_yaml_at(struct config_yaml *y, yaml_node_t *node, size_t i)
{
	return node_at(y, node->data.sequence.items.start[i]);
}

bool
config_yaml_text(struct config_yaml *y, yaml_node_t *node, const char **s)
{
	char q[CONFIG_YAML_QUOTE_LEN];
	const unsigned char *u;

	if (node->type != YAML_SCALAR_NODE || config_yaml_is_null(node) ||
	    node->data.scalar.length == 0) {
		config_yaml_error(y, node, "expected a string, got %s",
		    config_yaml_describe(node, q, sizeof(q)));
		return false;
	}
	u = node->data.scalar.value;
	for (size_t i = 0; i < node->data.scalar.length; i++) {
		if (u[i] < 0x20 || u[i] == 0x7f) {
			config_yaml_error(y, node,
			    "control characters are not allowed: %s",
			    config_yaml_describe(node, q, sizeof(q)));
			return false;
		}
	}
	*s = scalar(node);
	return true;
}

bool
config_yaml_number(struct config_yaml *y, yaml_node_t *node, double *d)
{
	char q[CONFIG_YAML_QUOTE_LEN], *end;
	const char *s;
	double v;

	if (node->type == YAML_SCALAR_NODE && !config_yaml_is_null(node)) {
		s = scalar(node);
		errno = 0;
		v = strtod(s, &end);
		if (end != s && *end == '\0' && isfinite(v) && errno == 0) {
			*d = v;
			return true;
		}
	}
	config_yaml_error(y, node, "expected a number, got %s",
	    config_yaml_describe(node, q, sizeof(q)));
	return false;
}

/* Seconds in one unit s, m, h or d; 0 for anything else. */
static double
duration_unit(const char *u)
{
	static const struct {
		const char *name;
		double seconds;
	} units[] = {{"s", 1}, {"m", 60}, {"h", 3600}, {"d", 86400}};

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(u, units[i].name) == 0)
			return units[i].seconds;
	}
	return 0;
}

/* Parses a duration; a bare number must be whole seconds. */
static bool
duration_parse(const char *s, double *d)
{
	char *end;
	double v, unit = 1;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno == ERANGE || !isfinite(v))
		return false;
	if (*end == '\0' && strspn(s, "0123456789") != strlen(s))
		return false; /* a bare number is whole seconds */
	if (*end != '\0' && (unit = duration_unit(end)) == 0)
		return false;
	*d = v * unit;
	return true;
}

bool
config_yaml_duration(
    struct config_yaml *y, yaml_node_t *node, bool zero_ok, double *d)
{
	char q[CONFIG_YAML_QUOTE_LEN];
	double v;

	if (node->type != YAML_SCALAR_NODE || config_yaml_is_null(node) ||
	    !duration_parse(scalar(node), &v)) {
		config_yaml_error(y, node,
		    "expected a duration such as 90s, 5m, 1.5h or 1d, got %s",
		    config_yaml_describe(node, q, sizeof(q)));
		return false;
	}
	config_yaml_quote(scalar(node), q, sizeof(q));
	if (v < 0 || (v == 0 && !zero_ok)) {
		config_yaml_error(y, node, "duration %s must be %s", q,
		    zero_ok ? "0 or more" : "more than 0");
		return false;
	}
	if (v > DURATION_MAX) {
		config_yaml_error(
		    y, node, "duration %s is longer than 10 years", q);
		return false;
	}
	*d = v;
	return true;
}

/* Parses a size: digits, then nothing, k, K or M. */
static bool
size_parse(const char *s, size_t *n)
{
	unsigned long long v;
	size_t mult = 1;
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return false;
	if (strcmp(end, "k") == 0 || strcmp(end, "K") == 0)
		mult = 1024;
	else if (strcmp(end, "M") == 0)
		mult = 1024 * 1024;
	else if (*end != '\0')
		return false;
	if (v == 0 || v > SIZE_MAX / mult)
		return false;
	*n = (size_t)v * mult;
	return true;
}

bool
config_yaml_size(struct config_yaml *y, yaml_node_t *node, size_t *n)
{
	char q[CONFIG_YAML_QUOTE_LEN];

	if (node->type == YAML_SCALAR_NODE && !config_yaml_is_null(node) &&
	    size_parse(scalar(node), n))
		return true;
	config_yaml_error(y, node,
	    "expected a size above 0 such as 65536, 512k or 8M, got %s",
	    config_yaml_describe(node, q, sizeof(q)));
	return false;
}

const char *
config_yaml_choices(const char *const *names, size_t n, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && o < len; i++) {
		o += (size_t)snprintf(buf + o, len - o, "%s%s",
		    i == 0 ? "" : (i + 1 == n ? " or " : ", "), names[i]);
	}
	return buf;
}

bool
config_yaml_enum(struct config_yaml *y, yaml_node_t *node,
    const char *const *names, size_t n, int *idx)
{
	char q[CONFIG_YAML_QUOTE_LEN], c[256];
	const char *s;

	if (!config_yaml_text(y, node, &s))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(s, names[i]) == 0) {
			*idx = (int)i;
			return true;
		}
	}
	config_yaml_error(y, node, "expected %s, got %s",
	    config_yaml_choices(names, n, c, sizeof(c)),
	    config_yaml_quote(s, q, sizeof(q)));
	return false;
}

bool
config_yaml_strings(
    struct config_yaml *y, yaml_node_t *node, char ***v, size_t *n)
{
	yaml_node_t *item;
	const char *s;
	bool ok = true;
	size_t len;

	config_yaml_free_strings(*v, *n);
	*v = NULL;
	*n = 0;
	if (node->type == YAML_SCALAR_NODE && !config_yaml_is_null(node)) {
		if (!config_yaml_text(y, node, &s))
			return false;
		*v = config_yaml_grow(NULL, 0, sizeof(char *));
		(*v)[(*n)++] = config_yaml_strdup(s);
		return true;
	}
	if (node->type != YAML_SEQUENCE_NODE && !config_yaml_is_null(node))
		ok = false;
	len = config_yaml_len(y, node);
	for (size_t i = 0; i < len; i++) {
		item = config_yaml_at(y, node, i);
		if (!config_yaml_text(y, item, &s)) {
			ok = false;
			continue;
		}
		*v = config_yaml_grow(*v, *n, sizeof(char *));
		(*v)[(*n)++] = config_yaml_strdup(s);
	}
	return ok;
}

/*
 * Removes ".", ".." and repeated slashes from an absolute path.  This is
 * lexical: the directory part came from realpath, so only a symbolic link
 * named inside the configured part followed by ".." could differ.
 */
static char *
clean_path(const char *in)
{
	char *out = malloc(strlen(in) + 2);
	const char *p = in, *seg;
	size_t o = 0, n;

	if (out == NULL)
		fatal("out of memory");
	while (*p != '\0') {
		while (*p == '/')
			p++;
		for (seg = p; *p != '\0' && *p != '/'; p++)
			;
		if ((n = (size_t)(p - seg)) == 0 || (n == 1 && seg[0] == '.'))
			continue;
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			o -= o > 0;
			continue;
		}
		out[o++] = '/';
		memcpy(out + o, seg, n);
		o += n;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	return out;
}

char *
config_yaml_path(struct config_yaml *y, const char *path)
{
	char *joined, *clean;

	if (path[0] == '/')
		return clean_path(path);
	joined = config_yaml_printf("%s/%s", y->dir, path);
	clean = clean_path(joined);
	free(joined);
	return clean;
}

void
config_yaml_set_string(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	char **dst = FIELD(obj, key, char *);
	const char *s;

	if (!config_yaml_text(y, val, &s))
		return;
	free(*dst);
	*dst = config_yaml_strdup(s);
}

void
config_yaml_set_path(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	char **dst = FIELD(obj, key, char *);
	const char *s;

	if (!config_yaml_text(y, val, &s))
		return;
	free(*dst);
	*dst = config_yaml_path(y, s);
}

void
config_yaml_set_number(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	config_yaml_number(y, val, FIELD(obj, key, double));
}

void
config_yaml_set_duration(struct config_yaml *y,
    const struct config_yaml_key *key, void *obj, yaml_node_t *val)
{
	config_yaml_duration(y, val, false, FIELD(obj, key, double));
}

void
config_yaml_set_duration0(struct config_yaml *y,
    const struct config_yaml_key *key, void *obj, yaml_node_t *val)
{
	config_yaml_duration(y, val, true, FIELD(obj, key, double));
}

void
config_yaml_set_size(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	config_yaml_size(y, val, FIELD(obj, key, size_t));
}

void
config_yaml_set_bool(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	static const char *const yes[] = {"true", "yes", "on"};
	static const char *const no[] = {"false", "no", "off"};
	char q[CONFIG_YAML_QUOTE_LEN];
	bool *dst = FIELD(obj, key, bool);

	for (size_t i = 0; val->type == YAML_SCALAR_NODE && i < 3; i++) {
		if (strcasecmp(scalar(val), yes[i]) == 0 ||
		    strcasecmp(scalar(val), no[i]) == 0) {
			*dst = strcasecmp(scalar(val), yes[i]) == 0;
			return;
		}
	}
	config_yaml_error(y, val, "expected true or false, got %s",
	    config_yaml_describe(val, q, sizeof(q)));
}

void
config_yaml_set_id(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	char **dst = FIELD(obj, key, char *), q[CONFIG_YAML_QUOTE_LEN];
	const char *s;
	size_t n;

	if (!config_yaml_text(y, val, &s))
		return;
	n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_");
	if (s[n] != '\0' || n > CONFIG_YAML_ID_MAX) {
		config_yaml_error(y, val,
		    "invalid id %s: use lowercase letters, digits and _, "
		    "at most %d",
		    config_yaml_quote(s, q, sizeof(q)), CONFIG_YAML_ID_MAX);
		return;
	}
	free(*dst);
	*dst = config_yaml_strdup(s);
}
