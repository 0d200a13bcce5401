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
#include <sys/stat.h>
#include <unistd.h>

#include "asof.h"
#include "chart.h"
#include "config.h"
#include "curlev.h"
#include "eval_cmd.h"
#include "evaluate.h"
#include "explain.h"
#include "export.h"
#include "silence_cmd.h"
#include "reload_cmd.h"
#include "status_cmd.h"
#include "storage_cmd.h"
#include "journal.h"
#include "journal_cmd.h"
#include "lifecycle.h"
#include "log.h"
#include "report.h"
#include "runner.h"
#include "store.h"
#include "stored.h"
#include "store.h"
#include "update.h"

#define DEFAULT_CONFIG "/etc/planwatch/planwatch.yaml"

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: planwatch [-c config] [-d] command\n"
	    "commands:\n"
	    "  run [--daemon] [--pidfile PATH]\n"
	    "                 run the daemon (in the foreground by default)\n"
	    "  once           one full cycle (fetch, store, judge, graph, "
	    "mail), then exit\n"
	    "  check-config   report every configuration error, exit 1 if "
	    "any\n"
	    "  eval [--json] [--at YYYY-MM-DD] [--known-at YYYY-MM-DD]\n"
	    "                 every target's status from stored data, with\n"
	    "                 counts per chapter and owner; --at: the periods\n"
	    "                 ended by that day, judged then; --known-at: the\n"
	    "                 values that had arrived by then (UTC days)\n"
	    "  graph          redraw every indicator's chart from stored "
	    "data\n"
	    "  export DIR     write the dashboard and charts as static "
	    "files\n"
	    "  silence add <indicator>[/<target>] --until YYYY-MM-DD "
	    "--reason TEXT --by NAME\n"
	    "  silence list | silence remove ID\n"
	    "  revisions ID   the revision log of an indicator\n"
	    "  import ID FILE.csv\n"
	    "                 load a history (columns period, value)\n"
	    "  export-data ID the stored series as CSV\n"
	    "  status         ask the running daemon: collectors, queues, "
	    "outbox\n"
	    "  reload [--pidfile PATH]\n"
	    "                 check the configuration, have the running "
	    "daemon\n"
	    "                 apply it (admin endpoint, or SIGHUP to the "
	    "pid)\n"
	    "  rebuild [ID...]\n"
	    "                 build archives anew from the journals (not "
	    "while the daemon runs)\n"
	    "  journal check ID\n"
	    "                 the good and the damaged records of a journal "
	    "(exit 1 if damaged)\n"
	    "  journal repair ID\n"
	    "                 keep the good records in a new journal, the "
	    "damaged one\n"
	    "                 kept aside (not while the daemon runs)\n"
	    "options:\n"
	    "  -c config      configuration file (default %s, or "
	    "$PLANWATCH_CONFIG)\n"
	    "  -d             debug logging\n"
	    "run options:\n"
	    "  --daemon       fork into the background (logs to syslog); "
	    "the\n"
	    "                 foreground is the default (systemd, "
	    "containers)\n"
	    "  --pidfile PATH write the daemon's process id there\n",
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
	/* Process-wide, before any thread: every command's archives go
	 * through rrdcached when one is configured.  A reload keeps it. */
	if (conf != NULL &&
	    store_set_daemon(conf->rrdcached, conf->data_dir) != 0) {
		config_free(conf);
		return NULL;
	}
	return conf;
}

static int
cmd_graph(const struct config *c)
{
	struct stored st = {0};
	int rc = stored_load(c, time(NULL), &st) == 0 ? 0 : 1;

	for (size_t i = 0; i < c->nindicators && st.obs != NULL; i++) {
		const struct indicator_conf *ic = &c->indicators[i];
		const struct obs_list *o = &st.obs[i];
		char rrd[4096], err[512];
		struct chart_input in = {
		    .conf = c, .ind = ic, .j = st.j[i], .rrd_path = rrd};

		if (o->n == 0)
			continue;
		store_path(c->data_dir, ic->id, rrd, sizeof(rrd));
		in.first = o->v[0];
		in.latest = o->v[o->n - 1];
		in.obs = o;
		in.have_data = true;
		if (chart_draw_all(&in, err, sizeof(err)) != 0) {
			log_error("indicator %s: %s", ic->id, err);
			rc = 1;
		}
	}
	stored_free(&st);
	return rc;
}

/* Commands with arguments of their own, after the configuration. */
typedef int (*subcommand_fn)(const struct config *, int, char **);

static subcommand_fn
subcommand(const char *cmd)
{
	static const struct {
		const char *name;
		subcommand_fn fn;
	} table[] = {
	    {"silence", silence_command},
	    {"revisions", revisions_command},
	    {"rebuild", rebuild_command},
	    {"import", import_command},
	    {"export-data", export_data_command},
	    {"journal", journal_command},
	    {"status", status_command},
	    {"reload", reload_command},
	};

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (strcmp(table[i].name, cmd) == 0)
			return table[i].fn;
	return NULL;
}

