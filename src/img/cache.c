/* kling-tui: a few decoded previews (cache.h).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "img/cache.h"
#include "xmalloc.h"

struct img_slot {
	char			*key;
	struct img_pixels	 px;
	uint64_t		 used;
};

struct img_cache {
	struct img_slot	 v[IMG_CACHE_SLOTS];
	uint64_t	 clock;
};

struct img_cache *
img_cache_new(void)
{
	return xcalloc(1, sizeof (struct img_cache));
}

static void
img_slot_clear(struct img_slot *s)
{
	free(s->key);
	img_pixels_free(&s->px);
	memset(s, 0, sizeof *s);
}

void
img_cache_free(struct img_cache **cp)
{
	size_t i;

	if (*cp == NULL)
		return;
	for (i = 0; i < IMG_CACHE_SLOTS; i++)
		img_slot_clear(&(*cp)->v[i]);
	free(*cp);
	*cp = NULL;
}

const struct img_pixels *
img_cache_get(struct img_cache *c, const char *key)
{
	size_t i;

	for (i = 0; i < IMG_CACHE_SLOTS; i++) {
		if (c->v[i].key != NULL && strcmp(c->v[i].key, key) == 0) {
			c->v[i].used = ++c->clock;
			return &c->v[i].px;
		}
	}
	return NULL;
}

void
img_cache_put(struct img_cache *c, const char *key, struct img_pixels *px)
{
	struct img_slot *s = &c->v[0];
	size_t i;

	for (i = 0; i < IMG_CACHE_SLOTS; i++) {
		if (c->v[i].key != NULL && strcmp(c->v[i].key, key) == 0) {
			s = &c->v[i];
			break;
		}
		if (c->v[i].used < s->used)
			s = &c->v[i];
	}
	img_slot_clear(s);
	s->key = xstrdup(key);
	s->px = *px;
	s->used = ++c->clock;
	memset(px, 0, sizeof *px);
}
