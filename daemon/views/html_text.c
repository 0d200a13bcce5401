/*
 * html_text: escaping is the one defence of every page and mail against
 * a hostile feed's text, so it lives in one place.
 */
#include "html_text.h"

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
	fprintf(out, "<span class=\"b %s\">", status_name(s));
	html_escape(out, label);
	fputs("</span>", out);
}

const char *
html_status_colour(enum status s)
{
	switch (s) {
	case STATUS_NOT_MET:
	case STATUS_BREACH:
	case STATUS_REGRESSING:
	case STATUS_OFF_TRACK:
		return "#d62728";
	case STATUS_AT_RISK:
	case STATUS_NEARLY_MET:
		return "#ff8c00";
	case STATUS_ON_TRACK:
	case STATUS_AHEAD:
		return "#2ca02c";
	case STATUS_MET:
		return "#17becf";
	default:
		return "#7f7f7f";
	}
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
