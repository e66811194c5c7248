/* kling-sim: the reference images a storyboard may link to, so that a
 * client's image-URL check can be tried: /images/NAME.png and NAME.jpg are
 * small valid grey images written here byte by byte. NAME "small" gives
 * 64x64 (under the 300 px the service wants), "big" pads the file past
 * 10 MB, "missing" is not found, "notimage" is an HTML page; any other name
 * is 320x320.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "xmalloc.h"

#define IMG_BIG_PAD	(10u * 1024 * 1024 + 4096)

enum img_kind { IMG_NORMAL, IMG_SMALL, IMG_BIG, IMG_NKINDS };

struct img_buf {
	uint8_t	*v;
	size_t	 n;
	size_t	 cap;
};

static struct img_buf	img_png[IMG_NKINDS], img_jpeg[IMG_NKINDS];
static pthread_mutex_t	img_lock = PTHREAD_MUTEX_INITIALIZER;

static void
img_put(struct img_buf *b, const void *p, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2;
		b->v = xrealloc(b->v, b->cap);
	}
	memcpy(b->v + b->n, p, n);
	b->n += n;
}

static void
img_put8(struct img_buf *b, unsigned v)
{
	uint8_t c = v;

	img_put(b, &c, 1);
}

static void
img_put16(struct img_buf *b, unsigned v)
{
	img_put8(b, v >> 8);
	img_put8(b, v);
}

static void
img_put32(struct img_buf *b, uint32_t v)
{
	img_put16(b, v >> 16);
	img_put16(b, v);
}

static uint32_t
img_crc32(const uint8_t *p, size_t n)
{
	uint32_t	c = 0xffffffff;
	int		k;

	while (n-- > 0) {
		c ^= *p++;
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320 & -(c & 1));
	}
	return c ^ 0xffffffff;
}

static void
png_chunk(struct img_buf *b, const char *type, const uint8_t *data, size_t n)
{
	size_t at;

	img_put32(b, (uint32_t)n);
	at = b->n;
	img_put(b, type, 4);
	if (n > 0)
		img_put(b, data, n);
	img_put32(b, img_crc32(b->v + at, n + 4));
}

/* A grey gradient, stored uncompressed in zlib's "stored" blocks. */
static void
png_build(struct img_buf *b, unsigned side, size_t pad)
{
	struct img_buf	raw = { 0 }, z = { 0 };
	uint32_t	s1 = 1, s2 = 0;
	size_t		i, blk;
	unsigned	x, y;
	uint8_t		ihdr[13] = { 0 };

	img_put(b, "\x89PNG\r\n\x1a\n", 8);
	ihdr[0] = side >> 24; ihdr[1] = side >> 16; ihdr[2] = side >> 8; ihdr[3] = side;
	memcpy(ihdr + 4, ihdr, 4);
	ihdr[8] = 8;	/* bit depth; colour type 0: grey */
	png_chunk(b, "IHDR", ihdr, sizeof ihdr);
	if (pad > 0) {
		uint8_t *text = xcalloc(1, pad);

		memcpy(text, "Comment", 8);	/* keyword, NUL, then spaces */
		memset(text + 8, ' ', pad - 8);
		png_chunk(b, "tEXt", text, pad);
		free(text);
	}
	for (y = 0; y < side; y++) {
		img_put8(&raw, 0);	/* filter: none */
		for (x = 0; x < side; x++)
			img_put8(&raw, (x + y) * 255 / (2 * side));
	}
	img_put8(&z, 0x78);
	img_put8(&z, 0x01);
	for (i = 0; i < raw.n; i += blk) {
		blk = raw.n - i > 65535 ? 65535 : raw.n - i;
		img_put8(&z, i + blk == raw.n);	/* BFINAL, BTYPE stored */
		img_put8(&z, blk & 0xff);
		img_put8(&z, blk >> 8);
		img_put8(&z, ~blk & 0xff);
		img_put8(&z, (~blk >> 8) & 0xff);
		img_put(&z, raw.v + i, blk);
	}
	for (i = 0; i < raw.n; i++) {
		s1 = (s1 + raw.v[i]) % 65521;
		s2 = (s2 + s1) % 65521;
	}
	img_put32(&z, (s2 << 16) | s1);
	png_chunk(b, "IDAT", z.v, z.n);
	png_chunk(b, "IEND", NULL, 0);
	free(raw.v);
	free(z.v);
}

