/* qr_svg.c: see qr_svg.h. */
#include <errno.h>
#include <qrencode.h>

#include "server/app/qr_svg.h"
#include "common/banned.h"

#define QUIET 4

int qr_svg(const char *text, const char *label, struct buf *out)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr)
		return -1;
	int w = qr->width, size = w + 2 * QUIET;
	/* scaled by CSS (.qr); crispEdges keeps the modules sharp at any size */
	buf_printf(out, "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
		   " shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"", size, size);
	buf_html(out, label);
	buf_printf(out, "\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"", size, size);
	for (int y = 0; y < w; y++) {
		for (int x = 0; x < w; x++) {
			if (!(qr->data[y * w + x] & 1))
				continue;
			int run = 1;  /* a row's dark modules in a row as one rectangle */
			while (x + run < w && (qr->data[y * w + x + run] & 1))
				run++;
			buf_printf(out, "M%d %dh%dv1h-%dz", x + QUIET, y + QUIET, run, run);
			x += run - 1;
		}
	}
	buf_puts(out, "\"/></svg>");
	QRcode_free(qr);
	return 0;
}
