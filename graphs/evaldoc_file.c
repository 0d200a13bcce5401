/*
 * evaldoc_file: a plan document as the bytes of one file (evaldoc_file.h).
 * The workbook is written by libxlsxwriter to a file only (1.1.4 has no
 * memory output), so it is made in a private directory under TMPDIR and
 * read back.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config_plans.h"
#include "evaldoc_file.h"
#include "evaldoc_pdf.h"
#include "explain.h"
#include "fsutil.h"
#include "report_plans.h"
#include "report_xlsx.h"
#include "stored.h"

static const struct {
	const char *name, *type;
} formats[] = {
    [EVALDOC_FORMAT_PDF] = {"pdf", "application/pdf"},
    [EVALDOC_FORMAT_XLSX] = {"xlsx",
	"application/"
	"vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    [EVALDOC_FORMAT_HTML] = {"html", "text/html; charset=utf-8"},
};

int
evaldoc_format_parse(const char *s, enum evaldoc_format *f)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(s, formats[i].name) == 0) {
			*f = (enum evaldoc_format)i;
			return 0;
		}
	return -1;
}

const char *
evaldoc_format_ext(enum evaldoc_format f)
{
	return formats[f].name;
}

const char *
evaldoc_format_type(enum evaldoc_format f)
{
	return formats[f].type;
}

int
evaldoc_ask_plan(const struct config *c, const struct evaldoc_ask *ask,
    time_t now, const struct plan_conf **p)
{
	size_t i = ask->plan != NULL ? config_plan_find(c, ask->plan)
				     : config_plan_at(c, now, NULL);

	*p = i != CONFIG_PLAN_NONE ? &c->plans[i] : NULL;
	return ask->plan != NULL && *p == NULL ? -1 : 0;
}

int
evaldoc_ask_check(const struct config *c, const struct evaldoc_ask *ask,
    char *err, size_t errlen)
{
	const struct plan_conf *p;
	int first, last;

	if (ask->kind != EVALDOC_ANNUAL && ask->year != 0) {
		snprintf(err, errlen, "year: only an annual document has one");
		return -1;
	}
	if (evaldoc_ask_plan(c, ask, time(NULL), &p) != 0) {
		snprintf(err, errlen, "plan: no plan '%s' in the configuration",
		    ask->plan);
		return -1;
	}
	if (evaldoc_years(c, p, &first, &last) != 0) {
		snprintf(err, errlen,
		    "no target has a plan period (baseline and deadline)");
		return -1;
	}
	if (ask->kind == EVALDOC_ANNUAL &&
	    (ask->year < first || ask->year > last)) {
		snprintf(err, errlen, "year %d is outside the plan (%d–%d)",
		    ask->year, first, last);
		return -1;
	}
	return 0;
}

/* The workbook of doc into out, through a file of its own. */
static int
render_xlsx(
    const struct evaldoc *doc, struct buf *out, char *err, size_t errlen)
{
	const char *tmp = getenv("TMPDIR");
	char dir[4096], path[4200], *data = NULL;
	size_t len = 0;
	int rc;

	snprintf(dir, sizeof(dir), "%s/planwatch-xlsx.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	snprintf(path, sizeof(path), "%s/doc.xlsx", dir);
	rc = report_xlsx(doc, path, err, errlen);
	if (rc == 0)
		rc = fsutil_read_capped(
		    path, EVALDOC_FILE_MAX, &data, &len, err, errlen);
	if (rc == 0 && buf_add(out, data, len) != 0) {
		snprintf(err, errlen, "the workbook is too large");
		rc = -1;
	}
	free(data);
	(void)unlink(path);
	(void)rmdir(dir);
	return rc;
}

/* The page of doc into out. */
static int
render_html(
    const struct evaldoc *doc, struct buf *out, char *err, size_t errlen)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	int rc = -1;

	if (mem != NULL) {
		rc = evaldoc_html(doc, mem) | fclose(mem);
		if (rc == 0 && buf_add(out, text, len) != 0)
			rc = -1;
	}
	if (rc != 0)
		snprintf(err, errlen, "out of memory");
	free(text);
	return rc;
}

