/*
 * config_ref: the references between parts of the configuration, which
 * may be written in any file: an indicator's collector, a growth target's
 * rate_indicator, the indicators a derived indicator computes from, and
 * the selector that its collector's format must accept.  They are
 * recorded as they are read and resolved here once every file is, by id
 * through the configuration's index; an unknown id is reported with the
 * closest known one as a hint.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_load.h"
#include "formats.h"
#include "idindex.h"

/* Records a reference at node from the indicator being read. */
void
config_ref_add(
    struct config_yaml *y, enum ref_kind kind, size_t target, yaml_node_t *node)
{
	struct loader *ld = y->arg;
	struct ref *r;

	ld->refs = config_yaml_grow(ld->refs, ld->nrefs, sizeof(*ld->refs));
	r = &ld->refs[ld->nrefs++];
	r->kind = kind;
	r->indicator = ld->conf->nindicators - 1;
	r->target = target;
	config_yaml_where(y, node, &r->where);
}

/*
 * References, once every file is read.  A derived indicator may use other
 * derived indicators, so the references between derived indicators form a
 * graph that must have no cycle: a depth-first search reports each cycle
 * once, where the search comes back to the indicator that closes it.
 */

/* The edges of the graph of derived indicators, by indicator index. */
struct edges {
	size_t *to;
	size_t n;
};

/* What resolving the references of one configuration needs. */
struct resolver {
	struct loader *ld;
	const char **collectors; /* ids, "" for none, for hints */
	const char **indicators;
	struct edges *edges; /* derived indicator -> derived ones it uses */
	const struct ref **derived; /* by indicator: its REF_DERIVED */
	unsigned char *color; /* cycle search: 0 new, 1 on the path, 2 done */
	size_t *path;
	size_t depth;
};

