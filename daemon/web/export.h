/*
 * export: `planwatch export <dir>` writes the dashboard as static files
 * from the stored data: <dir>/index.html, <dir>/indicator/<id>.html and
 * every chart view under <dir>/graph/, linked relatively, so the folder
 * can be copied to any web server or opened from a disk.
 */
#ifndef PLANWATCH_EXPORT_H
#define PLANWATCH_EXPORT_H

#include "config.h"

/* 0, or 1 after logging what could not be written. */
int export_site(const struct config *c, const char *dir);

#endif
