/*
 * chartbench: what drawing the plan chart costs against librrd's own
 * rrd_graph_v for a chart of the same size (issue 18 item 7), in one
 * process on one archive, so that both see the same machine at the same
 * moment.
 *
 * In a scratch directory it writes one annual archive through the store
 * (store_update_from, as the daemon does): the district's GDP, 24 years,
 * with the plan's reach target (902.27 in 2020 to 1325.73 in 2025)
 * judged on it.  Then it calls each case N times after a few warm-up
 * calls, round-robin (one call of each case per round, the first case
 * moving on by one each round) so that a noisy neighbour slows every case
 * alike:
 *
 *   the peer   rrd_graph_v of the librrd plan view (graph_args_build,
 *              image "-" into memory, as graphs/render.c draws), W x H;
 *   plot PNG   plot_build, plot_png at 1x and at 2x, plot_free;
 *   plot SVG   plot_build, plot_svg, plot_free;
 *   the daemon's plan view: one plot_build, the 2x PNG and the SVG.
 *
 * And the stages, to say where the time goes: plot_build alone, painting
 * a built model onto an image surface (1x, 2x), encoding a painted
 * surface as PNG (1x, 2x), and librrd with --full-size-mode (its image
 * exactly W x H: without it W x H is the graph's frame only).
 *
 * Prints, per case, the median, p10 and p90 in ms, the median's ratio to
 * the peer's median, the spread (p10-p90) of the per-round ratios, the
 * image's size and the bytes produced, as Markdown rows for
 * docs/performance.md.  Run by bench/charts/run.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cairo.h>
#include <png.h>
#include <pango/pango.h>
#include <rrd.h>

#include "buf.h"
#include "graph_args.h"
#include "obs.h"
#include "plot.h"
#include "plot_draw.h"
#include "plot_file.h"
#include "png_write.h"
#include "pngenc.h"
#include "store.h"
#include "target.h"

#define WARMUP 5

/* Everything the cases draw from, built once. */
struct bench {
	int width, height;
	const char *locale;
	struct obs_list obs;
	struct target_conf t;
	struct indicator_conf ind;
	struct judgement j;
	struct graph_spec spec;
	struct plot_input in;
	struct plot model; /* for the stages: built once */
	cairo_surface_t *painted[2]; /* the model at 1x and 2x */
	struct buf out;
	long rrd_w, rrd_h; /* librrd's image, as it reports it */
	long rrd_full_w, rrd_full_h;
};

/* One timed case: 0 with the bytes it produced, or -1. */
struct bcase {
	const char *name;
	const char *image; /* its pixels, filled in by main */
	bool stage; /* in the second table */
	int (*run)(struct bench *b, const struct bcase *c, size_t *bytes);
	int scale; /* the libpng rows: 1x or 2x, */
	int filters, level; /* row filters and zlib level */
};

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The integer an rrd_graph_v info list holds under key, or -1. */
static long
info_count(const rrd_info_t *info, const char *key)
{
	for (; info != NULL; info = info->next)
		if (info->type == RD_I_CNT && strcmp(info->key, key) == 0)
			return (long)info->value.u_cnt;
	return -1;
}

/* The size of the "image" blob of an rrd_graph_v info list, or 0. */
static size_t
info_image_size(const rrd_info_t *info)
{
	for (; info != NULL; info = info->next)
		if (info->type == RD_I_BLO && strcmp(info->key, "image") == 0)
			return info->value.u_blo.size;
	return 0;
}

/*
 * The librrd plan view into memory, as graphs/render.c draws it; with
 * full, W x H is the whole image.  librrd permutes the vector it is given
 * (getopt), so it gets a copy of the pointers; graph_argv_free frees the
 * strings.
 */
