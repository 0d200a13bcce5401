/*
 * parser_case: the table-driven harness of the feed parsers' tests (see
 * parser_case.h).  Expected observations are text so that a table reads
 * like the feed; they are compared as values, not as text: each period is
 * read by period_parse() and compared with period_equal(), each value by
 * strtod() and compared with ==, which is how the parsers read numbers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fsutil.h"
#include "unit/parser_case.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define FIXTURE_MAX (1024 * 1024)
#define OBS_TEXT_MAX (PERIOD_TEXT_MAX + 32)
/* What follows a case's document in memory, past its length: a parser
 * that reads on would see a broken quote, a row, a closing bracket. */
#define PAST_END "\"]}x\n2099,x\n"

/* The reject messages of one parse; more than expected are counted. */
struct rejects {
	char *msg[PARSER_CASE_REJECTS + 8];
	size_t n;
};

/* An expected observation, and its text as the table gives it. */
struct want_obs {
	struct period period;
	double value;
	const char *text;
};

static void
reject_cb(void *arg, const char *msg)
{
	struct rejects *r = arg;

	if (r->n < NELEM(r->msg))
		assert_non_null(r->msg[r->n] = strdup(msg));
	r->n++;
}

static void
rejects_clear(struct rejects *r)
{
	for (size_t i = 0; i < r->n && i < NELEM(r->msg); i++)
		free(r->msg[i]);
	r->n = 0;
}

char *
parser_case_fixture(const struct parser_suite *s, const char *name, size_t *len)
{
	const char *dir = getenv("PW_FIXTURES");
	char path[1024], err[512], *buf;

	snprintf(path, sizeof(path), "%s/%s/%s", dir ? dir : "tests/fixtures",
	    s->dir, name);
	if (fsutil_read_capped(
		path, FIXTURE_MAX, &buf, len, err, sizeof(err)) == -1)
		fail_msg("%s", err);
	return buf;
}

char *
parser_case_inline(const struct parser_suite *s, const char *doc, size_t *len)
{
	char *buf = strdup(doc);

	assert_non_null(buf);
	for (char *p = buf; s->quotes && *p != '\0'; p++)
		if (*p == '\'')
			*p = '"';
	*len = strlen(buf);
	return buf;
}

size_t
parser_case_series(char *text, struct feed_selector *sel, struct feed_dim *dims)
{
	char *start = text, *eq;
	int depth = 0;

	memset(sel, 0, sizeof(*sel));
	sel->series = dims;
	if (*text == '\0')
		return 0;
	for (char *p = text;; p++) {
		depth += (*p == '(') - (*p == ')');
		if ((*p != ',' || depth > 0) && *p != '\0')
			continue;
		assert_true(sel->nseries < PARSER_CASE_DIMS);
		eq = strchr(start, '=');
		assert_true(eq != NULL && eq < p);
		*eq = '\0';
		dims[sel->nseries].key = start;
		dims[sel->nseries].value = eq + 1;
		sel->nseries++;
		if (*p == '\0')
			return sel->nseries;
		*p = '\0';
		start = p + 1;
	}
}

void
parser_case_seed(struct obs_list *l)
{
	struct period p = {FREQ_ANNUAL, 1990, 0};

	assert_int_equal(obs_list_add(l, &p, 7), 0);
}

void
parser_case_check_seed(const char *name, const struct obs_list *l, bool alone)
{
	struct period p = {FREQ_ANNUAL, 1990, 0};

	if (l->n < 1 || !period_equal(&l->v[0].period, &p) ||
	    l->v[0].value != 7 || (alone && l->n != 1))
		fail_msg("%s: the list's earlier content changed", name);
}

