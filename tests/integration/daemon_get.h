/*
 * daemon_get: GET a path from a planwatch daemon started by a test, on
 * the port its log says it listens on (libcurl).  Uses cmocka's
 * assertions: include after <cmocka.h>.
 */
#ifndef PLANWATCH_DAEMON_GET_H
#define PLANWATCH_DAEMON_GET_H

/*
 * Waits (10 s at most) for "listening on 127.0.0.1:<port>" in the file
 * log, then GETs path there; the body, to free.  Fails the test when the
 * daemon never listens or the request fails.
 */
char *daemon_get(const char *log, const char *path);

#endif
