/*
 * html_filter: the dashboard's filters (chapter, bureau, status, data
 * overdue), read strictly from a request's parameters, and the links to
 * the filtered pages.  A filter that names nothing in the plan is refused
 * with the parameter and what it may be, never shown as an empty page
 * that looks like good news.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"

#include "html.h"
#include "html_filter.h"
#include "html_lang.h"
#include "idindex.h"
#include "html_text.h"

/* The keys a dashboard URL may carry, as the refusal lists them. */
static const char keys[] = "group, owner, status, overdue, lang";

static void say(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
say(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Appends s to err, with "…" when err is full. */
static void
append(char *err, size_t errlen, const char *s)
{
	size_t n = strlen(err);

	if (n + strlen(s) + 4 < errlen)
		memcpy(err + n, s, strlen(s) + 1);
	else if (n + 4 < errlen && strstr(err, "…") == NULL)
		memcpy(err + n, "…", sizeof("…"));
}

/* The chapter (group) or bureau (owner) of ic. */
static const char *
field_of(const struct indicator_conf *ic, bool owner)
{
	return owner ? ic->owner : ic->group;
}

int
html_filter_index(const struct config *c, bool owner, const char *name)
{
	/* The names seen, each once: O(indicators x names), not squared in
	 * the indicators (a plan of 1,000 has a few dozen chapters). */
	const char **seen;
	size_t n = 0;
	int found = 0;
	const struct idindex *ix = owner ? c->owner_numbers : c->group_numbers;

	/* Loaded configurations number them once (config_ids_scopes):
	 * every dashboard row links its chapter's page. */
	if (name != NULL && ix != NULL)
		return idindex_get(ix, name, &n) ? (int)n : 0;
	if (name == NULL ||
	    (seen = calloc(c->nindicators + 1, sizeof(*seen))) == NULL)
		return 0;
	for (size_t i = 0; i < c->nindicators && found == 0; i++) {
		const char *v = field_of(&c->indicators[i], owner);
		size_t k = 0;

		while (v != NULL && k < n && strcmp(seen[k], v) != 0)
			k++;
		if (v == NULL || k < n)
			continue;
		seen[n++] = v;
		if (strcmp(v, name) == 0)
			found = (int)n;
	}
	free(seen);
	return found;
}

size_t
html_filter_index_at(const struct config *c, bool owner, size_t i)
{
	const char *v = field_of(&c->indicators[i], owner);

	for (size_t k = 0; v != NULL && k < i; k++) {
		const char *w = field_of(&c->indicators[k], owner);

		if (w != NULL && strcmp(v, w) == 0)
			return k;
	}
	return i;
}

/* The names (distinct, in order) of one field, after err's text. */
static void
list_names(const struct config *c, bool owner, char *err, size_t errlen)
{
	bool first = true;

	for (size_t i = 0; i < c->nindicators; i++) {
		const char *v = field_of(&c->indicators[i], owner);

		if (v == NULL || html_filter_index_at(c, owner, i) != i)
			continue;
		append(err, errlen, first ? "" : ", ");
		append(err, errlen, v);
		first = false;
	}
}

static int
set_name(const struct config *c, bool owner, const char *key, const char *value,
    const char **dst, char *err, size_t errlen)
{
	if (html_filter_index(c, owner, value) > 0) {
		*dst = value;
		return 0;
	}
	say(err, errlen,
	    "%s: no %s named \"%s\" in the plan; the %ss are: ", key,
	    owner ? "bureau" : "chapter", value, owner ? "bureau" : "chapter");
	list_names(c, owner, err, errlen);
	return -1;
}

static int
set_status(const char *value, const char **dst, char *err, size_t errlen)
{
	for (int s = 0; s < STATUS_COUNT; s++)
		if (strcmp(value, status_name((enum status)s)) == 0) {
			*dst = value;
			return 0;
		}
	say(err, errlen,
	    "status: no status named \"%s\"; the statuses are: ", value);
	for (int s = 0; s < STATUS_COUNT; s++) {
		append(err, errlen, s > 0 ? ", " : "");
		append(err, errlen, status_name((enum status)s));
	}
	return -1;
}

int
html_filter_set(struct html_filter *f, const struct config *c, const char *key,
    const char *value, char *err, size_t errlen)
{
	const char **dst = NULL;

	if (strcmp(key, "group") == 0)
		dst = &f->group;
	else if (strcmp(key, "owner") == 0)
		dst = &f->owner;
	else if (strcmp(key, "status") == 0)
		dst = &f->status;
	else if (strcmp(key, "lang") == 0)
		dst = &f->lang;
	if (dst != NULL && *dst != NULL) {
		say(err, errlen, "%s: given twice", key);
		return -1;
	}
	if (dst == &f->group || dst == &f->owner)
		return set_name(
		    c, dst == &f->owner, key, value, dst, err, errlen);
	if (dst == &f->status)
		return set_status(value, dst, err, errlen);
	if (dst == &f->lang)
		return html_lang_parse(value, dst, err, errlen);
	if (strcmp(key, "overdue") == 0) {
		if (strcmp(value, "1") == 0 && !f->overdue) {
			f->overdue = true;
			return 0;
		}
		say(err, errlen, "overdue: expected 1, given once");
		return -1;
	}
	say(err, errlen,
	    "%s: not a filter of the dashboard; the filters are %s", key, keys);
	return -1;
}

bool
html_filter_scoped(const struct html_filter *f)
{
	return f != NULL && (f->group != NULL || f->owner != NULL);
}

bool
html_filter_any(const struct html_filter *f)
{
	return html_filter_scoped(f) ||
	    (f != NULL && (f->status != NULL || f->overdue));
}

/* Writes s percent-encoded for a URL's query or path. */
static void
url_encode(FILE *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-_.~", *p) != NULL)
			fputc(*p, out);
		else
			fprintf(out, "%%%02X", *p);
	}
}

void
html_filter_href(FILE *out, const struct config *c,
    const struct html_site *site, bool owner, const char *name)
{
	if (site->files)
		fprintf(out, "%s%s/%d.html", site->down ? "../" : "",
		    owner ? "owner" : "group",
		    html_filter_index(c, owner, name));
	else {
		fprintf(out, "/?%s=", owner ? "owner" : "group");
		url_encode(out, name);
		html_lang_keep(out, site, false);
	}
}

void
html_filter_link(FILE *out, const struct report_input *in,
    const struct html_site *site, bool owner, const char *name)
{
	const char *locale = report_locale(in);

	if (name == NULL)
		return;
	fputs("<a href=\"", out);
	html_filter_href(out, in->conf, site, owner, name);
	fputs("\">", out);
	html_escape(out,
	    owner ? bureau_name(in->conf, name, locale)
		  : chapter_name(in->conf, name, locale));
	fputs("</a>", out);
}

/* The scope of f (its chapter and bureau) as a query, each "k=v&amp;". */
static void
scope_query(FILE *out, const struct html_filter *f)
{
	if (f != NULL && f->group != NULL) {
		fputs("group=", out);
		url_encode(out, f->group);
		fputs("&amp;", out);
	}
	if (f != NULL && f->owner != NULL) {
		fputs("owner=", out);
		url_encode(out, f->owner);
		fputs("&amp;", out);
	}
}

void
html_filter_status_href(
    FILE *out, const struct html_filter *f, const char *key, const char *value)
{
	fprintf(out, "/?");
	scope_query(out, f);
	fprintf(out, "%s=%s", key, value);
	if (f != NULL && f->lang != NULL)
		fprintf(out, "&amp;lang=%s", f->lang);
}

void
html_filter_query(FILE *out, const struct html_filter *f)
{
	scope_query(out, f);
	if (f != NULL && f->status != NULL)
		fprintf(out, "status=%s&amp;", f->status);
	if (f != NULL && f->overdue)
		fputs("overdue=1&amp;", out);
}

bool
html_filter_shows(const struct html_filter *f, const struct indicator_conf *ic,
    const struct judgement *j)
{
	/* Another plan's target is not on the dashboard of this one. */
	if (j != NULL && j->other_plan)
		return false;
	if (f == NULL)
		return true;
	if (f->group && (ic->group == NULL || strcmp(ic->group, f->group) != 0))
		return false;
	if (f->owner && (ic->owner == NULL || strcmp(ic->owner, f->owner) != 0))
		return false;
	if (j == NULL) /* an indicator without targets */
		return f->status == NULL && !f->overdue;
	if (f->status && strcmp(status_name(j->status), f->status) != 0)
		return false;
	return !f->overdue || j->stale;
}

void
html_filter_scope(FILE *out, const struct report_input *in,
    const struct html_filter *f, const struct html_site *site, bool zh)
{
	const struct config *c = in->conf;
	const char *locale = report_locale(in);

	if (!html_filter_any(f))
		return;
	fputs("<p class=\"scope\">", out);
	fputs(zh ? "筛选：" : "Showing: ", out);
	if (f->group != NULL) {
		fputs(zh ? "篇章 <strong>" : "chapter <strong>", out);
		html_escape(out, chapter_name(c, f->group, locale));
		fputs("</strong> ", out);
	}
	if (f->owner != NULL) {
		fputs(zh ? "责任部门 <strong>" : "bureau <strong>", out);
		html_escape(out, bureau_name(c, f->owner, locale));
		fputs("</strong> ", out);
	}
	for (int s = 0; f->status != NULL && s < STATUS_COUNT; s++)
		if (strcmp(f->status, status_name((enum status)s)) == 0) {
			fputs(zh ? "状态 <strong>" : "status <strong>", out);
			html_escape(out,
			    explain_label((enum status)s, false,
				c->judgement.vocabulary, locale));
			fputs("</strong> ", out);
		}
	if (f->overdue)
		fputs(zh ? "<strong>数据逾期</strong> "
			 : "<strong>overdue</strong> ",
		    out);
	fprintf(out, "· <a href=\"%s", site->files ? "../index.html" : "/");
	html_lang_keep(out, site, true);
	fprintf(out, "\">%s</a></p>\n",
	    zh ? "返回全部规划指标" : "back to the whole plan");
}

int
html_filter_refusal(FILE *out, const struct config *c, const char *why)
{
	bool zh = c->locale == NULL || strncmp(c->locale, "zh", 2) == 0;

	fprintf(out,
	    "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width,"
	    "initial-scale=1\"><title>400</title></head><body>\n<h1>%s</h1>"
	    "<p class=\"err\">",
	    zh ? "zh-CN" : "en",
	    zh ? "无法筛选" : "Cannot filter the dashboard");
	html_escape(out, why);
	fprintf(out, "</p><p><a href=\"/\">%s</a></p></body></html>\n",
	    zh ? "返回全部规划指标" : "back to the whole plan");
	return ferror(out) ? -1 : 0;
}
