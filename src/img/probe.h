/* kling-tui: what an image is, from its first bytes: the true type (by
 * content, never by the URL's extension) and the pixel size, read from the
 * PNG IHDR chunk or a JPEG SOF marker. No decoder, no allocation.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_IMG_PROBE_H
#define KT_IMG_PROBE_H

#include <stddef.h>

enum img_type { IMG_UNKNOWN, IMG_PNG, IMG_JPEG, IMG_GIF, IMG_WEBP, IMG_HTML };

struct img_info {
	enum img_type	type;
	int		width;		/* 0: not found (truncated, lying file) */
	int		height;
};

/* 0 when the type and both dimensions were found; -1 otherwise, with
 * info->type still set when the signature was recognised. */
int		 img_probe(const unsigned char *, size_t, struct img_info *);
/* "PNG", "JPEG", "GIF", "WebP", "HTML", "unknown". */
const char	*img_type_name(enum img_type);
/* JPEG and PNG: what the service and the decoders take. */
int		 img_type_supported(enum img_type);

#endif