/* run's own options: --daemon, --pidfile PATH. */
static int
run_options(int argc, char **argv, bool *background, const char **pidfile)
{
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--daemon") == 0)
			*background = true;
		else if (strcmp(argv[i], "--pidfile") == 0 && i + 1 < argc)
			*pidfile = argv[++i];
		else
			return -1;
	}
	return 0;
}

static int
cmd_runner(struct config *conf, bool once, bool background, const char *pidfile)
{
	struct runner *r;
	char err[512];
	int rc;

	/* Before runner_new: no thread may exist across a fork. */
	if (background && lifecycle_daemonize(err, sizeof(err)) != 0) {
		log_error("%s", err);
		config_free(conf);
		return 1;
	}
	if (pidfile != NULL &&
	    lifecycle_pidfile(pidfile, err, sizeof(err)) != 0) {
		log_error("pidfile: %s", err);
		config_free(conf);
		return 1;
	}
	if ((r = runner_new(conf, once)) == NULL) {
		log_error("cannot start");
		lifecycle_end();
		return 1;
	}
	rc = runner_run(r);
	runner_free(r);
	lifecycle_end();
	return rc;
}

int
main(int argc, char **argv)
{
	const char *path = getenv("PLANWATCH_CONFIG");
	struct config *conf;
	const char *cmd;
	bool debug = false, json = false, background = false;
	const char *pidfile = NULL;
	struct asof as = {0};
	int ch, rc;

	/* UTF-8 text for librrd's labels, but "." decimals always: a decimal
	 * comma would break librrd's number parsing. */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "C");
	setlocale(LC_NUMERIC, "C");
	signal(SIGPIPE, SIG_IGN);
	if (path == NULL)
		path = DEFAULT_CONFIG;
	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return 0;
	}
	/* "+": options stop at the command, which may have its own. */
	while ((ch = getopt(argc, argv, "+c:dh")) != -1) {
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
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	cmd = argv[optind];
	if (strcmp(cmd, "eval") == 0) {
		if (eval_options(
			argc - optind - 1, argv + optind + 1, &json, &as) != 0)
			return 2;
	} else if (subcommand(cmd) != NULL) {
		/* their own arguments, checked by their commands */
	} else if (strcmp(cmd, "export") == 0) {
		if (optind != argc - 2) {
			usage(stderr);
			return 2;
		}
	} else if (strcmp(cmd, "run") == 0) {
		if (run_options(argc - optind - 1, argv + optind + 1,
			&background, &pidfile) != 0) {
			usage(stderr);
			return 2;
		}
	} else if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	if (strcmp(cmd, "check-config") != 0 && strcmp(cmd, "run") != 0 &&
	    strcmp(cmd, "once") != 0 && strcmp(cmd, "eval") != 0 &&
	    strcmp(cmd, "graph") != 0 && strcmp(cmd, "export") != 0 &&
	    subcommand(cmd) == NULL) {
		fprintf(stderr, "planwatch: unknown command '%s'\n", cmd);
		usage(stderr);
		return 2;
	}
	/* Journals, archives, state, charts and mail: nothing for others to
	 * read, whichever command writes them (rebuild and import, too, often
	 * as root).  export's static site is for a web server to read: it
	 * keeps the caller's umask. */
	if (strcmp(cmd, "export") != 0)
		umask(027);
	if ((conf = load(path)) == NULL)
		return 1;
	log_set_level(debug ? LOG_LEVEL_DEBUG : conf->log_level);
	log_set_format(conf->log_kv ? "kv" : "text");
	if (strcmp(cmd, "check-config") == 0) {
		printf("%s: ok (%zu collectors, %zu indicators, %zu routes)\n",
		    path, conf->ncollectors, conf->nindicators, conf->nroutes);
		config_free(conf);
		return 0;
	}
	if (subcommand(cmd) != NULL) {
		rc =
		    subcommand(cmd)(conf, argc - optind - 1, argv + optind + 1);
		config_free(conf);
		return rc;
	}
	if (strcmp(cmd, "export") == 0) {
		rc = export_site(conf, argv[optind + 1]);
		config_free(conf);
		return rc;
	}
	if (strcmp(cmd, "eval") == 0 || strcmp(cmd, "graph") == 0) {
		rc = strcmp(cmd, "eval") == 0 ? eval_command(conf, &as, json)
					      : cmd_graph(conf);
		config_free(conf);
		return rc;
	}
	if (curlev_global_init() != 0) {
		log_error("cannot initialise libcurl");
		config_free(conf);
		return 1;
	}
	rc = cmd_runner(conf, strcmp(cmd, "once") == 0, background, pidfile);
	curlev_global_cleanup();
	return rc;
}
