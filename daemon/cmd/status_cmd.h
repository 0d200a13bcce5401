/*
 * status_cmd: `planwatch status` asks the running daemon (its HTTP API,
 * GET /api/v1/status on `listen`) and prints its collectors, their last
 * fetches and failures, the queues and the outbox.
 */
#ifndef PLANWATCH_STATUS_CMD_H
#define PLANWATCH_STATUS_CMD_H

#include "config.h"

/* 0 when the daemon answered, 1 when it did not, 2 on a usage error. */
int status_command(const struct config *c, int argc, char **argv);

#endif
