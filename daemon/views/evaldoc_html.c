/*
 * evaldoc_html: the plan office's document (evaldoc.h) as one HTML page
 * for the static export (report/<kind>.html): the same sections, tables
 * and words as the PDF and the workbook, badges with their symbols.
 */
#include <stdio.h>

#include "config_text.h"
#include "evaldoc.h"
#include "explain.h"
#include "html_text.h"
#include "status_style.h"

static void
page_head(const struct evaldoc *doc, const char *title, FILE *out)
{
	fprintf(out,
	    "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width,"
	    "initial-scale=1\"><title>",
	    doc->zh ? "zh-CN" : "en");
	html_escape(out, title);
	fputs("</title>\n<style>body{font-family:'Noto Sans CJK SC',"
	      "'PingFang SC','Microsoft YaHei',sans-serif;color:#222;"
	      "line-height:1.5;margin:1em auto;max-width:1200px;padding:0 1em}"
	      "table{border-collapse:collapse;margin:.5em 0 1.5em}"
	      "th,td{border:1px solid #bbb;padding:2px 6px;vertical-align:top}"
	      "th{background:#eee}td.n{text-align:right;"
	      "font-variant-numeric:tabular-nums}"
	      ".wrap{overflow-x:auto}.b{padding:0 4px;border-radius:3px;"
	      "white-space:nowrap}",
	    out);
	status_style_css(out, ".b.");
	fputs("</style></head>\n<body>\n", out);
}

static void
verdict_section(const struct evaldoc *doc, FILE *out)
{
	char rule[512];
	int total = 0;

	fputs("<h2 id=\"s0\">", out);
	html_escape(out, evaldoc_section_name(doc, EVALDOC_SEC_VERDICT));
	fputs("</h2>\n<p>", out);
	html_escape(out, evaldoc_word(doc, "overall"));
	fputs(doc->zh ? "：" : ": ", out);
	html_badge(out, doc->overall,
	    explain_label(doc->overall, doc->overall_final,
		doc->in->conf->judgement.vocabulary, doc->locale));
	explain_rollup_rule(doc->overall_final,
	    doc->in->conf->judgement.vocabulary, doc->locale, rule,
	    sizeof(rule));
	fputs("</p>\n<p>", out);
	html_escape(out, rule);
	fprintf(out, "</p>\n<table><tr><th>%s</th><th>%s</th></tr>\n",
	    evaldoc_word(doc, "category"), evaldoc_word(doc, "count"));
	for (size_t k = 0; k < doc->ncounts; k++) {
		fputs("<tr><td>", out);
		html_badge(out, doc->counts[k].status, doc->counts[k].label);
		fprintf(out, "</td><td class=\"n\">%d</td></tr>\n",
		    doc->counts[k].n);
		total += doc->counts[k].n;
	}
	fprintf(out, "<tr><th>%s</th><td class=\"n\">%d</td></tr></table>\n",
	    evaldoc_word(doc, "total"), total);
}

/* The verdict of a row as the dashboard's badge (symbol, colour, words). */
static void
row_badge(const struct evaldoc *doc, size_t r, FILE *out)
{
	const struct indicator_conf *ic =
	    &doc->in->conf->indicators[doc->rows[r].ind];
	const struct judgement *j =
	    &doc->in->j[doc->rows[r].ind][doc->rows[r].tgt];

	html_badge(out, j->status,
	    explain_status_of(&ic->targets[doc->rows[r].tgt], j, doc->locale));
}

