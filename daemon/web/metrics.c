/*
 * metrics: one function per group of families, each reading the daemon
 * through the view (webview.h).  Label values are escaped
 * as the format says (backslash, double quote, newline); ids are already
 * [a-z0-9_], but they are escaped all the same.
 */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>

#include "metrics.h"
#include "webconn.h"
#include "webview.h"

/* A label of a series: key and value; a NULL key ends the list. */
struct label {
	const char *key, *value;
};

static void
family(struct evbuffer *b, const char *name, const char *type, const char *help)
{
	evbuffer_add_printf(
	    b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* Archives behind their journals, and damaged ones moved aside. */
static void
archives(struct evbuffer *b, const struct webview *v)
{
	size_t n = webview_config(v)->nindicators, behind = 0, aside = 0;

	for (size_t i = 0; i < n; i++) {
		behind += webview_indicator(v, i)->rrd_behind;
		aside += webview_indicator(v, i)->rrd_aside != NULL;
	}
	family(b, "planwatch_archives_behind", "gauge",
	    "RRD archives that lack what their journal holds (a write "
	    "failed); tried again every minute.");
	evbuffer_add_printf(b, "planwatch_archives_behind %zu\n", behind);
	family(b, "planwatch_archives_moved_aside", "gauge",
	    "Damaged RRD archives moved aside and rebuilt since the start.");
	evbuffer_add_printf(b, "planwatch_archives_moved_aside %zu\n", aside);
}

/* Reloads since the start, by outcome. */
static void
reloads(struct evbuffer *b, const struct webview_counters *n)
{
	family(b, "planwatch_reloads_total", "counter",
	    "Configuration reloads since the start: applied, or refused "
	    "because the new configuration has errors.");
	evbuffer_add_printf(b,
	    "planwatch_reloads_total{result=\"applied\"} %lu\n"
	    "planwatch_reloads_total{result=\"refused\"} %lu\n",
	    n->reloads_applied, n->reloads_refused);
}

/* Writes s escaped for a label value. */
static void
escaped(struct evbuffer *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			evbuffer_add_printf(b, "\\%c", *s);
		else if (*s == '\n')
			evbuffer_add(b, "\\n", 2);
		else
			evbuffer_add(b, s, 1);
	}
}

/* name{k="v",...} and a space: the value follows. */
static void
series(struct evbuffer *b, const char *name, const struct label *l)
{
	evbuffer_add_printf(b, "%s{", name);
	for (size_t i = 0; l[i].key != NULL; i++) {
		evbuffer_add_printf(b, "%s%s=\"", i ? "," : "", l[i].key);
		escaped(b, l[i].value);
		evbuffer_add(b, "\"", 1);
	}
	evbuffer_add(b, "} ", 2);
}

/* Journals that do not load: their indicators take no new value. */
static void
journals(struct evbuffer *b, const struct webview *v)
{
	const struct config *c = webview_config(v);
	size_t damaged = 0;

	for (size_t i = 0; i < c->nindicators; i++)
		damaged += webview_indicator(v, i)->journal_err != NULL;
	family(b, "planwatch_journals_damaged", "gauge",
	    "Journals with a damaged record: their indicators are in error "
	    "and take no new value until planwatch journal repair.");
	evbuffer_add_printf(b, "planwatch_journals_damaged %zu\n", damaged);
	family(b, "planwatch_indicator_journal_damaged", "gauge",
	    "1 for an indicator whose journal is damaged; only those are "
	    "listed.");
	for (size_t i = 0; i < c->nindicators; i++) {
		if (webview_indicator(v, i)->journal_err == NULL)
			continue;
		series(b, "planwatch_indicator_journal_damaged",
		    (struct label[]){{"indicator", c->indicators[i].id}, {0}});
		evbuffer_add(b, "1\n", 2);
	}
}

static void
metrics_indicators(const struct webview *v, struct evbuffer *b)
{
	const struct config *c = webview_config(v);

	family(b, "planwatch_indicator_value", "gauge",
	    "Latest stored value of the indicator.");
	for (size_t i = 0; i < c->nindicators; i++) {
		const struct obs_list *o = &webview_indicator(v, i)->obs;

		if (o->n == 0)
			continue;
		series(b, "planwatch_indicator_value",
		    (struct label[]){{"indicator", c->indicators[i].id}, {0}});
		evbuffer_add_printf(b, "%.17g\n", o->v[o->n - 1].value);
	}
	family(b, "planwatch_indicator_feed_error", "gauge",
	    "1 when the last fetch or parse for the indicator failed.");
	for (size_t i = 0; i < c->nindicators; i++) {
		series(b, "planwatch_indicator_feed_error",
		    (struct label[]){{"indicator", c->indicators[i].id}, {0}});
		evbuffer_add_printf(
		    b, "%d\n", webview_indicator(v, i)->feed_error ? 1 : 0);
	}
}

/*
 * Data overdue, beside the status (never a status): how many targets, and
 * for each of them the period and when it was due, so that an alerting
 * rule can age it: time() - planwatch_target_overdue_since_timestamp_seconds.
 */
static void
metrics_overdue(const struct webview *v, struct evbuffer *b)
{
	const struct config *c = webview_config(v);
	char period[PERIOD_TEXT_MAX];
	size_t n = 0;

	for (size_t i = 0; i < c->nindicators; i++)
		for (size_t t = 0; t < c->indicators[i].ntargets; t++)
			n += webview_indicator(v, i)->j[t].stale;
	family(b, "planwatch_targets_overdue", "gauge",
	    "Targets whose data is overdue (counted apart from statuses).");
	evbuffer_add_printf(b, "planwatch_targets_overdue %zu\n", n);
	family(b, "planwatch_target_overdue_since_timestamp_seconds", "gauge",
	    "When the overdue period of a target was due; listed only for "
	    "targets whose data is overdue.");
	for (size_t i = 0; i < c->nindicators; i++) {
		const struct indicator_conf *ic = &c->indicators[i];

		for (size_t t = 0; t < ic->ntargets; t++) {
			const struct judgement *j =
			    &webview_indicator(v, i)->j[t];

			if (!j->stale)
				continue;
			period_format(&j->overdue, period, sizeof(period));
			series(b,
			    "planwatch_target_overdue_since_timestamp_seconds",
			    (struct label[]){{"indicator", ic->id},
				{"target", ic->targets[t].id},
				{"period", period}, {0}});
			evbuffer_add_printf(
			    b, "%lld\n", (long long)j->overdue_since);
		}
	}
}

static void
metrics_targets(const struct webview *v, struct evbuffer *b)
{
	const struct config *c = webview_config(v);

	family(b, "planwatch_target_status", "gauge",
	    "1 for the current status of each target.");
	for (size_t i = 0; i < c->nindicators; i++) {
		const struct indicator_conf *ic = &c->indicators[i];

		for (size_t t = 0; t < ic->ntargets; t++) {
			enum status s = webview_indicator(v, i)->feed_error
			    ? STATUS_FEED_ERROR
			    : webview_indicator(v, i)->j[t].status;

			series(b, "planwatch_target_status",
			    (struct label[]){{"indicator", ic->id},
				{"target", ic->targets[t].id},
				{"status", status_name(s)}, {0}});
			evbuffer_add(b, "1\n", 2);
		}
	}
	metrics_overdue(v, b);
	family(b, "planwatch_target_ratio", "gauge",
	    "Progress toward the target; 1 is on the planned path.");
	for (size_t i = 0; i < c->nindicators; i++) {
		const struct indicator_conf *ic = &c->indicators[i];

		for (size_t t = 0; t < ic->ntargets; t++) {
			const struct judgement *j =
			    &webview_indicator(v, i)->j[t];

			if (!isfinite(j->ratio))
				continue;
			series(b, "planwatch_target_ratio",
			    (struct label[]){{"indicator", ic->id},
				{"target", ic->targets[t].id}, {0}});
			evbuffer_add_printf(b, "%.10g\n", j->ratio);
		}
	}
}

static void
metrics_fetches(const struct webview *v, struct evbuffer *b)
{
	const struct config *c = webview_config(v);

	family(b, "planwatch_fetches_total", "counter",
	    "Transfers ended, by outcome.");
	for (size_t i = 0; i < c->ncollectors; i++)
		for (int o = 0; o < FETCH_OUTCOMES; o++) {
			if (o == FETCH_ABORTED)
				continue;
			series(b, "planwatch_fetches_total",
			    (struct label[]){{"collector", c->collectors[i].id},
				{"outcome", fetch_outcome_name(o)}, {0}});
			evbuffer_add_printf(b, "%llu\n",
			    webview_collector(v, i)->rt.fetches[o]);
		}
	family(b, "planwatch_fetch_duration_seconds", "summary",
	    "Time of the transfers (libcurl's total time).");
	for (size_t i = 0; i < c->ncollectors; i++) {
		const struct collector_state *cs = webview_collector(v, i);
		unsigned long long n = 0;

		for (int o = 0; o < FETCH_OUTCOMES; o++)
			n += o == FETCH_ABORTED ? 0 : cs->rt.fetches[o];
		series(b, "planwatch_fetch_duration_seconds_sum",
		    (struct label[]){{"collector", cs->conf->id}, {0}});
		evbuffer_add_printf(b, "%.6f\n", cs->rt.fetch_seconds);
		series(b, "planwatch_fetch_duration_seconds_count",
		    (struct label[]){{"collector", cs->conf->id}, {0}});
		evbuffer_add_printf(b, "%llu\n", n);
	}
	family(b, "planwatch_collector_failures", "gauge",
	    "Failed transfers in a row.");
	for (size_t i = 0; i < c->ncollectors; i++) {
		series(b, "planwatch_collector_failures",
		    (struct label[]){{"collector", c->collectors[i].id}, {0}});
		evbuffer_add_printf(
		    b, "%u\n", webview_collector(v, i)->rt.failures);
	}
	family(b, "planwatch_collector_last_success_timestamp_seconds", "gauge",
	    "Unix time of the last good answer, 0 for none.");
	for (size_t i = 0; i < c->ncollectors; i++) {
		series(b, "planwatch_collector_last_success_timestamp_seconds",
		    (struct label[]){{"collector", c->collectors[i].id}, {0}});
		evbuffer_add_printf(b, "%lld\n",
		    (long long)webview_collector(v, i)->rt.last_success);
	}
}

/* The loop's lateness, the worker's queue, the outbox. */
static void
metrics_runtime(const struct webview *v, const struct webview_counters *n,
    struct evbuffer *b)
{
	family(b, "planwatch_loop_stall_max_seconds", "gauge",
	    "Longest time the event loop was late for its 50 ms tick.");
	evbuffer_add_printf(
	    b, "planwatch_loop_stall_max_seconds %.6f\n", n->loop_max_late);
	family(b, "planwatch_loop_stalls_total", "counter",
	    "Ticks of the event loop more than 20 ms late.");
	evbuffer_add_printf(
	    b, "planwatch_loop_stalls_total %llu\n", n->loop_stalls);
	family(b, "planwatch_renders_total", "counter",
	    "Charts drawn (every view of an indicator counts once).");
	evbuffer_add_printf(b, "planwatch_renders_total %llu\n", n->renders);
	archives(b, v);
	journals(b, v);
	reloads(b, n);
	family(b, "planwatch_render_failures_total", "counter",
	    "Drawings that failed.");
	evbuffer_add_printf(
	    b, "planwatch_render_failures_total %llu\n", n->render_failures);
	family(b, "planwatch_render_seconds_total", "counter",
	    "Time spent drawing, on the renderer thread.");
	evbuffer_add_printf(
	    b, "planwatch_render_seconds_total %.6f\n", n->render_seconds);
	family(b, "planwatch_render_queue", "gauge",
	    "Indicators whose charts are queued or being drawn.");
	evbuffer_add_printf(b, "planwatch_render_queue %zu\n", n->rendering);
	family(b, "planwatch_worker_jobs", "gauge",
	    "Jobs queued or running on the worker thread.");
	evbuffer_add_printf(b, "planwatch_worker_jobs %zu\n", n->worker_jobs);
	family(b, "planwatch_outbox_deliveries", "gauge",
	    "Messages being delivered now.");
	evbuffer_add_printf(
	    b, "planwatch_outbox_deliveries %zu\n", n->outbox_deliveries);
}

static long
open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	long n = 0;

	if (d == NULL)
		return 0;
	while (readdir(d) != NULL)
		n++;
	closedir(d);
	return n > 2 ? n - 3 : 0; /* ".", ".." and the DIR's own */
}

