/* kling-tui: pictures: fetched, decoded off the main thread, kept a few,
 * checked against the service's rules, drawn (picture.h).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "editor.h"
#include "picture.h"
#include "rules.h"
#include "app/loop.h"
#include "app/tracker.h"
#include "img/cache.h"
#include "img/decode.h"
#include "img/probe.h"
#include "img/spawn.h"
#include "img/thread.h"
#include "xmalloc.h"
#include "i18n.h"

#define PIC_MAX		32	/* pictures whose facts are remembered */
#define PIC_IN_FLIGHT	4	/* fetches at once */
#define PIC_PX		256	/* a preview's pixels at most, a side */

enum pic_state { P_IDLE, P_FETCHING, P_DECODING, P_READY, P_FAILED };

struct pic {
	char		*key;		/* the URL, or "frame:" and the file */
	enum pic_state	 st;
	bool		 facts;		/* info, bytes, over known */
	struct img_info	 info;
	int64_t		 bytes;
	bool		 over;
	char		 why[200];	/* P_FAILED, or why no pixels */
	uint64_t	 tag;
	uint64_t	 used;
	bool		 frame;		/* a video's, at this second */
	double		 at;
};

static struct {
	struct pic		 v[PIC_MAX];
	uint64_t		 clock, next_tag;
	struct tracker		*tracker;
	struct img_thread	*thread;
	struct img_cache	*cache;
	void			(*listener)(void *);
	void			*listener_arg;
	bool			 thread_failed;
} pics;

void
picture_set_tracker(struct tracker *t)
{
	pics.tracker = t;
	/* The images asked for before there was a way to fetch them. */
	if (t != NULL && pics.listener != NULL)
		pics.listener(pics.listener_arg);
}

void
picture_set_listener(void (*fn)(void *), void *arg)
{
	pics.listener = fn;
	pics.listener_arg = arg;
}

static bool
pic_is_http(const char *url)
{
	return strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0;
}

static void
pic_clear(struct pic *p)
{
	free(p->key);
	memset(p, 0, sizeof *p);
}

static struct pic *
pic_find(const char *key)
{
	size_t i;

	for (i = 0; i < PIC_MAX; i++) {
		if (pics.v[i].key != NULL && strcmp(pics.v[i].key, key) == 0) {
			pics.v[i].used = ++pics.clock;
			return &pics.v[i];
		}
	}
	return NULL;
}

/* Found or made, the least recently used one (not in flight) giving way. */
static struct pic *
pic_get(const char *key)
{
	struct pic *p, *old = NULL;
	size_t i;

	if ((p = pic_find(key)) != NULL)
		return p;
	for (i = 0; i < PIC_MAX; i++) {
		p = &pics.v[i];
		if (p->st == P_FETCHING || p->st == P_DECODING)
			continue;
		if (old == NULL || p->key == NULL || p->used < old->used)
			old = p;
		if (p->key == NULL)
			break;
	}
	if (old == NULL)
		return NULL;
	pic_clear(old);
	old->key = xstrdup(key);
	old->used = ++pics.clock;
	return old;
}

static struct pic *
pic_by_tag(uint64_t tag)
{
	size_t i;

	for (i = 0; i < PIC_MAX; i++) {
		if (pics.v[i].key != NULL && pics.v[i].tag == tag)
			return &pics.v[i];
	}
	return NULL;
}

static unsigned
pic_in_flight(void)
{
	unsigned n = 0;
	size_t i;

	for (i = 0; i < PIC_MAX; i++)
		n += pics.v[i].st == P_FETCHING;
	return n;
}

static void
pic_fail(struct pic *p, const char *fmt, const char *arg)
{
	p->st = P_FAILED;
	snprintf(p->why, sizeof p->why, fmt, arg);
}

static void
pic_changed(bool facts)
{
	if (facts && pics.listener != NULL)
		pics.listener(pics.listener_arg);
	ui_redraw();
}

static void
pic_on_decoded(int fd, short revents, void *arg)
{
	struct img_done d;
	struct pic *p;

	(void)fd;
	(void)revents;
	(void)arg;
	while (img_thread_take(pics.thread, &d) == 1) {
		if ((p = pic_by_tag(d.tag)) != NULL && p->st == P_DECODING) {
			if (!p->facts && d.bytes > 0) {
				p->facts = true;
				p->info = d.info;
				p->bytes = (int64_t)d.bytes;
			}
			if (d.px.rgba != NULL) {
				p->st = P_READY;
				if (pics.cache == NULL)
					pics.cache = img_cache_new();
				img_cache_put(pics.cache, p->key, &d.px);
			} else
				pic_fail(p, "%s", d.error != NULL ? d.error : "not decoded");
		}
		img_done_clear(&d);
	}
	pic_changed(false);
}

