/* kling-tui: scaling down row by row (scale.h).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdlib.h>

#include "img/scale.h"
#include "xmalloc.h"

void
img_scale_fit(int sw, int sh, int max_w, int max_h, int *dw, int *dh)
{
	int64_t w = sw, h = sh;

	if (max_w < 1)
		max_w = 1;
	if (max_h < 1)
		max_h = 1;
	if (w > max_w) {
		h = h * max_w / w;
		w = max_w;
	}
	if (h > max_h) {
		w = w * max_h / h;
		h = max_h;
	}
	*dw = w < 1 ? 1 : (int)w;
	*dh = h < 1 ? 1 : (int)h;
}

void
img_scale_init(struct img_scale *s, int sw, int sh, int dw, int dh)
{
	s->sw = sw;
	s->sh = sh;
	s->dw = dw;
	s->dh = dh;
	s->acc = xcalloc((size_t)dw * dh * 4, sizeof *s->acc);
	s->cnt = xcalloc((size_t)dw * dh, sizeof *s->cnt);
}

void
img_scale_row(struct img_scale *s, int y, const unsigned char *row, int channels)
{
	int oy, x, ox;
	uint32_t *a;

	if (y < 0 || y >= s->sh)
		return;
	oy = (int)((int64_t)y * s->dh / s->sh);
	for (x = 0; x < s->sw; x++) {
		ox = (int)((int64_t)x * s->dw / s->sw);
		a = s->acc + ((size_t)oy * s->dw + ox) * 4;
		a[0] += row[0];
		a[1] += row[1];
		a[2] += row[2];
		a[3] += channels == 4 ? row[3] : 255;
		s->cnt[(size_t)oy * s->dw + ox]++;
		row += channels;
	}
}

unsigned char *
img_scale_finish(struct img_scale *s)
{
	size_t i, n = (size_t)s->dw * s->dh;
	unsigned char *out = xmalloc(n * 4);
	uint32_t c;

	for (i = 0; i < n; i++) {
		/* A sum of up to 65535 x 65535 / 512 / 512 bytes per pixel
		 * stays in 32 bits (the source is capped in pixels). */
		c = s->cnt[i] != 0 ? s->cnt[i] : 1;
		out[i * 4] = (unsigned char)(s->acc[i * 4] / c);
		out[i * 4 + 1] = (unsigned char)(s->acc[i * 4 + 1] / c);
		out[i * 4 + 2] = (unsigned char)(s->acc[i * 4 + 2] / c);
		out[i * 4 + 3] = (unsigned char)(s->acc[i * 4 + 3] / c);
	}
	img_scale_free(s);
	return out;
}

void
img_scale_free(struct img_scale *s)
{
	free(s->acc);
	free(s->cnt);
	s->acc = NULL;
	s->cnt = NULL;
}
