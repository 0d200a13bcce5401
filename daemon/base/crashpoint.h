/*
 * crashpoint: for the crash tests only.  When the environment variable
 * PLANWATCH_TEST_CRASH names a point, the process ends there at once,
 * as kill -9 would (no clean-up, no flush): the tests then restart it and
 * check that nothing due was lost and nothing was sent twice.  Unset (in
 * every real use), a point costs one getenv.
 */
#ifndef PLANWATCH_CRASHPOINT_H
#define PLANWATCH_CRASHPOINT_H

/* Ends the process with status 137 when PLANWATCH_TEST_CRASH is name. */
void crashpoint(const char *name);

#endif
