/*
 * evaldoc_pdf: lays the plan office's document out on A4 pages.  The
 * document is drawn twice: the first pass, into a PDF that is thrown
 * away, learns on which page each section starts; the second writes the
 * contents page with those numbers.  The contents take one page in both,
 * so nothing moves between the passes.  The indicator table is wide (a
 * column per year), so its pages are landscape; cairo's PDF surface
 * takes a size per page.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "asof.h"
#include "config_text.h"
#include "evaldoc_pdf.h"
#include "explain.h"
#include "graph_args.h"
#include "plot.h"
#include "plot_draw.h"
#include "status_style.h"

/* A4 in points, and the margins. */
#define A4_W 595.28
#define A4_H 841.89
#define MARGIN 50.0
#define FOOT 28.0
/* The charts of indicators behind schedule, in logical pixels. */
#define CHART_W 720.0
#define CHART_H 320.0

struct pdfw {
	const struct evaldoc *doc;
	cairo_surface_t *s;
	cairo_t *cr;
	double w, h; /* the page's size */
	double y; /* where the next line goes */
	int page; /* 1-based */
	int sec_page[EVALDOC_SECTIONS]; /* learnt by the first pass */
	int seen[EVALDOC_SECTIONS]; /* this pass */
};

/* A pango layout of text in the charts' font (plot_draw_layout), wrapped
 * at width (0: not wrapped). */
static PangoLayout *
layout(cairo_t *cr, const char *text, double size, bool bold, double width)
{
	PangoLayout *l = plot_draw_layout(cr, text, size, bold);

	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	if (width > 0)
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	return l;
}

/* The height text takes at width. */
static double
text_height(
    struct pdfw *w, const char *text, double size, bool bold, double width)
{
	PangoLayout *l = layout(w->cr, text, size, bold, width);
	int pw, ph;

	pango_layout_get_pixel_size(l, &pw, &ph);
	g_object_unref(l);
	return ph;
}

/* Draws text at (x, y); returns its height. */
static double
text_at(struct pdfw *w, const char *text, double size, bool bold, double x,
    double y, double width)
{
	PangoLayout *l = layout(w->cr, text, size, bold, width);
	int pw, ph;

	pango_layout_get_pixel_size(l, &pw, &ph);
	cairo_move_to(w->cr, x, y);
	pango_cairo_show_layout(w->cr, l);
	g_object_unref(l);
	return ph;
}

/* A paragraph at the margin, moving y down past it. */
static void
para(struct pdfw *w, const char *text, double size, bool bold, double after)
{
	w->y += text_at(w, text, size, bold, MARGIN, w->y, w->w - 2 * MARGIN) +
	    after;
}

static void
footer(struct pdfw *w)
{
	char num[64];

	if (w->page == 1)
		return;
	snprintf(
	    num, sizeof(num), w->doc->zh ? "第 %d 页" : "page %d", w->page);
	cairo_set_source_rgb(w->cr, 0.35, 0.35, 0.35);
	text_at(w, num, 8, false, w->w / 2 - 20, w->h - FOOT, 0);
	cairo_set_source_rgb(w->cr, 0, 0, 0);
}

/* Ends the page (its number at the foot) and starts one of size pw x ph. */
static void
new_page(struct pdfw *w, double pw, double ph)
{
	footer(w);
	cairo_show_page(w->cr);
	w->page++;
	w->w = pw;
	w->h = ph;
	cairo_pdf_surface_set_size(w->s, pw, ph);
	w->y = MARGIN;
}

/* Starts a new page of the same size when h more would not fit. */
static bool
need(struct pdfw *w, double h)
{
	if (w->y + h <= w->h - MARGIN)
		return false;
	new_page(w, w->w, w->h);
	return true;
}

static void
section(struct pdfw *w, int s)
{
	need(w, 60);
	w->seen[s] = w->page;
	w->y += 6;
	para(w, evaldoc_section_name(w->doc, s), 15, true, 8);
}

static void
title_page(struct pdfw *w)
{
	char title[256], day[16], line[128];
	const struct evaldoc *d = w->doc;

	evaldoc_title(d, title, sizeof(title));
	asof_day_text(d->at, day, sizeof(day));
	w->y = 200;
	if (evaldoc_plan_name(d) != NULL)
		para(w, evaldoc_plan_name(d), 16, false, 30);
	para(w, title, 28, true, 30);
	snprintf(line, sizeof(line), "%s%s%s", evaldoc_word(d, "asof"),
	    d->zh ? "：" : ": ", day);
	para(w, line, 12, false, 6);
	snprintf(line, sizeof(line), "%s%s%d–%d", evaldoc_word(d, "years"),
	    d->zh ? "：" : ": ", d->first_year, d->last_year);
	para(w, line, 12, false, 6);
	cairo_set_source_rgb(w->cr, 0.35, 0.35, 0.35);
	w->y = w->h - 120;
	para(w, evaldoc_word(d, "generated"), 9, false, 0);
	cairo_set_source_rgb(w->cr, 0, 0, 0);
}

