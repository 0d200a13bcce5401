/*
 * runner_view: the web server's read-only view (webview.h) of a runner.
 * Only the runner's own files include this; the web files see the table.
 */
#ifndef PLANWATCH_RUNNER_VIEW_H
#define PLANWATCH_RUNNER_VIEW_H

#include "webview.h"

struct runner;

/* The view of r, valid as long as r is. */
struct webview runner_view(struct runner *r);

#endif
