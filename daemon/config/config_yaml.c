/*
 * config_yaml: the libyaml side of the configuration loader.  A file is
 * read whole (capped at CONFIG_YAML_FILE_MAX) and loaded with libyaml's
 * document API, which resolves anchors and aliases and gives every node
 * its start mark.  Marks are 0-based; every message here is 1-based.
 *
 * Here: messages and where they point, reading and parsing a file, and
 * walking a mapping through its table of keys.  The values themselves are
 * read by config_yaml_value.c.  Every message quotes outside text short
 * and escaped (quote.h), so it never carries a control character or a
 * whole file into a log.
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

#include "buf.h"
#include "config_yaml.h"
#include "log.h"

#define DISTANCE_MAX 64 /* longest word compared for hints */
#define MAX_KEYS 64 /* keys in one table: bits of a mask */

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
	return quote_text(
	    buf, len, (const char *)node->data.scalar.value, QUOTE_MAX, '"');
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

/* Reads file whole into b (capped at CONFIG_YAML_FILE_MAX). */
static int
read_file(const char *file, struct buf *b, char *err, size_t errlen)
{
	char chunk[8192];
	struct stat st;
	FILE *fp;
	size_t n;

	buf_init(b, CONFIG_YAML_FILE_MAX);
	if ((fp = fopen(file, "rb")) == NULL)
		goto fail;
	if (fstat(fileno(fp), &st) == -1)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (buf_add(b, chunk, n) == 0)
			continue;
		if (errno != E2BIG)
			fatal("out of memory");
		snprintf(
		    err, errlen, "larger than %d bytes", CONFIG_YAML_FILE_MAX);
		fclose(fp);
		buf_free(b);
		return -1;
	}
	if (ferror(fp))
		goto fail;
	fclose(fp);
	return 0;
fail:
	snprintf(err, errlen, "%s", strerror(errno));
	if (fp != NULL)
		fclose(fp);
	buf_free(b);
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
	struct buf b;
	int rc;

	memset(y, 0, sizeof(*y));
	err[0] = '\0';
	if (read_file(file, &b, err, errlen) == -1)
		return -1;
	y->file = config_yaml_strdup(file);
	y->dir = config_yaml_strdup(dir);
	y->errors = errors;
	rc = parse(y, (const unsigned char *)buf_str(&b), buf_len(&b));
	buf_free(&b);
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
	char q[QUOTE_BUF];

	for (size_t i = 0; i < nkeys; i++)
		names[i] = keys[i].name;
	quote_text(q, sizeof(q), scalar(key), QUOTE_MAX, '\'');
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
	char q[QUOTE_BUF];

	for (yaml_node_pair_t *e = map->data.mapping.pairs.start; e < p; e++) {
		k = node_at(y, e->key);
		if (k->type != YAML_SCALAR_NODE ||
		    strcmp(scalar(k), scalar(key)) != 0)
			continue;
		config_yaml_error(y, key,
		    "duplicate key %s (first at line %d, column %d)",
		    quote_text(q, sizeof(q), scalar(key), QUOTE_MAX, '\''),
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
	char q[QUOTE_BUF];
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
		    quote_text(q, sizeof(q), scalar(key), QUOTE_MAX, '\''),
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
	char q[QUOTE_BUF];

	if (node->type == YAML_MAPPING_NODE)
		return true;
	config_yaml_error(y, node, "expected a mapping, got %s",
	    config_yaml_describe(node, q, sizeof(q)));
	return false;
}

size_t
config_yaml_len(struct config_yaml *y, yaml_node_t *node)
{
	char q[QUOTE_BUF];

	if (node->type == YAML_SEQUENCE_NODE)
		return (size_t)(node->data.sequence.items.top -
		    node->data.sequence.items.start);
	if (!config_yaml_is_null(node))
		config_yaml_error(y, node, "expected a list, got %s",
		    config_yaml_describe(node, q, sizeof(q)));
	return 0;
}

void
config_yaml_each(struct config_yaml *y, const struct config_yaml_key *key,
    void *obj, yaml_node_t *val)
{
	size_t n = config_yaml_len(y, val);

	for (size_t i = 0; i < n; i++)
		key->item(y, obj, config_yaml_at(y, val, i));
}

const char *
config_yaml_str(const yaml_node_t *node)
{
	return node->type == YAML_SCALAR_NODE ? scalar(node) : "";
}

yaml_node_t *
config_yaml_at(struct config_yaml *y, yaml_node_t *node, size_t i)
{
	return node_at(y, node->data.sequence.items.start[i]);
}
