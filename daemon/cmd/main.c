/*
 * main: the planwatch command.  Thin on purpose: one table holds every
 * command (its name, its usage lines, whether it wants the configuration
 * and umask 027, its own options and its function); main parses -c and
 * -d, finds the command, prepares what its entry asks for and calls it.
 * The runner (run, once) and the one-shot commands live elsewhere.
 */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "asof.h"
#include "chart_stamp.h"
#include "config.h"
#include "curlev.h"
#include "entered_cmd.h"
#include "eval_cmd.h"
#include "export.h"
#include "journal_cmd.h"
#include "lifecycle.h"
#include "log.h"
#include "note_cmd.h"
#include "reload_cmd.h"
#include "report_cmd.h"
#include "runner.h"
#include "silence_cmd.h"
#include "status_cmd.h"
#include "storage_cmd.h"
#include "store.h"
#include "stored.h"

#define DEFAULT_CONFIG "/etc/planwatch/planwatch.yaml"

/*
 * What main hands a command: the arguments after its name, the
 * configuration (loaded when the command's entry asks for it) and what
 * the command's own options said.  A command that keeps the
 * configuration sets conf to NULL; main frees what is left.
 */
struct cmd_args {
	int argc;
	char **argv;
	const char *path;
	struct config *conf;
	bool json; /* eval --json */
	struct asof as; /* eval --at, --known-at */
	const char *plan; /* eval --plan */
	bool background; /* run --daemon */
	const char *pidfile;
};

/* Commands in their own modules: arguments after the configuration. */
typedef int (*subcommand_fn)(const struct config *, int, char **);

static void usage(FILE *);

/* Commands without options of their own. */
static int
no_options(struct cmd_args *a)
{
	if (a->argc != 0) {
		usage(stderr);
		return -1;
	}
	return 0;
}

/* eval's own options (eval_cmd.h), before the configuration. */
static int
eval_opts(struct cmd_args *a)
{
	return eval_options(a->argc, a->argv, &a->json, &a->as, &a->plan);
}

static int
cmd_eval(struct cmd_args *a)
{
	return eval_command(a->conf, &a->as, a->json, a->plan);
}

/* run's own options: --daemon, --pidfile PATH. */
static int
run_options(struct cmd_args *a)
{
	for (int i = 0; i < a->argc; i++) {
		if (strcmp(a->argv[i], "--daemon") == 0) {
			a->background = true;
		} else if (strcmp(a->argv[i], "--pidfile") == 0 &&
		    i + 1 < a->argc) {
			a->pidfile = a->argv[++i];
		} else {
			usage(stderr);
			return -1;
		}
	}
	return 0;
}

/* export's one argument: the directory. */
static int
export_options(struct cmd_args *a)
{
	if (a->argc != 1) {
		usage(stderr);
		return -1;
	}
	return 0;
}

static int
cmd_check_config(struct cmd_args *a)
{
	const struct config *c = a->conf;

	config_warn_routes(c);
	printf("%s: ok (%zu collectors, %zu indicators, %zu routes)\n", a->path,
	    c->ncollectors, c->nindicators, c->nroutes);
	return 0;
}

static int
cmd_graph(struct cmd_args *a)
{
	const struct config *c = a->conf;
	struct stored st = {0};
	int rc = stored_load(c, time(NULL), &st) == 0 ? 0 : 1;

	/* Asked for: every chart drawn, whatever its stamp says. */
	for (size_t i = 0; i < c->nindicators && st.obs != NULL; i++) {
		char err[512];
		bool drawn;
		uint64_t digest;

		if (chart_draw_stored(c, &st, i, CHART_FORCE, &drawn, &digest,
			err, sizeof(err)) != 0) {
			log_error("indicator %s: %s", c->indicators[i].id, err);
			rc = 1;
		}
	}
	stored_free(&st);
	return rc;
}

static int
cmd_export(struct cmd_args *a)
{
	return export_site(a->conf, a->argv[0]);
}