/* A flat grey baseline JPEG: every 8x8 block has a zero DC difference and
 * no AC coefficient, so one-code Huffman tables make each block two 0 bits. */
static void
jpeg_build(struct img_buf *b, unsigned side, size_t pad)
{
	size_t		blocks = (size_t)((side + 7) / 8) * ((side + 7) / 8);
	size_t		bits = blocks * 2, i, n;
	int		t;

	img_put16(b, 0xffd8);				/* SOI */
	for (; pad > 0; pad -= n) {			/* COM segments */
		n = pad > 65533 ? 65533 : pad;
		img_put16(b, 0xfffe);
		img_put16(b, (unsigned)n + 2);
		for (i = 0; i < n; i++)
			img_put8(b, ' ');
	}
	img_put16(b, 0xffdb);				/* DQT: all ones */
	img_put16(b, 67);
	img_put8(b, 0);
	for (i = 0; i < 64; i++)
		img_put8(b, 1);
	img_put16(b, 0xffc0);				/* SOF0, one component */
	img_put16(b, 11);
	img_put8(b, 8);
	img_put16(b, side);
	img_put16(b, side);
	img_put8(b, 1);
	img_put8(b, 1);
	img_put8(b, 0x11);
	img_put8(b, 0);
	for (t = 0; t < 2; t++) {			/* DHT: DC then AC */
		img_put16(b, 0xffc4);
		img_put16(b, 2 + 1 + 16 + 1);
		img_put8(b, t << 4);
		img_put8(b, 1);				/* one code of length 1 */
		for (i = 1; i < 16; i++)
			img_put8(b, 0);
		img_put8(b, 0);				/* DC: size 0; AC: EOB */
	}
	img_put16(b, 0xffda);				/* SOS */
	img_put16(b, 8);
	img_put8(b, 1);
	img_put8(b, 1);
	img_put8(b, 0x00);
	img_put8(b, 0);
	img_put8(b, 63);
	img_put8(b, 0);
	for (i = 0; i < bits / 8; i++)
		img_put8(b, 0);
	if (bits % 8 != 0)				/* pad the last byte with 1s */
		img_put8(b, 0xff >> (bits % 8));
	img_put16(b, 0xffd9);				/* EOI */
}

/* Built on first use: the big ones take 10 MB each. */
static const struct img_buf *
img_get(bool png, enum img_kind kind)
{
	struct img_buf	*b = png ? &img_png[kind] : &img_jpeg[kind];
	unsigned	 side = kind == IMG_SMALL ? 64 : 320;
	size_t		 pad = kind == IMG_BIG ? IMG_BIG_PAD : 0;

	pthread_mutex_lock(&img_lock);
	if (b->v == NULL) {
		if (png)
			png_build(b, side, pad);
		else
			jpeg_build(b, side, pad);
	}
	pthread_mutex_unlock(&img_lock);
	return b;
}

void
images_answer(const struct sim_request *rq, struct sim_reply *rp)
{
	static const char	 page[] = "<html><body>not an image</body></html>\n";
	const char		*name = rq->path + strlen("/images/"), *dot;
	const struct img_buf	*b;
	enum img_kind		 kind = IMG_NORMAL;
	bool			 png;
	size_t			 stem;

	if ((dot = strrchr(name, '.')) == NULL)
		goto missing;
	if (strcmp(dot, ".png") == 0)
		png = true;
	else if (strcmp(dot, ".jpg") == 0 || strcmp(dot, ".jpeg") == 0)
		png = false;
	else
		goto missing;
	stem = (size_t)(dot - name);
	if (stem == 0 || strcspn(name, "/") < stem)
		goto missing;
	if (stem == 7 && strncmp(name, "missing", 7) == 0)
		goto missing;
	if (stem == 8 && strncmp(name, "notimage", 8) == 0) {
		reply_set_static(rp, 200, "text/html", page, sizeof page - 1);
		return;
	}
	if (stem == 5 && strncmp(name, "small", 5) == 0)
		kind = IMG_SMALL;
	else if (stem == 3 && strncmp(name, "big", 3) == 0)
		kind = IMG_BIG;
	b = img_get(png, kind);
	reply_set_static(rp, 200, png ? "image/png" : "image/jpeg", b->v, b->n);
	return;
missing:
	reply_error(rp, 404, "no such image: %s", rq->path);
}

void
images_free_all(void)
{
	int i;

	for (i = 0; i < IMG_NKINDS; i++) {
		free(img_png[i].v);
		free(img_jpeg[i].v);
	}
}