/* Reads "2021=1 2022=2" into a new array (free() it); *n observations. */
static struct want_obs *
want_parse(const char *name, char *text, size_t *n)
{
	struct want_obs *w;
	char *save = NULL, *tok, *eq, *end, err[256];
	size_t cap = 1;

	for (const char *p = text; *p != '\0'; p++)
		cap += *p == ' ';
	assert_non_null(w = calloc(cap, sizeof(*w)));
	*n = 0;
	for (tok = strtok_r(text, " ", &save); tok != NULL;
	     tok = strtok_r(NULL, " ", &save)) {
		if ((eq = strchr(tok, '=')) == NULL)
			fail_msg("%s: bad expectation \"%s\"", name, tok);
		w[*n].text = tok;
		*eq = '\0';
		if (period_parse(tok, &w[*n].period, err, sizeof(err)) == -1)
			fail_msg("%s: bad expected period: %s", name, err);
		w[*n].value = strtod(eq + 1, &end);
		if (end == eq + 1 || *end != '\0')
			fail_msg("%s: bad expected value \"%s\"", name, eq + 1);
		*eq = '=';
		(*n)++;
	}
	return w;
}

/* "2021=1048.97": the period and the fewest digits that read back. */
static void
obs_text(const struct obs *o, char *buf, size_t len)
{
	char p[PERIOD_TEXT_MAX];

	period_format(&o->period, p, sizeof(p));
	snprintf(
	    buf, len, "%s=%.*g", p, obs_shortest_precision(o->value), o->value);
}

/* Prints want (-) and got (+) observation by observation. */
static void
print_obs_diff(const struct obs_list *l, const struct want_obs *w, size_t nwant)
{
	char got[OBS_TEXT_MAX];
	size_t ngot = l->n - 1;

	for (size_t i = 0; i < nwant || i < ngot; i++) {
		const struct obs *o = i < ngot ? &l->v[i + 1] : NULL;

		if (o != NULL)
			obs_text(o, got, sizeof(got));
		if (o != NULL && i < nwant &&
		    period_equal(&o->period, &w[i].period) &&
		    o->value == w[i].value) {
			print_error("    %s\n", got);
			continue;
		}
		if (i < nwant)
			print_error("  - %s\n", w[i].text);
		if (o != NULL)
			print_error("  + %s\n", got);
	}
}

void
parser_case_check_obs(
    const char *name, const struct obs_list *l, const char *want)
{
	char *text, got[OBS_TEXT_MAX];
	struct want_obs *w;
	size_t n, i;

	if (want == NULL)
		fail_msg(
		    "%s: rc 0, but the case expects no observations", name);
	assert_non_null(text = strdup(want));
	w = want_parse(name, text, &n);
	for (i = 0; i < n && i + 1 < l->n; i++)
		if (!period_equal(&l->v[i + 1].period, &w[i].period) ||
		    l->v[i + 1].value != w[i].value)
			break;
	if (i < n || l->n - 1 != n) {
		print_error("%s: observations (- want, + got):\n", name);
		print_obs_diff(l, w, n);
		if (i < n && i + 1 < l->n) {
			obs_text(&l->v[i + 1], got, sizeof(got));
			fail_msg("%s: observation %zu is %s, want %s", name, i,
			    got, w[i].text);
		}
		fail_msg("%s: %zu observations, want %zu", name, l->n - 1, n);
	}
	free(w);
	free(text);
}

/* Replaces "{text}" in want with period_parse()'s error on text. */
static void
expand(const char *want, char *buf, size_t len)
{
	const char *open = strchr(want, '{'), *close;
	char text[64], perr[256];
	struct period p;

	if (open == NULL || (close = strchr(open, '}')) == NULL) {
		snprintf(buf, len, "%s", want);
		return;
	}
	snprintf(text, sizeof(text), "%.*s", (int)(close - open - 1), open + 1);
	if (period_parse(text, &p, perr, sizeof(perr)) == 0)
		fail_msg("\"%s\" is a period", text);
	snprintf(
	    buf, len, "%.*s%s%s", (int)(open - want), want, perr, close + 1);
}

/* Whether got is want: the whole of it, or a part when s says so. */
static bool
matches(const struct parser_suite *s, const char *got, const char *want)
{
	return s->whole ? strcmp(got, want) == 0 : strstr(got, want) != NULL;
}

