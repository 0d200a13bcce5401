/*
 * tz: a TZif file (RFC 8536) is read whole (capped), its version 2+ data
 * (64-bit transition times) preferred to version 1's.  A time before the
 * first transition takes the first local time type; at or after the last
 * one the file's footer, a POSIX TZ string ("CST-8", "CET-1CEST,M3.5.0,
 * M10.5.0/3"), says the rule when there is one.  Leap-second records
 * ("right/" zones) are skipped: times are shown as POSIX time is kept.
 *
 * Names are checked before any file is opened: letters, digits, '_',
 * '+', '-' and '/', no "..", not absolute, so that a configuration cannot
 * name a file outside the zoneinfo directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tz.h"

/* The largest zone file read (the biggest in tzdata is about 4 KiB). */
#define TZ_FILE_MAX (256 * 1024)
#define TZ_NAME_MAX 255

/* A local time type: offset from UTC, daylight saving or not, name. */
struct tz_type {
	long utoff;
	int isdst;
	char abbr[16];
};

/* A POSIX TZ rule's date ("Jn", "n" or "Mm.w.d") and time of day. */
struct tz_date_rule {
	char kind; /* 'J', 'n' or 'M' */
	int n, m, w, d;
	long time; /* seconds after local midnight, may be < 0 or > 24 h */
};

/* The footer: standard time, and daylight saving time between rules. */
struct tz_footer {
	bool present, has_dst;
	struct tz_type std, dst;
	struct tz_date_rule start, end;
};

struct tz {
	char *name;
	int64_t *trans; /* transition times, ascending */
	unsigned char *trans_type; /* index into types, per transition */
	size_t ntrans;
	struct tz_type *types;
	size_t ntypes;
	struct tz_footer footer;
};

/* A read cursor over the file: every read is checked against its end. */
struct cursor {
	const unsigned char *p, *end;
};

static bool
take(struct cursor *c, size_t n, const unsigned char **out)
{
	if ((size_t)(c->end - c->p) < n)
		return false;
	*out = c->p;
	c->p += n;
	return true;
}

static int64_t
be(const unsigned char *p, size_t n)
{
	uint64_t v = 0;

	for (size_t i = 0; i < n; i++)
		v = v << 8 | p[i];
	/* Sign-extend a 4-byte value. */
	if (n == 4)
		return (int64_t)(int32_t)(uint32_t)v;
	return (int64_t)v;
}

/* The header's six counts: isut, isstd, leap, time, type, char. */
struct tz_counts {
	size_t isut, isstd, leap, time, type, chars;
	char version;
};

static bool
read_header(struct cursor *c, struct tz_counts *h)
{
	const unsigned char *p;
	size_t v[6];

	if (!take(c, 20, &p) || memcmp(p, "TZif", 4) != 0)
		return false;
	h->version = (char)p[4];
	for (int i = 0; i < 6; i++) {
		if (!take(c, 4, &p))
			return false;
		v[i] = (size_t)(uint32_t)be(p, 4);
	}
	h->isut = v[0];
	h->isstd = v[1];
	h->leap = v[2];
	h->time = v[3];
	h->type = v[4];
	h->chars = v[5];
	/* RFC 8536: at least one type, at most 256 (an index is a byte). */
	return h->type >= 1 && h->type <= 256 && h->chars >= 1 &&
	    (h->isut == 0 || h->isut == h->type) &&
	    (h->isstd == 0 || h->isstd == h->type);
}

/* The data block after a header; tsize is 4 (v1) or 8 (v2+). */
static bool
read_data(
    struct cursor *c, const struct tz_counts *h, size_t tsize, struct tz *z)
{
	const unsigned char *times, *idx, *info, *chars, *skip;