static int
rrd_plan(struct bench *b, bool full, size_t *bytes)
{
	struct graph_argv a;
	char **v;
	rrd_info_t *info;
	const char *e;
	int n;

	if (graph_args_build(&b->spec, &a) != 0)
		return -1;
	if ((v = calloc((size_t)a.n + 2, sizeof(*v))) == NULL) {
		graph_argv_free(&a);
		return -1;
	}
	memcpy(v, a.v, (size_t)a.n * sizeof(*v));
	n = a.n;
	if (full)
		v[n++] = "--full-size-mode";
	rrd_clear_error();
	info = rrd_graph_v(n, v);
	e = rrd_get_error();
	*bytes = info_image_size(info);
	if (info == NULL || (e != NULL && *e != '\0') || *bytes == 0) {
		fprintf(stderr, "chartbench: rrd_graph_v: %s\n",
		    e != NULL && *e != '\0' ? e : "no image");
		rrd_clear_error();
		*bytes = 0;
	}
	if (full) {
		b->rrd_full_w = info_count(info, "image_width");
		b->rrd_full_h = info_count(info, "image_height");
	} else {
		b->rrd_w = info_count(info, "image_width");
		b->rrd_h = info_count(info, "image_height");
	}
	rrd_info_free(info);
	free(v);
	graph_argv_free(&a);
	return *bytes > 0 ? 0 : -1;
}

static int
case_peer(struct bench *b, const struct bcase *c, size_t *bytes)
{
	(void)c;
	return rrd_plan(b, false, bytes);
}

static int
case_rrd_full(struct bench *b, const struct bcase *c, size_t *bytes)
{
	(void)c;
	return rrd_plan(b, true, bytes);
}

/* plot_build, then PNG at scale (or the SVG when scale is 0), plot_free. */
static int
plot_file(struct bench *b, double scale, size_t *bytes)
{
	struct plot p;
	char err[256];
	int rc;

	if (plot_build(&b->in, &p) != 0)
		return -1;
	rc = scale > 0 ? plot_png(&p, scale, &b->out, err, sizeof(err))
		       : plot_svg(&p, &b->out, err, sizeof(err));
	if (rc != 0)
		fprintf(stderr, "chartbench: %s\n", err);
	*bytes = buf_len(&b->out);
	plot_free(&p);
	return rc;
}

static int
case_png1(struct bench *b, const struct bcase *c, size_t *bytes)
{
	(void)c;
	return plot_file(b, 1, bytes);
}

static int
case_png2(struct bench *b, const struct bcase *c, size_t *bytes)
{
	(void)c;
	return plot_file(b, 2, bytes);
}

static int
case_svg(struct bench *b, const struct bcase *c, size_t *bytes)
{
	(void)c;
	return plot_file(b, 0, bytes);
}

/* What the daemon does for the plan view (graphs/chart.c, chart_plot):
 * one model, its SVG and its 2x PNG. */
static int
case_daemon(struct bench *b, const struct bcase *c, size_t *bytes)
{
	(void)c;
	struct plot p;
	char err[256];
	int rc;

	if (plot_build(&b->in, &p) != 0)
		return -1;
	rc = plot_svg(&p, &b->out, err, sizeof(err));
	*bytes = buf_len(&b->out);
	if (rc == 0)
		rc = plot_png(&p, 2, &b->out, err, sizeof(err));
	if (rc != 0)
		fprintf(stderr, "chartbench: %s\n", err);
	*bytes += buf_len(&b->out);
	plot_free(&p);
	return rc;
}

static int
case_build(struct bench *b, const struct bcase *c, size_t *bytes)
{
	(void)c;
	struct plot p;

	if (plot_build(&b->in, &p) != 0)
		return -1;
	*bytes = 0;
	plot_free(&p);
	return 0;
}

/* p painted on a fresh image surface at scale; the surface into *keep
 * when asked, else destroyed. */
static int
paint_model(const struct plot *p, double scale, cairo_surface_t **keep)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
	    (int)(p->width * scale + 0.5), (int)(p->height * scale + 0.5));
	cairo_t *cr = cairo_create(s);
	int rc;

	cairo_scale(cr, scale, scale);
	plot_draw(p, cr);
	rc = cairo_status(cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;
	cairo_destroy(cr);
	cairo_surface_flush(s);
	if (keep != NULL && rc == 0)
		*keep = s;
	else
		cairo_surface_destroy(s);
	return rc;
}

