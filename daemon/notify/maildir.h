/*
 * maildir: the transport that writes each message as one file of a
 * Maildir (tmp/ then rename into new/), for demos, tests and sites that
 * pick mail up with their own tools.  Blocking I/O: the worker calls it.
 */
#ifndef PLANWATCH_MAILDIR_H
#define PLANWATCH_MAILDIR_H

#include <stddef.h>

/* Delivers msg into the Maildir at dir, creating it if needed. */
int maildir_deliver(
    const char *dir, const char *msg, size_t len, char *err, size_t errlen);

#endif
