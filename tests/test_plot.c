/*
 * test_plot: the plan chart drawn from known series, checked by its
 * pixels: markers where the model says and where the arithmetic says
 * they must be, a growth target's floor as a dark line on its row, the
 * rank axis with 1 at the top and whole-number ticks, no tick below zero
 * for a quantity that cannot be negative, a breaking step marked in
 * vermilion, and no projection past the plan's end (none at all once the
 * target's time is over); annual targets as short dark ticks; a note's
 * numbered box on the period axis and a span's light band.  The files: a 2x
 * PNG twice the logical size, an SVG with the chart's title for screen readers.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <cairo.h>
#include <png.h>

#include "unit/judge_case.h"

#include "plot.h"
#include "plot_draw.h"
#include "plot_file.h"

#define W 800
#define H 320

/* The chart's colours (plot_draw.c): series, floor and plan, breaks,
 * projection. */
#define BLUE 0x0072B2
#define INK 0x1A1A1A
#define VERMILION 0xD55E00
#define SKY 0x56B4E9

struct drawn {
	cairo_surface_t *s;
	struct plot p;
};

static struct indicator_conf
make_indicator(const char *name, const char *unit)
{
	return (struct indicator_conf){
	    .id = "x", .name = (char *)name, .unit = (char *)unit};
}

/* Builds and paints in at 1x into d (freed by undraw). */
static void
draw(const struct plot_input *in, struct drawn *d)
{
	cairo_t *cr;

	assert_int_equal(plot_build(in, &d->p), 0);
	d->s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
	cr = cairo_create(d->s);
	plot_draw(&d->p, cr);
	assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	cairo_destroy(cr);
	cairo_surface_flush(d->s);
	/* PW_PLOT_DUMP=dir: each chart as a PNG there, to look at. */
	if (getenv("PW_PLOT_DUMP") != NULL) {
		char path[512];
		static int n;

		snprintf(path, sizeof(path), "%s/plot%d.png",
		    getenv("PW_PLOT_DUMP"), n++);
		cairo_surface_write_to_png(d->s, path);
	}
}

static void
undraw(struct drawn *d)
{
	cairo_surface_destroy(d->s);
	plot_free(&d->p);
}

static uint32_t
pixel(const struct drawn *d, double x, double y)
{
	/* The pixel the point falls in. */
	int xi = (int)floor(x), yi = (int)floor(y);
	const unsigned char *row = cairo_image_surface_get_data(d->s) +
	    (size_t)yi * (size_t)cairo_image_surface_get_stride(d->s);

	assert_true(xi >= 0 && xi < W && yi >= 0 && yi < H);
	return ((const uint32_t *)(const void *)row)[xi] & 0xffffff;
}

static bool
within(uint32_t got, uint32_t want, int tolerance)
{
	for (int shift = 0; shift < 24; shift += 8)
		if (abs((int)((got >> shift) & 0xff) -
			(int)((want >> shift) & 0xff)) > tolerance)
			return false;
	return true;
}

/* The colour itself, give or take the edge of an anti-aliased mark. */
static bool
near(uint32_t got, uint32_t want)
{
	return within(got, want, 24);
}

/* How many pixels of exactly colour c (within 6, closer than the blend
 * of another mark's edge) lie in columns x0..x1, all rows. */
static int
count_colour(const struct drawn *d, int x0, int x1, uint32_t c)
{
	int n = 0;

	for (int y = 0; y < H; y++)
		for (int x = x0 < 0 ? 0 : x0; x <= x1 && x < W; x++)
			n += within(pixel(d, x, y), c, 6);
	return n;
}

static struct plot_input
input(const struct indicator_conf *ic, const struct target_conf *t,
    const struct judgement *j, const struct obs_list *obs)
{
	return (struct plot_input){.view = PLOT_PLAN,
	    .ind = ic,
	    .target = t,
	    .j = j,
	    .obs = obs,
	    .quantity = QUANTITY_AMOUNT,
	    .locale = "en",
	    .width = W,
	    .height = H};
}

/* Markers sit at their period's middle and value: the model's place, and
 * the frame's arithmetic, and the pixel there is the series' blue. */
