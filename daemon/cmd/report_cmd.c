/*
 * report_cmd: writes a plan document in its three formats.  The data are
 * read and judged as eval --at does (stored.h), as of the document's date
 * (evaldoc_asof).  All three files are made in a private directory inside
 * DIR first and renamed into place only when every one is whole: a
 * failure leaves nothing, not a PDF without its workbook.  The files'
 * dates inside are the as-of date, so the same data give the same bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config_text.h"
#include "config_plans.h"
#include "evaldoc.h"
#include "evaldoc_file.h"
#include "evaldoc_pdf.h"
#include "fsutil.h"
#include "report_cmd.h"
#include "report_xlsx.h"

#define PDF_MAX (64u << 20)

struct report_opts {
	enum evaldoc_kind kind;
	int year; /* annual: the year, else 0 */
	const char *out;
	const char *lang; /* --lang, or NULL: the configuration's locale */
	const char *plan; /* --plan ID, or NULL */
};

static int
usage_error(const char *what, const char *arg)
{
	fprintf(stderr,
	    "planwatch: report: %s%s%s%s\n"
	    "usage: planwatch report annual --year YYYY | midterm | final "
	    "[--plan ID] [--out DIR] [--lang en|zh-CN]\n",
	    what, arg != NULL ? " '" : "", arg != NULL ? arg : "",
	    arg != NULL ? "'" : "");
	return 2;
}

static int
parse_opts(int argc, char **argv, struct report_opts *o)
{
	*o = (struct report_opts){.out = "."};
	if (argc < 1)
		return usage_error("which document?", NULL);
	if (evaldoc_kind_parse(argv[0], &o->kind) != 0)
		return usage_error(
		    "unknown kind (annual, midterm or final):", argv[0]);
	for (int i = 1; i < argc; i++) {
		char *end;

		enum locale loc;

		if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
			o->out = argv[++i];
		} else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
			if (!locale_parse(argv[++i], &loc))
				return usage_error(
				    "--lang: en or zh-CN, not", argv[i]);
			o->lang = locale_name(loc);
		} else if (strcmp(argv[i], "--plan") == 0 && i + 1 < argc) {
			o->plan = argv[++i];
		} else if (strcmp(argv[i], "--year") == 0 && i + 1 < argc) {
			long y = strtol(argv[++i], &end, 10);

			if (*end != '\0' || end == argv[i] || y < 1900 ||
			    y > 9999)
				return usage_error(
				    "--year: not a year:", argv[i]);
			o->year = (int)y;
		} else {
			return usage_error("bad option", argv[i]);
		}
	}
	if (o->kind == EVALDOC_ANNUAL && o->year == 0)
		return usage_error("annual needs --year YYYY", NULL);
	if (o->kind != EVALDOC_ANNUAL && o->year != 0)
		return usage_error("--year is for annual only", NULL);
	return 0;
}

/*
 * The plan documented (plans:): --plan's, else the one shown today; NULL
 * without plans:.  -1 when --plan names none.
 */
static int
check_plan(const struct config *c, const struct report_opts *o,
    const struct plan_conf **p)
{
	size_t i = o->plan != NULL ? config_plan_find(c, o->plan)
				   : config_plan_at(c, time(NULL), NULL);

	*p = i != CONFIG_PLAN_NONE ? &c->plans[i] : NULL;
	if (o->plan == NULL || *p != NULL)
		return 0;
	fprintf(stderr, "planwatch: report: --plan: unknown plan '%s' (%s)\n",
	    o->plan,
	    c->nplans == 0 ? "the configuration has no plans: list"
			   : "see plans: in the configuration");
	return -1;
}

/* Whether the plan's years hold o's year; says why not. */
static int
check_year(const struct config *c, const struct plan_conf *p,
    const struct report_opts *o)
{
	int first, last;

	if (evaldoc_years(c, p, &first, &last) != 0) {
		fprintf(stderr,
		    "planwatch: report: no target has a plan period "
		    "(baseline and deadline)\n");
		return -1;
	}
	if (o->kind == EVALDOC_ANNUAL && (o->year < first || o->year > last)) {
		fprintf(stderr,
		    "planwatch: report: --year %d is outside the plan "
		    "(%d–%d)\n",
		    o->year, first, last);
		return -1;
	}
	return 0;
}

/* Writes len bytes to dir/name. */
static int
write_file(const char *dir, const char *name, const void *data, size_t len)
{
	char path[4096];
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "wbx")) == NULL)
		return -1;
	rc = fwrite(data, 1, len, f) == len ? 0 : -1;
	rc |= fflush(f) | fsync(fileno(f));
	return (fclose(f) | rc) != 0 ? -1 : 0;
}

