/* route_doc.h: docs/routes.md written from the route tables (`fphc routes`), so
 * the list of who may call what can never disagree with the code. */
#ifndef FPHC_ROUTE_DOC_H
#define FPHC_ROUTE_DOC_H

#include "common/buf.h"

/* The Markdown table of every route: method, path, who may call it, and
 * whether it changes state (with the CSRF check that guards it). */
void route_doc_write(struct buf *out);

#endif
