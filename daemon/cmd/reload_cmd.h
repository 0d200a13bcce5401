/*
 * reload_cmd: `planwatch reload [--pidfile PATH]` asks the running daemon
 * to read its configuration again, then waits for the outcome.
 */
#ifndef PLANWATCH_RELOAD_CMD_H
#define PLANWATCH_RELOAD_CMD_H

#include "config.h"

/*
 * 0 when the daemon applied the configuration (or, without an HTTP
 * server to ask, when the signal was sent), 1 when it refused it or
 * could not be asked, 2 on a usage error.
 */
int reload_command(const struct config *c, int argc, char **argv);

#endif
