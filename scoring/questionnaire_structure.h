/* questionnaire_structure.h: the checksum of what scoring depends on.
 *
 * A questionnaire version is immutable in its structure: keys, types, weights,
 * points, bands, ranges and the tree. Its display texts (titles, questions,
 * help, tips, labels, band texts, units) may be corrected in a new text
 * revision of the same version (questionnaires/README.md). The structure
 * checksum is the sha256 of a canonical JSON of the definition with every
 * display member removed and object members sorted by name, so the order of
 * members and the way numbers are written (jsonb rewrites both) never matter.
 * `exclusive` on an option is a rule for new answers, not scoring: it is left
 * out too. */
#ifndef FPHC_QUESTIONNAIRE_STRUCTURE_H
#define FPHC_QUESTIONNAIRE_STRUCTURE_H

#include <stddef.h>
#include "common/crypto.h"

/* Writes the structure checksum of the JSON text (len bytes) into out.
 * 0, or -1 when the text is not JSON. */
int questionnaire_structure_sha256(const char *json, size_t len, char out[SHA256_HEX_LEN + 1]);

/* 1 when a member of this name is a display text (or a rule outside the
 * checksum), 0 when scoring depends on it. */
int questionnaire_member_is_text(const char *name);

#endif