/* The three files of doc, made in tmp (a directory of their own). */
static int
make_files(const struct evaldoc *doc, const char *tmp, const char *stem)
{
	char name[256], path[4096], err[512];
	struct buf pdf;
	char *html = NULL;
	size_t hlen = 0;
	FILE *mem;
	int rc;

	buf_init(&pdf, PDF_MAX);
	rc = evaldoc_pdf(doc, &pdf, err, sizeof(err));
	snprintf(name, sizeof(name), "%s.pdf", stem);
	if (rc == 0 &&
	    (rc = write_file(tmp, name, buf_str(&pdf), buf_len(&pdf))) != 0)
		snprintf(err, sizeof(err), "%s: %s", name, strerror(errno));
	buf_free(&pdf);
	if (rc == 0) {
		snprintf(path, sizeof(path), "%s/%s.xlsx", tmp, stem);
		rc = report_xlsx(doc, path, err, sizeof(err));
	}
	if (rc == 0 && (mem = open_memstream(&html, &hlen)) != NULL) {
		rc = evaldoc_html(doc, mem) | fclose(mem);
		snprintf(name, sizeof(name), "%s.html", stem);
		if (rc == 0 && write_file(tmp, name, html, hlen) != 0)
			rc = -1;
		if (rc != 0)
			snprintf(
			    err, sizeof(err), "%s: %s", name, strerror(errno));
	} else if (rc == 0) {
		snprintf(err, sizeof(err), "out of memory");
		rc = -1;
	}
	free(html);
	if (rc != 0)
		fprintf(stderr, "planwatch: report: %s\n", err);
	return rc;
}

/* Moves the three files from tmp into dir, then removes tmp. */
static int
move_files(const char *tmp, const char *dir, const char *stem, bool keep)
{
	static const char *const ext[] = {"pdf", "xlsx", "html"};
	char from[4096], to[4096];
	int rc = 0;

	for (size_t i = 0; i < 3; i++) {
		snprintf(from, sizeof(from), "%s/%s.%s", tmp, stem, ext[i]);
		snprintf(to, sizeof(to), "%s/%s.%s", dir, stem, ext[i]);
		if (keep && rc == 0 && rename(from, to) != 0) {
			fprintf(stderr, "planwatch: report: %s: %s\n", to,
			    strerror(errno));
			rc = -1;
		}
		(void)unlink(from);
		if (keep && rc == 0)
			printf("%s\n", to);
	}
	(void)rmdir(tmp);
	return rc;
}

static int
write_document(const struct evaldoc *doc, const char *dir)
{
	char tmp[4096], stem[64], err[512];
	struct stat sb;

	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode) ||
	    access(dir, W_OK | X_OK) != 0) {
		fprintf(stderr,
		    "planwatch: report: --out %s: not a directory that can "
		    "be written (%s)\n",
		    dir, errno != 0 ? strerror(errno) : "not a directory");
		return -1;
	}
	evaldoc_stem(doc, stem, sizeof(stem));
	snprintf(tmp, sizeof(tmp), "%s/.planwatch-report.XXXXXX", dir);
	if (mkdtemp(tmp) == NULL) {
		fprintf(stderr, "planwatch: report: %s: %s\n", dir,
		    strerror(errno));
		return -1;
	}
	if (make_files(doc, tmp, stem) != 0) {
		move_files(tmp, dir, stem, false);
		return -1;
	}
	if (move_files(tmp, dir, stem, true) != 0)
		return -1;
	return fsutil_sync_path(dir, err, sizeof(err)) == 0 ? 0 : -1;
}

int
report_command(const struct config *c, int argc, char **argv)
{
	struct report_opts o;
	struct evaldoc_source src;
	const struct plan_conf *p;
	struct evaldoc doc;
	int rc;

	if ((rc = parse_opts(argc, argv, &o)) != 0)
		return rc;
	if (check_plan(c, &o, &p) != 0 || check_year(c, p, &o) != 0)
		return 1;
	rc = evaldoc_source_load(
	    c, p, o.kind, o.year, o.lang, time(NULL), false, &src);
	if (rc < 0 || evaldoc_build(&src.in, o.kind, o.year, &doc) != 0) {
		fprintf(stderr, "planwatch: report: cannot read the data\n");
		evaldoc_source_free(&src);
		return 1;
	}
	if (write_document(&doc, o.out) != 0)
		rc = 1;
	evaldoc_free(&doc);
	evaldoc_source_free(&src);
	return rc;
}