/* run and once: the runner takes the configuration. */
static int
runner_command(struct cmd_args *a, bool once)
{
	struct config *conf = a->conf;
	struct runner *r;
	char err[512];
	int rc = 1;

	a->conf = NULL;
	if (curlev_global_init() != 0) {
		log_error("cannot initialise libcurl");
		config_free(conf);
		return 1;
	}
	/* Before runner_new: no thread may exist across a fork. */
	if (a->background && lifecycle_daemonize(err, sizeof(err)) != 0) {
		log_error("%s", err);
		config_free(conf);
	} else if (a->pidfile != NULL &&
	    lifecycle_pidfile(a->pidfile, err, sizeof(err)) != 0) {
		log_error("pidfile: %s", err);
		config_free(conf);
	} else if ((r = runner_new(conf, once)) == NULL) {
		log_error("cannot start");
		lifecycle_end();
	} else {
		rc = runner_run(r);
		runner_free(r);
		lifecycle_end();
	}
	curlev_global_cleanup();
	return rc;
}

static int
cmd_run(struct cmd_args *a)
{
	return runner_command(a, false);
}

static int
cmd_once(struct cmd_args *a)
{
	return runner_command(a, true);
}

enum {
	CMD_CONF = 1 << 0, /* load the configuration first */
	/*
	 * umask 027: journals, archives, state, charts and mail are nothing
	 * for others to read, whichever command writes them (rebuild and
	 * import, too, often as root).  export's static site is for a web
	 * server to read: it keeps the caller's umask.
	 */
	CMD_UMASK = 1 << 1,
};

/*
 * Every command, once: its name, its lines in the usage text, what main
 * prepares for it, its own options (NULL: its function checks its
 * arguments) and its function (fn here, or sub in its own module).
 */
static const struct command {
	const char *name;
	int flags;
	int (*options)(struct cmd_args *);
	int (*fn)(struct cmd_args *);
	subcommand_fn sub;
	const char *usage;
} commands[] = {
    {"run", CMD_CONF | CMD_UMASK, run_options, cmd_run, NULL,
	"run [--daemon] [--pidfile PATH]\n"
	"                 run the daemon (in the foreground by default)\n"},
    {"once", CMD_CONF | CMD_UMASK, no_options, cmd_once, NULL,
	"once           one full cycle (fetch, store, judge, graph, mail), "
	"then exit\n"},
    {"check-config", CMD_CONF | CMD_UMASK, no_options, cmd_check_config, NULL,
	"check-config   report every configuration error, exit 1 if any\n"},
    {"eval", CMD_CONF | CMD_UMASK, eval_opts, cmd_eval, NULL,
	"eval [--json] [--at YYYY-MM-DD] [--known-at YYYY-MM-DD] [--plan ID]\n"
	"                 every target's status from stored data, with\n"
	"                 counts per chapter and owner; --at: the periods\n"
	"                 ended by that day, judged then; --known-at: the\n"
	"                 values that had arrived by then (UTC days);\n"
	"                 --plan: that plan's targets (plans:)\n"},
    {"report", CMD_CONF, NULL, NULL, report_command,
	"report annual --year YYYY | midterm | final [--plan ID] [--out DIR]\n"
	"                 the plan office's document as of its date (annual:\n"
	"                 the year's figures published; midterm: the plan's\n"
	"                 middle; final: now) as PDF, XLSX and HTML in DIR\n"
	"                 (default: here); --plan: of that plan (plans:;\n"
	"                 default: the plan in force)\n"},
    {"graph", CMD_CONF | CMD_UMASK, no_options, cmd_graph, NULL,
	"graph          redraw every indicator's chart from stored data\n"},
    {"export", CMD_CONF, export_options, cmd_export, NULL,
	"export DIR     write the dashboard and charts as static files\n"},
    {"silence", CMD_CONF | CMD_UMASK, NULL, NULL, silence_command,
	"silence add <indicator>[/<target>] --until YYYY-MM-DD --reason "
	"TEXT --by NAME\n"
	"  silence list | silence remove ID\n"},
    {"revisions", CMD_CONF | CMD_UMASK, NULL, NULL, revisions_command,
	"revisions ID   the revision log of an indicator\n"},
    {"import", CMD_CONF | CMD_UMASK, NULL, NULL, import_command,
	"import ID FILE.csv\n"
	"                 load a history (columns period, value)\n"},
    {"set", CMD_CONF | CMD_UMASK, NULL, NULL, set_command,
	"set ID PERIOD VALUE --source TEXT --by NAME [--note TEXT]\n"
	"                 enter a value by hand, journaled with who entered "
	"it\n"
	"                 (through the running daemon's admin API when it "
	"runs)\n"},
    {"note", CMD_CONF | CMD_UMASK, NULL, NULL, note_command,
	"note add ID PERIOD[..PERIOD] TEXT --by NAME\n"
	"                 a note on a period or a span of periods of the\n"
	"                 record (through the running daemon when it runs)\n"
	"  note list ID [--all]\n"
	"                 the live notes (--all: removed ones too, who, when)\n"
	"  note remove ID NID --by NAME\n"},
    {"export-data", CMD_CONF | CMD_UMASK, NULL, NULL, export_data_command,
	"export-data ID the stored series as CSV\n"},
    {"status", CMD_CONF | CMD_UMASK, NULL, NULL, status_command,
	"status         ask the running daemon: collectors, queues, outbox\n"},
    {"reload", CMD_CONF | CMD_UMASK, NULL, NULL, reload_command,
	"reload [--pidfile PATH]\n"
	"                 check the configuration, have the running daemon\n"
	"                 apply it (admin endpoint, or SIGHUP to the pid)\n"},
    {"storage", CMD_CONF, NULL, NULL, storage_command,
	"storage where ID...\n"
	"                 the rrdcached shard (and its address) and the name\n"
	"                 there of each indicator's archive\n"},
    {"rebuild", CMD_CONF | CMD_UMASK, NULL, NULL, rebuild_command,
	"rebuild [ID...]\n"
	"                 build archives anew from the journals (not while "
	"the daemon runs)\n"},
    {"journal", CMD_CONF | CMD_UMASK, NULL, NULL, journal_command,
	"journal check ID\n"
	"                 the good and the damaged records of a journal "
	"(exit 1 if damaged)\n"
	"  journal repair ID\n"
	"                 keep the good records in a new journal, the "
	"damaged one\n"
	"                 kept aside (not while the daemon runs)\n"},
};

