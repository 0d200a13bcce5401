/*
 * html_notes: an indicator's notes on its page: the "注记 / Notes" list
 * and the marks beside each period of the value table, numbered by nid as
 * the chart and the documents number them.  The text is shown as written,
 * in every language.
 */
#ifndef PLANWATCH_HTML_NOTES_H
#define PLANWATCH_HTML_NOTES_H

#include <stdbool.h>
#include <stdio.h>

#include "note.h"

/*
 * The page's list of the live notes (nothing when none): a heading,
 * then "[N] 2021..2022: text (by, day)" per note.
 */
void html_notes_list(FILE *out, const struct note_list *l, bool zh);
/* The marks of the live notes over period p: " [1][3]", or nothing. */
void html_notes_marks(
    FILE *out, const struct note_list *l, const struct period *p);
#endif
