/* date.c: date and time checks; see date.h. */
#include <stdio.h>
#include <string.h>

#include "common/date.h"
#include "common/banned.h"

static int digits(const char *s, int from, int to)
{
	int v = 0;
	for (int i = from; i < to; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int date_valid(const char *s)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	int y = digits(s, 0, 4), m = digits(s, 5, 7), d = digits(s, 8, 10);
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= days[m - 1] + (m == 2 && leap);
}

int date_valid_ymd(const char *s, long *ymd)
{
	if (!date_valid(s))
		return 0;
	if (ymd)
		*ymd = digits(s, 0, 4) * 10000L + digits(s, 5, 7) * 100L + digits(s, 8, 10);
	return 1;
}

int time_valid(const char *s)
{
	if (!s || strlen(s) != 5 || s[2] != ':')
		return 0;
	int h = digits(s, 0, 2), m = digits(s, 3, 5);
	return h >= 0 && h <= 23 && m >= 0 && m <= 59;
}

/* " HH:MI" or " HH:MI:SS" after a date, or nothing */
static int time_tail_valid(const char *t)
{
	size_t n = strlen(t);
	if (n == 0)
		return 1;
	if (t[0] != ' ' || (n != 6 && n != 9))
		return 0;
	char hm[6];
	memcpy(hm, t + 1, 5);
	hm[5] = '\0';
	if (!time_valid(hm))
		return 0;
	if (n == 6)
		return 1;
	int sec = digits(t, 7, 9);
	return t[6] == ':' && sec >= 0 && sec <= 59;
}

int date_show(const char *iso, char *out, size_t n)
{
	if (!out || n == 0)
		return 0;
	out[0] = '\0';
	if (!iso || strlen(iso) < 10)
		return 0;
	char day[11];
	memcpy(day, iso, 10);
	day[10] = '\0';
	if (!date_valid(day) || !time_tail_valid(iso + 10))
		return 0;
	int len = snprintf(out, n, "%d-%d-%d%s", digits(day, 8, 10), digits(day, 5, 7),
			   digits(day, 0, 4), iso + 10);
	if (len < 0 || (size_t)len >= n) {
		out[0] = '\0';
		return 0;
	}
	return 1;
}
