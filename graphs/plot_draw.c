/*
 * plot_draw: paints a plot model with cairo and pango, in logical pixels
 * (the caller scales for 2x).  Colours are Okabe and Ito's palette, safe
 * under the common colour-vision deficiencies; every status is a shape as
 * well as a colour; all text is near-black or dark grey on white (WCAG AA
 * contrast), the colours only fill marks.  Nothing here decides a
 * position: plot_model.c did.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "graph_args.h"
#include "plot_draw.h"

struct rgb {
	double r, g, b;
};

#define HEX(h)                                                                 \
	{                                                                      \
		((h) >> 16 & 0xff) / 255.0, ((h) >> 8 & 0xff) / 255.0,         \
		    ((h)&0xff) / 255.0                                         \
	}

/* Okabe-Ito, and the greys of text and grid. */
static const struct rgb BLUE = HEX(0x0072B2), SKY = HEX(0x56B4E9),
			ORANGE = HEX(0xE69F00), GREEN = HEX(0x009E73),
			VERMILION = HEX(0xD55E00), INK = HEX(0x1A1A1A),
			MUTED = HEX(0x595959), GRID = HEX(0xE3E3E3),
			AXIS = HEX(0x8C8C8C), WHITE = HEX(0xFFFFFF);

static void
colour(cairo_t *cr, struct rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static void
line(cairo_t *cr, double x0, double y0, double x1, double y1)
{
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
	cairo_stroke(cr);
}

static void
dashed(cairo_t *cr, double on, double off)
{
	double d[] = {on, off};

	cairo_set_dash(cr, d, on > 0 ? 2 : 0, 0);
}

PangoLayout *
plot_draw_layout(cairo_t *cr, const char *text, double px, bool bold)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd =
	    pango_font_description_from_string(GRAPH_FONT);

	pango_font_description_set_absolute_size(fd, px * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(l, text, -1);
	return l;
}

/* Writes text with its top-left at (x, y), cut with "…" past width. */
static double
text_at(cairo_t *cr, const char *text, double x, double y, double px, bool bold,
    struct rgb c, double width)
{
	PangoLayout *l = plot_draw_layout(cr, text, px, bold);
	int w, h;

	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	}
	pango_layout_get_pixel_size(l, &w, &h);
	colour(cr, c);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	return w;
}

/* The width text takes. */
static double
text_width(cairo_t *cr, const char *text, double px, bool bold)
{
	PangoLayout *l = plot_draw_layout(cr, text, px, bold);
	int w, h;

	pango_layout_get_pixel_size(l, &w, &h);
	g_object_unref(l);
	return w;
}

/* Writes text centred on x (kept inside the chart), top at y. */
static void
text_centred(cairo_t *cr, const struct plot *p, const char *text, double x,
    double y, double px, bool bold, struct rgb c)
{
	double w = text_width(cr, text, px, bold), left = x - w / 2;

	if (left + w > p->width - 4)
		left = p->width - 4 - w;
	if (left < 4)
		left = 4;
	text_at(cr, text, left, y, px, bold, c, 0);
}

static void
marker(cairo_t *cr, double x, double y, double r, struct rgb fill)
{
	cairo_arc(cr, x, y, r + 1, 0, 2 * M_PI);
	colour(cr, WHITE);
	cairo_fill(cr);
	cairo_arc(cr, x, y, r, 0, 2 * M_PI);
	colour(cr, fill);
	cairo_fill(cr);
}

/* A value that is no published figure: a ring, white inside. */
static void
hollow_marker(cairo_t *cr, double x, double y, double r, struct rgb ring)
{
	cairo_arc(cr, x, y, r + 1, 0, 2 * M_PI);
	colour(cr, WHITE);
	cairo_fill(cr);
	cairo_set_line_width(cr, 2);
	cairo_arc(cr, x, y, r, 0, 2 * M_PI);
	colour(cr, ring);
	cairo_stroke(cr);
}

/* A breaking point: a vermilion ring around a vermilion marker. */
static void
violation(cairo_t *cr, double x, double y)
{
	marker(cr, x, y, 3.5, VERMILION);
	cairo_set_line_width(cr, 2);
	cairo_arc(cr, x, y, 7.5, 0, 2 * M_PI);
	colour(cr, VERMILION);
	cairo_stroke(cr);
}

static void
diamond(cairo_t *cr, double x, double y, double r)
{
	cairo_move_to(cr, x, y - r);
	cairo_line_to(cr, x + r, y);
	cairo_line_to(cr, x, y + r);
	cairo_line_to(cr, x - r, y);
	cairo_close_path(cr);
	colour(cr, ORANGE);
	cairo_fill_preserve(cr);
	cairo_set_line_width(cr, 1.5);
	colour(cr, INK);
	cairo_stroke(cr);
}

