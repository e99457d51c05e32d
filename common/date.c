/* date.c: calendar-date validation; see date.h. */
#include <string.h>

#include "common/date.h"
#include "common/text.h"
#include "common/banned.h"

int date_valid_ymd(const char *s, long *ymd)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	long y, m, d;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	char b[11];
	memcpy(b, s, 11);
	b[4] = b[7] = '\0';
	if (text_parse_long(b, 1900, 2999, &y) != 0 || text_parse_long(b + 5, 1, 12, &m) != 0 ||
	    text_parse_long(b + 8, 1, 31, &d) != 0)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > days[m - 1] + (m == 2 && leap))
		return 0;
	if (ymd)
		*ymd = y * 10000 + m * 100 + d;
	return 1;
}