static void
test_markers_at_their_periods(void **state)
{
	struct indicator_conf ic = make_indicator("Green coverage", "%");
	struct obs_list obs = {0};
	struct plot_input in;
	struct drawn d;

	(void)state;
	load(&obs,
	    OBS({"2020", 45.26}, {"2021", 45.5}, {"2022", 45.8}, {"2023", 46.0},
		{"2024", 46.12}, {"2025", 46.28}));
	in = input(&ic, NULL, NULL, &obs);
	draw(&in, &d);
	assert_int_equal(d.p.npts, 6);
	/* 2020 is the first period: its middle 2019.5 is half a year in. */
	assert_float_equal(d.p.x0, 2019.0, 1e-9);
	assert_float_equal(d.p.x1, 2025.0, 1e-9);
	for (size_t i = 0; i < d.p.npts; i++) {
		double want_x =
		    d.p.left + (i + 0.5) / 6 * (d.p.right - d.p.left);
		double want_y = d.p.bottom -
		    (obs.v[i].value - d.p.axis.lo) /
			(d.p.axis.hi - d.p.axis.lo) * (d.p.bottom - d.p.top);

		assert_float_equal(d.p.pts[i].x, want_x, 1e-6);
		assert_float_equal(d.p.pts[i].y, want_y, 1e-6);
		assert_true(near(pixel(&d, want_x, want_y), BLUE));
		assert_false(d.p.pts[i].gap_before);
	}
	/* Off the series, halfway up between two markers: the paper. */
	assert_false(near(pixel(&d, d.p.pts[0].x, d.p.top + 2), BLUE));
	undraw(&d);
	unload(&obs);
}

#define WHITE 0xFFFFFF

/*
 * A value that is no published figure is a hollow marker (white inside,
 * a blue ring), a published one a filled marker; the key names hollow
 * markers only when one is drawn.  An unstated mark takes the
 * indicator's figures.
 */
static void
test_hollow_markers(void **state)
{
	struct indicator_conf ic = make_indicator("Green coverage", "%");
	struct obs_list obs = {0};
	struct plot_input in;
	struct drawn d;
	const enum obs_mark marks[] = {OBS_MARK_PUBLISHED,
	    OBS_MARK_ILLUSTRATIVE, OBS_MARK_ESTIMATED, OBS_MARK_PROVISIONAL,
	    OBS_MARK_UNSTATED};
	const bool hollow[] = {false, true, true, true, false};

	(void)state;
	load(&obs,
	    OBS({"2020", 45.26}, {"2021", 45.5}, {"2022", 45.8}, {"2023", 46.0},
		{"2024", 46.12}));
	for (size_t i = 0; i < obs.n; i++)
		obs.v[i].mark = marks[i];
	in = input(&ic, NULL, NULL, &obs);
	in.figures = FIGURES_PUBLISHED;
	draw(&in, &d);
	for (size_t i = 0; i < d.p.npts; i++) {
		const struct plot_point *pt = &d.p.pts[i];

		assert_int_equal(pt->hollow, hollow[i]);
		if (hollow[i]) {
			assert_true(near(pixel(&d, pt->x, pt->y), WHITE));
			assert_true(near(pixel(&d, pt->x + 3.5, pt->y), BLUE));
		} else {
			assert_true(near(pixel(&d, pt->x, pt->y), BLUE));
		}
	}
	assert_non_null(d.p.key_hollow);
	assert_non_null(d.p.key_actual);
	assert_non_null(strstr(d.p.key_hollow, "not published"));
	assert_non_null(strstr(d.p.key_hollow, "estimate"));
	/* A screen reader is told too. */
	assert_non_null(strstr(d.p.description,
	    "hollow markers: not published (illustrative, estimate"));
	undraw(&d);

	/* Every value published: no hollow marker, no key entry. */
	for (size_t i = 0; i < obs.n; i++)
		obs.v[i].mark = OBS_MARK_PUBLISHED;
	draw(&in, &d);
	assert_null(d.p.key_hollow);
	assert_null(strstr(d.p.description, "hollow"));
	for (size_t i = 0; i < d.p.npts; i++)
		assert_true(near(pixel(&d, d.p.pts[i].x, d.p.pts[i].y), BLUE));
	undraw(&d);

	/* No marks, illustrative figures: every marker hollow, and the key
	 * says illustrative. */
	for (size_t i = 0; i < obs.n; i++)
		obs.v[i].mark = OBS_MARK_UNSTATED;
	in.figures = FIGURES_ILLUSTRATIVE;
	draw(&in, &d);
	for (size_t i = 0; i < d.p.npts; i++)
		assert_true(near(pixel(&d, d.p.pts[i].x, d.p.pts[i].y), WHITE));
	assert_string_equal(d.p.key_hollow, "illustrative (not published)");
	/* No filled marker: no "actual" entry beside the hollow one. */
	assert_null(d.p.key_actual);
	undraw(&d);
	unload(&obs);
}