	if (!take(c, h->time * tsize, &times) || !take(c, h->time, &idx) ||
	    !take(c, h->type * 6, &info) || !take(c, h->chars, &chars) ||
	    !take(c, h->leap * (tsize + 4) + h->isstd + h->isut, &skip))
		return false;
	z->trans = calloc(h->time + 1, sizeof(*z->trans));
	z->trans_type = calloc(h->time + 1, 1);
	z->types = calloc(h->type, sizeof(*z->types));
	if (z->trans == NULL || z->trans_type == NULL || z->types == NULL)
		return false;
	for (size_t i = 0; i < h->time; i++) {
		z->trans[i] = be(times + i * tsize, tsize);
		z->trans_type[i] = idx[i];
		if (idx[i] >= h->type ||
		    (i > 0 && z->trans[i] <= z->trans[i - 1]))
			return false;
	}
	for (size_t i = 0; i < h->type; i++) {
		const unsigned char *t = info + i * 6;
		size_t a = t[5];

		z->types[i].utoff = (long)be(t, 4);
		z->types[i].isdst = t[4] != 0;
		if (a >= h->chars)
			return false;
		snprintf(z->types[i].abbr, sizeof(z->types[i].abbr), "%.*s",
		    (int)strnlen((const char *)chars + a, h->chars - a),
		    (const char *)chars + a);
	}
	z->ntrans = h->time;
	z->ntypes = h->type;
	return true;
}

/* ---- the footer: a POSIX TZ string ---------------------------------- */

/* A zone name: <...> quoted, or three or more letters. */
static bool
posix_name(const char **s, char *buf, size_t len)
{
	const char *p = *s, *start;
	size_t n;

	if (*p == '<') {
		start = ++p;
		while (*p != '\0' && *p != '>')
			p++;
		if (*p != '>')
			return false;
		n = (size_t)(p - start);
		p++;
	} else {
		start = p;
		while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
			p++;
		n = (size_t)(p - start);
		if (n < 3)
			return false;
	}
	snprintf(buf, len, "%.*s", (int)n, start);
	*s = p;
	return true;
}

/* [+-]hh[:mm[:ss]] in seconds; hours up to 167 (RFC 8536). */
static bool
posix_time(const char **s, long *out)
{
	const char *p = *s;
	long sign = 1, part[3] = {0, 0, 0};
	int k = 0;

	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	for (; k < 3; k++) {
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9' && part[k] < 1000)
			part[k] = part[k] * 10 + (*p++ - '0');
		if (*p != ':' || k == 2)
			break;
		p++;
	}
	if (part[0] > 167 || part[1] > 59 || part[2] > 59)
		return false;
	*out = sign * (part[0] * 3600 + part[1] * 60 + part[2]);
	*s = p;
	return true;
}

static bool
posix_number(const char **s, int lo, int hi, int *out)
{
	long v = 0;
	const char *p = *s;

	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9' && v <= hi)
		v = v * 10 + (*p++ - '0');
	if (v < lo || v > hi)
		return false;
	*out = (int)v;
	*s = p;
	return true;
}

/* ",Jn[/time]", ",n[/time]" or ",Mm.w.d[/time]". */
static bool
posix_rule(const char **s, struct tz_date_rule *r)
{
	const char *p = *s;

	if (*p++ != ',')
		return false;
	r->time = 2 * 3600;
	if (*p == 'M') {
		p++;
		r->kind = 'M';
		if (!posix_number(&p, 1, 12, &r->m) || *p++ != '.' ||
		    !posix_number(&p, 1, 5, &r->w) || *p++ != '.' ||
		    !posix_number(&p, 0, 6, &r->d))
			return false;
	} else if (*p == 'J') {
		p++;
		r->kind = 'J';
		if (!posix_number(&p, 1, 365, &r->n))
			return false;
	} else {
		r->kind = 'n';
		if (!posix_number(&p, 0, 365, &r->n))
			return false;
	}
	if (*p == '/') {
		p++;
		if (!posix_time(&p, &r->time))
			return false;
	}
	*s = p;
	return true;
}

/* Parses the footer string s (without its newlines) into f. */
static bool
posix_parse(const char *s, struct tz_footer *f)
{
	long off;

	memset(f, 0, sizeof(*f));
	if (*s == '\0')
		return true; /* empty: no rule after the last transition */
	if (!posix_name(&s, f->std.abbr, sizeof(f->std.abbr)) ||
	    !posix_time(&s, &off))
		return false;
	f->std.utoff = -off; /* POSIX counts west of Greenwich positive */
	f->present = true;
	if (*s == '\0')
		return true;
	if (!posix_name(&s, f->dst.abbr, sizeof(f->dst.abbr)))
		return false;
	f->has_dst = true;
	f->dst.isdst = 1;
	f->dst.utoff = f->std.utoff + 3600;
	if (*s != ',' && *s != '\0') {
		if (!posix_time(&s, &off))
			return false;
		f->dst.utoff = -off;
	}
	if (*s == '\0') {
		/* No rule: POSIX leaves it to the system; glibc's default
		 * is the United States' (M3.2.0,M11.1.0). */
		f->start = (struct tz_date_rule){'M', 0, 3, 2, 0, 2 * 3600};
		f->end = (struct tz_date_rule){'M', 0, 11, 1, 0, 2 * 3600};
		return true;
	}
	return posix_rule(&s, &f->start) && posix_rule(&s, &f->end) &&
	    *s == '\0';
}

