/*
 * obs_mark: what a feed says of a value (published, illustrative,
 * estimated, provisional, entered), read from a word or an SDMX status code.
 * The text is outside input: it is compared against a short table and never
 * kept, so an unknown, overlong or non-UTF-8 word costs nothing but the
 * mark (unstated).
 */
#include <string.h>

#include "obs.h"

static const char *const mark_names[OBS_MARK_COUNT] = {
    [OBS_MARK_UNSTATED] = "unstated",
    [OBS_MARK_PUBLISHED] = "published",
    [OBS_MARK_ILLUSTRATIVE] = "illustrative",
    [OBS_MARK_ESTIMATED] = "estimated",
    [OBS_MARK_PROVISIONAL] = "provisional",
    [OBS_MARK_ENTERED] = "entered",
};

/* Words and codes feeds use, each with its mark. */
static const struct {
	const char *word;
	enum obs_mark mark;
} mark_words[] = {
    {"published", OBS_MARK_PUBLISHED},
    {"illustrative", OBS_MARK_ILLUSTRATIVE},
    {"estimated", OBS_MARK_ESTIMATED},
    {"provisional", OBS_MARK_PROVISIONAL},
    {"entered", OBS_MARK_ENTERED},
    /* SDMX CL_OBS_STATUS (and Eurostat's lower-case flags) */
    {"a", OBS_MARK_PUBLISHED},
    {"e", OBS_MARK_ESTIMATED},
    {"p", OBS_MARK_PROVISIONAL},
};

const char *
obs_mark_name(enum obs_mark m)
{
	if ((unsigned)m >= OBS_MARK_COUNT)
		return mark_names[OBS_MARK_UNSTATED];
	return mark_names[m];
}

enum obs_mark
obs_mark_parse(const char *text, size_t len)
{
	char word[OBS_MARK_WORD_MAX + 1];

	if (text == NULL || len == 0 || len > OBS_MARK_WORD_MAX)
		return OBS_MARK_UNSTATED;
	/* Lower-cased ASCII letters only: any other byte is no word. */
	for (size_t i = 0; i < len; i++) {
		char c = text[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c < 'a' || c > 'z')
			return OBS_MARK_UNSTATED;
		word[i] = c;
	}
	word[len] = '\0';
	for (size_t i = 0; i < sizeof(mark_words) / sizeof(mark_words[0]); i++)
		if (strcmp(word, mark_words[i].word) == 0)
			return mark_words[i].mark;
	return OBS_MARK_UNSTATED;
}

enum obs_mark
obs_mark_of(const char *text)
{
	return text == NULL
	    ? OBS_MARK_UNSTATED
	    : obs_mark_parse(text, strnlen(text, OBS_MARK_WORD_MAX + 1));
}
