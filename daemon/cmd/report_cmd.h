/*
 * report_cmd: `planwatch report annual --year Y | midterm | final [--out
 * DIR]`, the plan office's documents (views/evaldoc.h) as PDF, XLSX and
 * HTML, judged from the stored data as of the document's date.
 */
#ifndef PLANWATCH_REPORT_CMD_H
#define PLANWATCH_REPORT_CMD_H

#include "config.h"

/* argv: what follows "report".  0, 1 on an error, 2 on a usage error. */
int report_command(const struct config *c, int argc, char **argv);

#endif
