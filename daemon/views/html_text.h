/*
 * html_text: what every HTML text of planwatch shares, the dashboard's
 * pages and the e-mail digests alike: escaping of text that came from the
 * configuration or a feed, a target in a few words, and the colour of
 * each status (the charts' colours, so that a badge and a line agree).
 */
#ifndef PLANWATCH_HTML_TEXT_H
#define PLANWATCH_HTML_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include "target.h"

/* Writes s with &, <, >, " and ' escaped; NULL writes nothing. */
void html_escape(FILE *out, const char *s);
/*
 * The head of an HTML e-mail (the digest, the scheduled report): doctype,
 * language, viewport and the body's one style, so every mail planwatch
 * sends looks alike in a mail client.
 */
void html_mail_head(FILE *out, bool zh);
/* A status badge: its colour (class) by s, its words by label. */
void html_badge(FILE *out, enum status s, const char *label);
/* Writes target t in a few words: "≥ 1500 (2025)", "增长 ≥ 6 %", "≤ 5". */
void html_target_words(FILE *out, const struct target_conf *t, bool zh);
/* A status badge with its style inline (mail clients drop style sheets):
 * the fill, the text colour that reaches AA on it, the symbol, the words;
 * small: 12 px. */
void html_mail_badge(FILE *out, enum status s, const char *label, bool small);

#endif
