/* password_policy.c: minimum length and a compiled-in list of common passwords.
 * The list holds passwords seen in public breach corpora that are 12 or more
 * characters long (shorter ones are refused for their length anyway), plus stems
 * that people pad with digits and symbols ("Wachtwoord2024!"). */
#include <ctype.h>
#include <string.h>

#include "server/app/password_policy.h"
#include "common/banned.h"

static const char *const common_passwords[] = {
	"123456789012", "1234567890123", "12345678901234", "123456789000", "123123123123",
	"111111111111", "000000000000", "123412341234", "121212121212", "987654321098",
	"qwertyuiop12", "qwertyuiop123", "qwerty123456", "qwerty1234567", "qwertyqwerty",
	"1q2w3e4r5t6y", "1qaz2wsx3edc", "zaq12wsxcde3", "zaq1zaq1zaq1", "q1w2e3r4t5y6",
	"asdfghjkl123", "asdfasdfasdf", "zxcvbnm12345", "qazwsxedcrfv", "1qazxsw23edc",
	"abcdefghijkl", "abcdef123456", "abc123456789", "abcd12345678", "aaaaaaaaaaaa",
	"passwordpassword", "password1234", "password12345", "password123456", "password123!",
	"p@ssword1234", "p@ssw0rd1234", "passw0rd1234", "mypassword123", "newpassword1",
	"iloveyou1234", "iloveyou12345", "iloveyouiloveyou", "loveyouforever", "ilovemyfamily",
	"welcome12345", "welcome123456", "welcomewelcome", "letmein12345", "letmeinletmein",
	"administrator", "administrator1", "adminadmin123", "admin1234567", "changeme1234",
	"changemenow1", "defaultpassword", "temporarypassword", "secretpassword", "supersecret1",
	"wachtwoord12", "wachtwoord123", "wachtwoord1234", "wachtwoordje1", "mijnwachtwoord",
	"geheimwachtwoord", "welkom123456", "welkomwelkom", "welkom2024!!", "hallohallo12",
	"doemaarnormaal", "nederland123", "nederland2024", "hollandholland", "amsterdam123",
	"rotterdam010", "maastricht12", "limburg12345", "feyenoord1908", "ajaxamsterdam",
	"psveindhoven", "oranjeboven1", "zomer2024!!!", "voorjaar2024", "winter2024!!",
	"football1234", "baseball1234", "basketball12", "soccer123456", "voetbal12345",
	"sunshine1234", "princess1234", "starwars1234", "superman1234", "batman123456",
	"trustno1trustno1", "monkey123456", "dragon123456", "shadow123456", "master123456",
	"michael12345", "jennifer1234", "jessica12345", "charlie12345", "computer1234",
	"internet1234", "whatever1234", "freedom12345", "pokemon12345", "minecraft123",
	"liverpool123", "chelsea12345", "arsenal12345", "manchester12", "barcelona123",
	"elephant1234", "butterfly123", "chocolate123", "strawberry12", "pineapple123",
	"1234567890qwerty", "qwerty1234567890", "0987654321qwerty", "1234qwerasdf", "qwer1234asdf",
	"thequickbrownfox", "correcthorsebatterystaple", "letmeinplease", "openopenopen", "openthedoor1",
	"summer123456", "spring123456", "autumn123456", "january12345", "december1234",
	"q1w2e3r4t5y6u7", "1a2b3c4d5e6f", "a1b2c3d4e5f6", "abcabcabcabc", "xyzxyzxyzxyz",
	"lovelovelove", "babybabybaby", "hellohello12", "helloworld12", "helloworld123",
	"goodmorning1", "goodluck1234", "blessed12345", "jesuschrist1", "godisgood123",
	"employability", "humancapital", "futureproof1", "werkgevers123", "personeel123",
};

/* Words people build passwords from; padded with digits/symbols they stay common. */
static const char *const common_stems[] = {
	"password", "passwort", "wachtwoord", "welkom", "welcome", "qwerty", "qwertyuiop", "azerty",
	"iloveyou", "letmein", "admin", "administrator", "sunshine", "football", "voetbal", "monkey",
	"dragon", "princess", "superman", "starwars", "master", "shadow", "computer", "secret",
	"geheim", "changeme", "limburg", "maastricht", "amsterdam", "rotterdam", "nederland",
	"holland", "feyenoord", "zomer", "winter", "lente", "herfst", "voorjaar", "summer", "spring",
	"autumn", "hallo", "hello", "test", "testtest", "fphc", "scan", "werkgever", "werkgevers",
	"employability", "wachtwoordje", "abc", "abcdef", "abcdefgh",
};

static int equal_lower(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return 0;
	return 1;
}

static size_t code_points(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static int is_padding(char c)
{
	return isdigit((unsigned char)c) || ispunct((unsigned char)c) || c == ' ';
}

/* "Wachtwoord2024!" → stem "Wachtwoord": strips digits and symbols at both ends. */
static int stem_is_common(const char *pw)
{
	size_t n = strlen(pw), a = 0;
	while (a < n && is_padding(pw[a]))
		a++;
	while (n > a && is_padding(pw[n - 1]))
		n--;
	if (n == a)
		return 1;  /* nothing but digits and symbols */
	for (size_t i = 0; i < sizeof(common_stems) / sizeof(common_stems[0]); i++) {
		size_t k = strlen(common_stems[i]);
		if (n - a == k && equal_lower(pw + a, common_stems[i], k))
			return 1;
		/* the same word twice: "welkomwelkom" */
		if (n - a == 2 * k && equal_lower(pw + a, common_stems[i], k) &&
		    equal_lower(pw + a + k, common_stems[i], k))
			return 1;
	}
	return 0;
}

/* One repeated character, or a run that counts up or down ("abcdefghijkl", "9876…"). */
static int is_trivial_run(const char *pw)
{
	size_t n = strlen(pw);
	int same = 1, up = 1, down = 1;
	for (size_t i = 1; i < n; i++) {
		int d = tolower((unsigned char)pw[i]) - tolower((unsigned char)pw[i - 1]);
		same &= d == 0;
		up &= d == 1;
		down &= d == -1;
	}
	return same || up || down;
}

enum password_verdict password_check(const char *password, const char *email)
{
	if (!password || code_points(password) < PASSWORD_MIN_CHARS)
		return PASSWORD_TOO_SHORT;
	size_t n = strlen(password);
	if (n > PASSWORD_MAX_BYTES)
		return PASSWORD_TOO_LONG;
	for (size_t i = 0; i < sizeof(common_passwords) / sizeof(common_passwords[0]); i++)
		if (strlen(common_passwords[i]) == n && equal_lower(password, common_passwords[i], n))
			return PASSWORD_COMMON;
	if (stem_is_common(password) || is_trivial_run(password))
		return PASSWORD_COMMON;
	if (email && *email) {
		size_t e = strlen(email);
		const char *at = strchr(email, '@');
		size_t local = at ? (size_t)(at - email) : e;
		if ((n == e && equal_lower(password, email, n)) ||
		    (local >= 4 && n >= local && equal_lower(password, email, local) &&
		     strspn(password + local, "0123456789!@#$%&*?.-_ ") == n - local))
			return PASSWORD_COMMON;
	}
	return PASSWORD_OK;
}

const char *password_message_key(enum password_verdict v)
{
	switch (v) {
	case PASSWORD_TOO_SHORT: return "office.password.too_short";
	case PASSWORD_TOO_LONG: return "office.password.too_long";
	case PASSWORD_COMMON: return "office.password.common";
	case PASSWORD_OK: break;
	}
	return "";
}