/* The model built once, painted at scale. */
static int
paint(struct bench *b, double scale, cairo_surface_t **keep)
{
	return paint_model(&b->model, scale, keep);
}

static int
case_paint1(struct bench *b, const struct bcase *c, size_t *bytes)
{
	(void)c;
	*bytes = 0;
	return paint(b, 1, NULL);
}

static int
case_paint2(struct bench *b, const struct bcase *c, size_t *bytes)
{
	(void)c;
	*bytes = 0;
	return paint(b, 2, NULL);
}

static cairo_status_t
to_buf(void *closure, const unsigned char *data, unsigned int length)
{
	return buf_add(closure, data, length) == 0 ? CAIRO_STATUS_SUCCESS
						   : CAIRO_STATUS_WRITE_ERROR;
}

/* A painted surface encoded by cairo's own writer (libpng's defaults:
 * what plot_png did before graphs/png_write.c). */
static int
encode(struct bench *b, int i, size_t *bytes)
{
	buf_reset(&b->out);
	if (cairo_surface_write_to_png_stream(b->painted[i], to_buf, &b->out) !=
	    CAIRO_STATUS_SUCCESS)
		return -1;
	*bytes = buf_len(&b->out);
	return 0;
}

static int
case_encode1(struct bench *b, const struct bcase *c, size_t *bytes)
{
	(void)c;
	return encode(b, 0, bytes);
}

static int
case_encode2(struct bench *b, const struct bcase *c, size_t *bytes)
{
	(void)c;
	return encode(b, 1, bytes);
}

/* A painted surface encoded by libpng with c's filters and level. */
static int
case_libpng(struct bench *b, const struct bcase *c, size_t *bytes)
{
	if (png_write_surface(
		b->painted[c->scale - 1], c->filters, c->level, &b->out) != 0)
		return -1;
	*bytes = buf_len(&b->out);
	return 0;
}

/* The what-if: the daemon's plan view with its PNG at zlib level 1
 * instead of plot_png's 3 (the cheapest row below). */
static int
case_daemon_fast(struct bench *b, const struct bcase *c, size_t *bytes)
{
	struct plot p;
	cairo_surface_t *s = NULL;
	char err[256];
	int rc;

	(void)c;
	if (plot_build(&b->in, &p) != 0)
		return -1;
	rc = plot_svg(&p, &b->out, err, sizeof(err));
	*bytes = buf_len(&b->out);
	if (rc == 0)
		rc = paint_model(&p, 2, &s);
	if (rc == 0)
		rc = png_write_surface(s, PNG_FILTER_NONE, 1, &b->out);
	*bytes += buf_len(&b->out);
	if (s != NULL)
		cairo_surface_destroy(s);
	plot_free(&p);
	return rc;
}

#define MAIN(n, f)                                                             \
	{                                                                      \
		.name = n, .run = f                                            \
	}
#define STAGE(n, f)                                                            \
	{                                                                      \
		.name = n, .stage = true, .run = f                             \
	}
#define LIBPNG(n, s, fl, lv)                                                   \
	{                                                                      \
		.name = n, .stage = true, .run = case_libpng, .scale = s,      \
		.filters = fl, .level = lv                                     \
	}

