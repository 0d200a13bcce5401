/*
 * tz: the time zone in which people read times (configuration key
 * "timezone"), read from its TZif file (RFC 8536) under the system's
 * zoneinfo directory ($TZDIR, else /usr/share/zoneinfo; Debian's tzdata
 * package).  Pure arithmetic once loaded: the process's own TZ is never
 * touched, so logs, JSON timestamps and librrd stay as they are, and
 * several configurations (a reload) can each have their own zone.
 */
#ifndef PLANWATCH_TZ_H
#define PLANWATCH_TZ_H

#include <stddef.h>
#include <time.h>

struct tz;

/* The directory zone files are read from when $TZDIR is not set. */
#define TZ_DIR "/usr/share/zoneinfo"

/*
 * Loads zone name ("Asia/Shanghai", "UTC"): NULL with err ("unknown time
 * zone 'Asia/Shangai': no file /usr/share/zoneinfo/Asia/Shangai ...") when
 * the name is not a zone file's or the file is not TZif.  Caller frees
 * with tz_free.
 */
struct tz *tz_load(const char *name, char *err, size_t errlen);
/* Frees a zone; NULL is a no-op. */
void tz_free(struct tz *z);
/* The zone's name as configured; "UTC" for NULL. */
const char *tz_name(const struct tz *z);
/*
 * Breaks t down in zone z (NULL: UTC) into tm (tm_isdst, tm_gmtoff and
 * tm_zone set); returns the offset from UTC in seconds.
 */
long tz_localtime(const struct tz *z, time_t t, struct tm *tm);
/* "2026-11-26": t's date in z. */
void tz_date(const struct tz *z, time_t t, char *buf, size_t len);
/* "2026-11-26 08:00 UTC+8": t's date and time in z, with its offset. */
void tz_datetime(const struct tz *z, time_t t, char *buf, size_t len);

#endif