int
evaldoc_render(const struct evaldoc *doc, enum evaldoc_format f,
    struct buf *out, char *err, size_t errlen)
{
	buf_reset(out);
	switch (f) {
	case EVALDOC_FORMAT_PDF:
		return evaldoc_pdf(doc, out, err, errlen);
	case EVALDOC_FORMAT_XLSX:
		return render_xlsx(doc, out, err, errlen);
	default:
		return render_html(doc, out, err, errlen);
	}
}

/* The title, plan, verdict line and date of doc, for a message. */
static void
tell(const struct evaldoc *doc, struct evaldoc_told *told)
{
	const char *plan = evaldoc_plan_name(doc);
	size_t off;

	memset(told, 0, sizeof(*told));
	told->zh = doc->zh;
	evaldoc_title(doc, told->title, sizeof(told->title));
	snprintf(told->plan, sizeof(told->plan), "%s", plan ? plan : "");
	asof_day_text(doc->at, told->asof, sizeof(told->asof));
	off = (size_t)snprintf(told->verdict, sizeof(told->verdict), "%s%s%s",
	    evaldoc_word(doc, "overall"), doc->zh ? "：" : ": ",
	    explain_label(doc->overall, doc->overall_final,
		doc->in->conf->judgement.vocabulary, doc->locale));
	for (size_t k = 0; k < doc->ncounts && off < sizeof(told->verdict); k++)
		off += (size_t)snprintf(told->verdict + off,
		    sizeof(told->verdict) - off, "%s%s %d",
		    k == 0 ? (doc->zh ? "（" : " (") : (doc->zh ? "、" : ", "),
		    doc->counts[k].label, doc->counts[k].n);
	if (doc->ncounts > 0 && off < sizeof(told->verdict))
		snprintf(told->verdict + off, sizeof(told->verdict) - off, "%s",
		    doc->zh ? "）" : ")");
}

int
evaldoc_source_load(const struct config *c, const struct plan_conf *p,
    enum evaldoc_kind k, int year, const char *locale, time_t now, bool quiet,
    struct evaldoc_source *src)
{
	time_t at = evaldoc_plan_asof(c, p, k, year, now);
	int rc;

	memset(src, 0, sizeof(*src));
	src->as = asof_make(now, &at, NULL);
	rc = stored_load_asof(c, &src->as, quiet, &src->st) == 0 ? 0 : 1;
	if (src->st.obs == NULL || src->st.j == NULL)
		return -1;
	report_plans_mark(c, p, src->st.j);
	src->in = (struct report_input){.conf = c,
	    .obs = src->st.obs,
	    .j = (const struct judgement *const *)src->st.j,
	    .at = src->as.at,
	    .asof = &src->as,
	    .locale = locale,
	    .revs = src->st.revs,
	    .plan = p,
	    .notes = src->st.notes};
	return rc;
}

void
evaldoc_source_free(struct evaldoc_source *src)
{
	stored_free(&src->st);
}

int
evaldoc_make(const struct config *c, const struct evaldoc_ask *ask, time_t now,
    struct buf *out, char *name, size_t namelen, char *err, size_t errlen)
{
	return evaldoc_make_told(
	    c, ask, now, out, name, namelen, NULL, err, errlen);
}

int
evaldoc_make_told(const struct config *c, const struct evaldoc_ask *ask,
    time_t now, struct buf *out, char *name, size_t namelen,
    struct evaldoc_told *told, char *err, size_t errlen)
{
	const struct plan_conf *p;
	struct evaldoc_source src;
	struct evaldoc doc;
	char stem[64];
	int rc;

	if (evaldoc_ask_plan(c, ask, now, &p) != 0) {
		snprintf(err, errlen, "plan: no plan '%s' in the configuration",
		    ask->plan);
		return -1;
	}
	/* A damaged journal shows its good records, as the daemon does. */
	if (evaldoc_source_load(
		c, p, ask->kind, ask->year, ask->locale, now, true, &src) < 0 ||
	    evaldoc_build(&src.in, ask->kind, ask->year, &doc) != 0) {
		snprintf(err, errlen, "cannot read the data");
		evaldoc_source_free(&src);
		return -1;
	}
	evaldoc_stem(&doc, stem, sizeof(stem));
	snprintf(name, namelen, "%s.%s", stem, evaldoc_format_ext(ask->format));
	rc = evaldoc_render(&doc, ask->format, out, err, errlen);
	if (told != NULL)
		tell(&doc, told);
	evaldoc_free(&doc);
	evaldoc_source_free(&src);
	return rc;
}
