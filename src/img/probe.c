/* kling-tui: an image's type and size from its first bytes (probe.h).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "img/probe.h"

/* Larger than any real picture: a header saying more is lying. */
#define PROBE_MAX_SIDE	65535

static unsigned
probe_be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t
probe_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int
probe_set(struct img_info *info, uint32_t w, uint32_t h)
{
	if (w == 0 || h == 0 || w > PROBE_MAX_SIDE || h > PROBE_MAX_SIDE)
		return -1;
	info->width = (int)w;
	info->height = (int)h;
	return 0;
}

static int
probe_png(const unsigned char *p, size_t n, struct img_info *info)
{
	/* The signature, then IHDR first: length 13, width, height. */
	if (n < 8 + 8 + 13 || probe_be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) != 0)
		return -1;
	return probe_set(info, probe_be32(p + 16), probe_be32(p + 20));
}

/* The markers after SOI up to a start of frame; each segment's length is
 * checked against what is there. */
static int
probe_jpeg(const unsigned char *p, size_t n, struct img_info *info)
{
	size_t i = 2, len;
	unsigned m;

	while (i + 1 < n) {
		if (p[i] != 0xff)
			return -1;
		while (i < n && p[i] == 0xff)	/* fill bytes */
			i++;
		if (i >= n)
			return -1;
		m = p[i++];
		if (m == 0xd8 || m == 0x01 || (m >= 0xd0 && m <= 0xd7))
			continue;	/* no length */
		if (m == 0xd9 || m == 0xda)
			return -1;	/* end, or scan data before any frame */
		if (i + 2 > n)
			return -1;
		len = probe_be16(p + i);
		if (len < 2)
			return -1;
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
			if (len < 7 || i + 7 > n)
				return -1;
			/* length, precision, height, width */
			return probe_set(info, probe_be16(p + i + 5), probe_be16(p + i + 3));
		}
		i += len;
	}
	return -1;
}

int
img_probe(const unsigned char *p, size_t n, struct img_info *info)
{
	static const unsigned char png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	size_t i;

	memset(info, 0, sizeof *info);
	if (p == NULL)
		return -1;
	if (n >= 8 && memcmp(p, png_sig, 8) == 0) {
		info->type = IMG_PNG;
		return probe_png(p, n, info);
	}
	if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff) {
		info->type = IMG_JPEG;
		return probe_jpeg(p, n, info);
	}
	if (n >= 10 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0)) {
		info->type = IMG_GIF;
		return probe_set(info, (uint32_t)p[6] | (uint32_t)p[7] << 8,
		    (uint32_t)p[8] | (uint32_t)p[9] << 8);
	}
	if (n >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0) {
		info->type = IMG_WEBP;
		return -1;
	}
	for (i = 0; i < n && i < 64 && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	    p[i] == '\n'); i++)
		;
	if (n - i >= 5 && (strncasecmp((const char *)p + i, "<!doc", 5) == 0 ||
	    strncasecmp((const char *)p + i, "<html", 5) == 0))
		info->type = IMG_HTML;
	return -1;
}

const char *
img_type_name(enum img_type t)
{
	switch (t) {
	case IMG_PNG:	return "PNG";
	case IMG_JPEG:	return "JPEG";
	case IMG_GIF:	return "GIF";
	case IMG_WEBP:	return "WebP";
	case IMG_HTML:	return "HTML";
	default:	return "unknown";
	}
}

int
img_type_supported(enum img_type t)
{
	return t == IMG_PNG || t == IMG_JPEG;
}
