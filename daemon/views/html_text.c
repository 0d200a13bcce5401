/*
 * html_text: escaping is the one defence of every page and mail against
 * a hostile feed's text, so it lives in one place.
 */
#include "explain.h"
#include "html_text.h"
#include "status_style.h"

void
html_escape(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&#39;", out);
			break;
		default:
			fputc(*s, out);
		}
	}
}

void
html_badge(FILE *out, enum status s, const char *label)
{
	/* The symbol first: the status reads without its colour. */
	fprintf(
	    out, "<span class=\"b %s\">%s ", status_name(s), status_symbol(s));
	html_escape(out, label);
	fputs("</span>", out);
}

void
html_mail_badge(FILE *out, enum status s, const char *label, bool small)
{
	const char *bg = status_fill(s);

	fprintf(out,
	    "<span style=\"background:%s;color:%s;padding:1px 6px;"
	    "border-radius:4px;white-space:nowrap%s\">%s ",
	    bg, status_text_on(bg), small ? ";font-size:12px" : "",
	    status_symbol(s));
	html_escape(out, label);
	fputs("</span>", out);
}

void
html_mail_head(FILE *out, bool zh)
{
	fprintf(out,
	    "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width,"
	    "initial-scale=1\"></head>\n<body style=\"margin:0;padding:12px;"
	    "font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',"
	    "sans-serif;color:#222;line-height:1.5;max-width:640px\">\n",
	    zh ? "zh-CN" : "en");
}

/* A target in a few words: "≥ 1500 (2025)", "yoy ≥ 6 %", "≤ 5". */
void
html_target_words(FILE *out, const struct target_conf *t, bool zh)
{
	char v[32], p[PERIOD_TEXT_MAX];
	const char *rel = t->direction == DIRECTION_DOWN ? "≤" : "≥";

	switch (t->kind) {
	case TARGET_REACH:
		explain_value(t->target_value, v, sizeof(v));
		period_format(&t->target_period, p, sizeof(p));
		fprintf(out, "%s %s (%s)", t->about > 0 ? "≈" : rel, v, p);
		break;
	case TARGET_GROWTH:
		explain_value(t->rate * 100, v, sizeof(v));
		fprintf(out, "%s %s %s %%",
		    t->basis == BASIS_CAGR ? (zh ? "年均增长" : "CAGR")
					   : (zh ? "增长" : "growth"),
		    rel, v);
		break;
	case TARGET_FLOOR:
	case TARGET_CEILING:
		explain_value(t->bound, v, sizeof(v));
		fprintf(out, "%s %s", t->kind == TARGET_FLOOR ? "≥" : "≤", v);
		break;
	case TARGET_DECLINE:
		fputs(zh ? "逐年下降" : "falls every period", out);
		break;
	case TARGET_RISE:
		fputs(zh ? "逐年上升" : "rises every period", out);
		break;
	}
}