/* A missing year breaks the line: no blue between its neighbours. */
static void
test_missing_period_is_a_gap(void **state)
{
	struct indicator_conf ic = make_indicator("Output", "bn");
	struct obs_list obs = {0};
	struct plot_input in;
	struct drawn d;
	double mx, my;

	(void)state;
	load(&obs, OBS({"2020", 10}, {"2021", 20}, {"2023", 30}, {"2024", 40}));
	in = input(&ic, NULL, NULL, &obs);
	draw(&in, &d);
	assert_true(d.p.pts[2].gap_before);
	assert_false(d.p.pts[1].gap_before);
	mx = (d.p.pts[1].x + d.p.pts[2].x) / 2;
	my = (d.p.pts[1].y + d.p.pts[2].y) / 2;
	assert_false(near(pixel(&d, mx, my), BLUE));
	/* A drawn segment is blue at its middle. */
	assert_true(near(pixel(&d, (d.p.pts[2].x + d.p.pts[3].x) / 2,
			     (d.p.pts[2].y + d.p.pts[3].y) / 2),
	    BLUE));
	undraw(&d);
	unload(&obs);
}

/* Maternal mortality: no tick, no label below zero, none starting "-". */
static void
test_no_label_below_zero(void **state)
{
	struct indicator_conf ic =
	    make_indicator("Maternal mortality", "per 100k");
	struct tspec ts = {.kind = TARGET_CEILING, .bound = 14, .from = "2021"};
	struct target_conf t;
	struct judgement j;
	struct obs_list obs = {0};
	struct plot_input in;
	struct drawn d;

	(void)state;
	t = judge_case_target(&ts);
	load(&obs, OBS({"2020", 0}, {"2021", 4.1}, {"2022", 0}, {"2023", 9.5}));
	target_judge(&t, &obs, &j);
	in = input(&ic, &t, &j, &obs);
	draw(&in, &d);
	assert_true(d.p.axis.lo >= 0);
	for (size_t i = 0; i < d.p.nyticks; i++) {
		assert_true(d.p.axis.ticks[i] >= 0);
		assert_true(d.p.yticks[i].label[0] != '-');
	}
	/* The lowest label is zero, at the frame's bottom. */
	assert_string_equal(d.p.yticks[0].label, "0");
	assert_float_equal(d.p.yticks[0].at, d.p.bottom, 1e-9);
	undraw(&d);
	unload(&obs);
}

/* A province rank: 12 is drawn above 14, ticks are whole numbers, and
 * rank 14 breaks the "13 or better" ceiling (ringed in vermilion). */
static void
test_rank_axis_inverted(void **state)
{
	struct indicator_conf ic =
	    make_indicator("GDP rank in the province", "");
	struct tspec ts = {
	    .kind = TARGET_CEILING, .bound = 13, .from = "2021", .to = "2025"};
	struct target_conf t;
	struct judgement j;
	struct obs_list obs = {0};
	struct plot_input in;
	struct drawn d;

	(void)state;
	t = judge_case_target(&ts);
	load(&obs, OBS({"2020", 13}, {"2021", 14}, {"2022", 12}, {"2023", 13}));
	target_judge(&t, &obs, &j);
	in = input(&ic, &t, &j, &obs);
	in.quantity = QUANTITY_RANK;
	draw(&in, &d);
	assert_true(d.p.axis.inverted);
	assert_true(d.p.pts[2].y < d.p.pts[1].y); /* 12 above 14 */
	assert_true(plot_value_y(&d.p, 1) < plot_value_y(&d.p, 20));
	for (size_t i = 0; i < d.p.nyticks; i++)
		assert_float_equal(
		    d.p.axis.ticks[i], round(d.p.axis.ticks[i]), 0);
	assert_true(d.p.pts[1].violating);
	assert_false(d.p.pts[2].violating);
	/* The ring: vermilion 7.5 px left of the breaking marker. */
	assert_true(
	    near(pixel(&d, d.p.pts[1].x - 7.5, d.p.pts[1].y), VERMILION));
	undraw(&d);
	unload(&obs);
}

