/*
 * status_style: the palette, the symbols and the contrast arithmetic of
 * WCAG 2.1 (relative luminance of sRGB), in one place (status_style.h).
 */
#include <math.h>
#include <string.h>

#include "status_style.h"

/*
 * Each status's symbol, so that it reads without its colour: crosses and
 * downward marks for what is wrong, a tick and upward marks for what is
 * well, a star for a target reached.
 */
static const char *const symbols[STATUS_COUNT] = {
    [STATUS_NOT_MET] = "✗",
    [STATUS_BREACH] = "⊘",
    [STATUS_REGRESSING] = "↓",
    [STATUS_OFF_TRACK] = "▼",
    [STATUS_AT_RISK] = "!",
    [STATUS_NEARLY_MET] = "≈",
    [STATUS_ON_TRACK] = "✓",
    [STATUS_AHEAD] = "▲",
    [STATUS_MET] = "★",
    [STATUS_NO_DATA] = "–",
    [STATUS_FEED_ERROR] = "?",
};

const char *
status_symbol(enum status s)
{
	return (unsigned)s < STATUS_COUNT ? symbols[s] : "?";
}

const char *
status_fill(enum status s)
{
	switch (s) {
	case STATUS_NOT_MET:
	case STATUS_BREACH:
	case STATUS_REGRESSING:
	case STATUS_OFF_TRACK:
		return "#D55E00";
	case STATUS_AT_RISK:
	case STATUS_NEARLY_MET:
		return "#E69F00";
	case STATUS_ON_TRACK:
	case STATUS_AHEAD:
		return "#009E73";
	case STATUS_MET:
		return "#0072B2";
	default:
		return "#999999";
	}
}

static double
linear(unsigned v)
{
	double c = v / 255.0;

	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

/* The relative luminance of "#rrggbb", or -1. */
static double
luminance(const char *hex)
{
	unsigned r, g, b;

	if (hex == NULL || strlen(hex) != 7 ||
	    sscanf(hex, "#%2x%2x%2x", &r, &g, &b) != 3)
		return -1;
	return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

double
status_contrast(const char *a, const char *b)
{
	double la = luminance(a), lb = luminance(b);

	if (la < 0 || lb < 0)
		return 0;
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

const char *
status_text_on(const char *fill)
{
	return status_contrast("#FFFFFF", fill) >= STATUS_CONTRAST_AA
	    ? "#FFFFFF"
	    : "#000000";
}

void
status_style_css(FILE *out, const char *prefix)
{
	for (int s = 0; s < STATUS_COUNT; s++) {
		const char *bg = status_fill((enum status)s);

		fprintf(out, "%s%s{background:%s;color:%s}", prefix,
		    status_name((enum status)s), bg, status_text_on(bg));
	}
}
