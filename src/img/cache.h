/* kling-tui: the few previews kept decoded, the least recently used one
 * dropped for a new one: memory stays bounded whatever is browsed.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_IMG_CACHE_H
#define KT_IMG_CACHE_H

#include "img/decode.h"

#define IMG_CACHE_SLOTS	6

struct img_cache;

struct img_cache *img_cache_new(void);
void		 img_cache_free(struct img_cache **);
/* The pixels kept under key, or NULL; valid until the next put. */
const struct img_pixels *img_cache_get(struct img_cache *, const char *key);
/* Keep px under key (handed over; an older one of that key is replaced). */
void		 img_cache_put(struct img_cache *, const char *key, struct img_pixels *px);

#endif