/* GDP growth: drawn on the published rates with the 8 % floor as a dark
 * line along its row over 2021-2025, both years below it ringed. */
static void
test_growth_floor_line(void **state)
{
	struct indicator_conf ic = make_indicator("GDP", "bn yuan");
	struct tspec ts = {
	    .kind = TARGET_GROWTH, .rate = 0.08, .from = "2021", .to = "2025"};
	struct target_conf t;
	struct judgement j;
	struct obs_list obs = {0}, rates = {0};
	struct plot_input in;
	struct drawn d;
	int dark = 0, samples = 0;

	(void)state;
	t = judge_case_target(&ts);
	t.rate_indicator = "gdp_growth";
	load(&obs, OBS({"2020", 902.27}, {"2021", 1000}, {"2022", 1020}));
	load(&rates, OBS({"2021", 1.1}, {"2022", 2.5}));
	target_judge_rates(&t, &obs, &rates, &j);
	assert_true(j.from_rates);
	in = input(&ic, &t, &j, &obs);
	in.rates = &rates;
	draw(&in, &d);
	assert_int_equal(d.p.npts, 2);
	assert_float_equal(d.p.pts[0].value, 1.1, 0);
	assert_float_equal(d.p.pts[1].value, 2.5, 0);
	assert_true(d.p.pts[0].violating && d.p.pts[1].violating);
	assert_true(d.p.has_rule);
	assert_float_equal(d.p.rule.y0, plot_value_y(&d.p, 8), 1e-9);
	/* Zero is the reference of a growth rate; 8 is inside the axis. */
	assert_true(d.p.axis.lo <= 0 && d.p.axis.hi >= 8);
	for (double x = d.p.rule.x0 + 2; x < d.p.rule.x1 - 2; x += 3) {
		samples++;
		dark += near(pixel(&d, x, d.p.rule.y0), INK);
	}
	/* A dashed line: dark over most of its length (7 on, 3 off). */
	assert_true(dark * 10 >= samples * 5);
	assert_string_equal(d.p.title, "GDP: growth at least 8 % every year");
	undraw(&d);
	unload(&obs);
	unload(&rates);
}

/* Energy intensity falls every year: the rises of 2022 and 2025 are
 * marked; the axis spans about 0.19-0.22, not -0.8..1.2. */
static void
test_decline_steps_marked(void **state)
{
	struct indicator_conf ic = make_indicator("Energy intensity", "tce");
	struct tspec ts = {
	    .kind = TARGET_DECLINE, .from = "2021", .to = "2025"};
	struct target_conf t;
	struct judgement j;
	struct obs_list obs = {0};
	struct plot_input in;
	struct drawn d;

	(void)state;
	t = judge_case_target(&ts);
	load(&obs,
	    OBS({"2020", 0.214}, {"2021", 0.205}, {"2022", 0.209},
		{"2023", 0.201}, {"2024", 0.196}, {"2025", 0.199}));
	target_judge(&t, &obs, &j);
	in = input(&ic, &t, &j, &obs);
	draw(&in, &d);
	assert_true(d.p.axis.lo >= 0.18 && d.p.axis.hi <= 0.23);
	for (size_t i = 0; i < d.p.npts; i++)
		assert_int_equal(d.p.pts[i].violating_step, i == 2 || i == 5);
	/* The breaking step is vermilion at its middle, a good one blue. */
	assert_true(near(pixel(&d, (d.p.pts[1].x + d.p.pts[2].x) / 2,
			     (d.p.pts[1].y + d.p.pts[2].y) / 2),
	    VERMILION));
	assert_true(near(pixel(&d, (d.p.pts[2].x + d.p.pts[3].x) / 2,
			     (d.p.pts[2].y + d.p.pts[3].y) / 2),
	    BLUE));
	undraw(&d);
	unload(&obs);
}

