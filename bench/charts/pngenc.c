/*
 * pngenc: reads a PNG back with libpng's simplified API (pngenc.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

#include "pngenc.h"

/* One row of xRGB words (native endian) as R, G, B bytes. */
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

bool
pngenc_same(cairo_surface_t *s, const struct buf *png)
{
	png_image img = {.version = PNG_IMAGE_VERSION};
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *data = cairo_image_surface_get_data(s);
	unsigned char *rgb, *want;
	bool same;

	if (!png_image_begin_read_from_memory(&img, buf_str(png), buf_len(png)))
		return false;
	img.format = PNG_FORMAT_RGB;
	rgb = malloc(PNG_IMAGE_SIZE(img));
	want = malloc((size_t)w * 3);
	same = rgb != NULL && want != NULL && (int)img.width == w &&
	    (int)img.height == h &&
	    png_image_finish_read(&img, NULL, rgb, 0, NULL);
	for (int y = 0; same && y < h; y++) {
		row_rgb((const uint32_t *)(const void *)(data +
			    (size_t)y * (size_t)stride),
		    w, want);
		same = memcmp(rgb + (size_t)y * (size_t)w * 3, want,
			   (size_t)w * 3) == 0;
	}
	png_image_free(&img);
	free(rgb);
	free(want);
	return same;
}