static void
check_rejects(const struct parser_suite *s, const char *name,
    const struct rejects *r, const char *const *want)
{
	char exp[1024];
	size_t n = 0;

	while (n < PARSER_CASE_REJECTS && want[n] != NULL)
		n++;
	if (r->n != n) {
		for (size_t i = 0; i < r->n && i < NELEM(r->msg); i++)
			print_error("  reject: %s\n", r->msg[i]);
		fail_msg("%s: %zu rejects, want %zu", name, r->n, n);
	}
	for (size_t i = 0; i < n; i++) {
		expand(want[i], exp, sizeof(exp));
		if (!matches(s, r->msg[i], exp))
			fail_msg("%s: reject %zu\n  \"%s\", want%s\n  \"%s\"",
			    name, i, r->msg[i], s->whole ? "" : " a part", exp);
	}
}

/* Parses buf into out with s's parser; rc.  r NULL: no reject callback. */
static int
parse(const struct parser_suite *s, const char *buf, size_t len,
    const struct feed_selector *sel, enum freq freq, struct obs_list *out,
    struct rejects *r, char *err, size_t errlen)
{
	feed_reject_cb cb = r != NULL ? reject_cb : NULL;

	err[0] = '\0';
	if (s->parse != NULL)
		return s->parse(buf, len, sel, freq, out, cb, r, err, errlen);
	return feed_parse(
	    s->format, buf, len, sel, freq, out, cb, r, err, errlen);
}

/*
 * Parses buf again without a reject callback: the outcome must be the
 * same (rc, err, observations), as the callback only tells.
 */
static void
check_quiet(const struct parser_suite *s, const char *name, const char *buf,
    size_t len, const struct feed_selector *sel, enum freq freq, int rc,
    const char *err, const struct obs_list *out)
{
	struct obs_list quiet = {0};
	char qerr[1024];
	int qrc;

	parser_case_seed(&quiet);
	qrc = parse(s, buf, len, sel, freq, &quiet, NULL, qerr, sizeof(qerr));
	if (qrc != rc || (rc != 0 && strcmp(qerr, err) != 0))
		fail_msg("%s: without a reject callback rc %d, err \"%s\"; "
			 "with one rc %d, err \"%s\"",
		    name, qrc, qerr, rc, err);
	if (quiet.n != out->n)
		fail_msg("%s: without a reject callback %zu observations, "
			 "with one %zu",
		    name, quiet.n, out->n);
	for (size_t i = 0; i < out->n; i++)
		if (!period_equal(&out->v[i].period, &quiet.v[i].period) ||
		    out->v[i].value != quiet.v[i].value)
			fail_msg("%s: without a reject callback observation "
				 "%zu differs",
			    name, i);
	obs_list_clear(&quiet);
}

void
parser_case_run(const struct parser_suite *s, const struct parser_case_doc *doc,
    const struct feed_selector *sel, enum freq freq,
    const struct parser_case_want *want)
{
	struct rejects r = {{NULL}, 0};
	struct obs_list out = {0};
	char err[1024] = "", *buf;
	size_t len;
	int rc;

	if (s->check && s->format->check(sel, err, sizeof(err)) != 0)
		fail_msg("%s: the selector is refused: %s", doc->name, err);
	buf = doc->file != NULL ? parser_case_fixture(s, doc->file, &len)
				: parser_case_inline(s, doc->doc, &len);
	assert_non_null(buf = realloc(buf, len + sizeof(PAST_END)));
	memcpy(buf + len, PAST_END, sizeof(PAST_END));
	parser_case_seed(&out);
	rc = parse(s, buf, len, sel, freq, &out, &r, err, sizeof(err));
	if (rc != want->rc)
		fail_msg("%s: rc %d, want %d (err \"%s\")", doc->name, rc,
		    want->rc, err);
	check_rejects(s, doc->name, &r, want->rejects);
	parser_case_check_seed(doc->name, &out, rc == -1);
	if (rc == 0)
		parser_case_check_obs(doc->name, &out, want->obs);
	else if (want->err == NULL || !matches(s, err, want->err))
		fail_msg("%s: err\n  \"%s\", want%s\n  \"%s\"", doc->name, err,
		    s->whole ? "" : " a part",
		    want->err ? want->err : "(none)");
	check_quiet(s, doc->name, buf, len, sel, freq, rc, err, &out);
	rejects_clear(&r);
	obs_list_clear(&out);
	free(buf);
}