/* Output from 100 in 2020 to 200 by 2025, the projection tests' target. */
static const struct tspec reach_2025 = {
    .kind = TARGET_REACH, .bp = "2020", .bv = 100, .tp = "2025", .tv = 200};

/* A reach target under way: the projection runs from the latest value to
 * the deadline and no further; the planned path ends at the target. */
static void
test_projection_stops_at_deadline(void **state)
{
	struct indicator_conf ic = make_indicator("Output", "bn");
	struct target_conf t;
	struct judgement j;
	struct obs_list obs = {0};
	struct plot_input in;
	struct drawn d;
	double deadline;

	(void)state;
	t = judge_case_target(&reach_2025);
	load(&obs, OBS({"2020", 100}, {"2021", 110}, {"2022", 118}));
	target_judge(&t, &obs, &j);
	assert_false(j.ended);
	in = input(&ic, &t, &j, &obs);
	draw(&in, &d);
	deadline = plot_period_x(&d.p, &t.target_period);
	assert_true(d.p.has_projection);
	assert_float_equal(d.p.projection.x1, deadline, 1e-9);
	assert_true(d.p.has_target);
	assert_float_equal(d.p.path[d.p.npath - 1].x1, deadline, 1e-9);
	assert_true(
	    count_colour(&d, (int)deadline - 20, (int)deadline - 4, SKY) > 0);
	assert_int_equal(count_colour(&d, (int)deadline + 3, W - 1, SKY), 0);
	undraw(&d);
	unload(&obs);
}

/*
 * Annual targets are short dark ticks at their years: 2023's 175 (above
 * the path's 160 there) is dark at its middle and near its ends, white a
 * little beyond them; the key names it only when drawn; the sparkline
 * has none.  2024's 190 is drawn too, and stays inside the axis.
 */
static void
test_annual_target_ticks(void **state)
{
	struct indicator_conf ic = make_indicator("Output", "bn");
	struct annual_target years[] = {{2023, 175}, {2024, 190}};
	struct period y2023 = {.freq = FREQ_ANNUAL, .year = 2023, .sub = 0};
	struct target_conf t;
	struct judgement j;
	struct obs_list obs = {0};
	struct plot_input in;
	struct drawn d;
	double x, y, half;

	(void)state;
	t = judge_case_target(&reach_2025);
	load(&obs, OBS({"2020", 100}, {"2021", 110}, {"2022", 118}));
	target_judge(&t, &obs, &j);
	in = input(&ic, &t, &j, &obs);
	/* Without annual targets: no tick, no key entry. */
	draw(&in, &d);
	assert_int_equal(d.p.nannual, 0);
	assert_null(d.p.key_annual);
	x = plot_period_x(&d.p, &y2023);
	y = plot_value_y(&d.p, 175);
	assert_false(near(pixel(&d, x, y), INK));
	undraw(&d);

	t.annual = years;
	t.nannual = NELEM(years);
	draw(&in, &d);
	assert_int_equal(d.p.nannual, 2);
	assert_string_equal(d.p.key_annual, "annual target");
	x = plot_period_x(&d.p, &y2023);
	y = plot_value_y(&d.p, 175);
	half = (d.p.annual[0].x1 - d.p.annual[0].x0) / 2;
	assert_float_equal(d.p.annual[0].y0, y, 1e-9);
	assert_float_equal((d.p.annual[0].x0 + d.p.annual[0].x1) / 2, x, 1e-9);
	assert_true(half >= 4 && half <= 12);
	assert_true(near(pixel(&d, x, y), INK));
	assert_true(near(pixel(&d, x - half + 1.5, y), INK));
	assert_true(near(pixel(&d, x + half - 1.5, y), INK));
	/* Short: nothing dark a few pixels past either end, or above. */
	assert_false(near(pixel(&d, x - half - 4, y), INK));
	assert_false(near(pixel(&d, x + half + 4, y), INK));
	assert_false(near(pixel(&d, x, y - 5), INK));
	assert_true(d.p.axis.hi >= 190);
	/* Said to screen readers: the ticks carry no words. */
	assert_non_null(
	    strstr(d.p.description, "annual targets 2023 175, 2024 190."));
	undraw(&d);

	in.view = PLOT_SPARK;
	in.width = 160;
	in.height = 40;
	assert_int_equal(plot_build(&in, &d.p), 0);
	assert_int_equal(d.p.nannual, 0);
	plot_free(&d.p);
	unload(&obs);
}

