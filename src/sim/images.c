/* kling-sim: the reference images a storyboard may link to, so that a
 * client's image checks and previews can be tried. /images/NAME.png and
 * NAME.jpg (or .jpeg) are real pictures (picture.c, encode.c): a colour
 * gradient with the size written large in the middle. NAME WxH (e.g.
 * 200x200, 1280x720) chooses the size, IMAGES_MIN..IMAGES_MAX pixels a side;
 * "small" is 64x64 (under the 300 px the service wants), "big" pads a
 * 320x320 file past 10 MB, "missing" is not found, "notimage" is an HTML
 * page; any other name is 320x320. The gradient's hues follow the name, so
 * two names give two different pictures.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "xmalloc.h"

#define IMG_BIG_PAD	(10u * 1024 * 1024 + 4096)
#define IMG_SIDE	320
#define IMG_SMALL_SIDE	64
#define IMAGES_MIN	16
#define IMAGES_MAX	4096
#define IMG_QUALITY	85
#define IMG_NAME_MAX	64

struct img_spec {
	bool		 png;
	unsigned	 w;
	unsigned	 h;
	size_t		 pad;
	unsigned	 hue;
};

static int
img_make(const void *arg, struct blob *out)
{
	const struct img_spec	*s = arg;
	struct picture		 pic;
	uint8_t			*v;
	size_t			 n;
	char			 label[16];
	int			 r;

	picture_init(&pic, s->w, s->h);
	picture_gradient(&pic, s->hue);
	snprintf(label, sizeof label, "%ux%u", s->w, s->h);
	picture_label(&pic, label, 80);
	if (s->png)
		r = encode_png(&pic, s->pad, &v, &n);
	else
		r = encode_jpeg(&pic, IMG_QUALITY, s->pad, &v, &n);
	picture_free(&pic);
	if (r == 0)
		blob_add(out, v, n);
	return r;
}

/* "WxH" with both sides in bounds. */
static bool
img_size(const char *stem, size_t len, unsigned *w, unsigned *h)
{
	char		buf[IMG_NAME_MAX], *end;
	unsigned long	a, b;

	if (len >= sizeof buf || strspn(stem, "0123456789x") < len)
		return false;
	memcpy(buf, stem, len);
	buf[len] = '\0';
	if (buf[0] < '0' || buf[0] > '9')
		return false;
	a = strtoul(buf, &end, 10);
	if (*end != 'x' || end[1] < '0' || end[1] > '9')
		return false;
	b = strtoul(end + 1, &end, 10);
	if (*end != '\0' || a < IMAGES_MIN || a > IMAGES_MAX ||
	    b < IMAGES_MIN || b > IMAGES_MAX)
		return false;
	*w = (unsigned)a;
	*h = (unsigned)b;
	return true;
}

static unsigned
img_hue(const char *stem, size_t len)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	while (len-- > 0)
		h = (h ^ (unsigned char)*stem++) * 16777619u;
	return h % 1536;
}

void
images_answer(const struct sim_request *rq, struct sim_reply *rp)
{
	static const char	 page[] = "<html><body>not an image</body></html>\n";
	const char		*name = rq->path + strlen("/images/"), *dot;
	struct img_spec		 s = { .w = IMG_SIDE, .h = IMG_SIDE };
	struct blob		*b;
	size_t			 stem;
	char			*key;

	if ((dot = strrchr(name, '.')) == NULL)
		goto missing;
	if (strcmp(dot, ".png") == 0)
		s.png = true;
	else if (strcmp(dot, ".jpg") != 0 && strcmp(dot, ".jpeg") != 0)
		goto missing;
	stem = (size_t)(dot - name);
	if (stem == 0 || stem >= IMG_NAME_MAX || strcspn(name, "/") < stem)
		goto missing;
	if (stem == 7 && strncmp(name, "missing", 7) == 0)
		goto missing;
	if (stem == 8 && strncmp(name, "notimage", 8) == 0) {
		reply_set_static(rp, 200, "text/html", page, sizeof page - 1);
		return;
	}
	if (stem == 5 && strncmp(name, "small", 5) == 0)
		s.w = s.h = IMG_SMALL_SIDE;
	else if (stem == 3 && strncmp(name, "big", 3) == 0)
		s.pad = IMG_BIG_PAD;
	else if (strspn(name, "0123456789x") == stem && !img_size(name, stem,
	    &s.w, &s.h))
		goto missing;
	s.hue = img_hue(name, stem);
	xasprintf(&key, "%s:%.*s", s.png ? "png" : "jpg", (int)stem, name);
	b = blob_get(key, img_make, &s);
	free(key);
	if (b == NULL) {
		reply_error(rp, 500, "could not make %s", rq->path);
		return;
	}
	blob_reply(b, 0, blob_size(b) - 1, false,
	    s.png ? "image/png" : "image/jpeg", rp);
	return;
missing:
	reply_error(rp, 404, "no such image: %s", rq->path);
}