static void
contents_page(struct pdfw *w)
{
	para(w, evaldoc_word(w->doc, "contents"), 18, true, 16);
	for (int s = 0; s < EVALDOC_SECTIONS; s++) {
		char num[16];
		double h;

		snprintf(num, sizeof(num), "%d", w->sec_page[s]);
		h = text_at(w, evaldoc_section_name(w->doc, s), 12, false,
		    MARGIN, w->y, 0);
		text_at(w, num, 12, false, w->w - MARGIN - 30, w->y, 0);
		w->y += h + 8;
	}
}

/* A filled badge: the status's colour, its symbol and its label. */
static double
badge(struct pdfw *w, enum status s, const char *label, double x, double y,
    double size)
{
	char text[160];
	PangoLayout *l;
	int pw, ph;
	unsigned r = 0, g = 0, b = 0;
	const char *fill = status_fill(s);

	snprintf(text, sizeof(text), "%s %s", status_symbol(s), label);
	l = layout(w->cr, text, size, true, 0);
	pango_layout_get_pixel_size(l, &pw, &ph);
	(void)sscanf(fill, "#%02x%02x%02x", &r, &g, &b);
	cairo_set_source_rgb(w->cr, r / 255.0, g / 255.0, b / 255.0);
	cairo_rectangle(w->cr, x, y, pw + 8, ph + 2);
	cairo_fill(w->cr);
	if (strcmp(status_text_on(fill), "#ffffff") == 0)
		cairo_set_source_rgb(w->cr, 1, 1, 1);
	else
		cairo_set_source_rgb(w->cr, 0, 0, 0);
	cairo_move_to(w->cr, x + 4, y + 1);
	pango_cairo_show_layout(w->cr, l);
	g_object_unref(l);
	cairo_set_source_rgb(w->cr, 0, 0, 0);
	return ph + 2;
}

static void
verdict_section(struct pdfw *w)
{
	const struct evaldoc *d = w->doc;
	char rule[512], n[32];
	double h;
	int total = 0;

	section(w, EVALDOC_SEC_VERDICT);
	h = text_at(w, evaldoc_word(d, "overall"), 12, true, MARGIN, w->y, 0);
	badge(w, d->overall,
	    explain_label(d->overall, d->overall_final,
		d->in->conf->judgement.vocabulary, d->locale),
	    MARGIN + 70, w->y, 12);
	w->y += h + 10;
	explain_rollup_rule(d->overall_final, d->in->conf->judgement.vocabulary,
	    d->locale, rule, sizeof(rule));
	para(w, rule, 9, false, 12);
	text_at(w, evaldoc_word(d, "category"), 10, true, MARGIN, w->y, 0);
	w->y += text_at(w, evaldoc_word(d, "count"), 10, true, MARGIN + 200,
		    w->y, 0) +
	    6;
	for (size_t k = 0; k < d->ncounts; k++) {
		need(w, 20);
		h = badge(w, d->counts[k].status, d->counts[k].label, MARGIN,
		    w->y, 10);
		snprintf(n, sizeof(n), "%d", d->counts[k].n);
		text_at(w, n, 10, false, MARGIN + 200, w->y, 0);
		total += d->counts[k].n;
		w->y += h + 5;
	}
	snprintf(n, sizeof(n), "%d", total);
	text_at(w, evaldoc_word(d, "total"), 10, true, MARGIN, w->y, 0);
	w->y += text_at(w, n, 10, true, MARGIN + 200, w->y, 0) + 10;
}

/* The table's column widths: a share of the page for each kind. */
static void
column_widths(const struct evaldoc *d, double avail, double *cw)
{
	static const double share[] = {[EVALDOC_COL_INDICATOR] = 2.2,
	    [EVALDOC_COL_UNIT] = 0.8,
	    [EVALDOC_COL_BASELINE] = 1.0,
	    [EVALDOC_COL_TARGET] = 2.2,
	    [EVALDOC_COL_ACTUAL] = 1.0,
	    [EVALDOC_COL_GROWTH] = 1.0,
	    [EVALDOC_COL_VERDICT] = 1.4,
	    [EVALDOC_COL_OWNER] = 1.2,
	    [EVALDOC_COL_NOTE] = 2.0,
	    [EVALDOC_COL_NATURE] = 0.8,
	    [EVALDOC_COL_ANNUAL] = 1.0};
	double sum = 0;

	for (size_t c = 0; c < d->ncols; c++)
		sum += share[d->cols[c].what];
	for (size_t c = 0; c < d->ncols; c++)
		cw[c] = avail * share[d->cols[c].what] / sum;
}

