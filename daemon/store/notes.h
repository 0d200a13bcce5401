/*
 * notes: an indicator's notes file, <data_dir>/<id>.notes, append-only,
 * one JSON object a line (docs/storage.md):
 *   {"op":"add","nid":1,"from":"2022","to":"2022","text":"...","by":"...",
 *    "at":"2026-12-08T01:02:03Z"}
 *   {"op":"remove","nid":1,"by":"...","at":"..."}
 * Nothing is rewritten, so a note's history stays: who added it, who
 * removed it, when.  A line is written whole, then fsynced; one writer
 * (the daemon's worker, or the CLI holding the data directory's lock).
 */
#ifndef PLANWATCH_NOTES_H
#define PLANWATCH_NOTES_H

#include <stddef.h>
#include <time.h>

#include "note.h"
#include "period.h"

/* The largest notes file read, and the longest line. */
#define NOTES_FILE_MAX (4u << 20)
#define NOTES_LINE_MAX 4096

/* "<dir>/<id>.notes" into buf. */
void notes_path(const char *dir, const char *id, char *buf, size_t len);
/*
 * Reads the text of a notes file named name (for messages) into l, its
 * periods of frequency freq.  A last line without its newline is a torn
 * append, left out.  -1 with "name:line: message" on the first bad line
 * (l then cleared).
 */
int notes_parse(const char *name, const char *buf, size_t len, enum freq freq,
    struct note_list *l, char *err, size_t errlen);
/* notes_parse of the file at path; a missing file is no notes. */
int notes_load(const char *path, enum freq freq, struct note_list *l, char *err,
    size_t errlen);
/*
 * Parses a span "P" or "P..Q" in frequency freq (from <= to); -1 with
 * why.
 */
int notes_span_parse(const char *text, enum freq freq, struct period *from,
    struct period *to, char *err, size_t errlen);
/*
 * Adds a note over from..to to the file at path, whose notes are l (as
 * loaded), and to l; its nid into *nid.  The texts are checked
 * (note_check_text); -1 with why, nothing written.
 */
int notes_add(const char *path, struct note_list *l, const struct period *from,
    const struct period *to, const char *text, const char *by, time_t at,
    unsigned *nid, char *err, size_t errlen);
/*
 * Removes the live note nid from the file at path, whose notes are l, and
 * in l; -1 with "no such note N" / "note N is already removed" / why.
 */
int notes_remove(const char *path, struct note_list *l, unsigned nid,
    const char *by, time_t at, char *err, size_t errlen);
/* "2026-12-08T01:02:03Z" into buf (at least 21 bytes). */
void notes_time_format(time_t t, char *buf, size_t len);

#endif