/* The cases in table order; the first is the peer of every ratio. */
static struct bcase cases[] = {
    MAIN("librrd `rrd_graph_v`, plan view (the peer)", case_peer),
    MAIN("plot PNG 1x", case_png1),
    MAIN("plot PNG 2x", case_png2),
    MAIN("plot SVG", case_svg),
    MAIN("daemon's plan view: 1 build, 2x PNG + SVG", case_daemon),
    STAGE("librrd `--full-size-mode`", case_rrd_full),
    STAGE("plot_build", case_build),
    STAGE("paint 1x (no encoding)", case_paint1),
    STAGE("paint 2x (no encoding)", case_paint2),
    STAGE("PNG encoding 1x (cairo's writer)", case_encode1),
    STAGE("PNG encoding 2x (cairo's writer)", case_encode2),
    LIBPNG("libpng 2x: all filters, zlib 6 (cairo's)", 2, PNG_ALL_FILTERS, 6),
    LIBPNG("libpng 2x: no filter, zlib 6", 2, PNG_FILTER_NONE, 6),
    LIBPNG("libpng 2x: no filter, zlib 3 (plot_png's)", 2, PNG_FILTER_NONE, 3),
    LIBPNG("libpng 2x: no filter, zlib 1", 2, PNG_FILTER_NONE, 1),
    LIBPNG("libpng 2x: sub, zlib 1", 2, PNG_FILTER_SUB, 1),
    LIBPNG("libpng 1x: no filter, zlib 1", 1, PNG_FILTER_NONE, 1),
    STAGE("what-if: daemon's plan view, zlib 1", case_daemon_fast),
};
#define NCASES (sizeof(cases) / sizeof(cases[0]))

/*
 * The district's GDP in 亿元: 485.85 (2015), 902.27 (2020) and the
 * published 2021-2023 values are the plan's and the bulletins'; the years
 * between grow evenly, the years before 2015 at 11 % a year.
 */
static int
make_series(struct obs_list *l)
{
	static const double published[] = {1030.11, 1045.07, 1048.97};

	for (int y = 2000; y <= 2023; y++) {
		struct period p = {.freq = FREQ_ANNUAL, .year = y};
		double v;

		if (y <= 2015)
			v = 485.85 * pow(1.11, y - 2015);
		else if (y <= 2020)
			v = 485.85 * pow(902.27 / 485.85, (y - 2015) / 5.0);
		else
			v = published[y - 2021];
		if (obs_list_add(l, &p, round(v * 100) / 100) != 0)
			return -1;
	}
	return 0;
}

/* The shipped GDP reach target, 902.27 (2020) to 1325.73 (2025). */
static void
make_target(struct target_conf *t)
{
	memset(t, 0, sizeof(*t));
	t->id = "gdp_2025";
	t->kind = TARGET_REACH;
	t->path = PATH_COMPOUND;
	t->direction = DIRECTION_UP;
	t->baseline_period = (struct period){.freq = FREQ_ANNUAL, .year = 2020};
	t->baseline_value = 902.27;
	t->target_period = (struct period){.freq = FREQ_ANNUAL, .year = 2025};
	t->target_value = 1325.73;
	t->on_track_ratio = 0.95;
	t->at_risk_ratio = 0.6;
}