/* The status's symbol, r in radius: its shape says what its colour says. */
void
plot_draw_symbol(cairo_t *cr, enum plot_tone t, double x, double y, double r)
{
	cairo_save(cr);
	cairo_set_line_width(cr, r / 3.5);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	switch (t) {
	case PLOT_TONE_GOOD: /* a check mark in a green disc */
		cairo_arc(cr, x, y, r, 0, 2 * M_PI);
		colour(cr, GREEN);
		cairo_fill(cr);
		colour(cr, WHITE);
		cairo_move_to(cr, x - r * 0.5, y);
		cairo_line_to(cr, x - r * 0.1, y + r * 0.45);
		cairo_line_to(cr, x + r * 0.55, y - r * 0.4);
		cairo_stroke(cr);
		break;
	case PLOT_TONE_WARN: /* "!" in an orange triangle */
		cairo_move_to(cr, x, y - r);
		cairo_line_to(cr, x + r * 1.1, y + r * 0.85);
		cairo_line_to(cr, x - r * 1.1, y + r * 0.85);
		cairo_close_path(cr);
		colour(cr, ORANGE);
		cairo_fill(cr);
		colour(cr, INK);
		line(cr, x, y - r * 0.35, x, y + r * 0.2);
		cairo_arc(cr, x, y + r * 0.5, r * 0.08, 0, 2 * M_PI);
		cairo_stroke(cr);
		break;
	case PLOT_TONE_BAD: /* a cross in a vermilion disc */
		cairo_arc(cr, x, y, r, 0, 2 * M_PI);
		colour(cr, VERMILION);
		cairo_fill(cr);
		colour(cr, WHITE);
		line(
		    cr, x - r * 0.45, y - r * 0.45, x + r * 0.45, y + r * 0.45);
		line(
		    cr, x + r * 0.45, y - r * 0.45, x - r * 0.45, y + r * 0.45);
		break;
	default: /* a hollow grey circle: nothing to judge */
		cairo_arc(cr, x, y, r * 0.85, 0, 2 * M_PI);
		colour(cr, AXIS);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

static void
grid_and_axes(cairo_t *cr, const struct plot *p)
{
	cairo_set_line_width(cr, 1);
	for (size_t i = 0; i < p->nyticks; i++) {
		const struct plot_tick *t = &p->yticks[i];
		bool zero = p->axis.ticks[i] == 0;
		double w = text_width(cr, t->label, 12, false);

		colour(cr, zero ? AXIS : GRID);
		line(cr, p->left, round(t->at) + 0.5, p->right,
		    round(t->at) + 0.5);
		text_at(cr, t->label, p->left - 8 - w, t->at - 8, 12, false,
		    MUTED, 0);
	}
	colour(cr, AXIS);
	line(cr, p->left, round(p->bottom) + 0.5, p->right,
	    round(p->bottom) + 0.5);
	for (size_t i = 0; i < p->nxticks; i++) {
		const struct plot_tick *t = &p->xticks[i];

		double mark = round(t->at + p->xtick_mark_offset) + 0.5;

		if (mark >= p->left && mark <= p->right)
			line(cr, mark, p->bottom, mark, p->bottom + 5);
		text_centred(
		    cr, p, t->label, t->at, p->bottom + 6, 12, false, MUTED);
	}
	if (*p->unit != '\0')
		text_at(cr, p->unit, 8, p->top - 22, 12, false, MUTED, 0);
}

static void
target_marks(cairo_t *cr, const struct plot *p)
{
	if (p->has_band) {
		cairo_rectangle(cr, p->band_x0, p->band_y0,
		    p->band_x1 - p->band_x0, p->band_y1 - p->band_y0);
		cairo_set_source_rgba(cr, GREEN.r, GREEN.g, GREEN.b, 0.16);
		cairo_fill(cr);
	}
	cairo_set_line_width(cr, 1.75);
	colour(cr, INK);
	if (p->has_rule) {
		dashed(cr, 7, 3);
		line(cr, p->rule.x0, p->rule.y0, p->rule.x1, p->rule.y1);
	}
	dashed(cr, 5, 4);
	for (size_t i = 0; i < p->npath; i++)
		line(cr, p->path[i].x0, p->path[i].y0, p->path[i].x1,
		    p->path[i].y1);
	if (p->has_projection) {
		cairo_set_line_width(cr, 2);
		dashed(cr, 3, 3);
		colour(cr, SKY);
		line(cr, p->projection.x0, p->projection.y0, p->projection.x1,
		    p->projection.y1);
	}
	dashed(cr, 0, 0);
	/* Annual targets: short solid dark ticks, apart from the dashed
	 * lines of path and rule. */
	cairo_set_line_width(cr, 2.5);
	colour(cr, INK);
	for (size_t i = 0; i < p->nannual; i++)
		line(cr, p->annual[i].x0, p->annual[i].y0, p->annual[i].x1,
		    p->annual[i].y1);
}

static void
series(cairo_t *cr, const struct plot *p, double width)
{
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	for (size_t i = 1; i < p->npts; i++) {
		const struct plot_point *a = &p->pts[i - 1], *b = &p->pts[i];

		if (b->gap_before)
			continue;
		cairo_set_line_width(
		    cr, b->violating_step ? width + 1.5 : width);
		colour(cr, b->violating_step ? VERMILION : BLUE);
		line(cr, a->x, a->y, b->x, b->y);
	}
}

/*
 * The words at a point, centred over or under it inside the frame, on a
 * pale ground so that a line crossing them does not cut them.
 */
static void
point_label(
    cairo_t *cr, const struct plot *p, const struct plot_label *l, bool bold)
{
	double w, left, top;

	if (!l->shown || *l->text == '\0')
		return;
	w = text_width(cr, l->text, 12, bold);
	left = l->x - w / 2;
	if (left + w > p->width - 4)
		left = p->width - 4 - w;
	if (left < p->left + 2)
		left = p->left + 2;
	top = l->above ? l->y - 26 : l->y + 10;
	cairo_rectangle(cr, left - 2, top + 1, w + 4, 16);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
	cairo_fill(cr);
	text_at(cr, l->text, left, top, 12, bold, INK, 0);
}

/* One key entry's swatch, 22 px wide, centred on y. */
static void
swatch(cairo_t *cr, const struct plot *p, const char *what, double x, double y)
{
	cairo_save(cr);
	cairo_set_line_width(cr, 2);
	if (what == p->key_actual) {
		colour(cr, BLUE);
		line(cr, x, y, x + 22, y);
		marker(cr, x + 11, y, 3.5, BLUE);
	} else if (what == p->key_plan || what == p->key_rule) {
		colour(cr, INK);
		dashed(cr, what == p->key_plan ? 5 : 7,
		    what == p->key_plan ? 4 : 3);
		line(cr, x, y, x + 22, y);
	} else if (what == p->key_projection) {
		colour(cr, SKY);
		dashed(cr, 3, 3);
		line(cr, x, y, x + 22, y);
	} else if (what == p->key_target) {
		diamond(cr, x + 11, y, 6);
	} else if (what == p->key_annual) {
		colour(cr, INK);
		cairo_set_line_width(cr, 2.5);
		line(cr, x + 4, y, x + 18, y);
	} else if (what == p->key_hollow) {
		colour(cr, BLUE);
		line(cr, x, y, x + 22, y);
		hollow_marker(cr, x + 11, y, 3.5, BLUE);
	} else if (what == p->key_band) {
		cairo_rectangle(cr, x, y - 6, 22, 12);
		cairo_set_source_rgba(cr, GREEN.r, GREEN.g, GREEN.b, 0.16);
		cairo_fill(cr);
	} else {
		violation(cr, x + 11, y);
	}
	cairo_restore(cr);
}

/*
 * The key, left to right in up to key_rows rows from y; an entry that
 * would pass the edge of the last row is left out, never drawn over.
 */
static void
key(cairo_t *cr, const struct plot *p, double y)
{
	/* The hollow marker beside the series it qualifies: never the entry
	 * a full row leaves out. */
	const char *entries[] = {p->key_actual, p->key_hollow, p->key_plan,
	    p->key_target, p->key_annual, p->key_band, p->key_rule,
	    p->key_projection, p->key_violation};
	double x = 12;
	int row = 1;

	for (size_t i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		double w;

		if (entries[i] == NULL)
			continue;
		w = text_width(cr, entries[i], 12, false);
		if (x + 28 + w > p->width - 8 && row < p->key_rows) {
			row++;
			x = 12;
			y += 20;
		}
		if (x + 28 + w > p->width - 8)
			break;
		swatch(cr, p, entries[i], x, y + 8);
		text_at(cr, entries[i], x + 28, y, 12, false, INK, 0);
		x += 28 + w + 18;
	}
}

/* The footer: up to two lines at the bottom, cut with "…" after that. */
static void
footer(cairo_t *cr, const struct plot *p)
{
	PangoLayout *l = plot_draw_layout(cr, p->footer, 11, false);
	int w, h;

	pango_layout_set_width(l, (int)((p->width - 24) * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_height(l, -2);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_get_pixel_size(l, &w, &h);
	colour(cr, MUTED);
	cairo_move_to(cr, 12, p->height - 4 - h);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
}

static void
words(cairo_t *cr, const struct plot *p)
{
	double w;

	text_at(cr, p->title, 12, 8, 16, true, INK, p->width - 24);
	if (*p->status != '\0') {
		plot_draw_symbol(cr, p->tone, 20, 43, 7);
		w = text_at(cr, p->status, 33, 34, 13, true, INK, 0);
		(void)w;
	}
	key(cr, p, p->height - 54 - 20 * (p->key_rows - 1));
	footer(cr, p);
}

/* A span's light band over the frame's height, under everything. */
static void
note_bands(cairo_t *cr, const struct plot *p)
{
	for (size_t i = 0; i < p->nnotes; i++) {
		const struct plot_note *n = &p->notes[i];

		if (n->x1 - n->x0 < 1)
			continue;
		cairo_rectangle(
		    cr, n->x0, p->top, n->x1 - n->x0, p->bottom - p->top);
		cairo_set_source_rgba(cr, MUTED.r, MUTED.g, MUTED.b, 0.08);
		cairo_fill(cr);
	}
}

/*
 * Each note's number in a small dark box standing on the period axis (at
 * a span's start), boxes at one place stacked upward: the page and the
 * documents say what each number means.
 */
static void
note_numbers(cairo_t *cr, const struct plot *p)
{
	char text[16];

	for (size_t i = 0; i < p->nnotes; i++) {
		const struct plot_note *n = &p->notes[i];
		double w, y = p->bottom - 2 - PLOT_NOTE_BOX;

		for (size_t k = 0; k < i; k++)
			if (fabs(p->notes[k].x0 - n->x0) < PLOT_NOTE_BOX)
				y -= PLOT_NOTE_BOX + 2;
		snprintf(text, sizeof(text), "%u", n->nid);
		w = fmax(PLOT_NOTE_BOX, text_width(cr, text, 10, true) + 6);
		cairo_rectangle(cr, n->x0 - w / 2, y, w, PLOT_NOTE_BOX);
		colour(cr, MUTED);
		cairo_fill(cr);
		text_at(cr, text, n->x0 - text_width(cr, text, 10, true) / 2,
		    y + 0.5, 10, true, WHITE, 0);
	}
}

static void
plan(cairo_t *cr, const struct plot *p)
{
	grid_and_axes(cr, p);
	note_bands(cr, p);
	target_marks(cr, p);
	series(cr, p, 2.5);
	for (size_t i = 0; i < p->npts; i++) {
		const struct plot_point *pt = &p->pts[i];

		if (pt->violating)
			violation(cr, pt->x, pt->y);
		else if (!pt->hollow)
			marker(cr, pt->x, pt->y, 3.5, BLUE);
		if (pt->hollow)
			hollow_marker(cr, pt->x, pt->y, 3.5,
			    pt->violating ? VERMILION : BLUE);
	}
	if (p->has_target)
		diamond(cr, p->target_x, p->target_y, 6.5);
	point_label(cr, p, &p->baseline, false);
	point_label(cr, p, &p->target, false);
	point_label(cr, p, &p->latest, true);
	note_numbers(cr, p);
	words(cr, p);
}

/* A sparkline: the target's band or line, the series, the latest point. */
static void
spark(cairo_t *cr, const struct plot *p)
{
	struct rgb tone = p->tone == PLOT_TONE_GOOD ? GREEN
	    : p->tone == PLOT_TONE_WARN             ? ORANGE
	    : p->tone == PLOT_TONE_BAD              ? VERMILION
						    : AXIS;

	if (p->npath > 0 && !p->has_band) {
		/* A reach target: its planned path, thin and grey. */
		cairo_set_line_width(cr, 1.25);
		colour(cr, AXIS);
		for (size_t i = 0; i < p->npath; i++)
			line(cr, p->path[i].x0, p->path[i].y0, p->path[i].x1,
			    p->path[i].y1);
	} else if (p->has_band || p->has_rule || p->has_target) {
		double y0 = p->has_band ? p->band_y0
		    : p->has_rule       ? p->rule.y0 - 1
					: p->target_y - 1,
		       y1 = p->has_band ? p->band_y1
		    : p->has_rule       ? p->rule.y0 + 1
					: p->target_y + 1;

		cairo_rectangle(cr, p->left, y0, p->right - p->left, y1 - y0);
		cairo_set_source_rgba(cr, INK.r, INK.g, INK.b, 0.35);
		cairo_fill(cr);
	}
	series(cr, p, 1.5);
	if (p->npts > 0)
		marker(cr, p->pts[p->npts - 1].x, p->pts[p->npts - 1].y, 2.5,
		    tone);
}

void
plot_draw(const struct plot *p, cairo_t *cr)
{
	colour(cr, WHITE);
	cairo_paint(cr);
	if (p->view == PLOT_SPARK)
		spark(cr, p);
	else
		plan(cr, p);
}
