/*
 * note: the notes on an indicator's record as data ("2022: pandemic
 * closures" on one period or a span of periods), each with who added it
 * and when, and who removed it and when if it was.  The store reads and
 * appends them (store/notes.c); pages, charts and documents show the live
 * ones.  Pure: no I/O.
 */
#ifndef PLANWATCH_NOTE_H
#define PLANWATCH_NOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "period.h"

/* Caps, in bytes without the NUL: a note is a line, not a report. */
#define NOTE_TEXT_MAX 500
#define NOTE_BY_MAX 100

struct note {
	unsigned nid; /* 1, 2, ...: never reused */
	struct period from, to; /* from <= to, the indicator's frequency */
	char *text, *by; /* heap copies */
	time_t at;
	bool removed;
	char *removed_by; /* heap copy, or NULL */
	time_t removed_at;
};

/* An indicator's notes, by nid (the order they were added). */
struct note_list {
	struct note *v;
	size_t n, cap;
};

/* Frees every note's texts and the array; l is then empty. */
void note_list_clear(struct note_list *l);
/* The note nid, or NULL. */
struct note *note_list_find(const struct note_list *l, unsigned nid);
/* The nid the next note takes. */
unsigned note_list_next_nid(const struct note_list *l);
/*
 * Appends a copy of n (its texts copied); -1 when out of memory, l then
 * unchanged.
 */
int note_list_push(struct note_list *l, const struct note *n);
/* The live notes (not removed). */
size_t note_list_live(const struct note_list *l);
/* True when note n is live and covers period p (its span holds p's end). */
bool note_covers(const struct note *n, const struct period *p);
/*
 * True when note n is live and its span meets the years first..last (a
 * document's years).
 */
bool note_in_years(const struct note *n, int first, int last);
/* "2022" or "2021..2022" into buf. */
void note_span(const struct note *n, char *buf, size_t len);
/*
 * Checks a note's text or author: not empty, at most max bytes, no
 * control character; -1 with why ("empty", "over 500 bytes", ...).
 */
int note_check_text(const char *s, size_t max, char *err, size_t errlen);

#endif
