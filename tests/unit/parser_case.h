/*
 * parser_case: the table-driven harness of the feed parsers' tests, one
 * for all of them.  A case is a document (inline, or a fixture file), the
 * format's selector, the indicator's frequency and what must come out: the
 * return code, then the observations added, or the error; and the reject
 * messages, in order.  Every parse starts from a list that already holds
 * 1990=7, to check that observations are appended and that the list is
 * left as it was on -1.  A case that fails names itself and prints what
 * differs (the observations as a diff, the reject messages received).
 * Each parser's test keeps its table, its suite (below) and, when its
 * selector is not a series key, the few lines that build one.  cmocka's
 * assertions are used: include after <cmocka.h>.
 */
#ifndef PLANWATCH_PARSER_CASE_H
#define PLANWATCH_PARSER_CASE_H

#include <stdbool.h>
#include <stddef.h>

#include "feed.h"

/* The most reject messages a case expects. */
#define PARSER_CASE_REJECTS 10
/* The most dimensions of a series key. */
#define PARSER_CASE_DIMS 8

/* How one parser's cases are read and judged. */
struct parser_suite {
	const struct feed_format *format;
	/* the parser, when it is not feed_parse(format, ...) */
	int (*parse)(const char *buf, size_t len,
	    const struct feed_selector *sel, enum freq freq,
	    struct obs_list *out, feed_reject_cb reject, void *arg, char *err,
	    size_t errlen);
	const char *dir; /* fixtures: $PW_FIXTURES/dir/file */
	bool quotes; /* inline documents write ' for " */
	bool whole; /* err and rejects compared whole, not as substrings */
	bool check; /* every case's selector passes format->check() */
};

/* A case's name and its document: inline text, or a fixture file. */
struct parser_case_doc {
	const char *name;
	const char *doc;
	const char *file;
};

/* What a case must give. */
struct parser_case_want {
	int rc;
	/* rc 0: the observations added, "2021=1 2022=2" ("" for none):
	 * the same periods, values equal with == (read by strtod()) */
	const char *obs;
	const char *err; /* rc -1: the error */
	/* in order; "{text}" stands for period_parse()'s error on text */
	const char *rejects[PARSER_CASE_REJECTS];
};

/* A case of a format whose selector is a series key, "K=V,K=V". */
struct parser_case {
	struct parser_case_doc doc;
	const char *series;
	enum freq freq;
	struct parser_case_want want;
};

/* A selector alone, as check() judges it when the configuration loads. */
struct parser_check {
	const char *series; /* "K=V,K=V" */
	const char *err; /* NULL: accepted; else the whole error */
};

/* A select of a document loaded once: its rc, then the list's length. */
struct parser_select {
	const char *series;
	int rc;
	size_t n;
};

/*
 * Parses doc with sel and freq, and fails the test unless it gives want;
 * then again without a reject callback, which must change nothing.  The
 * document is followed in memory by bytes that are not part of it: a
 * parser reads (buf, len), not up to a NUL.
 */
void parser_case_run(const struct parser_suite *s,
    const struct parser_case_doc *doc, const struct feed_selector *sel,
    enum freq freq, const struct parser_case_want *want);
/* Runs n cases whose selectors are series keys. */
void parser_case_run_series(
    const struct parser_suite *s, const struct parser_case *cases, size_t n);

/* Runs check() on n selectors. */
void parser_case_run_checks(
    const struct parser_suite *s, const struct parser_check *c, size_t n);
/*
 * Loads the fixture file once and selects from it n times, each into an
 * empty list with freq: selects are independent of each other.
 */
void parser_case_run_selects(const struct parser_suite *s, const char *file,
    enum freq freq, const struct parser_select *c, size_t n);

/*
 * Parses the inline document doc with the series key series into an
 * empty list, without a reject callback; fails unless it returns rc, the
 * list holds n observations and, on -1, err is the error (whole or a
 * part, as s says).
 */
void parser_case_expect(const struct parser_suite *s, const char *doc,
    const char *series, enum freq freq, int rc, size_t n, const char *err);

/* Reads the fixture name of s's directory (free() it; NUL-terminated). */
char *parser_case_fixture(
    const struct parser_suite *s, const char *name, size_t *len);
/* A copy of an inline document, ' turned into " when s says so. */
char *parser_case_inline(
    const struct parser_suite *s, const char *doc, size_t *len);
/*
 * Splits "K=V,K=V" in place into dims (PARSER_CASE_DIMS of them) and
 * makes sel select that series; the number of dimensions.  A ',' inside
 * parentheses ("A:B(1,0)") is part of a code.
 */
size_t parser_case_series(
    char *text, struct feed_selector *sel, struct feed_dim *dims);
/* Adds 1990=7 to l, the observation every parse must leave in place. */
void parser_case_seed(struct obs_list *l);
/* Fails unless l->v[1..] are the observations want ("2021=1 2022=2"). */
void parser_case_check_obs(
    const char *name, const struct obs_list *l, const char *want);
/* Fails unless l starts with 1990=7 (and holds nothing else if alone). */
void parser_case_check_seed(
    const char *name, const struct obs_list *l, bool alone);

#endif
