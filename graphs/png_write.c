/*
 * png_write: libpng driven directly (png_write.h).  libpng reports errors
 * by longjmp; everything the jump may skip is freed after it.
 */
#include <stdint.h>
#include <stdlib.h>

#include <png.h>

#include "png_write.h"

_Static_assert(PNG_WRITE_FILTERS == PNG_FILTER_NONE, "libpng's value");

static void
write_buf(png_structp png, png_bytep data, size_t length)
{
	if (buf_add(png_get_io_ptr(png), data, length) != 0)
		png_error(png, "too large");
}

static void
flush_none(png_structp png)
{
	(void)png;
}

/* One row of cairo's xRGB words (native endian) as R, G, B bytes. */
static void
row_rgb(const uint32_t *src, int width, unsigned char *dst)
{
	for (int x = 0; x < width; x++) {
		uint32_t p = src[x];

		*dst++ = (unsigned char)(p >> 16);
		*dst++ = (unsigned char)(p >> 8);
		*dst++ = (unsigned char)p;
	}
}

int
png_write_surface(cairo_surface_t *s, int filters, int level, struct buf *out)
{
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *data = cairo_image_surface_get_data(s);
	unsigned char *volatile row = malloc((size_t)w * 3 + 1);
	png_structp png;
	png_infop info = NULL;

	buf_reset(out);
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	if (row == NULL || png == NULL || data == NULL ||
	    (info = png_create_info_struct(png)) == NULL ||
	    setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		free(row);
		return -1;
	}
	png_set_write_fn(png, out, write_buf, flush_none);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
	    PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
	    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, filters);
	png_set_compression_level(png, level);
	png_write_info(png, info);
	for (int y = 0; y < h; y++) {
		row_rgb((const uint32_t *)(const void *)(data +
			    (size_t)y * (size_t)stride),
		    w, row);
		png_write_row(png, row);
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(row);
	return 0;
}
