/* mail.c: SMTP through libcurl and the invitation template; see mail.h. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <curl/curl.h>
#include <sodium.h>

#include "server/app/mail.h"
#include "server/app/config.h"
#include "common/buf.h"
#include "common/crypto.h"
#include "common/banned.h"

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

int mail_configured(void)
{
	return config.smtp_url && config.smtp_url[0];
}

static int address_ok(const char *a)
{
	return a && *a && strlen(a) < 255 && !strpbrk(a, "\r\n<>,;\"") && strchr(a, '@');
}

static const char *sender(void)
{
	const char *f = getenv("FPHC_MAIL_FROM");
	return address_ok(f) ? f : "fphc@localhost";
}

/* Subject as an RFC 2047 encoded word when it is not plain ASCII. */
static void put_subject(struct buf *b, const char *s)
{
	int ascii = 1;
	for (const char *p = s; *p; p++)
		ascii &= (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f;
	if (ascii) {
		buf_printf(b, "Subject: %s\r\n", s);
		return;
	}
	size_t n = strlen(s);
	size_t cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	char *enc = malloc(cap);
	if (!enc)
		abort();
	sodium_bin2base64(enc, cap, (const unsigned char *)s, n, sodium_base64_VARIANT_ORIGINAL);
	buf_printf(b, "Subject: =?UTF-8?B?%s?=\r\n", enc);
	free(enc);
}

static void build_message(struct buf *b, const struct mail *m)
{
	char date[64], id[TOKEN_TEXT_LEN + 1];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	crypto_token_new(id);
	const char *from = sender();
	buf_printf(b, "Date: %s\r\nFrom: <%s>\r\nTo: <%s>\r\n", date, from, m->to);
	if (address_ok(m->reply_to))
		buf_printf(b, "Reply-To: <%s>\r\n", m->reply_to);
	const char *at = strchr(from, '@');
	buf_printf(b, "Message-ID: <%s%s>\r\n", id, at);
	put_subject(b, m->subject);
	buf_puts(b, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
		    "Content-Transfer-Encoding: 8bit\r\n\r\n");
	for (const char *p = m->body; *p; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n')
			buf_putc(b, '\r');
		buf_putc(b, *p);
	}
	buf_puts(b, "\r\n");
}

struct upload {
	const char *data;
	size_t left;
};

static size_t read_cb(char *ptr, size_t size, size_t nmemb, void *userp)
{
	struct upload *u = userp;
	size_t n = size * nmemb;
	if (n > u->left)
		n = u->left;
	memcpy(ptr, u->data, n);
	u->data += n;
	u->left -= n;
	return n;
}

int mail_send(const struct mail *m, char *err, size_t errlen)
{
	if (!mail_configured()) {
		snprintf(err, errlen, "no SMTP server configured");
		return -1;
	}
	if (!address_ok(m->to)) {
		snprintf(err, errlen, "invalid recipient address");
		return -1;
	}
	pthread_once(&curl_once, curl_setup);
	struct buf msg;
	buf_init(&msg, 1024 * 1024);
	build_message(&msg, m);
	char from[300], to[300];
	snprintf(from, sizeof(from), "<%s>", sender());
	snprintf(to, sizeof(to), "<%s>", m->to);
	CURL *c = curl_easy_init();
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	struct upload up = {msg.data, msg.len};
	int rc = -1;
	if (!c || !rcpt || msg.toobig) {
		snprintf(err, errlen, "cannot prepare the message");
		goto out;
	}
	curl_easy_setopt(c, CURLOPT_URL, config.smtp_url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	CURLcode res = curl_easy_perform(c);
	if (res != CURLE_OK) {
		snprintf(err, errlen, "SMTP: %s", curl_easy_strerror(res));
		goto out;
	}
	rc = 0;
out:
	curl_slist_free_all(rcpt);
	if (c)
		curl_easy_cleanup(c);
	buf_release(&msg);
	return rc;
}

char *mail_fill_template(const char *tmpl, const char *company, const char *link, const char *advisor)
{
	static const char *const names[] = {"{bedrijf}", "{link}", "{adviseur}"};
	const char *values[] = {company ? company : "", link ? link : "", advisor ? advisor : ""};
	struct buf b;
	buf_init(&b, 256 * 1024);
	for (const char *p = tmpl; *p;) {
		int hit = 0;
		for (int i = 0; i < 3 && !hit; i++) {
			size_t k = strlen(names[i]);
			if (strncmp(p, names[i], k) == 0) {
				buf_puts(&b, values[i]);
				p += k;
				hit = 1;
			}
		}
		if (!hit)
			buf_putc(&b, *p++);
	}
	return buf_detach(&b, NULL);
}