#define CELL_PAD 3.0
#define CELL_FONT 7.0

/* One row of cells (the heading when row is SIZE_MAX), ruled below. */
static void
table_row(struct pdfw *w, size_t row, const double *cw)
{
	const struct evaldoc *d = w->doc;
	char cell[EVALDOC_COLS_MAX][1024];
	double h = 0, x = MARGIN;
	bool head = row == (size_t)-1;

	for (size_t c = 0; c < d->ncols; c++) {
		double ch;

		if (head)
			evaldoc_head(d, c, cell[c], sizeof(cell[c]));
		else
			evaldoc_text(d, row, c, cell[c], sizeof(cell[c]));
		ch = text_height(
		    w, cell[c], CELL_FONT, head, cw[c] - 2 * CELL_PAD);
		h = ch > h ? ch : h;
	}
	h += 2 * CELL_PAD;
	if (head) {
		cairo_set_source_rgb(w->cr, 0.92, 0.92, 0.92);
		cairo_rectangle(w->cr, MARGIN, w->y, w->w - 2 * MARGIN, h);
		cairo_fill(w->cr);
		cairo_set_source_rgb(w->cr, 0, 0, 0);
	}
	for (size_t c = 0; c < d->ncols; c++) {
		text_at(w, cell[c], CELL_FONT, head, x + CELL_PAD,
		    w->y + CELL_PAD, cw[c] - 2 * CELL_PAD);
		x += cw[c];
	}
	w->y += h;
	cairo_set_line_width(w->cr, 0.4);
	cairo_move_to(w->cr, MARGIN, w->y);
	cairo_line_to(w->cr, w->w - MARGIN, w->y);
	cairo_stroke(w->cr);
}

static void
table_section(struct pdfw *w)
{
	const struct evaldoc *d = w->doc;
	double cw[EVALDOC_COLS_MAX];

	new_page(w, A4_H, A4_W);
	section(w, EVALDOC_SEC_TABLE);
	column_widths(d, w->w - 2 * MARGIN, cw);
	for (size_t ch = 0; ch < d->nchapters; ch++) {
		need(w, 80);
		w->y += 4;
		para(w,
		    d->chapters[ch][0] != '\0' ? d->chapters[ch]
					       : evaldoc_word(d, "no_chapter"),
		    11, true, 4);
		table_row(w, (size_t)-1, cw);
		for (size_t r = 0; r < d->nrows; r++) {
			if (d->rows[r].chapter != ch)
				continue;
			if (need(w, 40))
				table_row(w, (size_t)-1, cw);
			table_row(w, r, cw);
		}
	}
}

/* The chart of a row, as vectors, scaled to the text's width. */
static void
row_chart(struct pdfw *w, size_t row)
{
	const struct evaldoc *d = w->doc;
	const struct config *c = d->in->conf;
	const struct indicator_conf *ic = &c->indicators[d->rows[row].ind];
	const struct target_conf *t = &ic->targets[d->rows[row].tgt];
	struct plot_input in = {.view = PLOT_PLAN,
	    .ind = ic,
	    .target = t,
	    .j = &d->in->j[d->rows[row].ind][d->rows[row].tgt],
	    .obs = &d->in->obs[d->rows[row].ind],
	    .rates = t->kind == TARGET_GROWTH && t->rate_indicator != NULL
		? &d->in->obs[t->rate_indicator_index]
		: NULL,
	    .quantity = ic->quantity,
	    .figures = ic->figures,
	    .source = ic->source,
	    .plan_name = evaldoc_plan_name(d),
	    .locale = d->locale,
	    .width = CHART_W,
	    .height = CHART_H};
	struct plot_note notes[PLOT_NOTES_MAX];
	struct plot p;
	double scale = (w->w - 2 * MARGIN) / CHART_W;

	/* The same numbers as the row's note cell. */
	in.nnotes = plot_notes_take(
	    d->in->notes != NULL ? &d->in->notes[d->rows[row].ind] : NULL,
	    notes, PLOT_NOTES_MAX);
	in.notes = notes;
	if (plot_build(&in, &p) != 0)
		return;
	need(w, CHART_H * scale + 10);
	cairo_save(w->cr);
	cairo_translate(w->cr, MARGIN, w->y);
	cairo_scale(w->cr, scale, scale);
	/* plot_draw paints its background over the whole clip: the chart's
	 * own rectangle, not the page's words above it. */
	cairo_rectangle(w->cr, 0, 0, CHART_W, CHART_H);
	cairo_clip(w->cr);
	plot_draw(&p, w->cr);
	cairo_restore(w->cr);
	w->y += CHART_H * scale + 14;
	plot_free(&p);
}

