/*
 * eval_cmd: `planwatch eval` prints every target's status from the stored
 * data (stored.c reads and judges the journals, report.c writes the text
 * or the JSON), now or as of a date asked for (asof.h).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "config_plans.h"
#include "eval_cmd.h"
#include "report_plans.h"
#include "report.h"
#include "stored.h"

/*
 * eval's own options, after the command: --json, --at DATE, --known-at
 * DATE (asof.h: each the end of that UTC day; --known-at alone implies
 * --at of the same day).
 */
int
eval_options(
    int argc, char **argv, bool *json, struct asof *as, const char **plan)
{
	time_t at, known;
	bool have_at = false, have_known = false;

	*json = false;
	*plan = NULL;
	for (int i = 0; i < argc; i++) {
		const char *opt = argv[i],
			   *arg = i + 1 < argc ? argv[i + 1] : "";
		bool is_at = strcmp(opt, "--at") == 0;

		if (strcmp(opt, "--json") == 0) {
			*json = true;
		} else if (strcmp(opt, "--plan") == 0 && i + 1 < argc) {
			*plan = argv[++i];
		} else if (is_at || strcmp(opt, "--known-at") == 0) {
			if (i + 1 >= argc ||
			    asof_parse_day(arg, is_at ? &at : &known) != 0) {
				fprintf(stderr,
				    "planwatch: eval: %s: expected a date "
				    "YYYY-MM-DD, not '%s'\n",
				    opt, arg);
				return -1;
			}
			*(is_at ? &have_at : &have_known) = true;
			i++;
		} else {
			fprintf(stderr,
			    "planwatch: eval: bad option '%s' (use "
			    "--json, --at YYYY-MM-DD, --known-at "
			    "YYYY-MM-DD, --plan ID)\n",
			    opt);
			return -1;
		}
	}
	*as = asof_make(
	    time(NULL), have_at ? &at : NULL, have_known ? &known : NULL);
	return 0;
}

/* The plan of --plan id (NULL: none asked); -1 when id names none. */
static int
plan_asked(const struct config *c, const char *id, const struct plan_conf **p)
{
	size_t i = config_plan_find(c, id);

	*p = NULL;
	if (id == NULL)
		return 0;
	if (i == CONFIG_PLAN_NONE) {
		fprintf(stderr, "planwatch: %s: unknown plan '%s' (%s)\n",
		    "eval --plan", id,
		    c->nplans == 0 ? "the configuration has no plans: list"
				   : "see plans: in the configuration");
		return -1;
	}
	*p = &c->plans[i];
	return 0;
}

int
eval_command(
    const struct config *c, struct asof *as, bool json, const char *plan)
{
	struct stored st = {0};
	struct report_input in;
	const struct plan_conf *p;
	int rc;

	if (plan_asked(c, plan, &p) != 0)
		return 1;
	rc = stored_load_asof(c, as, false, &st) == 0 ? 0 : 1;
	if (p != NULL && st.j != NULL)
		report_plans_mark(c, p, st.j);

	in = (struct report_input){.conf = c,
	    .obs = st.obs,
	    .j = (const struct judgement *const *)st.j,
	    .at = as->at,
	    .asof = as,
	    .later = as->known ? st.later : NULL,
	    .plan = p};
	if (json) {
		json_t *doc = report_json(&in);

		if (doc == NULL ||
		    json_dumpf(doc, stdout,
			JSON_INDENT(2) | JSON_REAL_PRECISION(10)) != 0)
			rc = 1;
		putchar('\n');
		json_decref(doc);
	} else if (report_text(&in, stdout) != 0) {
		rc = 1;
	}
	stored_free(&st);
	return rc;
}