/* The usage text: the commands from the table, then the options. */
static void
usage(FILE *f)
{
	fprintf(f, "usage: planwatch [-c config] [-d] command\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %s", commands[i].usage);
	fprintf(f,
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

static const struct command *
command_find(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
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
	    (conf->nshards > 0
		    ? store_set_shards(
			  conf->shards, conf->nshards, conf->data_dir)
		    : store_set_daemon(conf->rrdcached, conf->data_dir)) != 0) {
		config_free(conf);
		return NULL;
	}
	return conf;
}

/*
 * The options before the command (-c, -d, -h, --help): -1 when a
 * command follows at argv[optind], else the exit status.
 */
static int
main_options(int argc, char **argv, const char **path, bool *debug)
{
	int ch;

	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return 0;
	}
	/* "+": options stop at the command, which may have its own. */
	while ((ch = getopt(argc, argv, "+c:dh")) != -1) {
		switch (ch) {
		case 'c':
			*path = optarg;
			break;
		case 'd':
			*debug = true;
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
	return -1;
}

int
main(int argc, char **argv)
{
	struct cmd_args a = {.path = getenv("PLANWATCH_CONFIG")};
	const struct command *cmd;
	bool debug = false;
	int rc;

	/* UTF-8 text for librrd's labels, but "." decimals always: a decimal
	 * comma would break librrd's number parsing. */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "C");
	setlocale(LC_NUMERIC, "C");
	signal(SIGPIPE, SIG_IGN);
	if (a.path == NULL)
		a.path = DEFAULT_CONFIG;
	if ((rc = main_options(argc, argv, &a.path, &debug)) >= 0)
		return rc;
	if ((cmd = command_find(argv[optind])) == NULL) {
		fprintf(
		    stderr, "planwatch: unknown command '%s'\n", argv[optind]);
		usage(stderr);
		return 2;
	}
	a.argc = argc - optind - 1;
	a.argv = argv + optind + 1;
	if (cmd->options != NULL && cmd->options(&a) != 0)
		return 2;
	if (cmd->flags & CMD_UMASK)
		umask(027);
	if (cmd->flags & CMD_CONF) {
		if ((a.conf = load(a.path)) == NULL)
			return 1;
		log_set_level(debug ? LOG_LEVEL_DEBUG : a.conf->log_level);
		log_set_format(a.conf->log_kv ? "kv" : "text");
	}
	rc = cmd->fn != NULL ? cmd->fn(&a) : cmd->sub(a.conf, a.argc, a.argv);
	config_free(a.conf);
	return rc;
}
