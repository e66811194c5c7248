/* kling-tui: tests for src/img: an image's type and size from crafted,
 * truncated and lying headers; decoding real pictures scaled down to a
 * bound; corrupt ones give an error, never a crash (run it under ASan).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "img/cache.h"
#include "img/decode.h"
#include "img/probe.h"
#include "img/spawn.h"
#include "clock.h"
#include "tap.h"

static uint32_t
crc32_of(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xffffffffu;
}

static void
be32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

/* A PNG signature and a valid IHDR chunk (CRC included), nothing more. */
static size_t
png_header(unsigned char *b, uint32_t w, uint32_t h)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	memcpy(b, sig, 8);
	be32(b + 8, 13);
	memcpy(b + 12, "IHDR", 4);
	be32(b + 16, w);
	be32(b + 20, h);
	b[24] = 8; b[25] = 2; b[26] = 0; b[27] = 0; b[28] = 0;
	be32(b + 29, crc32_of(b + 12, 17));
	return 33;
}

static unsigned char *
slurp(const char *name, size_t *n)
{
	char path[4096];
	const char *top = getenv("top_srcdir");
	unsigned char *buf;
	FILE *f;
	long len;

	snprintf(path, sizeof path, "%s/tests/img/%s", top != NULL ? top : ".", name);
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = malloc((size_t)len);
	*n = fread(buf, 1, (size_t)len, f);
	fclose(f);
	return buf;
}

static void
test_probe(void)
{
	unsigned char b[64];
	struct img_info in;
	static const unsigned char jpeg[] = {
		0xff, 0xd8, 0xff, 0xe0, 0x00, 0x06, 'J', 'F', 'I', 'F',
		0xff, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0xc8, 0x01, 0x2c, 0x03,
		1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1
	};
	static const unsigned char jpeg_lying[] = {
		0xff, 0xd8, 0xff, 0xe0, 0xff, 0xf0, 'J', 'F', 'I', 'F'
	};
	static const unsigned char jpeg_dnl[] = {
		0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x00, 0x01, 0x2c, 0x03
	};
	static const unsigned char html[] = "\n  <!DOCTYPE html><html>";

	is_int(img_probe(b, png_header(b, 1280, 720), &in), 0, "a PNG header is read");
	ok(in.type == IMG_PNG && in.width == 1280 && in.height == 720,
	    "PNG 1280x720: %s %dx%d", img_type_name(in.type), in.width, in.height);
	is_int(img_probe(b, 20, &in), -1, "a PNG cut inside IHDR has no size");
	ok(in.type == IMG_PNG && in.width == 0, "but is still known as a PNG");
	png_header(b, 0, 720);
	is_int(img_probe(b, 33, &in), -1, "a PNG claiming width 0 is refused");
	png_header(b, 70000, 720);
	is_int(img_probe(b, 33, &in), -1, "a PNG claiming 70000 px is refused");
	png_header(b, 200, 200);
	memcpy(b + 12, "IDAT", 4);
	is_int(img_probe(b, 33, &in), -1, "a PNG without IHDR first has no size");

	is_int(img_probe(jpeg, sizeof jpeg, &in), 0, "a JPEG's SOF0 is found after APP0");
	ok(in.type == IMG_JPEG && in.width == 300 && in.height == 200,
	    "JPEG 300x200 (fill bytes skipped): %dx%d", in.width, in.height);
	is_int(img_probe(jpeg, 16, &in), -1, "a JPEG cut inside its SOF has no size");
	ok(in.type == IMG_JPEG, "but is a JPEG");
	is_int(img_probe(jpeg_lying, sizeof jpeg_lying, &in), -1,
	    "a segment length past the end is not followed");
	is_int(img_probe(jpeg_dnl, sizeof jpeg_dnl, &in), -1, "a JPEG of height 0 has no size");
	is_int(img_probe((const unsigned char *)"GIF89a\x40\x01\xc8\x00", 10, &in), 0,
	    "a GIF's size is read");
	ok(in.type == IMG_GIF && !img_type_supported(in.type) && in.width == 320,
	    "GIF 320x200, not supported by the service");
	img_probe(html, sizeof html - 1, &in);
	is_str(img_type_name(in.type), "HTML", "an HTML page is told as such");
	img_probe((const unsigned char *)"hello", 5, &in);
	is_str(img_type_name(in.type), "unknown", "anything else is unknown");
	is_int(img_probe(NULL, 0, &in), -1, "no bytes: -1");
}

static int
opaque_coloured(const struct img_pixels *px)
{
	size_t i, n = (size_t)px->w * px->h;
	int colour = 0;

	for (i = 0; i < n; i++) {
		if (px->rgba[i * 4 + 3] != 255)
			return 0;
		colour |= px->rgba[i * 4] != px->rgba[i * 4 + 1];
	}
	return colour;
}