/* Once the plan's last year is in, the verdict is written and nothing is
 * projected: no sky-blue pixel anywhere. */
static void
test_no_projection_after_the_plan(void **state)
{
	struct indicator_conf ic = make_indicator("Output", "bn");
	struct target_conf t;
	struct judgement j;
	struct obs_list obs = {0};
	struct plot_input in;
	struct drawn d;

	(void)state;
	t = judge_case_target(&reach_2025);
	load(&obs, OBS({"2020", 100}, {"2023", 150}, {"2025", 170}));
	target_judge(&t, &obs, &j);
	target_verdict(&t, &obs, NULL, &j);
	assert_true(j.final);
	in = input(&ic, &t, &j, &obs);
	draw(&in, &d);
	assert_false(d.p.has_projection);
	assert_int_equal(count_colour(&d, 0, W - 1, SKY), 0);
	assert_non_null(strstr(d.p.status, "final verdict"));
	undraw(&d);
	unload(&obs);
}

/* The files: the PNG is twice the logical size; the SVG carries the
 * title (escaped) and the description right after its opening tag. */
static void
test_png_2x_and_svg_title(void **state)
{
	struct indicator_conf ic = make_indicator("R&D <share>", "%");
	struct obs_list obs = {0};
	struct plot_input in;
	struct plot p;
	struct buf f;
	char err[256];
	const unsigned char *b;
	const char *svg;

	(void)state;
	load(&obs, OBS({"2020", 2.1}, {"2021", 2.3}));
	in = input(&ic, NULL, NULL, &obs);
	assert_int_equal(plot_build(&in, &p), 0);
	buf_init(&f, PLOT_FILE_MAX);
	assert_int_equal(plot_png(&p, 2, &f, err, sizeof(err)), 0);
	b = (const unsigned char *)buf_str(&f);
	assert_memory_equal(b + 1, "PNG", 3);
	/* IHDR: width and height, big-endian, at bytes 16 and 20. */
	assert_int_equal(
	    (b[16] << 24) | (b[17] << 16) | (b[18] << 8) | b[19], 2 * W);
	assert_int_equal(
	    (b[20] << 24) | (b[21] << 16) | (b[22] << 8) | b[23], 2 * H);
	assert_int_equal(plot_svg(&p, &f, err, sizeof(err)), 0);
	svg = buf_str(&f);
	assert_non_null(strstr(svg,
	    "role=\"img\" aria-labelledby=\"t d\"><title id=\"t\">R&amp;D "
	    "&lt;share&gt;</title><desc id=\"d\">"));
	assert_non_null(strstr(svg, "</svg>"));
	buf_free(&f);
	plot_free(&p);
	unload(&obs);
}

/* plot_png's own encoder (graphs/png_write.c) loses nothing: its PNG
 * decodes to exactly the pixels painted. */
static void
test_png_is_the_painted_picture(void **state)
{
	struct indicator_conf ic = make_indicator("Grain", "Mt");
	struct obs_list obs = {0};
	struct plot_input in;
	struct drawn d;
	png_image img = {.version = PNG_IMAGE_VERSION};
	unsigned char *rgb;
	struct buf f;
	char err[256];

	(void)state;
	load(&obs, OBS({"2020", 52.1}, {"2021", 49.6}, {"2022", 50.8}));
	in = input(&ic, NULL, NULL, &obs);
	draw(&in, &d);
	buf_init(&f, PLOT_FILE_MAX);
	assert_int_equal(plot_png(&d.p, 1, &f, err, sizeof(err)), 0);
	assert_true(
	    png_image_begin_read_from_memory(&img, buf_str(&f), buf_len(&f)));
	img.format = PNG_FORMAT_RGB;
	assert_int_equal(img.width, W);
	assert_int_equal(img.height, H);
	assert_non_null(rgb = malloc(PNG_IMAGE_SIZE(img)));
	assert_true(png_image_finish_read(&img, NULL, rgb, 0, NULL));
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			const unsigned char *q = rgb + ((size_t)y * W + x) * 3;

			assert_int_equal(
			    (uint32_t)q[0] << 16 | q[1] << 8 | q[2],
			    pixel(&d, x, y));
		}
	free(rgb);
	buf_free(&f);
	undraw(&d);
	unload(&obs);
}