/* The archive at rrd, the target judged, the spec and the plot input. */
static int
setup(struct bench *b, const char *rrd)
{
	const struct obs *first, *last;
	time_t t = 0;
	size_t written;
	char err[512];

	if (make_series(&b->obs) != 0)
		return -1;
	make_target(&b->t);
	b->ind = (struct indicator_conf){.id = "gdp",
	    .name = "地区生产总值",
	    .unit = "亿元",
	    .freq = FREQ_ANNUAL,
	    .quantity = QUANTITY_AMOUNT,
	    .source = "仓山区统计公报，“十四五”规划纲要",
	    .figures = FIGURES_PUBLISHED,
	    .targets = &b->t,
	    .ntargets = 1};
	if (store_update_from(rrd, FREQ_ANNUAL, &b->obs, &t, &written, err,
		sizeof(err)) != 0) {
		fprintf(stderr, "chartbench: %s: %s\n", rrd, err);
		return -1;
	}
	target_judge(&b->t, &b->obs, &b->j);
	first = &b->obs.v[0];
	last = &b->obs.v[b->obs.n - 1];
	b->spec = (struct graph_spec){.view = GRAPH_PLAN,
	    .ind = &b->ind,
	    .target = &b->t,
	    .j = &b->j,
	    .rrd_path = rrd,
	    .png_path = "-",
	    .locale = b->locale,
	    .width = b->width,
	    .height = b->height,
	    .data_start = period_start(&first->period),
	    .data_end = period_end(&last->period),
	    .latest = last};
	b->in = (struct plot_input){.view = PLOT_PLAN,
	    .ind = &b->ind,
	    .target = &b->t,
	    .j = &b->j,
	    .obs = &b->obs,
	    .quantity = b->ind.quantity,
	    .figures = b->ind.figures,
	    .source = b->ind.source,
	    .plan_name = "福州市仓山区国民经济和社会发展第十四个五年规划",
	    .locale = b->locale,
	    .width = b->width,
	    .height = b->height};
	buf_init(&b->out, PLOT_FILE_MAX);
	if (plot_build(&b->in, &b->model) != 0 ||
	    paint(b, 1, &b->painted[0]) != 0 ||
	    paint(b, 2, &b->painted[1]) != 0)
		return -1;
	/* The what-ifs' PNGs must be the same pictures as cairo's. */
	for (size_t c = 0; c < NCASES; c++) {
		cairo_surface_t *s = b->painted[cases[c].scale - 1];

		if (cases[c].run != case_libpng)
			continue;
		if (png_write_surface(
			s, cases[c].filters, cases[c].level, &b->out) != 0 ||
		    !pngenc_same(s, &b->out)) {
			fprintf(stderr, "chartbench: %s: not cairo's pixels\n",
			    cases[c].name);
			return -1;
		}
	}
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The q-quantile of v[0..n) (sorted in place), nearest rank. */
static double
quantile(double *v, size_t n, double q)
{
	size_t i = (size_t)ceil(q * (double)n);

	qsort(v, n, sizeof(*v), cmp_double);
	return v[i > 0 ? i - 1 : 0];
}

struct result {
	double *ms; /* per round */
	size_t bytes;
};

/*
 * Runs every case warm-up + n rounds; keeps the last n.  Each round
 * starts at the next case, so that no case always follows the same one.
 */
static int
measure(struct bench *b, struct result *r, size_t n)
{
	for (size_t round = 0; round < WARMUP + n; round++)
		for (size_t k = 0; k < NCASES; k++) {
			size_t c = (round + k) % NCASES;
			double t0 = now_ms();

			if (cases[c].run(b, &cases[c], &r[c].bytes) != 0) {
				fprintf(stderr, "chartbench: %s failed\n",
				    cases[c].name);
				return -1;
			}
			if (round >= WARMUP)
				r[c].ms[round - WARMUP] = now_ms() - t0;
		}
	return 0;
}

/* One Markdown row: median, p10, p90, ratios to the peer (r[0]). */
static void
print_row(const struct bcase *c, const struct result *r,
    const struct result *peer, size_t n, double *tmp)
{
	double med, p10, p90, pmed;

	for (size_t i = 0; i < n; i++)
		tmp[i] = r->ms[i] / peer->ms[i];
	p10 = quantile(tmp, n, 0.1);
	p90 = quantile(tmp, n, 0.9);
	memcpy(tmp, peer->ms, n * sizeof(*tmp));
	pmed = quantile(tmp, n, 0.5);
	printf("| %s | %s | %zu ", c->name, c->image, r->bytes);
	memcpy(tmp, r->ms, n * sizeof(*tmp));
	med = quantile(tmp, n, 0.5);
	printf("| %.2f | %.2f | %.2f | %.2f | %.2f–%.2f |\n", med,
	    quantile(tmp, n, 0.1), quantile(tmp, n, 0.9), med / pmed, p10, p90);
}

static void
print_tables(const struct result *r, size_t n, double *tmp)
{
	static const char head[] =
	    "| what | image px | bytes | median ms | p10 ms | p90 ms "
	    "| × peer | per-round × peer, p10–p90 |\n"
	    "|---|---|--:|--:|--:|--:|--:|--:|\n";

	for (int stage = 0; stage <= 1; stage++) {
		printf("\n%s\n\n%s",
		    stage == 0 ? "The plan chart against the peer:"
			       : "Stages and what-ifs:",
		    head);
		for (size_t c = 0; c < NCASES; c++)
			if (cases[c].stage == (stage == 1))
				print_row(&cases[c], &r[c], &r[0], n, tmp);
	}
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: chartbench [--size WxH] [-n N] "
	    "[--locale zh-CN|en] [--keep]\n");
	exit(2);
}

