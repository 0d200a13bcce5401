/* rrd_check: rrd_fetch_r one day back from t, flushed through rrdcached. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>
#include <rrd.h>
#include <rrd_client.h>

#include "rrd_check.h"

double
rrd_check_value_at(
    const char *path, time_t t, const char *daemon, const char *name)
{
	time_t start = t - 86400, end = t;
	unsigned long step = 86400, ds_cnt = 0;
	char **names = NULL;
	rrd_value_t *data = NULL;
	double v = NAN;

	if (daemon != NULL && rrdc_flush_if_daemon(daemon, name) != 0)
		fail_msg("rrdcached flush %s: %s", name, rrd_get_error());
	rrd_clear_error();
	if (rrd_fetch_r(path, "AVERAGE", &start, &end, &step, &ds_cnt, &names,
		&data) != 0)
		fail_msg("rrd_fetch_r %s: %s", path, rrd_get_error());
	/* Row i covers (start + i*step, start + (i+1)*step]. */
	for (time_t ts = start + (time_t)step; ts <= end; ts += (time_t)step)
		if (ts == t)
			v = data[(ts - start) / (time_t)step - 1];
	for (unsigned long i = 0; i < ds_cnt; i++)
		free(names[i]);
	free(names);
	free(data);
	return v;
}

time_t
rrd_check_utc(int y, int m, int d)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};

	return timegm(&tm);
}

double
rrd_check_year(const char *data_dir, const char *id, int y, const char *daemon)
{
	char path[800];

	snprintf(path, sizeof(path), "%s/%s.rrd", data_dir, id);
	return rrd_check_value_at(
	    path, rrd_check_utc(y + 1, 1, 1), daemon, path);
}
