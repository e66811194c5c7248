/* kling-sim: a small ISO BMFF (MP4) writer for one Motion-JPEG video track:
 * ftyp, moov (mvhd, trak: tkhd, mdia: mdhd, hdlr, minf: vmhd, dinf, stbl
 * with a 'jpeg' sample entry, stts, stsc, stsz, stco), mdat with every frame
 * in order (one chunk), then, when the file must be at least some size, a
 * 'free' box of zero bytes (never held in memory: a blob part of zeros).
 * Frames are stored once per frame, as the format counts them, even when a
 * scene repeats the same picture.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "xmalloc.h"

#define MP4_TIMESCALE	1000	/* of the movie and the track: milliseconds */
#define MP4_FREE_MIN	8	/* a box header */

struct mp4_buf {
	uint8_t	*v;
	size_t	 n;
	size_t	 cap;
};

static void
mp4_put(struct mp4_buf *b, const void *p, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2 + 256;
		b->v = xrealloc(b->v, b->cap);
	}
	if (p != NULL)
		memcpy(b->v + b->n, p, n);
	else
		memset(b->v + b->n, 0, n);
	b->n += n;
}

static void
mp4_u16(struct mp4_buf *b, unsigned v)
{
	uint8_t p[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	mp4_put(b, p, 2);
}

static void
mp4_u32(struct mp4_buf *b, uint32_t v)
{
	mp4_u16(b, v >> 16);
	mp4_u16(b, v & 0xffff);
}

static void
mp4_zero(struct mp4_buf *b, size_t n)
{
	mp4_put(b, NULL, n);
}

/* Open a box; mp4_close() writes its size once its content is known. */
static size_t
mp4_open(struct mp4_buf *b, const char *type)
{
	size_t at = b->n;

	mp4_u32(b, 0);
	mp4_put(b, type, 4);
	return at;
}

static size_t
mp4_open_full(struct mp4_buf *b, const char *type, uint32_t flags)
{
	size_t at = mp4_open(b, type);

	mp4_u32(b, flags);	/* version 0 */
	return at;
}

static void
mp4_close(struct mp4_buf *b, size_t at)
{
	size_t n = b->n - at;

	b->v[at] = (uint8_t)(n >> 24);
	b->v[at + 1] = (uint8_t)(n >> 16);
	b->v[at + 2] = (uint8_t)(n >> 8);
	b->v[at + 3] = (uint8_t)n;
}

static void
mp4_matrix(struct mp4_buf *b)
{
	static const uint32_t unity[9] = {
		0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000
	};
	int i;

	for (i = 0; i < 9; i++)
		mp4_u32(b, unity[i]);
}

static void
mp4_mvhd(struct mp4_buf *b, uint32_t duration)
{
	size_t at = mp4_open_full(b, "mvhd", 0);

	mp4_u32(b, 0);			/* creation time */
	mp4_u32(b, 0);			/* modification time */
	mp4_u32(b, MP4_TIMESCALE);
	mp4_u32(b, duration);
	mp4_u32(b, 0x00010000);		/* rate 1.0 */
	mp4_u16(b, 0x0100);		/* volume 1.0 */
	mp4_zero(b, 10);
	mp4_matrix(b);
	mp4_zero(b, 24);		/* pre_defined */
	mp4_u32(b, 2);			/* next track id */
	mp4_close(b, at);
}

static void
mp4_tkhd(struct mp4_buf *b, uint32_t duration, unsigned w, unsigned h)
{
	size_t at = mp4_open_full(b, "tkhd", 0x3);	/* enabled, in movie */

	mp4_u32(b, 0);
	mp4_u32(b, 0);
	mp4_u32(b, 1);			/* track id */
	mp4_u32(b, 0);
	mp4_u32(b, duration);
	mp4_zero(b, 8);
	mp4_u16(b, 0);			/* layer */
	mp4_u16(b, 0);			/* alternate group */
	mp4_u16(b, 0);			/* volume: not audio */
	mp4_u16(b, 0);
	mp4_matrix(b);
	mp4_u32(b, (uint32_t)w << 16);
	mp4_u32(b, (uint32_t)h << 16);
	mp4_close(b, at);
}

static void
mp4_mdhd(struct mp4_buf *b, uint32_t duration)
{
	size_t at = mp4_open_full(b, "mdhd", 0);

	mp4_u32(b, 0);
	mp4_u32(b, 0);
	mp4_u32(b, MP4_TIMESCALE);
	mp4_u32(b, duration);
	mp4_u16(b, 0x55c4);		/* language "und" */
	mp4_u16(b, 0);
	mp4_close(b, at);
}

static void
mp4_hdlr(struct mp4_buf *b)
{
	size_t at = mp4_open_full(b, "hdlr", 0);

	mp4_u32(b, 0);
	mp4_put(b, "vide", 4);
	mp4_zero(b, 12);
	mp4_put(b, "VideoHandler", 13);	/* with its NUL */
	mp4_close(b, at);
}

static void
mp4_dinf(struct mp4_buf *b)
{
	size_t dinf = mp4_open(b, "dinf");
	size_t dref = mp4_open_full(b, "dref", 0);

	mp4_u32(b, 1);
	mp4_close(b, mp4_open_full(b, "url ", 0x1));	/* in this file */
	mp4_close(b, dref);
	mp4_close(b, dinf);
}

static void
mp4_stsd(struct mp4_buf *b, unsigned w, unsigned h)
{
	static const char	name[] = "Photo - JPEG";
	size_t			stsd = mp4_open_full(b, "stsd", 0), entry;
	uint8_t			cname[32] = { 0 };

	mp4_u32(b, 1);
	entry = mp4_open(b, "jpeg");
	mp4_zero(b, 6);
	mp4_u16(b, 1);			/* data reference index */
	mp4_zero(b, 16);		/* pre_defined, reserved */
	mp4_u16(b, w);
	mp4_u16(b, h);
	mp4_u32(b, 0x00480000);		/* 72 dpi */
	mp4_u32(b, 0x00480000);
	mp4_u32(b, 0);
	mp4_u16(b, 1);			/* frames per sample */
	cname[0] = sizeof name - 1;
	memcpy(cname + 1, name, sizeof name - 1);
	mp4_put(b, cname, sizeof cname);
	mp4_u16(b, 0x18);		/* depth: colour */
	mp4_u16(b, 0xffff);		/* pre_defined -1 */
	mp4_close(b, entry);
	mp4_close(b, stsd);
}

/* The sample tables: every frame lasts 1/fps s, all in one chunk at
 * data_at. */
static void
mp4_stbl(struct mp4_buf *b, unsigned w, unsigned h, unsigned fps,
    const struct mp4_scene *scene, size_t nscenes, uint32_t nframes,
    uint32_t data_at)
{
	size_t		stbl = mp4_open(b, "stbl"), at, i;
	unsigned	f;

	mp4_stsd(b, w, h);
	at = mp4_open_full(b, "stts", 0);
	mp4_u32(b, 1);
	mp4_u32(b, nframes);
	mp4_u32(b, MP4_TIMESCALE / fps);
	mp4_close(b, at);
	at = mp4_open_full(b, "stsc", 0);
	mp4_u32(b, 1);
	mp4_u32(b, 1);			/* first chunk */
	mp4_u32(b, nframes);		/* samples per chunk */
	mp4_u32(b, 1);			/* sample description */
	mp4_close(b, at);
	at = mp4_open_full(b, "stsz", 0);
	mp4_u32(b, 0);			/* sizes differ */
	mp4_u32(b, nframes);
	for (i = 0; i < nscenes; i++) {
		for (f = 0; f < scene[i].frames; f++)
			mp4_u32(b, (uint32_t)scene[i].len);
	}
	mp4_close(b, at);
	at = mp4_open_full(b, "stco", 0);
	mp4_u32(b, 1);
	mp4_u32(b, data_at);
	mp4_close(b, at);
	mp4_close(b, stbl);
}

static void
mp4_moov(struct mp4_buf *b, unsigned w, unsigned h, unsigned fps,
    const struct mp4_scene *scene, size_t nscenes, uint32_t nframes,
    uint32_t data_at)
{
	uint32_t	duration = nframes * (MP4_TIMESCALE / fps);
	size_t		moov = mp4_open(b, "moov"), trak, mdia, minf, vmhd;

	mp4_mvhd(b, duration);
	trak = mp4_open(b, "trak");
	mp4_tkhd(b, duration, w, h);
	mdia = mp4_open(b, "mdia");
	mp4_mdhd(b, duration);
	mp4_hdlr(b);
	minf = mp4_open(b, "minf");
	vmhd = mp4_open_full(b, "vmhd", 0x1);
	mp4_zero(b, 8);			/* graphics mode, opcolor */
	mp4_close(b, vmhd);
	mp4_dinf(b);
	mp4_stbl(b, w, h, fps, scene, nscenes, nframes, data_at);
	mp4_close(b, minf);
	mp4_close(b, mdia);
	mp4_close(b, trak);
	mp4_close(b, moov);
}

/* Write the video into out: each scene's JPEG frames times over, at fps
 * (a divisor of 1000), padded with a trailing 'free' box to at least
 * min_size bytes. */
void
mp4_mjpeg(struct blob *out, unsigned w, unsigned h, unsigned fps,
    const struct mp4_scene *scene, size_t nscenes, uint64_t min_size)
{
	struct mp4_buf	 b = { 0 }, probe = { 0 };
	uint64_t	 size, pad;
	uint32_t	 nframes = 0;
	size_t		 i, mdat;
	unsigned	 f;
	uint8_t		*hdr;

	for (i = 0; i < nscenes; i++)
		nframes += scene[i].frames;
	mp4_put(&b, "\0\0\0\x1c" "ftyp" "isom\0\0\x02\0" "isomiso2mp41", 28);
	/* The moov's size does not depend on where the frames are: write it
	 * once to learn it, then for real. */
	mp4_moov(&probe, w, h, fps, scene, nscenes, nframes, 0);
	mp4_moov(&b, w, h, fps, scene, nscenes, nframes,
	    (uint32_t)(b.n + probe.n + 8));
	free(probe.v);
	mdat = mp4_open(&b, "mdat");
	for (i = 0; i < nscenes; i++) {
		for (f = 0; f < scene[i].frames; f++)
			mp4_put(&b, scene[i].jpeg, scene[i].len);
	}
	size = b.n;
	pad = min_size > size ? min_size - size : 0;
	if (pad > 0 && pad < MP4_FREE_MIN) {
		/* Too little for a box: unused bytes at the end of the mdat. */
		mp4_zero(&b, (size_t)pad);
		pad = 0;
	}
	mp4_close(&b, mdat);
	blob_add(out, b.v, b.n);
	if (pad == 0)
		return;
	/* The free box: its header, then zeros. */
	if (pad <= UINT32_MAX) {
		hdr = xmalloc(8);
		memcpy(hdr, "\0\0\0\0free", 8);
		hdr[0] = (uint8_t)(pad >> 24);
		hdr[1] = (uint8_t)(pad >> 16);
		hdr[2] = (uint8_t)(pad >> 8);
		hdr[3] = (uint8_t)pad;
		blob_add(out, hdr, 8);
		blob_add(out, NULL, pad - 8);
	} else {
		hdr = xmalloc(16);	/* size 1: a 64-bit size follows */
		memcpy(hdr, "\0\0\0\1free", 8);
		for (i = 0; i < 8; i++)
			hdr[8 + i] = (uint8_t)(pad >> (56 - 8 * i));
		blob_add(out, hdr, 16);
		blob_add(out, NULL, pad - 16);
	}
}
