/*
 * marks: the mark of each value in words, cells and JSON (marks.h).  The
 * revision log (oldest first) holds both kinds of change of a period: a
 * new value, and a stated mark changed alone (obs_revision_mark_only);
 * only the first makes a value "revised".
 */
#include <string.h>
#include <time.h>

#include "explain.h"
#include "marks.h"

enum obs_mark
marks_shown(const struct indicator_conf *ic, const struct obs *o)
{
	if (o->mark != OBS_MARK_UNSTATED)
		return o->mark;
	switch (ic->figures) {
	case FIGURES_PUBLISHED:
		return OBS_MARK_PUBLISHED;
	case FIGURES_ILLUSTRATIVE:
		return OBS_MARK_ILLUSTRATIVE;
	default:
		return OBS_MARK_UNSTATED;
	}
}

bool
marks_revised(const struct obs_revisions *revs, const struct period *p)
{
	for (size_t k = 0; revs != NULL && k < revs->n; k++)
		if (!obs_revision_mark_only(&revs->v[k]) &&
		    period_equal(&revs->v[k].period, p))
			return true;
	return false;
}

const char *
marks_word(enum obs_mark m, bool zh)
{
	static const char *const zh_words[OBS_MARK_COUNT] = {
	    "", "公布", "示例", "估计", "初步", "录入"};
	static const char *const en_words[OBS_MARK_COUNT] = {"", "published",
	    "illustrative", "estimated", "provisional", "entered"};

	if ((unsigned)m >= OBS_MARK_COUNT)
		return "";
	return zh ? zh_words[m] : en_words[m];
}

/* Whether revs holds any change of period p. */
static bool
marks_changed(const struct obs_revisions *revs, const struct period *p)
{
	for (size_t k = 0; revs != NULL && k < revs->n; k++)
		if (period_equal(&revs->v[k].period, p))
			return true;
	return false;
}

/* A value and its mark: "1065（公布）", "1065 (published)". */
static void
value_marked(FILE *out, double v, enum obs_mark m, bool zh)
{
	char value[32];

	explain_value(v, value, sizeof(value));
	fputs(value, out);
	if (m != OBS_MARK_UNSTATED)
		fprintf(out, zh ? "（%s）" : " (%s)", marks_word(m, zh));
}

/* One change of the period: "1065（示例）→ 1048.97（公布），<time>". */
static void
history_item(
    FILE *out, const struct obs_revision *v, const struct tz *tz, bool zh)
{
	char when[64];

	tz_datetime(tz, v->fetched, when, sizeof(when));
	fputs("<li>", out);
	value_marked(out, v->old_value, v->old_mark, zh);
	fputs(" → ", out);
	value_marked(out, v->new_value, v->new_mark, zh);
	fprintf(out, zh ? "，%s</li>" : ", %s</li>", when);
}

/*
 * A person's text in HTML.  html_escape's five entities, written here:
 * html.c uses this module, so this one cannot use html's.
 */
static void
text_escaped(FILE *out, const char *s)
{
	static const char *const ent[] = {['&'] = "&amp;",
	    ['<'] = "&lt;",
	    ['>'] = "&gt;",
	    ['"'] = "&quot;",
	    ['\''] = "&#39;"};

	for (; s != NULL && *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < sizeof(ent) / sizeof(ent[0]) && ent[c] != NULL)
			fputs(ent[c], out);
		else
			fputc(*s, out);
	}
}

/*
 * Who entered the value: "录入：张三（2026-12-07，区统计局报表）",
 * "entered by 张三 (2026-12-07, source)", and the note below it.  The
 * texts are a person's: escaped.
 */
static void
entered_words(
    FILE *out, const struct obs_entered *e, const struct tz *tz, bool zh)
{
	char day[32];

	tz_date(tz, e->at, day, sizeof(day));
	fputs(zh ? "<span class=\"entered\">录入："
		 : "<span class=\"entered\">entered by ",
	    out);
	text_escaped(out, e->by);
	fprintf(out, zh ? "（%s，" : " (%s, ", day);
	text_escaped(out, e->source);
	fputs(zh ? "）</span>" : ")</span>", out);
	if (e->note != NULL) {
		fputs("<br><small class=\"note\">", out);
		text_escaped(out, e->note);
		fputs("</small>", out);
	}
}

void
marks_cell(FILE *out, const struct indicator_conf *ic, const struct obs *o,
    const struct obs_revisions *revs, const struct tz *tz, bool zh)
{
	const struct obs_entered *who = obs_entered_find(revs, &o->period);
	const char *word = marks_word(marks_shown(ic, o), zh);
	bool revised = marks_revised(revs, &o->period);
	const char *sep = *word != '\0' && revised ? " · " : "";
	const char *rev = revised ? (zh ? "修订" : "revised") : "";

	fputs("<td class=\"mark\">", out);
	if (!marks_changed(revs, &o->period)) {
		/* "录入：…" says the mark itself. */
		if (who != NULL)
			entered_words(out, who, tz, zh);
		else
			fputs(word, out);
		fputs("</td>", out);
		return;
	}
	fprintf(out, "<details><summary>%s%s%s</summary><ul>", word, sep,
	    *word == '\0' && !revised ? (zh ? "性质变更" : "re-marked") : rev);
	for (size_t k = 0; k < revs->n; k++)
		if (period_equal(&revs->v[k].period, &o->period))
			history_item(out, &revs->v[k], tz, zh);
	fputs("</ul></details>", out);
	if (who != NULL)
		entered_words(out, who, tz, zh);
	fputs("</td>", out);
}

/* One change of the period, for the API. */
static json_t *
revision_json(const struct obs_revision *v)
{
	char when[32];
	struct tm tm;

	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ",
	    gmtime_r(&v->fetched, &tm));
	return json_pack("{s:f, s:f, s:s, s:s, s:s, s:s}", "old_value",
	    v->old_value, "new_value", v->new_value, "old_mark",
	    obs_mark_name(v->old_mark), "new_mark", obs_mark_name(v->new_mark),
	    "fetched", when, "collector", v->collector);
}

/* Who entered a value, for the API: {by, at (UTC), source, note}. */
static json_t *
entered_json(const struct obs_entered *e)
{
	char when[32];
	struct tm tm;
	json_t *o;

	strftime(
	    when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&e->at, &tm));
	o = json_pack(
	    "{s:s, s:s, s:s}", "by", e->by, "at", when, "source", e->source);
	if (o != NULL && e->note != NULL)
		json_object_set_new(o, "note", json_string(e->note));
	return o;
}

int
marks_json(json_t *obj, const struct indicator_conf *ic, const struct obs *o,
    const struct obs_revisions *revs)
{
	json_t *list;

	const struct obs_entered *who = obs_entered_find(revs, &o->period);

	if (json_object_set_new(obj, "mark",
		json_string(obs_mark_name(marks_shown(ic, o)))) != 0)
		return -1;
	if (who != NULL &&
	    json_object_set_new(obj, "entered", entered_json(who)) != 0)
		return -1;
	if (!marks_changed(revs, &o->period))
		return 0;
	json_object_set_new(
	    obj, "revised", json_boolean(marks_revised(revs, &o->period)));
	if ((list = json_array()) == NULL)
		return -1;
	for (size_t k = 0; k < revs->n; k++)
		if (period_equal(&revs->v[k].period, &o->period))
			json_array_append_new(list, revision_json(&revs->v[k]));
	return json_object_set_new(obj, "revisions", list);
}
