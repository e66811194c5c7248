/* kling-tui: JPEG and PNG decoded to RGBA and scaled down to a preview's
 * size, with the system's libjpeg-turbo and libpng loaded on first use.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * img_decoders_load() runs on the main thread (lazylib is not thread-safe)
 * before any img_decode(); img_decode() may then run on any thread: it
 * keeps no state between calls, and the libraries' errors come back as
 * -1 and a cause (their longjmp stays inside this file), never a message
 * on the terminal or an exit. */
#ifndef KT_IMG_DECODE_H
#define KT_IMG_DECODE_H

#include <stddef.h>

#include "img/probe.h"

/* A preview never holds more than this a side, whatever it is asked. */
#define IMG_PREVIEW_MAX	512
/* Nor decodes a picture of more pixels than this (a 10 MB PNG can claim
 * a huge size: it would be read row by row, but not for ever). */
#define IMG_SOURCE_MAX_PIXELS	(100L * 1000 * 1000)

struct img_pixels {
	int		 w, h;
	unsigned char	*rgba;		/* w * h * 4, rows top down */
};

/* Load what decoding this type needs: 0, or -1 and *cause (static text:
 * "libjpeg.so.62: cannot open shared object file..."). Remembered. */
int	 img_decoders_load(enum img_type, const char **cause);

/* Decode a JPEG or PNG into at most max_w x max_h pixels (its aspect
 * kept; never scaled up). 0, or -1 and *cause (malloc'd) for a corrupt,
 * truncated, unsupported or oversized picture. */
int	 img_decode(const unsigned char *, size_t, int max_w, int max_h,
	    struct img_pixels *, char **cause);
void	 img_pixels_free(struct img_pixels *);

#endif
