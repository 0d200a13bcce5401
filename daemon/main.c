/*
 * main: the planwatch command.  Thin on purpose: it parses the command
 * line, loads the configuration and hands over to the runner (run, once)
 * or to a one-shot command (check-config, eval, graph).
 */
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "curlev.h"
#include "explain.h"
#include "journal.h"
#include "log.h"
#include "pipeline.h"
#include "runner.h"
#include "store.h"

#define DEFAULT_CONFIG "/etc/planwatch/planwatch.yaml"

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: planwatch [-c config] [-d] command\n"
	    "commands:\n"
	    "  run            run the daemon in the foreground\n"
	    "  once           one full cycle (fetch, store, judge, graph, "
	    "mail), then exit\n"
	    "  check-config   report every configuration error, exit 1 if "
	    "any\n"
	    "  eval           print every target's status from stored data\n"
	    "  graph          redraw every indicator's chart from stored "
	    "data\n"
	    "options:\n"
	    "  -c config      configuration file (default %s, or "
	    "$PLANWATCH_CONFIG)\n"
	    "  -d             debug logging\n",
	    DEFAULT_CONFIG);
}

static struct config *
load(const char *path)
{
	struct config_errors errors = {0};
	struct config *conf = config_load(path, &errors);

	for (size_t i = 0; i < errors.n; i++)
		fprintf(stderr, "%s\n", errors.v[i]);
	if (conf == NULL && errors.n > 0)
		fprintf(stderr,
		    "planwatch: %zu error(s) in the configuration\n", errors.n);
	config_errors_clear(&errors);
	return conf;
}

/* Loads an indicator's journal and judges it, for eval and graph. */
static int
load_judged(const struct config *c, const struct indicator_conf *ic,
    struct obs_list *obs, struct judgement *j)
{
	char path[4096], err[512];

	journal_path(c->data_dir, ic->id, path, sizeof(path));
	if (journal_load(path, ic->freq, obs, NULL, err, sizeof(err)) < 0) {
		log_error("indicator %s: %s", ic->id, err);
		return -1;
	}
	pipeline_judge(ic, obs, j);
	return 0;
}

static void
print_judgement(const struct config *c, const struct indicator_conf *ic,
    const struct target_conf *t, const struct judgement *j)
{
	char sentence[1024], lp[PERIOD_TEXT_MAX] = "-";

	if (j->have_latest)
		period_format(&j->latest_period, lp, sizeof(lp));
	printf("%-24s %-10s ratio %6.2f  latest %s %.10g  planned %.6g  "
	       "gap %+.2f %%  required %.2f %%/yr\n",
	    ic->id, status_name(j->status), j->ratio, lp, j->latest_value,
	    j->planned, j->gap_pct, j->required_growth * 100);
	explain_judgement(ic, t, j, c->locale, sentence, sizeof(sentence));
	printf("  %s/%s: %s\n", ic->id, t->id, sentence);
}

static int
cmd_eval(const struct config *c, bool draw)
{
	int rc = 0;

	for (size_t i = 0; i < c->nindicators; i++) {
		const struct indicator_conf *ic = &c->indicators[i];
		struct judgement j[ic->ntargets + 1];
		struct obs_list obs = {0};
		char rrd[4096], png[4096], err[512];

		if (load_judged(c, ic, &obs, j) != 0) {
			rc = 1;
			continue;
		}
		for (size_t t = 0; t < ic->ntargets && !draw; t++)
			print_judgement(c, ic, &ic->targets[t], &j[t]);
		if (ic->ntargets == 0 && !draw)
			printf("%-24s (no target) %zu observations\n", ic->id,
			    obs.n);
		store_path(c->data_dir, ic->id, rrd, sizeof(rrd));
		snprintf(png, sizeof(png), "%s/%s.png", c->graph_dir, ic->id);
		if (draw && obs.n > 0 &&
		    pipeline_render(
			c, ic, &obs, j, rrd, png, err, sizeof(err)) != 0) {
			log_error("indicator %s: %s", ic->id, err);
			rc = 1;
		}
		obs_list_clear(&obs);
	}
	return rc;
}

static int
cmd_runner(struct config *conf, bool once)
{
	struct runner *r = runner_new(conf, once);
	int rc;

	if (r == NULL) {
		log_error("cannot start");
		return 1;
	}
	rc = runner_run(r);
	runner_free(r);
	return rc;
}

int
main(int argc, char **argv)
{
	const char *path = getenv("PLANWATCH_CONFIG");
	struct config *conf;
	const char *cmd;
	bool debug = false;
	int ch, rc;

	/* UTF-8 text for librrd's labels, but "." decimals always: a decimal
	 * comma would break librrd's number parsing. */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "C");
	setlocale(LC_NUMERIC, "C");
	signal(SIGPIPE, SIG_IGN);
	if (path == NULL)
		path = DEFAULT_CONFIG;
	while ((ch = getopt(argc, argv, "c:dh")) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'd':
			debug = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	cmd = argv[optind];
	if (strcmp(cmd, "check-config") != 0 && strcmp(cmd, "run") != 0 &&
	    strcmp(cmd, "once") != 0 && strcmp(cmd, "eval") != 0 &&
	    strcmp(cmd, "graph") != 0) {
		fprintf(stderr, "planwatch: unknown command '%s'\n", cmd);
		usage(stderr);
		return 2;
	}
	if ((conf = load(path)) == NULL)
		return 1;
	log_set_level(debug ? LOG_LEVEL_DEBUG : conf->log_level);
	if (strcmp(cmd, "check-config") == 0) {
		printf("%s: ok (%zu collectors, %zu indicators, %zu routes)\n",
		    path, conf->ncollectors, conf->nindicators, conf->nroutes);
		config_free(conf);
		return 0;
	}
	if (strcmp(cmd, "eval") == 0 || strcmp(cmd, "graph") == 0) {
		rc = cmd_eval(conf, strcmp(cmd, "graph") == 0);
		config_free(conf);
		return rc;
	}
	if (curlev_global_init() != 0) {
		log_error("cannot initialise libcurl");
		config_free(conf);
		return 1;
	}
	rc = cmd_runner(conf, strcmp(cmd, "once") == 0);
	curlev_global_cleanup();
	return rc;
}