static void
test_decode_one(const char *name, enum img_type t)
{
	struct img_pixels px;
	unsigned char *data, *bad;
	const char *why = NULL;
	char *cause = NULL;
	size_t n = 0, i;
	int rc;

	if ((data = slurp(name, &n)) == NULL) {
		ok(0, "%s is readable", name);
		return;
	}
	is_int(img_decoders_load(t, &why), 0, "%s: its decoder loads (%s)", name,
	    why != NULL ? why : "ok");
	is_int(img_decode(data, n, 64, 64, &px, &cause), 0, "%s decodes: %s", name,
	    cause != NULL ? cause : "ok");
	ok(px.w == 64 && px.h == 36, "scaled into 64x64, aspect kept: %dx%d", px.w, px.h);
	/* testsrc's top left is light grey-ish, its bottom rows dark: the
	 * pixels are the picture's, not zeros. */
	ok(px.rgba != NULL && opaque_coloured(&px), "opaque, coloured pixels");
	img_pixels_free(&px);
	is_int(img_decode(data, n, 100000, 100000, &px, &cause), 0, "a huge bound");
	ok(px.w <= IMG_PREVIEW_MAX && px.h <= IMG_PREVIEW_MAX,
	    "is held to the preview's maximum: %dx%d", px.w, px.h);
	img_pixels_free(&px);

	/* Cut in half, and its middle scrambled: an error or a picture,
	 * never a crash or a read past the end. */
	cause = NULL;
	rc = img_decode(data, n / 2, 64, 64, &px, &cause);
	ok(rc == 0 || cause != NULL, "%s cut in half: %s", name, rc == 0 ? "partial picture" :
	    cause);
	img_pixels_free(&px);
	free(cause);
	cause = NULL;
	bad = malloc(n);
	memcpy(bad, data, n);
	for (i = n / 3; i < n; i += 7)
		bad[i] ^= 0x5a;
	rc = img_decode(bad, n, 64, 64, &px, &cause);
	ok(rc == 0 || cause != NULL, "%s scrambled: %s", name, rc == 0 ? "a picture" : cause);
	img_pixels_free(&px);
	free(cause);
	cause = NULL;
	rc = img_decode(bad, 40, 64, 64, &px, &cause);
	ok(rc == -1 && cause != NULL, "%s: 40 bytes only is an error: %s", name,
	    cause != NULL ? cause : "(none)");
	free(cause);
	free(bad);
	free(data);
}

static void
test_decode(void)
{
	unsigned char b[64];
	struct img_pixels px;
	char *cause = NULL;
	size_t n;

	test_decode_one("testsrc-640x360.png", IMG_PNG);
	test_decode_one("testsrc-640x360.jpg", IMG_JPEG);
	/* A header claiming 60000x60000 px, then its data's chunk header:
	 * refused before any row. */
	n = png_header(b, 60000, 60000);
	be32(b + n, 0);
	memcpy(b + n + 4, "IDAT", 4);
	be32(b + n + 8, crc32_of(b + n + 4, 4));
	is_int(img_decode(b, n + 12, 64, 64, &px, &cause), -1,
	    "a PNG claiming 60000x60000 px is not decoded");
	ok(cause != NULL && strstr(cause, "too large") != NULL, "too large: %s",
	    cause != NULL ? cause : "(none)");
	free(cause);
	cause = NULL;
	is_int(img_decode((const unsigned char *)"GIF89a\x40\x01\xc8\x00", 10, 64, 64, &px,
	    &cause), -1, "a GIF is not decoded");
	ok(cause != NULL && strstr(cause, "GIF") != NULL, "and says so: %s",
	    cause != NULL ? cause : "(none)");
	free(cause);
}

static void
test_cache(void)
{
	struct img_cache *c = img_cache_new();
	struct img_pixels px;
	char key[16];
	int i;

	for (i = 0; i < IMG_CACHE_SLOTS + 3; i++) {
		px.w = px.h = 1;
		px.rgba = calloc(4, 1);
		snprintf(key, sizeof key, "k%d", i);
		img_cache_put(c, key, &px);
		ok(px.rgba == NULL, "put %s takes the pixels", key);
		img_cache_get(c, "k0");	/* kept in use */
	}
	ok(img_cache_get(c, "k0") != NULL, "the one in use stays");
	ok(img_cache_get(c, "k1") == NULL, "the least recently used went");
	ok(img_cache_get(c, "k8") != NULL, "the newest is there");
	img_cache_free(&c);
	ok(c == NULL, "freed");
}

/* spawn_read: a short question to another program (tmux's pane place). */
static void
test_spawn_read(void)
{
	const char *echo[] = { "printf", "5 40 on top\\n", NULL };
	const char *slow[] = { "sh", "-c", "printf x; sleep 5", NULL };
	const char *fails[] = { "sh", "-c", "printf partial; exit 3", NULL };
	const char *absent[] = { "kt-no-such-program", NULL };
	const char *lots[] = { "sh", "-c", "yes | head -c 100000", NULL };
	char buf[16], *cause = NULL;
	int64_t t0;

	ok(spawn_read(echo, 2000, buf, sizeof buf, NULL) == 12 &&
	    strcmp(buf, "5 40 on top\n") == 0, "its output, NUL-ended");
	t0 = clock_ms();
	ok(spawn_read(slow, 200, buf, sizeof buf, &cause) == -1, "no end in time: -1");
	ok(clock_ms() - t0 < 2000, "killed at the deadline, not waited for (%lld ms)",
	    (long long)(clock_ms() - t0));
	ok(cause != NULL && strstr(cause, "in time") != NULL, "and says so: %s",
	    cause != NULL ? cause : "(none)");
	free(cause);
	cause = NULL;
	ok(spawn_read(fails, 2000, buf, sizeof buf, &cause) == -1, "a failure is -1, whatever it wrote");
	free(cause);
	cause = NULL;
	ok(spawn_read(absent, 2000, buf, sizeof buf, &cause) == -1 && cause != NULL,
	    "a program not found: -1 and why");
	free(cause);
	t0 = clock_ms();
	ok(spawn_read(lots, 5000, buf, sizeof buf, NULL) == -1 && strlen(buf) == sizeof buf - 1,
	    "more than buf holds: no overflow, -1");
	ok(clock_ms() - t0 < 4000, "and not waited for");
}

int
main(void)
{
	test_spawn_read();
	test_probe();
	test_decode();
	test_cache();
	return tap_done();
}