void
parser_case_run_series(
    const struct parser_suite *s, const struct parser_case *cases, size_t n)
{
	struct feed_dim dims[PARSER_CASE_DIMS];
	struct feed_selector sel;
	char *series;

	for (size_t i = 0; i < n; i++) {
		assert_non_null(series = strdup(cases[i].series));
		parser_case_series(series, &sel, dims);
		parser_case_run(
		    s, &cases[i].doc, &sel, cases[i].freq, &cases[i].want);
		free(series);
	}
}

void
parser_case_run_checks(
    const struct parser_suite *s, const struct parser_check *c, size_t n)
{
	struct feed_dim dims[PARSER_CASE_DIMS];
	struct feed_selector sel;
	char err[512], *series;
	int rc;

	for (size_t i = 0; i < n; i++) {
		assert_non_null(series = strdup(c[i].series));
		parser_case_series(series, &sel, dims);
		err[0] = '\0';
		rc = s->format->check(&sel, err, sizeof(err));
		if (c[i].err == NULL && rc != 0)
			fail_msg("\"%s\": refused: %s", c[i].series, err);
		if (c[i].err != NULL &&
		    (rc != -1 || strcmp(err, c[i].err) != 0))
			fail_msg("\"%s\": rc %d, err\n  \"%s\", want\n  \"%s\"",
			    c[i].series, rc, err, c[i].err);
		free(series);
	}
}

void
parser_case_run_selects(const struct parser_suite *s, const char *file,
    enum freq freq, const struct parser_select *c, size_t n)
{
	const struct feed_format *f = s->format;
	struct feed_dim dims[PARSER_CASE_DIMS];
	struct feed_selector sel;
	struct feed_doc *doc;
	char err[512], *buf, *series;
	size_t len;
	int rc;

	buf = parser_case_fixture(s, file, &len);
	if ((doc = f->load(buf, len, err, sizeof(err))) == NULL)
		fail_msg("%s: %s", file, err);
	free(buf);
	for (size_t i = 0; i < n; i++) {
		struct obs_list out = {0};

		assert_non_null(series = strdup(c[i].series));
		parser_case_series(series, &sel, dims);
		err[0] = '\0';
		rc = f->select(
		    doc, &sel, freq, &out, NULL, NULL, err, sizeof(err));
		if (rc != c[i].rc || out.n != c[i].n)
			fail_msg("%s, \"%s\": rc %d, %zu observations (err "
				 "\"%s\"), want rc %d, %zu",
			    file, c[i].series, rc, out.n, err, c[i].rc, c[i].n);
		obs_list_clear(&out);
		free(series);
	}
	f->free(doc);
	f->free(NULL);
}

void
parser_case_expect(const struct parser_suite *s, const char *doc,
    const char *series, enum freq freq, int rc, size_t n, const char *err)
{
	struct feed_dim dims[PARSER_CASE_DIMS];
	struct feed_selector sel;
	struct obs_list out = {0};
	char *buf, *text, got[1024];
	size_t len;
	int got_rc;

	buf = parser_case_inline(s, doc, &len);
	assert_non_null(text = strdup(series));
	parser_case_series(text, &sel, dims);
	got_rc = parse(s, buf, len, &sel, freq, &out, NULL, got, sizeof(got));
	if (got_rc != rc || out.n != n)
		fail_msg("\"%s\": rc %d, %zu observations (err \"%s\"), want "
			 "rc %d, %zu",
		    series, got_rc, out.n, got, rc, n);
	if (rc != 0 && !matches(s, got, err))
		fail_msg("\"%s\": err\n  \"%s\", want%s\n  \"%s\"", series, got,
		    s->whole ? "" : " a part", err);
	obs_list_clear(&out);
	free(text);
	free(buf);
}
