/*
 * reload_diff: the fingerprint is text, every field written out with its
 * name, so that two configurations compare with strcmp and a field added
 * later is either listed here or (when forgotten) merely makes a reload
 * keep a collector it could have restarted; the indicators' part keeps
 * the configuration's order, which is the files' order.
 */
#include <stdio.h>
#include <stdlib.h>

#include "reload_diff.h"

static const char *
s(const char *v)
{
	return v != NULL ? v : "";
}

static void
selector(FILE *f, const struct feed_selector *sel)
{
	fprintf(f, "obs=%s period=%s value=%s year=%s delim=%d thousands=%d\n",
	    s(sel->observations), s(sel->period), s(sel->value), s(sel->year),
	    sel->delimiter, sel->thousands);
	for (size_t i = 0; i < sel->nseries; i++)
		fprintf(f, "dim %s=%s\n", s(sel->series[i].key),
		    s(sel->series[i].value));
}

char *
reload_fingerprint(const struct config *c, size_t ci)
{
	const struct collector_conf *cc = &c->collectors[ci];
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (f == NULL)
		return NULL;
	fprintf(f,
	    "url=%s format=%s interval=%.17g jitter=%.17g timeout=%.17g "
	    "max_bytes=%zu allow_file=%d connect=%.17g low_time=%.17g "
	    "low_limit=%ld redirects=%ld ca=%s auth_file=%s auth_env=%s "
	    "fail_after=%u retry=%.17g,%.17g\n",
	    s(cc->url), s(cc->format), cc->interval, cc->jitter, cc->timeout,
	    cc->max_bytes, cc->allow_file, cc->connect_timeout,
	    cc->low_speed_time, cc->low_speed_limit, cc->redirects,
	    s(cc->ca_file), s(cc->auth_file), s(cc->auth_env), cc->fail_after,
	    cc->retry_initial, cc->retry_max);
	for (size_t i = 0; i < c->nindicators; i++) {
		const struct indicator_conf *ic = &c->indicators[i];

		if (ic->collector == NULL || ic->collector_index != ci)
			continue;
		fprintf(f, "indicator %s freq=%d\n", ic->id, (int)ic->freq);
		selector(f, &ic->selector);
	}
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}