/* The scratch directory's archive and the directory, unless kept. */
static void
cleanup(const char *dir, const char *rrd, bool keep)
{
	if (keep) {
		fprintf(stderr, "chartbench: kept %s\n", dir);
		return;
	}
	unlink(rrd);
	rmdir(dir);
}

/* Fills in each case's image size, in pixels. */
static void
name_images(const struct bench *b, char img[][32])
{
	for (size_t c = 0; c < NCASES; c++) {
		long w = b->width, h = b->height;

		if (cases[c].run == case_peer)
			w = b->rrd_w, h = b->rrd_h;
		else if (cases[c].run == case_rrd_full)
			w = b->rrd_full_w, h = b->rrd_full_h;
		else if (cases[c].run == case_png2 ||
		    cases[c].run == case_paint2 ||
		    cases[c].run == case_encode2 || cases[c].scale == 2)
			w *= 2, h *= 2;
		if (cases[c].run == case_build)
			snprintf(img[c], 32, "—");
		else if (cases[c].run == case_svg)
			snprintf(img[c], 32, "%ld×%ld (SVG)", w, h);
		else if (cases[c].run == case_daemon ||
		    cases[c].run == case_daemon_fast)
			snprintf(img[c], 32, "%ld×%ld + SVG", w * 2, h * 2);
		else
			snprintf(img[c], 32, "%ld×%ld", w, h);
		cases[c].image = img[c];
	}
}

int
main(int argc, char **argv)
{
	struct bench b = {.width = 800, .height = 300, .locale = "zh-CN"};
	struct result r[NCASES];
	char dir[] = "/tmp/chartbench.XXXXXX", rrd[64], img[NCASES][32];
	size_t n = 200;
	bool keep = false;
	double *tmp;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--size") == 0 && i + 1 < argc) {
			if (sscanf(argv[++i], "%dx%d", &b.width, &b.height) !=
				2 ||
			    b.width < 100 || b.height < 50)
				usage();
		} else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
			n = strtoul(argv[++i], NULL, 10);
			if (n < 10)
				usage();
		} else if (strcmp(argv[i], "--locale") == 0 && i + 1 < argc)
			b.locale = argv[++i];
		else if (strcmp(argv[i], "--keep") == 0)
			keep = true;
		else
			usage();
	}
	if (mkdtemp(dir) == NULL) {
		fprintf(stderr, "chartbench: mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	snprintf(rrd, sizeof(rrd), "%s/gdp.rrd", dir);
	tmp = calloc(n, sizeof(*tmp));
	for (size_t c = 0; c < NCASES; c++)
		r[c].ms = calloc(n, sizeof(double));
	rc = tmp != NULL && setup(&b, rrd) == 0 ? measure(&b, r, n) : -1;
	if (rc == 0) {
		name_images(&b, img);
		printf("chartbench: %dx%d, locale %s, %zu rounds after %d "
		       "warm-up; librrd %s, cairo %s, pango %s; status %s\n",
		    b.width, b.height, b.locale, n, WARMUP, rrd_strversion(),
		    cairo_version_string(), pango_version_string(),
		    status_name(b.j.status));
		print_tables(r, n, tmp);
	}
	cleanup(dir, rrd, keep);
	for (size_t c = 0; c < NCASES; c++)
		free(r[c].ms);
	free(tmp);
	for (int i = 0; i < 2; i++)
		if (b.painted[i] != NULL)
			cairo_surface_destroy(b.painted[i]);
	plot_free(&b.model);
	buf_free(&b.out);
	obs_list_clear(&b.obs);
	return rc == 0 ? 0 : 1;
}
