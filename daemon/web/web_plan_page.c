/*
 * web_plan_page: the daemon's page of a plan's final evaluation, the one the
 * dashboard links once a plan is over (/report/final, or /report/final-p14
 * with several plans: html_plans_final_link).  A final evaluation is judged
 * as of now, so the view's own judgements make it; the other documents
 * are judged as of their own dates and are in the static export and
 * planwatch report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_plans.h"
#include "evaldoc.h"
#include "web_impl.h"

/* The plan of stem "final" or "final-<id>" in *p; false when none. */
static bool
stem_plan(const struct config *c, const char *stem, const struct plan_conf **p)
{
	size_t i;

	*p = NULL;
	if (strcmp(stem, "final") == 0) {
		/* With one plan its stem carries no id. */
		if (c->nplans > 1)
			return false;
		*p = c->nplans == 1 ? &c->plans[0] : NULL;
		return true;
	}
	if (strncmp(stem, "final-", 6) != 0 ||
	    !web_id_valid(stem + 6, strlen(stem + 6)) || c->nplans < 2 ||
	    (i = config_plan_find(c, stem + 6)) == CONFIG_PLAN_NONE)
		return false;
	*p = &c->plans[i];
	return true;
}

void
web_page_report(struct web *w, struct evhttp_request *req, const char *stem)
{
	const struct config *c = webview_config(&w->view);
	const struct plan_conf *plan;
	struct report_input in;
	struct obs_list *obs;
	const struct judgement **j;
	struct evaldoc doc;
	char *text = NULL;
	size_t len = 0;
	FILE *mem;
	int rc = -1;

	if (!stem_plan(c, stem, &plan)) {
		web_reply_error(req, 404, "no such document");
		return;
	}
	if (web_report_input(&w->view, &in, &obs, &j) != 0) {
		web_reply_error(req, 500, "out of memory");
		return;
	}
	in.plan = plan;
	if ((mem = open_memstream(&text, &len)) != NULL) {
		if (evaldoc_build(&in, EVALDOC_FINAL, 0, &doc) == 0) {
			rc = evaldoc_html(&doc, mem);
			evaldoc_free(&doc);
		}
		rc |= fclose(mem);
	}
	/* The page is text without a NUL: sent as a string. */
	if (rc != 0 || strlen(text) != len)
		web_reply_error(req, 500, "out of memory");
	else
		web_reply_text(req, 200, "text/html; charset=utf-8", text);
	free(text);
	free(obs);
	free(j);
}
