/*
 * plot_file: cairo surfaces written to memory.  The SVG surface names no
 * title; the chart's title and description are put right after the
 * opening <svg> tag, with role="img", which is where screen readers and
 * browsers look for an image's accessible name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-svg.h>
#include <cairo.h>

#include "html_text.h"
#include "plot_draw.h"
#include "plot_file.h"
#include "png_write.h"

static cairo_status_t
to_buf(void *closure, const unsigned char *data, unsigned int length)
{
	return buf_add(closure, data, length) == 0 ? CAIRO_STATUS_SUCCESS
						   : CAIRO_STATUS_WRITE_ERROR;
}

/* The surface's error, or the drawing's, in err; 0 when none. */
static int
cairo_failed(
    cairo_surface_t *s, cairo_t *cr, const char *what, char *err, size_t errlen)
{
	cairo_status_t st =
	    cr != NULL ? cairo_status(cr) : CAIRO_STATUS_SUCCESS;

	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	if (st == CAIRO_STATUS_SUCCESS)
		return 0;
	snprintf(err, errlen, "%s: %s", what, cairo_status_to_string(st));
	return -1;
}

int
plot_png(const struct plot *p, double scale, struct buf *out, char *err,
    size_t errlen)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
	    (int)(p->width * scale + 0.5), (int)(p->height * scale + 0.5));
	cairo_t *cr = cairo_create(s);
	int rc;

	buf_reset(out);
	cairo_scale(cr, scale, scale);
	plot_draw(p, cr);
	rc = cairo_failed(s, cr, "drawing the chart", err, errlen);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	if (rc == 0 &&
	    png_write_surface(s, PNG_WRITE_FILTERS, PNG_WRITE_LEVEL, out) !=
		0) {
		snprintf(err, errlen, "writing the PNG: %s",
		    buf_len(out) >= out->max ? "too large" : "out of memory");
		rc = -1;
	}
	cairo_surface_destroy(s);
	return rc;
}

/* s escaped for XML text, malloc'd; NULL on ENOMEM. */
static char *
xml_text(const char *s)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (f == NULL)
		return NULL;
	html_escape(f, s);
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* Puts role, <title> and <desc> into the opening <svg> tag of raw. */
static int
svg_accessible(const struct plot *p, const struct buf *raw, struct buf *out)
{
	const char *svg = strstr(buf_str(raw), "<svg"), *end;
	char *title = xml_text(p->title), *desc = xml_text(p->description);
	int rc = -1;

	if (svg != NULL && (end = strchr(svg, '>')) != NULL && title != NULL &&
	    desc != NULL) {
		size_t head = (size_t)(end - buf_str(raw));

		rc = buf_add(out, buf_str(raw), head) |
		    buf_addf(out,
			" role=\"img\" aria-labelledby=\"t d\">"
			"<title id=\"t\">%s</title><desc id=\"d\">%s</desc>",
			title, desc) |
		    buf_adds(out, end + 1);
	}
	free(title);
	free(desc);
	return rc == 0 ? 0 : -1;
}

int
plot_svg(const struct plot *p, struct buf *out, char *err, size_t errlen)
{
	struct buf raw;
	cairo_surface_t *s;
	cairo_t *cr;
	int rc;

	buf_init(&raw, out->max);
	buf_reset(out);
	s = cairo_svg_surface_create_for_stream(
	    to_buf, &raw, p->width, p->height);
	cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PX);
	cr = cairo_create(s);
	plot_draw(p, cr);
	rc = cairo_failed(s, cr, "drawing the chart", err, errlen);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (rc == 0)
		rc = cairo_failed(s, NULL, "writing the SVG", err, errlen);
	cairo_surface_destroy(s);
	if (rc == 0 && svg_accessible(p, &raw, out) != 0) {
		snprintf(err, errlen, "writing the SVG: out of memory");
		rc = -1;
	}
	buf_free(&raw);
	return rc;
}
