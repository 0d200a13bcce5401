/*
 * stamp: a 64-bit digest of everything an output was made from, and the
 * small file that keeps it beside the output.  An output whose inputs
 * digest to what its stamp file says need not be made again; any doubt
 * (no file, a short or garbled one, another digest) means make it again.
 * The digest is FNV-1a over a canonical stream: each field fed with its
 * kind and length, so that ("ab", "c") and ("a", "bc") differ and the
 * same fields in the same order always give the same digest.
 */
#ifndef PLANWATCH_STAMP_H
#define PLANWATCH_STAMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct stamp {
	uint64_t h;
};

/* A stamp file's bytes: "planwatch-stamp <16 hex digits>\n". */
#define STAMP_FILE_LEN 33

/* Starts a digest. */
void stamp_init(struct stamp *s);
/* Feeds len bytes, their length first. */
void stamp_bytes(struct stamp *s, const void *p, size_t len);
/* Feeds a string; NULL is fed as unlike any string (even ""). */
void stamp_str(struct stamp *s, const char *v);
/* Feeds an integer (any signed or unsigned up to 64 bits). */
void stamp_int(struct stamp *s, int64_t v);
/* Feeds a double by its bits; every NaN alike, -0 apart from 0. */
void stamp_double(struct stamp *s, double v);
/* Feeds another digest (a part made elsewhere). */
void stamp_fold(struct stamp *s, uint64_t part);

/* Whether the file at path holds exactly digest's stamp (false on any
 * error, a wrong size or other bytes: never trusted further). */
bool stamp_file_matches(const char *path, uint64_t digest);
/* Removes path's stamp before its outputs are made again: a crash
 * between leaves no stamp, so the outputs are made again next time. 0, or
 * -1 with err (a missing file is no error). */
int stamp_file_remove(const char *path, char *err, size_t errlen);
/* Writes digest's stamp to path, whole (fsutil_write_replace, fsynced
 * with sync); 0 or -1 with err. */
int stamp_file_write(
    const char *path, uint64_t digest, bool sync, char *err, size_t errlen);

#endif
