/*
 * note_cmd: planwatch note add | list | remove, the notes on an
 * indicator's record (store/notes.h).
 */
#ifndef PLANWATCH_NOTE_CMD_H
#define PLANWATCH_NOTE_CMD_H

#include "config.h"

/*
 * note add <id> <period>[..<period>] TEXT --by NAME
 * note list <id> [--all]
 * note remove <id> <nid> --by NAME
 * 0; 1 when refused or not written; 2 on a usage error.
 */
int note_command(const struct config *c, int argc, char **argv);

#endif