/* Nothing to draw: an empty series still makes a chart, without points,
 * on a finite axis. */
static void
test_empty_series(void **state)
{
	struct indicator_conf ic = make_indicator("Nothing yet", "");
	struct obs_list obs = {0};
	struct plot_input in;
	struct drawn d;

	(void)state;
	in = input(&ic, NULL, NULL, &obs);
	draw(&in, &d);
	assert_int_equal(d.p.npts, 0);
	assert_true(isfinite(d.p.axis.lo) && d.p.axis.lo < d.p.axis.hi);
	assert_false(d.p.latest.shown);
	undraw(&d);
}

/*
 * Hostile series: values at the ends of the double range, a daily series
 * of 3,000 days with a compound path across it, an empty unit and a name
 * longer than the chart: every mark stays finite and inside the chart,
 * the path within its cap, and the drawing succeeds.
 */
static void
test_extreme_series(void **state)
{
	struct indicator_conf ic = make_indicator(
	    "A name far longer than any chart is wide, repeated: a name far "
	    "longer than any chart is wide, repeated, and again",
	    "");
	struct tspec ts = {.kind = TARGET_REACH,
	    .path = PATH_COMPOUND,
	    .bp = "2020-01-01",
	    .bv = 1e-300,
	    .tp = "2028-12-31",
	    .tv = 1e300};
	struct target_conf t;
	struct judgement j;
	struct obs_list obs = {0};
	struct plot_input in;
	struct drawn d;
	struct period p;

	(void)state;
	t = judge_case_target(&ts);
	for (int i = 0; i < 3000; i++) {
		assert_int_equal(
		    period_at(1577836800 + (time_t)i * 86400, FREQ_DAILY, &p),
		    0);
		assert_int_equal(
		    obs_list_add(&obs, &p, i % 2 ? 1.7e308 : -1.7e308), 0);
	}
	target_judge(&t, &obs, &j);
	in = input(&ic, &t, &j, &obs);
	in.quantity = QUANTITY_SIGNED;
	draw(&in, &d);
	assert_int_equal(d.p.npts, 3000);
	assert_true(d.p.npath <= PLOT_PATH_MAX);
	for (size_t i = 0; i < d.p.npts; i++) {
		assert_true(isfinite(d.p.pts[i].x) && isfinite(d.p.pts[i].y));
		assert_true(d.p.pts[i].x >= d.p.left - 1e-6 &&
		    d.p.pts[i].x <= d.p.right + 1e-6);
		assert_true(d.p.pts[i].y >= d.p.top - 1e-6 &&
		    d.p.pts[i].y <= d.p.bottom + 1e-6);
	}
	for (size_t i = 0; i < d.p.npath; i++)
		assert_true(
		    isfinite(d.p.path[i].y0) && isfinite(d.p.path[i].y1));
	undraw(&d);
	obs_list_clear(&obs);
}

#define MUTED 0x595959

/*
 * A note on one period: a numbered dark box standing on the period axis
 * at that period's middle; a span: a light band between its periods'
 * middles (the paper outside it), its box at its start; a removed note
 * and one off the axis are not drawn; a sparkline draws none.
 */
