/*
 * entered_cmd: planwatch set, a value a person enters, with their name.
 */
#ifndef PLANWATCH_ENTERED_CMD_H
#define PLANWATCH_ENTERED_CMD_H

#include "config.h"

/*
 * set <id> <period> <value> --source TEXT --by NAME [--note TEXT]: 0, 1
 * when refused or not written, 2 on a usage error.
 */
int set_command(const struct config *c, int argc, char **argv);

#endif
