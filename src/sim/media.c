/* kling-sim: the "videos" a finished task links to. Each is an ISO BMFF
 * (MP4) file: ftyp, a moov with the movie header carrying the video's length,
 * then an mdat of bytes derived from the task id and the offset, so that any
 * byte range can be produced without storing the file and every download of
 * one task gets the same bytes. It has no playable track.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "xmalloc.h"

#define MP4_HEAD_LEN	(28 + 116 + 8)	/* ftyp, moov(mvhd), mdat header */

struct media_file {
	uint8_t		head[MP4_HEAD_LEN];
	uint64_t	key;		/* from the task id */
	uint64_t	start;		/* first byte sent (Range) */
	uint64_t	size;		/* of the whole file */
};

static uint8_t *
put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
	return p + 4;
}

static uint8_t *
put_box(uint8_t *p, uint32_t size, const char *type)
{
	p = put32(p, size);
	memcpy(p, type, 4);
	return p + 4;
}

static void
media_head(struct media_file *mf, long video_seconds)
{
	static const uint32_t matrix[9] = {
		0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000
	};
	uint8_t	*p = mf->head;
	int	 i;

	memset(mf->head, 0, sizeof mf->head);
	p = put_box(p, 28, "ftyp");
	memcpy(p, "isom", 4);
	p = put32(p + 4, 0x200);
	memcpy(p, "isomiso2mp41", 12);
	p += 12;
	p = put_box(p, 116, "moov");
	p = put_box(p, 108, "mvhd");
	p += 4 + 4 + 4;			/* version, flags, creation, modification */
	p = put32(p, 1000);		/* timescale: milliseconds */
	p = put32(p, (uint32_t)video_seconds * 1000);
	p = put32(p, 0x00010000);	/* rate 1.0 */
	p[0] = 0x01;			/* volume 1.0 */
	p += 2 + 10;
	for (i = 0; i < 9; i++)
		p = put32(p, matrix[i]);
	p += 24;
	p = put32(p, 1);		/* next track id */
	put_box(p, (uint32_t)(mf->size - (MP4_HEAD_LEN - 8)), "mdat");
}

static ssize_t
media_fill(void *arg, uint64_t pos, char *buf, size_t max)
{
	struct media_file	*mf = arg;
	uint64_t		 off = mf->start + pos, word;
	size_t			 n = 0;

	if (off >= mf->size)
		return -1;
	if (max > mf->size - off)
		max = (size_t)(mf->size - off);
	for (; n < max && off < MP4_HEAD_LEN; n++, off++)
		buf[n] = (char)mf->head[off];
	for (; n < max; n++, off++) {
		word = rng_mix(mf->key ^ (off >> 3));
		buf[n] = (char)(word >> ((off & 7) * 8));
	}
	return (ssize_t)n;
}

static uint64_t
media_key(const char *id)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a */

	for (; *id != '\0'; id++)
		h = (h ^ (unsigned char)*id) * 0x100000001b3ULL;
	return h;
}

/* Parse "bytes=A-B", "bytes=A-" or "bytes=-N" against size. Returns 1 with
 * [*first, *last] for a satisfiable range, 0 when the header is not one we
 * honour (send the whole file), -1 when it is out of range (416). */
int
media_range(const char *hdr, uint64_t size, uint64_t *first, uint64_t *last)
{
	unsigned long long	a, b;
	char			*end;

	if (hdr == NULL || strncmp(hdr, "bytes=", 6) != 0 ||
	    strchr(hdr, ',') != NULL)
		return 0;
	hdr += 6;
	if (*hdr == '-') {
		b = strtoull(hdr + 1, &end, 10);
		if (end == hdr + 1 || *end != '\0')
			return 0;
		if (b == 0 || size == 0)
			return -1;
		*first = b >= size ? 0 : size - b;
		*last = size - 1;
		return 1;
	}
	a = strtoull(hdr, &end, 10);
	if (end == hdr || *end != '-')
		return 0;
	hdr = end + 1;
	if (*hdr == '\0')
		b = size - 1;
	else {
		b = strtoull(hdr, &end, 10);
		if (*end != '\0' || b < a)
			return 0;
		if (b >= size)
			b = size - 1;
	}
	if (a >= size)
		return -1;
	*first = a;
	*last = b;
	return 1;
}

/* Answer GET or HEAD /media/ID.mp4 for a finished task. */
void
media_answer(const struct sim_request *rq, const char *id, long video_seconds,
    struct sim_reply *rp)
{
	struct media_file	*mf;
	uint64_t		 size = sim_cfg.media_size, first = 0, last;
	int			 r;

	last = size - 1;
	if ((r = media_range(rq->range, size, &first, &last)) == -1) {
		reply_clear_body(rp);
		rp->status = 416;
		rp->code = -1;
		rp->ctype = "text/plain";
		snprintf(rp->content_range, sizeof rp->content_range,
		    "bytes */%" PRIu64, size);
		return;
	}
	mf = xcalloc(1, sizeof *mf);
	mf->size = size;
	mf->key = media_key(id);
	mf->start = first;
	media_head(mf, video_seconds);
	reply_clear_body(rp);
	rp->status = r == 1 ? 206 : 200;
	rp->code = -1;
	rp->ctype = "video/mp4";
	rp->gen.fill = media_fill;
	rp->gen.free = free;
	rp->gen.arg = mf;
	rp->gen.size = last - first + 1;
	if (r == 1) {
		snprintf(rp->content_range, sizeof rp->content_range,
		    "bytes %" PRIu64 "-%" PRIu64 "/%" PRIu64, first, last, size);
	}
}