/* Hand a job to the decode thread, started on first use. */
static int
pic_submit(struct pic *p, struct img_job *job)
{
	char *cause = NULL;

	if (pics.thread == NULL && !pics.thread_failed) {
		if ((pics.thread = img_thread_start(&cause)) == NULL) {
			pics.thread_failed = true;
			pic_fail(p, "%s", cause);
			free(cause);
			return -1;
		}
		loop_add_fd(img_thread_fd(pics.thread), POLLIN, pic_on_decoded, NULL);
	}
	if (pics.thread == NULL) {
		pic_fail(p, "%s", "no decode thread");
		return -1;
	}
	p->st = P_DECODING;
	p->tag = ++pics.next_tag;
	job->tag = p->tag;
	job->max_w = job->max_w > 0 ? job->max_w : PIC_PX;
	job->max_h = job->max_h > 0 ? job->max_h : PIC_PX;
	img_thread_submit(pics.thread, job);
	return 0;
}

static void
pic_fetch(struct pic *p)
{
	/* Without a connection it stays asked for: one may come. */
	if (pics.tracker == NULL)
		return;
	if (pic_in_flight() >= PIC_IN_FLIGHT)
		return;		/* asked again at the next draw or check */
	p->st = P_FETCHING;
	p->tag = ++pics.next_tag;
	tracker_fetch(pics.tracker, p->key, p->tag);
}

void
picture_on_fetch(uint64_t tag, const struct api_result *r)
{
	struct img_job job;
	struct pic *p;
	const char *why;
	char *adv;

	if ((p = pic_by_tag(tag)) == NULL || p->st != P_FETCHING)
		return;
	if (r->outcome != API_OK) {
		adv = api_advice(r);
		pic_fail(p, "not fetched: %s", adv);
		free(adv);
		pic_changed(false);
		return;
	}
	/* The facts come from the bytes, cheaply, here; the pixels later. */
	img_probe(r->data, r->data_len, &p->info);
	p->bytes = r->bytes;
	p->over = r->over_cap;
	p->facts = true;
	if (!img_type_supported(p->info.type))
		pic_fail(p, "a %s file, not a JPEG or PNG", img_type_name(p->info.type));
	else if (p->over)
		pic_fail(p, "%s", "over 10 MB: not previewed");
	else if (img_decoders_load(p->info.type, &why) != 0)
		pic_fail(p, "no preview: %s", why);
	else {
		memset(&job, 0, sizeof job);
		job.data = xmalloc(r->data_len + 1);
		memcpy(job.data, r->data, r->data_len);
		job.len = r->data_len;
		pic_submit(p, &job);
	}
	pic_changed(true);
}

static void
pic_check_one(const char *url, const char *path, struct diag_list *out, bool fetch)
{
	struct rules_image im;
	struct pic *p;

	if (!pic_is_http(url))
		return;
	p = fetch ? pic_get(url) : pic_find(url);
	if (p == NULL)
		return;
	if (p->st == P_IDLE && fetch)
		pic_fetch(p);
	if (!p->facts)
		return;
	memset(&im, 0, sizeof im);
	im.type = p->info.type != IMG_UNKNOWN || p->bytes > 0 ? img_type_name(p->info.type) :
	    NULL;
	im.supported = img_type_supported(p->info.type);
	im.bytes = p->bytes;
	im.over = p->over;
	im.width = p->info.width;
	im.height = p->info.height;
	rules_check_image(path, &im, out);
}

void
picture_check(const struct storyboard *sb, struct diag_list *out, bool fetch)
{
	char path[DIAG_PATH_MAX];
	size_t i, j;

	for (i = 0; i < sb->img_urls.n; i++) {
		snprintf(path, sizeof path, "input.img_urls[%zu]", i);
		pic_check_one(sb->img_urls.v[i], path, out, fetch);
	}
	for (i = 0; i < sb->nelements; i++) {
		for (j = 0; j < sb->elements[i].images.n; j++) {
			snprintf(path, sizeof path,
			    "input.element_list[%zu].element_image_urls[%zu]", i, j);
			pic_check_one(sb->elements[i].images.v[j], path, out, fetch);
		}
	}
}

static void
pic_fmt_bytes(char *buf, size_t len, int64_t n)
{
	if (n < 0)
		snprintf(buf, len, "%s", _("size unknown"));
	else if (n < 1024)
		snprintf(buf, len, _("%lld bytes"), (long long)n);
	else if (n < 1024 * 1024)
		snprintf(buf, len, "%lld KB", (long long)(n + 1023) / 1024);
	else
		snprintf(buf, len, "%.1f MB", (double)n / (1024 * 1024));
}