/* ---- the calendar ----------------------------------------------------- */

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; H. Hinnant). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static bool
leap_year(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int64_t y, int m)
{
	static const int days[] = {
	    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

/* The day (days since 1970-01-01) rule r falls on in year y. */
static int64_t
rule_day(const struct tz_date_rule *r, int64_t y)
{
	int64_t first;
	int wday, day;

	switch (r->kind) {
	case 'J': /* 1..365, February 29th never counted */
		return days_from_civil(y, 1, 1) + r->n - 1 +
		    (leap_year(y) && r->n >= 60);
	case 'n': /* 0..365, February 29th counted */
		return days_from_civil(y, 1, 1) + r->n;
	default: /* day d of week w (5: the last) of month m */
		first = days_from_civil(y, r->m, 1);
		wday = (int)(((first + 4) % 7 + 7) % 7); /* 1970-01-01: Thu */
		day = 1 + (r->d - wday + 7) % 7 + (r->w - 1) * 7;
		while (day > month_days(y, r->m))
			day -= 7;
		return first + day - 1;
	}
}

/* The year of the civil date of day (days since 1970-01-01). */
static int64_t
civil_year(int64_t day)
{
	int64_t z = day + 719468, era, doe, yoe, doy, mp;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	return yoe + era * 400 + (mp >= 10);
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* The footer's type at t: daylight saving time between its rules. */
static const struct tz_type *
footer_type(const struct tz_footer *f, int64_t t)
{
	int64_t y, start, end;

	if (!f->has_dst)
		return &f->std;
	y = civil_year(floor_div(t + f->std.utoff, 86400));
	/* The start is in standard time, the end in daylight time. */
	start = rule_day(&f->start, y) * 86400 + f->start.time - f->std.utoff;
	end = rule_day(&f->end, y) * 86400 + f->end.time - f->dst.utoff;
	if (start < end)
		return t >= start && t < end ? &f->dst : &f->std;
	/* The southern hemisphere: daylight time spans the new year. */
	return t >= end && t < start ? &f->std : &f->dst;
}

/* The type in force at t. */
static const struct tz_type *
type_at(const struct tz *z, int64_t t)
{
	size_t lo = 0, hi = z->ntrans;

	if (z->ntrans == 0 || t < z->trans[0])
		return z->ntrans == 0 && z->footer.present
		    ? footer_type(&z->footer, t)
		    : &z->types[0];
	if (t >= z->trans[z->ntrans - 1] && z->footer.present)
		return footer_type(&z->footer, t);
	/* The last transition at or before t. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (z->trans[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return &z->types[z->trans_type[lo]];
}

/* ---- loading ---------------------------------------------------------- */

static bool
name_ok(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > TZ_NAME_MAX || name[0] == '/' ||
	    strstr(name, "..") != NULL)
		return false;
	for (const char *p = name; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			(*p >= '0' && *p <= '9') || strchr("_+-/", *p)))
			return false;
	return true;
}

/* Reads path whole into *buf (at most TZ_FILE_MAX bytes); -1 with errno. */
static int
read_file(const char *path, unsigned char **buf, size_t *len)
{
	struct stat st;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC), e;

	*buf = NULL;
	if (fd < 0)
		return -1;
	e = fstat(fd, &st) != 0        ? errno
	    : S_ISDIR(st.st_mode)      ? EISDIR
	    : !S_ISREG(st.st_mode)     ? EINVAL
	    : st.st_size > TZ_FILE_MAX ? EFBIG
				       : 0;
	if (e == 0 && (*buf = malloc((size_t)st.st_size + 1)) == NULL)
		e = ENOMEM;
	if (e == 0 && (n = read(fd, *buf, (size_t)st.st_size)) != st.st_size)
		e = n < 0 ? errno : EIO;
	close(fd);
	if (e != 0) {
		free(*buf);
		*buf = NULL;
		errno = e;
		return -1;
	}
	*len = (size_t)st.st_size;
	return 0;
}

/* The footer of a v2+ file: "\n<TZ string>\n" after its data. */
static bool
read_footer(struct cursor *c, struct tz_footer *f)
{
	const unsigned char *nl;
	char text[128];
	size_t n;

	if (c->p == c->end || *c->p != '\n')
		return false;
	nl = memchr(c->p + 1, '\n', (size_t)(c->end - c->p - 1));
	if (nl == NULL || (n = (size_t)(nl - c->p - 1)) >= sizeof(text))
		return false;
	memcpy(text, c->p + 1, n);
	text[n] = '\0';
	return posix_parse(text, f);
}

/* Parses a TZif file's bytes into z. */
static bool
parse(const unsigned char *buf, size_t len, struct tz *z)
{
	struct cursor c = {buf, buf + len};
	struct tz_counts h;
	const unsigned char *skip;

	if (!read_header(&c, &h))
		return false;
	if (h.version == '\0')
		return read_data(&c, &h, 4, z);
	/* Version 2 and later: skip the 32-bit block for the 64-bit one. */
	if (!take(&c,
		h.time * 5 + h.type * 6 + h.chars + h.leap * 8 + h.isstd +
		    h.isut,
		&skip) ||
	    !read_header(&c, &h) || !read_data(&c, &h, 8, z))
		return false;
	return read_footer(&c, &z->footer);
}

struct tz *
tz_load(const char *name, char *err, size_t errlen)
{
	const char *dir = getenv("TZDIR");
	char path[4096];
	unsigned char *buf;
	struct tz *z;
	size_t len;

	if (!name_ok(name)) {
		snprintf(err, errlen,
		    "time zone name '%.64s': expected a name such as "
		    "Asia/Shanghai (letters, digits, '_', '+', '-' and '/')",
		    name);
		return NULL;
	}
	if (dir == NULL || *dir == '\0')
		dir = TZ_DIR;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (read_file(path, &buf, &len) != 0) {
		snprintf(err, errlen,
		    "unknown time zone '%s': %s: %s (Debian: apt-get install "
		    "tzdata)",
		    name, path, strerror(errno));
		return NULL;
	}
	if ((z = calloc(1, sizeof(*z))) == NULL ||
	    (z->name = strdup(name)) == NULL || !parse(buf, len, z)) {
		snprintf(err, errlen, "time zone '%s': %s is not a TZif file",
		    name, path);
		free(buf);
		tz_free(z);
		return NULL;
	}
	free(buf);
	return z;
}

void
tz_free(struct tz *z)
{
	if (z == NULL)
		return;
	free(z->name);
	free(z->trans);
	free(z->trans_type);
	free(z->types);
	free(z);
}

const char *
tz_name(const struct tz *z)
{
	return z != NULL ? z->name : "UTC";
}

long
tz_localtime(const struct tz *z, time_t t, struct tm *tm)
{
	const struct tz_type *type = z != NULL ? type_at(z, (int64_t)t) : NULL;
	long off = type != NULL ? type->utoff : 0;
	time_t local = t + off;

	gmtime_r(&local, tm);
	tm->tm_isdst = type != NULL ? type->isdst : 0;
	tm->tm_gmtoff = off;
	tm->tm_zone = type != NULL ? type->abbr : "UTC";
	return off;
}

void
tz_date(const struct tz *z, time_t t, char *buf, size_t len)
{
	struct tm tm;

	tz_localtime(z, t, &tm);
	strftime(buf, len, "%Y-%m-%d", &tm);
}

void
tz_datetime(const struct tz *z, time_t t, char *buf, size_t len)
{
	char when[32], off[16] = "";
	struct tm tm;
	long o = tz_localtime(z, t, &tm), a = o < 0 ? -o : o;

	strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
	if (a % 3600 != 0)
		snprintf(off, sizeof(off), "%c%ld:%02ld", o < 0 ? '-' : '+',
		    a / 3600, a % 3600 / 60);
	else if (a != 0)
		snprintf(
		    off, sizeof(off), "%c%ld", o < 0 ? '-' : '+', a / 3600);
	snprintf(buf, len, "%s UTC%s", when, off);
}
