/*
 * html_plans: one plan after another (config_plans.h) on the pages: the
 * dashboard names the plan in force and links the final evaluation of
 * the plan before; an indicator page lists another plan's targets apart,
 * under that plan's name.  Pure.
 */
#ifndef PLANWATCH_HTML_PLANS_H
#define PLANWATCH_HTML_PLANS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "config.h"

struct report_input;
struct html_site;

/*
 * The stem of the final evaluation the dashboard links ("final-p14", or
 * "final" with one plan) and its plan (NULL with plan:), for the latest
 * plan over at time at; false when no plan is over.
 */
bool html_plans_final_link(const struct config *c, time_t at, char *stem,
    size_t len, const struct plan_conf **plan);
/* The name of the plan counted in in's language, else plan_title's. */
const char *html_plans_title(const struct report_input *in);
/*
 * The dashboard's line on plans: the plan in force (or, between plans,
 * the one ended whose verdicts stay shown), and a link to the final
 * evaluation of the latest plan over (report/<stem>.html in the export,
 * /report/<stem> on the server).  Nothing when no plan is named and
 * none is over.
 */
void html_plans_dashboard(const struct report_input *in,
    const struct html_site *site, bool zh, FILE *out);
/* Opens the indicator page's list of plan p's targets when p is not the
 * plan counted: "<h2>测试区第十四个五年规划（2021–2025 年，已结束）</h2><ul>".
 */
void html_plans_section(const struct report_input *in,
    const struct plan_conf *p, bool zh, FILE *out);

#endif
