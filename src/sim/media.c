/* kling-sim: the videos a finished task links to: a real, playable MP4
 * (Motion-JPEG, MEDIA_FPS frames a second) with one scene per shot of the
 * task's storyboard, each a flat colour of a fixed palette with the shot's
 * number drawn large, lasting that shot's duration; padded to at least
 * --media-size bytes. Made once per task, kept in the file cache (blob.c)
 * and served whole or by Range.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "xmalloc.h"

#define MEDIA_FPS	2
#define MEDIA_QUALITY	75

/* Shot 1 red, 2 green, 3 blue, 4 amber, 5 purple, 6 teal. */
static const uint32_t media_palette[SIM_MAX_SHOTS] = {
	0xc83232, 0x32a046, 0x3250c8, 0xe0a020, 0xa040b4, 0x20a0a8
};

/* The frame size for the storyboard's aspect ratio. */
static void
media_frame_size(const char *ratio, unsigned *w, unsigned *h)
{
	if (strcmp(ratio, "9:16") == 0) {
		*w = 180;
		*h = 320;
	} else if (strcmp(ratio, "1:1") == 0) {
		*w = 240;
		*h = 240;
	} else {
		*w = 320;
		*h = 180;
	}
}

static int
media_make(const void *arg, struct blob *out)
{
	const struct sim_video	*v = arg;
	struct mp4_scene	 scene[SIM_MAX_SHOTS];
	struct picture		 pic;
	uint8_t			*jpeg[SIM_MAX_SHOTS] = { NULL };
	unsigned		 w, h;
	size_t			 i;
	char			 label[24];	/* a size_t in decimal */
	int			 r = 0;

	media_frame_size(v->ratio, &w, &h);
	for (i = 0; i < v->nshots; i++) {
		picture_init(&pic, w, h);
		picture_fill(&pic, media_palette[i]);
		snprintf(label, sizeof label, "%zu", i + 1);
		picture_label(&pic, label, 60);
		r = encode_jpeg(&pic, MEDIA_QUALITY, 0, &jpeg[i], &scene[i].len);
		picture_free(&pic);
		if (r != 0)
			goto out;
		scene[i].jpeg = jpeg[i];
		scene[i].frames = (unsigned)v->shot[i] * MEDIA_FPS;
	}
	mp4_mjpeg(out, w, h, MEDIA_FPS, scene, v->nshots, sim_cfg.media_size);
out:
	for (i = 0; i < v->nshots; i++)
		free(jpeg[i]);
	return r;
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
media_answer(const struct sim_request *rq, const char *id,
    const struct sim_video *v, struct sim_reply *rp)
{
	struct blob	*b;
	uint64_t	 size, first = 0, last;
	char		*name;
	int		 r;

	xasprintf(&name, "mp4:%s", id);
	b = blob_get(name, media_make, v);
	free(name);
	if (b == NULL) {
		reply_error(rp, 500, "could not make the video of %s", id);
		return;
	}
	size = blob_size(b);
	last = size - 1;
	if ((r = media_range(rq->range, size, &first, &last)) == -1) {
		blob_release(b);
		reply_clear_body(rp);
		rp->status = 416;
		rp->code = -1;
		rp->ctype = "text/plain";
		snprintf(rp->content_range, sizeof rp->content_range,
		    "bytes */%" PRIu64, size);
		return;
	}
	blob_reply(b, first, last, r == 1, "video/mp4", rp);
}