static void
metrics_process(const struct webview_counters *n, struct evbuffer *b)
{
	struct rusage ru;
	long pages = 0, rss = 0;
	FILE *f;

	if ((f = fopen("/proc/self/statm", "r")) != NULL) {
		if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
			rss = 0;
		fclose(f);
	}
	if (getrusage(RUSAGE_SELF, &ru) != 0)
		ru = (struct rusage){0};
	family(b, "process_resident_memory_bytes", "gauge",
	    "Resident memory size in bytes.");
	evbuffer_add_printf(b, "process_resident_memory_bytes %ld\n",
	    rss * sysconf(_SC_PAGESIZE));
	family(b, "process_cpu_seconds_total", "counter",
	    "User and system CPU time spent in seconds.");
	evbuffer_add_printf(b, "process_cpu_seconds_total %.3f\n",
	    (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
		(double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
	family(b, "process_open_fds", "gauge", "Open file descriptors.");
	evbuffer_add_printf(b, "process_open_fds %ld\n", open_fds());
	family(b, "process_start_time_seconds", "gauge",
	    "Start time of the process since the Unix epoch in seconds.");
	evbuffer_add_printf(
	    b, "process_start_time_seconds %lld\n", (long long)n->started_at);
}

/* The HTTP server's connections: held, the cap, and what the cap did. */
static void
metrics_http(const struct webconn_counts *n, struct evbuffer *b)
{
	family(b, "planwatch_http_connections", "gauge",
	    "HTTP connections open now.");
	evbuffer_add_printf(b, "planwatch_http_connections %zu\n", n->open);
	family(b, "planwatch_http_connections_max", "gauge",
	    "HTTP connections allowed at once (http_max_connections, fewer "
	    "when descriptors are short).");
	evbuffer_add_printf(b, "planwatch_http_connections_max %zu\n", n->cap);
	family(b, "planwatch_http_connections_accepted_total", "counter",
	    "HTTP connections accepted.");
	evbuffer_add_printf(
	    b, "planwatch_http_connections_accepted_total %llu\n", n->accepted);
	family(b, "planwatch_http_header_timeouts_total", "counter",
	    "HTTP connections closed for sending no whole request within "
	    "http_header_timeout.");
	evbuffer_add_printf(b, "planwatch_http_header_timeouts_total %llu\n",
	    n->header_timeouts);
	family(b, "planwatch_http_connections_full_total", "counter",
	    "Times every HTTP connection was in use, so new ones waited.");
	evbuffer_add_printf(
	    b, "planwatch_http_connections_full_total %llu\n", n->full);
	family(b, "planwatch_http_accept_errors_total", "counter",
	    "Failed accept() calls (descriptors short), each followed by a "
	    "pause.");
	evbuffer_add_printf(
	    b, "planwatch_http_accept_errors_total %llu\n", n->accept_errors);
}

void
metrics_write(const struct webview *v, const struct webconn_counts *http,
    struct evbuffer *b)
{
	struct webview_counters n;

	v->ops->counters(v->arg, &n);
	metrics_indicators(v, b);
	metrics_targets(v, b);
	metrics_fetches(v, b);
	metrics_runtime(v, &n, b);
	metrics_process(&n, b);
	metrics_http(http, b);
}
