/* validate_item.h: checks of one item of a definition (internal to scoring/, used by questionnaire_validate.c). */
#ifndef FPHC_VALIDATE_ITEM_H
#define FPHC_VALIDATE_ITEM_H

#include <cJSON.h>

#include "scoring/json_check.h"

/* Checks the item at `path`, adding its key to `item_keys` (for the
 * questionnaire-wide duplicate check). Returns 1 when the item is a scored item
 * (its type is known and not "text"), 0 otherwise. */
int validate_item(const cJSON *item, const char *path, struct key_set *item_keys,
		  struct problems *problems);

/* The type named by s, or -1 for an unknown name. */
int item_type_from_name(const char *s);

#endif
