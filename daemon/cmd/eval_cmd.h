/*
 * eval_cmd: `planwatch eval [--json] [--at DATE] [--known-at DATE] [--plan
 * ID]`, every
 * target's status from stored data, with counts per chapter and owner.
 */
#ifndef PLANWATCH_EVAL_CMD_H
#define PLANWATCH_EVAL_CMD_H

#include <stdbool.h>

#include "asof.h"
#include "config.h"

/*
 * eval's own options (the arguments after "eval"): --json, --at DATE,
 * --known-at DATE, --plan ID (*plan, NULL when not given; checked by
 * eval_command).  0, or -1 after saying what is wrong on stderr.
 */
int eval_options(
    int argc, char **argv, bool *json, struct asof *as, const char **plan);
/*
 * Prints the statuses as of as (its findings filled in), counting the
 * targets of plan (an id of plans:; NULL: the plan shown at as's date);
 * 0, or 1.
 */
int eval_command(
    const struct config *c, struct asof *as, bool json, const char *plan);

#endif