static void
test_note_marks(void **state)
{
	struct indicator_conf ic = make_indicator("Green coverage", "%");
	struct obs_list obs = {0};
	struct note_list l = {0};
	struct note n[] = {
	    {.nid = 1,
		.from = {FREQ_ANNUAL, 2022, 0},
		.to = {FREQ_ANNUAL, 2022, 0},
		.text = "closures",
		.by = "a"},
	    {.nid = 2,
		.from = {FREQ_ANNUAL, 2023, 0},
		.to = {FREQ_ANNUAL, 2025, 0},
		.text = "method",
		.by = "b"},
	    {.nid = 3,
		.from = {FREQ_ANNUAL, 2021, 0},
		.to = {FREQ_ANNUAL, 2021, 0},
		.text = "gone",
		.by = "c",
		.removed = true,
		.removed_by = "d"},
	    {.nid = 4,
		.from = {FREQ_ANNUAL, 2030, 0},
		.to = {FREQ_ANNUAL, 2030, 0},
		.text = "later",
		.by = "e"},
	};
	struct plot_note marks[PLOT_NOTES_MAX];
	struct plot_input in;
	struct drawn d;
	double box_y, band_x, band_y;

	(void)state;
	for (size_t i = 0; i < sizeof(n) / sizeof(n[0]); i++)
		assert_int_equal(note_list_push(&l, &n[i]), 0);
	load(&obs,
	    OBS({"2020", 45.26}, {"2021", 45.5}, {"2022", 45.8}, {"2023", 46.0},
		{"2024", 46.12}, {"2025", 46.28}));
	in = input(&ic, NULL, NULL, &obs);
	in.nnotes = plot_notes_take(&l, marks, PLOT_NOTES_MAX);
	in.notes = marks;
	assert_int_equal(in.nnotes, 3); /* the removed one left out */
	draw(&in, &d);
	assert_int_equal(d.p.nnotes, 2); /* 2030 is off the axis */
	assert_int_equal(d.p.notes[0].nid, 1);
	assert_float_equal(d.p.notes[0].x0, d.p.pts[2].x, 1e-6);
	assert_float_equal(d.p.notes[0].x1, d.p.pts[2].x, 1e-6);
	assert_float_equal(d.p.notes[1].x0, d.p.pts[3].x, 1e-6);
	assert_float_equal(d.p.notes[1].x1, d.p.pts[5].x, 1e-6);
	/* The box of note 1: dark at its corner, just above the axis. */
	box_y = d.p.bottom - 2 - PLOT_NOTE_BOX + 1.5;
	assert_true(near(
	    pixel(&d, d.p.pts[2].x - PLOT_NOTE_BOX / 2 + 1.5, box_y), MUTED));
	/* None where no note is (2021's removed one, 2020). */
	assert_false(near(
	    pixel(&d, d.p.pts[1].x - PLOT_NOTE_BOX / 2 + 1.5, box_y), MUTED));
	assert_false(near(
	    pixel(&d, d.p.pts[0].x - PLOT_NOTE_BOX / 2 + 1.5, box_y), MUTED));
	/* The band of note 2: tinted, not white, between 2023 and 2025;
	 * the paper before 2023's middle at the same height. */
	band_x = (d.p.pts[4].x + d.p.pts[5].x) / 2;
	band_y = d.p.top + 3;
	assert_false(within(pixel(&d, band_x, band_y), WHITE, 3));
	assert_true(within(pixel(&d, band_x, band_y), WHITE, 40));
	assert_true(within(
	    pixel(&d, (d.p.pts[1].x + d.p.pts[2].x) / 2, band_y), WHITE, 3));
	undraw(&d);
	/* A sparkline draws none. */
	in.view = PLOT_SPARK;
	in.width = 120;
	in.height = 40;
	assert_int_equal(plot_build(&in, &d.p), 0);
	assert_int_equal(d.p.nnotes, 0);
	plot_free(&d.p);
	unload(&obs);
	note_list_clear(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_markers_at_their_periods, release),
	    cmocka_unit_test_teardown(test_hollow_markers, release),
	    cmocka_unit_test_teardown(test_missing_period_is_a_gap, release),
	    cmocka_unit_test_teardown(test_no_label_below_zero, release),
	    cmocka_unit_test_teardown(test_rank_axis_inverted, release),
	    cmocka_unit_test_teardown(test_growth_floor_line, release),
	    cmocka_unit_test_teardown(test_decline_steps_marked, release),
	    cmocka_unit_test_teardown(
		test_projection_stops_at_deadline, release),
	    cmocka_unit_test_teardown(
		test_no_projection_after_the_plan, release),
	    cmocka_unit_test_teardown(test_png_2x_and_svg_title, release),
	    cmocka_unit_test_teardown(test_empty_series, release),
	    cmocka_unit_test_teardown(test_png_is_the_painted_picture, release),
	    cmocka_unit_test_teardown(test_extreme_series, release),
	    cmocka_unit_test_teardown(test_annual_target_ticks, release),
	    cmocka_unit_test_teardown(test_note_marks, release),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
