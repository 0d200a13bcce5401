/*
 * notes_view: an indicator's notes (note.h) as people and programs see
 * them, the same everywhere: the API's "notes" list and the text a
 * document's note cell takes (the indicator page's: html_notes.h).  A note's
 * text is shown as written, in every language.  Pure.
 */
#ifndef PLANWATCH_NOTES_VIEW_H
#define PLANWATCH_NOTES_VIEW_H

#include <stddef.h>

#include <jansson.h>

#include "note.h"

/* [{nid, from, to, text, by, at}] of the live notes; NULL on ENOMEM. */
json_t *notes_view_json(const struct note_list *l);
/*
 * Appends to buf (of len bytes, holding a string) the live notes that
 * meet the years first..last: "[1] 2022: text" each, after "; " when buf
 * is not empty.
 */
void notes_view_cell(
    const struct note_list *l, int first, int last, char *buf, size_t len);

#endif
