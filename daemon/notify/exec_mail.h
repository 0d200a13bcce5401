/*
 * exec_mail: the transport that hands each message to a program of the
 * administrator's (a sendmail, a chat bridge): argv as configured, run
 * directly (never through a shell), the whole message on its standard
 * input; exit status 0 is acceptance.  Blocking: the worker calls it, and
 * it ends within the timeout whatever the program does.
 */
#ifndef PLANWATCH_EXEC_MAIL_H
#define PLANWATCH_EXEC_MAIL_H

#include <stddef.h>

/* 0 when the program took msg and exited 0; -1 with err otherwise. */
int exec_deliver(char *const *args, size_t nargs, const char *msg, size_t len,
    double timeout, char *err, size_t errlen);

#endif