static void
chapter_table(const struct evaldoc *doc, size_t ch, FILE *out)
{
	char cell[1024];
	const char *name = doc->chapters[ch];

	fputs("<h3>", out);
	html_escape(
	    out, name[0] != '\0' ? name : evaldoc_word(doc, "no_chapter"));
	fputs("</h3>\n<div class=\"wrap\"><table><tr>", out);
	for (size_t c = 0; c < doc->ncols; c++) {
		evaldoc_head(doc, c, cell, sizeof(cell));
		fputs("<th>", out);
		html_escape(out, cell);
		fputs("</th>", out);
	}
	fputs("</tr>\n", out);
	for (size_t r = 0; r < doc->nrows; r++) {
		if (doc->rows[r].chapter != ch)
			continue;
		fputs("<tr>", out);
		for (size_t c = 0; c < doc->ncols; c++) {
			double v;
			bool num = evaldoc_number(doc, r, c, &v);

			evaldoc_text(doc, r, c, cell, sizeof(cell));
			fputs(num ? "<td class=\"n\">" : "<td>", out);
			if (doc->cols[c].what == EVALDOC_COL_VERDICT)
				row_badge(doc, r, out);
			else
				html_escape(out, cell);
			fputs("</td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</table></div>\n", out);
}

static void
behind_section(const struct evaldoc *doc, FILE *out)
{
	char name[512], why[2048], notes[2048];

	fputs("<h2 id=\"s2\">", out);
	html_escape(out, evaldoc_section_name(doc, EVALDOC_SEC_BEHIND));
	fputs("</h2>\n", out);
	if (doc->nbehind == 0) {
		fprintf(out, "<p>%s</p>\n", evaldoc_word(doc, "none_behind"));
		return;
	}
	fputs("<ul>\n", out);
	for (size_t b = 0; b < doc->nbehind; b++) {
		size_t r = doc->behind[b];

		evaldoc_text(doc, r, 0, name, sizeof(name));
		evaldoc_explain(doc, r, why, sizeof(why));
		fputs("<li><b>", out);
		html_escape(out, name);
		fputs(doc->zh ? "</b>：" : "</b>: ", out);
		html_escape(out, why);
		evaldoc_row_notes(doc, r, notes, sizeof(notes));
		if (notes[0] != '\0') {
			fputs(doc->zh ? "<br><small>注记："
				      : "<br><small>Notes: ",
			    out);
			html_escape(out, notes);
			fputs("</small>", out);
		}
		fputs("</li>\n", out);
	}
	fputs("</ul>\n", out);
}

static void
notes_section(const struct evaldoc *doc, FILE *out)
{
	const struct config *c = doc->in->conf;
	time_t since = evaldoc_previous(doc);
	char note[2048];

	fputs("<h2 id=\"s3\">", out);
	html_escape(out, evaldoc_section_name(doc, EVALDOC_SEC_NOTES));
	fputs("</h2>\n<ul>\n", out);
	for (size_t i = 0; i < c->nindicators; i++) {
		if (!evaldoc_has_indicator(doc, i))
			continue;
		evaldoc_note(doc, i, since, note, sizeof(note));
		fputs("<li><b>", out);
		html_escape(
		    out, indicator_name(&c->indicators[i], doc->locale));
		fputs(doc->zh ? "</b>：" : "</b>: ", out);
		html_escape(out, note);
		fputs("</li>\n", out);
	}
	fputs("</ul>\n", out);
}

int
evaldoc_html(const struct evaldoc *doc, FILE *out)
{
	char title[256], day[16];

	evaldoc_title(doc, title, sizeof(title));
	asof_day_text(doc->at, day, sizeof(day));
	page_head(doc, title, out);
	fputs("<p>", out);
	html_escape(out, evaldoc_plan_name(doc));
	fputs("</p>\n<h1>", out);
	html_escape(out, title);
	fprintf(out, "</h1>\n<p>%s%s%s</p>\n<nav><ol>",
	    evaldoc_word(doc, "asof"), doc->zh ? "：" : ": ", day);
	for (int s = 0; s < EVALDOC_SECTIONS; s++) {
		fprintf(out, "<li><a href=\"#s%d\">", s);
		html_escape(out, evaldoc_section_name(doc, s));
		fputs("</a></li>", out);
	}
	fputs("</ol></nav>\n", out);
	verdict_section(doc, out);
	fputs("<h2 id=\"s1\">", out);
	html_escape(out, evaldoc_section_name(doc, EVALDOC_SEC_TABLE));
	fputs("</h2>\n", out);
	for (size_t ch = 0; ch < doc->nchapters; ch++)
		chapter_table(doc, ch, out);
	behind_section(doc, out);
	notes_section(doc, out);
	fputs("</body></html>\n", out);
	return ferror(out) ? -1 : 0;
}
