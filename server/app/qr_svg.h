/* qr_svg.h: a QR code as inline SVG (libqrencode), for the two-factor set-up page: the
 * authenticator app on the phone scans it instead of the user typing the secret. */
#ifndef FPHC_QR_SVG_H
#define FPHC_QR_SVG_H

#include "common/buf.h"

/* Appends an <svg> of the QR code of text (error correction M, 4 modules of quiet zone)
 * to out: one path of black squares on white, role="img" with label (HTML-escaped) as its
 * accessible name. Returns 0, or -1 when text does not fit a QR code (out unchanged). */
int qr_svg(const char *text, const char *label, struct buf *out);

#endif