/* "1280×720 px, JPEG, 84 KB", or where it stands. */
static void
pic_facts(const struct pic *p, char *buf, size_t len)
{
	char size[32];

	/* A frame's pixel size and bytes are ours, not the video's: when. */
	if (p->frame) {
		snprintf(buf, len, "%s %.1f s%s", p->st == P_FAILED ? _("no frame at") :
		    p->st == P_READY ? _("at") : "ffmpeg:", p->at, p->st == P_READY ||
		    p->st == P_FAILED ? "" : "...");
		return;
	}
	if (!p->facts) {
		snprintf(buf, len, "%s", p->st == P_FETCHING ? _("fetching...") :
		    p->st == P_DECODING ? _("decoding...") : p->st == P_FAILED ? "" :
		    _("waiting..."));
		return;
	}
	pic_fmt_bytes(size, sizeof size, p->bytes);
	if (p->info.width > 0)
		snprintf(buf, len, "%d\u00d7%d px, %s, %s%s", p->info.width, p->info.height,
		    img_type_name(p->info.type), p->over ? _("over 10 MB: ") : "", size);
	else
		snprintf(buf, len, "%s, %s%s (size in px unknown)", img_type_name(p->info.type),
		    p->over ? _("over 10 MB: ") : "", size);
}

static void
pic_draw(WINDOW *w, int y, int x, int h, int wd, struct pic *p)
{
	const struct img_pixels *px = NULL;
	const char *why = NULL;
	char facts[160];
	int line = 0, used;
	WINDOW *sub;

	if (h < 1 || wd < 1)
		return;
	/* The terminal is asked how to draw while the bytes come. */
	picture_proto_want();
	pic_facts(p, facts, sizeof facts);
	if (p->st == P_READY && pics.cache != NULL)
		px = img_cache_get(pics.cache, p->key);
	if (px != NULL && h >= 2 && picture_art_ok(h - 1, wd, &why) &&
	    (used = picture_art_draw(w, y, x, h - 1, wd, px->rgba, px->w, px->h, p->key,
	    &why)) >= 0) {
		ui_put(w, y + used, x, wd, A_BOLD, facts);
		return;
	}
	if (p->st == P_IDLE && pics.tracker == NULL)
		snprintf(facts, sizeof facts, "%s", _("not fetched: no connection to fetch it "
		    "through (set CRUN_API_KEY, or run kling-tui --demo)"));
	/* wrap_text() wraps back to column 0: a window of the box's own. */
	if ((sub = derwin(w, h, wd, y, x)) == NULL)
		return;
	if (*facts != '\0')
		line += wrap_text(sub, line, 0, wd, A_BOLD, facts, h - line);
	if (p->st == P_FAILED && line < h)
		wrap_text(sub, line, 0, wd, ui_attr(UI_WARNING), p->why, h - line);
	else if (p->st == P_READY && why != NULL && line < h)
		wrap_text(sub, line, 0, wd, ui_attr(UI_DIM), why, h - line);
	delwin(sub);
}

void
picture_draw_url(WINDOW *w, int y, int x, int h, int wd, const char *url)
{
	struct pic *p;

	if (url == NULL || *url == '\0')
		return;
	if (!pic_is_http(url)) {
		ui_put(w, y, x, wd, ui_attr(UI_DIM), "not an http(s) URL: no preview");
		return;
	}
	if ((p = pic_get(url)) == NULL)
		return;
	/* Dropped from the cache since: fetched again (the bytes are not
	 * kept; a few previews are). */
	if (p->st == P_READY && (pics.cache == NULL || img_cache_get(pics.cache, url) == NULL))
		p->st = P_IDLE;
	if (p->st == P_IDLE)
		pic_fetch(p);
	pic_draw(w, y, x, h, wd, p);
}

void
picture_draw_frame(WINDOW *w, int y, int x, int h, int wd, const char *video, double at,
    const char *file)
{
	struct img_job job;
	struct pic *p;
	char *key;

	xasprintf(&key, "frame:%s", file);
	p = pic_get(key);
	free(key);
	if (p == NULL)
		return;
	p->frame = true;
	p->at = at;
	/* Dropped from the cache, or the file removed as older than the
	 * video (downloaded again): made again. */
	if (p->st == P_READY && (pics.cache == NULL ||
	    img_cache_get(pics.cache, p->key) == NULL || access(file, F_OK) != 0))
		p->st = P_IDLE;
	if (p->st == P_IDLE) {
		const char *why;

		if (!spawn_found("ffmpeg"))
			pic_fail(p, "%s", "install ffmpeg to see frames (apt-get install ffmpeg)");
		else if (img_decoders_load(IMG_PNG, &why) != 0)
			pic_fail(p, "no preview: %s", why);
		else {
			memset(&job, 0, sizeof job);
			job.video = xstrdup(video);
			job.file = xstrdup(file);
			job.at = at;
			pic_submit(p, &job);
		}
	}
	pic_draw(w, y, x, h, wd, p);
}

void
picture_shutdown(void)
{
	size_t i;

	if (pics.thread != NULL) {
		loop_remove_fd(img_thread_fd(pics.thread));
		img_thread_stop(&pics.thread);
	}
	img_cache_free(&pics.cache);
	for (i = 0; i < PIC_MAX; i++)
		pic_clear(&pics.v[i]);
}
