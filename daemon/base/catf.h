/*
 * catf: printf appended to a fixed array, cut at its end.  Messages and
 * sentences are built in a few calls into a caller's buffer (err, a
 * sentence of explain); this is the one way to do it, so no call site
 * does its own offset arithmetic.
 */
#ifndef PLANWATCH_CATF_H
#define PLANWATCH_CATF_H

#include <stddef.h>

/*
 * Appends printf output to buf at *off and advances *off; never writes
 * past len, always leaves buf NUL-terminated, and once buf is full the
 * rest is dropped (*off stops at len - 1).
 */
void catf(char *buf, size_t len, size_t *off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