static void report_ref(struct resolver *, const struct ref *, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* Reports a message at the place of r. */
static void
report_ref(struct resolver *rs, const struct ref *r, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	config_yaml_report(rs->ld->errors, r->where.file, r->where.line,
	    r->where.column, "%s", msg);
}

/* Reports the unknown id of a what at r, with the closest of ids. */
static void
unknown_ref(struct resolver *rs, const struct ref *r, const char *what,
    const char *id, const char *const *ids, size_t n)
{
	const char *hint = config_yaml_similar(id, ids, n);
	char b[QUOTE_BUF];

	report_ref(rs, r, "unknown %s %s%s%s%s", what,
	    quote_text(b, sizeof(b), id, QUOTE_MAX, '\''),
	    hint ? " (did you mean '" : "", hint ? hint : "",
	    hint ? "'?)" : "");
}

/*
 * The index of the indicator id that r's indicator uses, or nindicators
 * when it is unknown, itself or of another frequency (reported).
 */
static size_t
used_indicator(struct resolver *rs, const struct ref *r, const char *id)
{
	const struct config *conf = rs->ld->conf;
	const struct indicator_conf *me = &conf->indicators[r->indicator], *it;
	size_t n = conf->nindicators, j;

	if (!config_indicator_index(conf, id, &j)) {
		unknown_ref(rs, r, "indicator", id, rs->indicators, n);
		return n;
	}
	if (j == r->indicator) {
		if (r->kind == REF_RATE)
			report_ref(rs, r,
			    "rate_indicator '%s' is this indicator itself", id);
		else
			report_ref(rs, r,
			    "derived indicator '%s' refers to itself", id);
		return n;
	}
	it = &conf->indicators[j];
	if (it->freq != me->freq) {
		report_ref(rs, r,
		    "indicator '%s' is %s, but '%s' is %s: they must have the "
		    "same frequency",
		    id, freq_name(it->freq), me->id, freq_name(me->freq));
		return n;
	}
	return j;
}

static void
resolve_collector(struct resolver *rs, const struct ref *r)
{
	struct config *conf = rs->ld->conf;
	struct indicator_conf *ind = &conf->indicators[r->indicator];

	if (!config_collector_index(
		conf, ind->collector, &ind->collector_index)) {
		ind->collector_index = conf->ncollectors;
		unknown_ref(rs, r, "collector", ind->collector, rs->collectors,
		    conf->ncollectors);
	}
}

static void
resolve_selector(struct resolver *rs, const struct ref *r)
{
	struct config *conf = rs->ld->conf;
	struct indicator_conf *ind = &conf->indicators[r->indicator];
	const struct feed_format *f;
	char err[256];

	if (ind->collector == NULL || ind->collector_index >= conf->ncollectors)
		return; /* reported with the collector */
	f = formats_find(conf->collectors[ind->collector_index].format);
	if (f != NULL && f->check(&ind->selector, err, sizeof(err)) != 0)
		report_ref(rs, r, "selector for format %s: %s", f->name, err);
}

static void
resolve_rate(struct resolver *rs, const struct ref *r)
{
	struct indicator_conf *ind = &rs->ld->conf->indicators[r->indicator];
	struct target_conf *t = &ind->targets[r->target];
	size_t j = used_indicator(rs, r, t->rate_indicator);

	t->rate_indicator_index =
	    j < rs->ld->conf->nindicators ? j : (size_t)-1;
}

/* True for an item of a derived expression that names an indicator. */
static bool
is_indicator_item(const char *s)
{
	return *s >= 'a' && *s <= 'z' &&
	    s[strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_")] == '\0';
}

/* Adds the edge from derived indicator i to j, once. */
static void
add_edge(struct resolver *rs, size_t i, size_t j)
{
	struct edges *e = &rs->edges[i];

	for (size_t k = 0; k < e->n; k++) {
		if (e->to[k] == j)
			return;
	}
	e->to = config_yaml_grow(e->to, e->n, sizeof(*e->to));
	e->to[e->n++] = j;
}
/*
 * Checks the items of a derived expression: items that look like an id
 * ([a-z][a-z0-9_]*) name indicators, everything else (numbers, rrdtool's
 * operators) is left to rrdtool.
 */
static void
resolve_derived(struct resolver *rs, const struct ref *r)
{
	struct config *conf = rs->ld->conf;
	const char *expr = conf->indicators[r->indicator].derived;
	char *copy = config_yaml_strdup(expr), *item, *comma;
	char b[QUOTE_BUF];
	bool empty = false, blank = false;
	size_t j, nref = 0;

	rs->derived[r->indicator] = r;
	for (item = copy; item != NULL; item = comma ? comma + 1 : NULL) {
		if ((comma = strchr(item, ',')) != NULL)
			*comma = '\0';
		empty |= *item == '\0';
		blank |= strpbrk(item, " \t") != NULL;
		if (!is_indicator_item(item))
			continue;
		nref++;
		j = used_indicator(rs, r, item);
		if (j < conf->nindicators && conf->indicators[j].derived)
			add_edge(rs, r->indicator, j);
	}
	quote_text(b, sizeof(b), expr, QUOTE_MAX, '"');
	if (empty)
		report_ref(rs, r, "empty item in the expression %s", b);
	if (blank)
		report_ref(rs, r,
		    "the items of the expression %s are separated by commas "
		    "only, without blanks",
		    b);
	if (nref == 0)
		report_ref(rs, r, "the expression %s uses no indicator", b);
	free(copy);
}

/* Reports the cycle that the edge from the path's end to i closes. */
static void
report_cycle(struct resolver *rs, size_t i)
{
	const char **ids = rs->indicators;
	char msg[1024];
	size_t k = rs->depth, o = 0;

	while (k > 0 && rs->path[k - 1] != i)
		k--;
	for (k = k - 1; k < rs->depth && o < sizeof(msg); k++)
		o += (size_t)snprintf(
		    msg + o, sizeof(msg) - o, "%s -> ", ids[rs->path[k]]);
	if (o < sizeof(msg))
		snprintf(msg + o, sizeof(msg) - o, "%s", ids[i]);
	report_ref(
	    rs, rs->derived[i], "derived indicators form a cycle: %s", msg);
}

/* Depth-first search for cycles from derived indicator i. */
static void
cycle_visit(struct resolver *rs, size_t i)
{
	const struct edges *e = &rs->edges[i];

	rs->color[i] = 1;
	rs->path[rs->depth++] = i;
	for (size_t k = 0; k < e->n; k++) {
		if (rs->color[e->to[k]] == 1)
			report_cycle(rs, e->to[k]);
		else if (rs->color[e->to[k]] == 0)
			cycle_visit(rs, e->to[k]);
	}
	rs->depth--;
	rs->color[i] = 2;
}

/* The ids of n items of size bytes whose char * id is at offset. */
static const char **
ids_of(const void *items, size_t n, size_t size, size_t offset)
{
	const char **ids = config_yaml_grow(NULL, n, sizeof(*ids));
	const char *id;

	for (size_t i = 0; i < n; i++) {
		memcpy(
		    &id, (const char *)items + i * size + offset, sizeof(id));
		ids[i] = id != NULL ? id : "";
	}
	return ids;
}

/* n zeroed items of size bytes (at least one); fatal on exhaustion. */
static void *
zalloc(size_t n, size_t size)
{
	void *p;

	if ((p = calloc(n > 0 ? n : 1, size)) == NULL)
		fatal("out of memory");
	return p;
}

/* Resolves every reference recorded while the files were read. */
void
config_ref_resolve(struct loader *ld)
{
	struct config *conf = ld->conf;
	size_t n = conf->nindicators;
	struct resolver rs;

	memset(&rs, 0, sizeof(rs));
	rs.ld = ld;
	rs.collectors = ids_of(conf->collectors, conf->ncollectors,
	    sizeof(*conf->collectors), offsetof(struct collector_conf, id));
	rs.indicators = ids_of(conf->indicators, n, sizeof(*conf->indicators),
	    offsetof(struct indicator_conf, id));
	rs.edges = zalloc(n, sizeof(*rs.edges));
	rs.derived = zalloc(n, sizeof(*rs.derived));
	rs.color = zalloc(n, sizeof(*rs.color));
	rs.path = zalloc(n, sizeof(*rs.path));
	for (const struct ref *r = ld->refs; r < ld->refs + ld->nrefs; r++) {
		if (r->kind == REF_COLLECTOR)
			resolve_collector(&rs, r);
		else if (r->kind == REF_RATE)
			resolve_rate(&rs, r);
		else if (r->kind == REF_DERIVED)
			resolve_derived(&rs, r);
	}
	/* Selectors once every collector, and so its format, is known. */
	for (const struct ref *r = ld->refs; r < ld->refs + ld->nrefs; r++)
		if (r->kind == REF_SELECTOR)
			resolve_selector(&rs, r);
	for (size_t i = 0; i < n; i++) {
		if (rs.derived[i] != NULL && rs.color[i] == 0)
			cycle_visit(&rs, i);
		free(rs.edges[i].to);
	}
	free(rs.collectors);
	free(rs.indicators);
	free(rs.edges);
	free(rs.derived);
	free(rs.color);
	free(rs.path);
}

void
config_ref_clear(struct loader *ld)
{
	for (size_t i = 0; i < ld->nrefs; i++)
		free(ld->refs[i].where.file);
	free(ld->refs);
	ld->refs = NULL;
	ld->nrefs = 0;
}