static void
behind_section(struct pdfw *w)
{
	const struct evaldoc *d = w->doc;
	char name[512], why[2048], line[2600];

	new_page(w, A4_W, A4_H);
	section(w, EVALDOC_SEC_BEHIND);
	if (d->nbehind == 0)
		para(w, evaldoc_word(d, "none_behind"), 10, false, 10);
	for (size_t b = 0; b < d->nbehind; b++) {
		size_t r = d->behind[b];
		const struct judgement *j =
		    &d->in->j[d->rows[r].ind][d->rows[r].tgt];

		evaldoc_text(d, r, 0, name, sizeof(name));
		evaldoc_explain(d, r, why, sizeof(why));
		snprintf(line, sizeof(line), "%zu. %s", b + 1, name);
		need(w, 60);
		w->y += text_at(w, line, 11, true, MARGIN, w->y, 0) + 3;
		w->y += badge(w, j->status,
			    explain_status_of(
				&d->in->conf->indicators[d->rows[r].ind]
				     .targets[d->rows[r].tgt],
				j, d->locale),
			    MARGIN, w->y, 9) +
		    4;
		para(w, why, 9.5, false, 6);
		row_chart(w, r);
		/* What the chart's numbered marks are. */
		evaldoc_row_notes(d, r, why, sizeof(why));
		if (why[0] != '\0') {
			snprintf(line, sizeof(line), "%s%s",
			    d->zh ? "注记：" : "Notes: ", why);
			para(w, line, 9, false, 10);
		}
	}
}

static void
notes_section(struct pdfw *w)
{
	const struct evaldoc *d = w->doc;
	const struct config *c = d->in->conf;
	time_t since = evaldoc_previous(d);
	char note[2048];

	section(w, EVALDOC_SEC_NOTES);
	for (size_t i = 0; i < c->nindicators; i++) {
		const char *name = indicator_name(&c->indicators[i], d->locale);

		if (!evaldoc_has_indicator(d, i))
			continue;
		evaldoc_note(d, i, since, note, sizeof(note));
		need(w,
		    14 +
			text_height(
			    w, note, 8.5, false, w->w - 2 * MARGIN - 10));
		w->y += text_at(w, name != NULL ? name : c->indicators[i].id,
			    9.5, true, MARGIN, w->y, 0) +
		    1;
		w->y += text_at(w, note, 8.5, false, MARGIN + 10, w->y,
			    w->w - 2 * MARGIN - 10) +
		    6;
	}
}

static void
draw_document(struct pdfw *w)
{
	title_page(w);
	new_page(w, A4_W, A4_H);
	contents_page(w);
	new_page(w, A4_W, A4_H);
	verdict_section(w);
	table_section(w);
	behind_section(w);
	notes_section(w);
	footer(w);
	cairo_show_page(w->cr);
}

static cairo_status_t
to_buf(void *closure, const unsigned char *data, unsigned int length)
{
	if (closure == NULL)
		return CAIRO_STATUS_SUCCESS;
	return buf_add(closure, data, length) == 0 ? CAIRO_STATUS_SUCCESS
						   : CAIRO_STATUS_WRITE_ERROR;
}

/* One pass: the document into out (NULL: thrown away). */
static int
one_pass(struct pdfw *w, struct buf *out, char *err, size_t errlen)
{
	char date[32], title[256];
	cairo_status_t st;

	w->s = cairo_pdf_surface_create_for_stream(to_buf, out, A4_W, A4_H);
	w->cr = cairo_create(w->s);
	w->w = A4_W;
	w->h = A4_H;
	w->page = 1;
	w->y = MARGIN;
	/* The creation date is the as-of date: no clock in the bytes. */
	asof_day_text(w->doc->at, date, sizeof(date));
	strncat(date, "T00:00:00Z", sizeof(date) - strlen(date) - 1);
	cairo_pdf_surface_set_metadata(
	    w->s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(w->s, CAIRO_PDF_METADATA_MOD_DATE, date);
	evaldoc_title(w->doc, title, sizeof(title));
	cairo_pdf_surface_set_metadata(w->s, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(
	    w->s, CAIRO_PDF_METADATA_CREATOR, "planwatch");
	draw_document(w);
	st = cairo_status(w->cr);
	cairo_destroy(w->cr);
	cairo_surface_finish(w->s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(w->s);
	cairo_surface_destroy(w->s);
	if (st != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "writing the PDF: %s",
		    cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

int
evaldoc_pdf(
    const struct evaldoc *doc, struct buf *out, char *err, size_t errlen)
{
	struct pdfw w = {.doc = doc};

	buf_reset(out);
	if (one_pass(&w, NULL, err, errlen) != 0)
		return -1;
	memcpy(w.sec_page, w.seen, sizeof(w.sec_page));
	return one_pass(&w, out, err, errlen);
}
