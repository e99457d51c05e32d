/* i18n.h: the message catalogue (server/i18n, one JSON file per part; every key
 * in Dutch and English). Templates reach it as {{@key}} (tmpl.h); C code calls
 * i18n_get. */
#ifndef FPHC_I18N_H
#define FPHC_I18N_H

#include <stddef.h>

/* Loads and merges the message catalogues; -1 with err on a broken file, a
 * duplicate key or a key without both "nl" and "en". Call once at start-up. */
int i18n_init(char *err, size_t errlen);
/* The message in lang (falling back to nl), or the key itself when unknown. */
const char *i18n_get(const char *lang, const char *key);
/* 1 when the key exists. */
int i18n_has(const char *key);

#endif
