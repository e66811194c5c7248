/* kling-sim: drawing the pictures it serves, in memory as RGB: colour
 * gradients and flat colours with a large label (digits and 'x') in a 5x7
 * pixel font, scaled up, white with a black shadow so that it shows on any
 * colour. The encoders (encode.c) turn them into PNG and JPEG.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "xmalloc.h"

#define FONT_W	5
#define FONT_H	7

/* Rows of each glyph, top first; bit 4 is the leftmost pixel. */
static const struct {
	char	c;
	uint8_t	row[FONT_H];
} picture_font[] = {
	{ '0', { 0x0e, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0e } },
	{ '1', { 0x04, 0x0c, 0x04, 0x04, 0x04, 0x04, 0x0e } },
	{ '2', { 0x0e, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1f } },
	{ '3', { 0x1f, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0e } },
	{ '4', { 0x02, 0x06, 0x0a, 0x12, 0x1f, 0x02, 0x02 } },
	{ '5', { 0x1f, 0x10, 0x1e, 0x01, 0x01, 0x11, 0x0e } },
	{ '6', { 0x06, 0x08, 0x10, 0x1e, 0x11, 0x11, 0x0e } },
	{ '7', { 0x1f, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08 } },
	{ '8', { 0x0e, 0x11, 0x11, 0x0e, 0x11, 0x11, 0x0e } },
	{ '9', { 0x0e, 0x11, 0x11, 0x0f, 0x01, 0x02, 0x0c } },
	{ 'x', { 0x00, 0x00, 0x11, 0x0a, 0x04, 0x0a, 0x11 } },
};

void
picture_init(struct picture *pic, unsigned w, unsigned h)
{
	pic->w = w;
	pic->h = h;
	pic->rgb = xcalloc((size_t)w * h, 3);
}

void
picture_free(struct picture *pic)
{
	free(pic->rgb);
	pic->rgb = NULL;
}

static void
picture_rect(struct picture *pic, long x0, long y0, long w, long h,
    uint32_t rgb)
{
	long	x, y;
	uint8_t	*p;

	for (y = y0 < 0 ? 0 : y0; y < y0 + h && y < (long)pic->h; y++) {
		for (x = x0 < 0 ? 0 : x0; x < x0 + w && x < (long)pic->w; x++) {
			p = pic->rgb + ((size_t)y * pic->w + (size_t)x) * 3;
			p[0] = rgb >> 16;
			p[1] = rgb >> 8;
			p[2] = rgb;
		}
	}
}

void
picture_fill(struct picture *pic, uint32_t rgb)
{
	picture_rect(pic, 0, 0, pic->w, pic->h, rgb);
}

/* One of six hue ramps, 0..1535, at full saturation. */
static void
picture_hue(unsigned hue, uint8_t out[3])
{
	unsigned s = hue / 256 % 6, f = hue % 256;

	switch (s) {
	case 0: out[0] = 255; out[1] = f; out[2] = 0; break;
	case 1: out[0] = 255 - f; out[1] = 255; out[2] = 0; break;
	case 2: out[0] = 0; out[1] = 255; out[2] = f; break;
	case 3: out[0] = 0; out[1] = 255 - f; out[2] = 255; break;
	case 4: out[0] = f; out[1] = 0; out[2] = 255; break;
	default: out[0] = 255; out[1] = 0; out[2] = 255 - f; break;
	}
}

/* The hue turns once across the width from hue0; the top is light and the
 * bottom dark. */
void
picture_gradient(struct picture *pic, unsigned hue0)
{
	unsigned	x, y, k, light;
	uint8_t		c[3], *p = pic->rgb;

	for (y = 0; y < pic->h; y++) {
		light = 64 + 160 * (pic->h - 1 - y) / (pic->h > 1 ? pic->h - 1 : 1);
		for (x = 0; x < pic->w; x++) {
			picture_hue(hue0 + 1536 * x / pic->w, c);
			for (k = 0; k < 3; k++)
				*p++ = (uint8_t)(c[k] * light / 224);
		}
	}
}

static const uint8_t *
picture_glyph(char c)
{
	size_t i;

	for (i = 0; i < sizeof picture_font / sizeof picture_font[0]; i++) {
		if (picture_font[i].c == c)
			return picture_font[i].row;
	}
	return NULL;
}

static void
picture_text(struct picture *pic, const char *text, long x0, long y0,
    unsigned scale, uint32_t rgb)
{
	const uint8_t	*g;
	long		 x, y;

	for (; *text != '\0'; text++, x0 += (FONT_W + 1) * (long)scale) {
		if ((g = picture_glyph(*text)) == NULL)
			continue;
		for (y = 0; y < FONT_H; y++) {
			for (x = 0; x < FONT_W; x++) {
				if (g[y] & (0x10 >> x))
					picture_rect(pic, x0 + x * (long)scale,
					    y0 + y * (long)scale, scale, scale,
					    rgb);
			}
		}
	}
}

/* TEXT as large as fits in share (percent) of the picture, centred. Glyphs
 * other than digits and 'x' are left blank. */
void
picture_label(struct picture *pic, const char *text, unsigned share)
{
	size_t		n = strlen(text);
	unsigned	sw, sh, scale, shadow;
	long		w, h;

	if (n == 0)
		return;
	sw = pic->w * share / 100 / (unsigned)(n * (FONT_W + 1) - 1);
	sh = pic->h * share / 100 / FONT_H;
	scale = sw < sh ? sw : sh;
	if (scale == 0)
		scale = 1;
	shadow = scale / 4 + 1;
	w = (long)(n * (FONT_W + 1) - 1) * scale;
	h = (long)FONT_H * scale;
	picture_text(pic, text, ((long)pic->w - w) / 2 + shadow,
	    ((long)pic->h - h) / 2 + shadow, scale, 0x000000);
	picture_text(pic, text, ((long)pic->w - w) / 2, ((long)pic->h - h) / 2,
	    scale, 0xffffff);
}
