/*
 * schedule: when the scheduled "state of the plan" report is due, in the
 * process's local time (TZ): every working day, every Monday, or the
 * first working day of each month, at a time of day.  Working days are
 * Monday to Friday; public holidays are not known.  Pure code.
 */
#ifndef PLANWATCH_SCHEDULE_H
#define PLANWATCH_SCHEDULE_H

#include <time.h>

#include "config.h"

/* The latest slot at or before t; 0 when rc schedules nothing. */
time_t schedule_last(const struct report_conf *rc, time_t t);
/* The first slot after t; 0 when rc schedules nothing. */
time_t schedule_next(const struct report_conf *rc, time_t t);

#endif
