/*
 * silence_cmd: `planwatch silence add|list|remove`, the administrator's
 * side of silence.h.
 */
#ifndef PLANWATCH_SILENCE_CMD_H
#define PLANWATCH_SILENCE_CMD_H

#include "config.h"

/* argv: what follows "silence".  0, 1 on an error, 2 on a usage error. */
int silence_command(const struct config *c, int argc, char **argv);

#endif
