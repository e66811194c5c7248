/* kling-tui: the detail's contact sheet: beside each shot's prompt, a frame
 * from the middle of that shot in the downloaded video, so the storyboard
 * and what came back can be compared shot by shot. ffmpeg extracts the
 * frames on the decode thread (picture.c), into the cache directory, where
 * they are kept until the video is downloaded again.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codec.h"
#include "conf.h"
#include "dash.h"
#include "picture.h"
#include "text.h"
#include "app/tracker.h"
#include "img/spawn.h"
#include "xmalloc.h"
#include "i18n.h"

#define CONTACT_PIC_W	22	/* a 16:9 frame in 6 rows of half blocks */
#define CONTACT_PIC_H	7	/* and a line saying when */
#define CONTACT_INDENT	(2 + CONTACT_PIC_W + 2)
#define CONTACT_TEXT_MIN 16	/* narrower: the prompts alone */

/* The sheet of the task last built, for the draws that follow. */
static struct {
	char	*video;
	char	*dir;
	size_t	 n;
	double	 at[SB_MAX_SHOTS];
} sheet;

static void
contact_reset(void)
{
	free(sheet.video);
	free(sheet.dir);
	memset(&sheet, 0, sizeof sheet);
}

/* The task id as a file name: the server's text never makes a path. */
static char *
contact_dir(const struct store_task *t, char **cause)
{
	char *name = text_file_name(t->task_id), *leaf, *dir;

	if (*name == '\0')
		xasprintf(&leaf, "frames/task-%lld", (long long)t->id);
	else
		xasprintf(&leaf, "frames/%.64s", name);
	dir = conf_cache_dir(leaf, cause);
	free(leaf);
	free(name);
	return dir;
}

static char *
contact_file(size_t shot)
{
	char *path;

	xasprintf(&path, "%s/shot-%zu.png", sheet.dir, shot + 1);
	return path;
}

static bool
contact_older(const struct stat *a, const struct stat *b)
{
	return a->st_mtim.tv_sec < b->st_mtim.tv_sec || (a->st_mtim.tv_sec ==
	    b->st_mtim.tv_sec && a->st_mtim.tv_nsec < b->st_mtim.tv_nsec);
}

/* One shot: a title, then its prompt wrapped right of the frame, on at
 * least as many lines as the frame takes. */
static void
contact_shot(size_t i, long duration, const char *prompt, int width,
    void (*add)(int, attr_t, const char *))
{
	int tw = width - CONTACT_INDENT, rows = 0;
	bool pics = sheet.dir != NULL && tw >= CONTACT_TEXT_MIN;
	const char *p = prompt != NULL ? prompt : "", *next;
	char *line;
	size_t n;
	int indent = pics ? CONTACT_INDENT : 4;

	if (!pics)
		tw = width - 4;
	if (pics && i > 0)
		add(0, A_NORMAL, "");
	xasprintf(&line, _("%*sshot %zu, %ld s%s"), pics ? CONTACT_INDENT : 2, "", i + 1,
	    duration, pics ? "" : ":");
	add(pics ? (int)i + 1 : 0, A_BOLD, line);
	free(line);
	rows++;
	while (*p != '\0' || (pics && rows < CONTACT_PIC_H)) {
		n = text_wrap_line(p, (size_t)(tw > 8 ? tw : 8), &next);
		xasprintf(&line, "%*s%.*s", indent, "", (int)n, p);
		add(0, A_NORMAL, line);
		free(line);
		rows++;
		p = next;
	}
}

void
contact_build(const struct store_task *t, int width, void (*add)(int, attr_t, const char *))
{
	struct storyboard *sb;
	struct stat vst, fst;
	char *u, *cause = NULL, *file, *line;
	double start = 0;
	bool multi;
	long d;
	size_t i;

	contact_reset();
	if ((u = tracker_media_url(t->media_urls, 0)) == NULL && t->download_path == NULL)
		return;
	free(u);
	add(0, A_NORMAL, "");
	add(0, ui_attr(UI_TITLE), _("Frames"));
	if (t->download_path == NULL) {
		add(0, ui_attr(UI_DIM), dash_progress_find(t->id) != NULL ?
		    _("  downloading: its frames show here when it is done") :
		    _("  d downloads the video; its frames show here"));
		return;
	}
	if (stat(t->download_path, &vst) != 0) {
		xasprintf(&line, _("  the video is gone from %s: d downloads it again"),
		    t->download_path);
		add(0, ui_attr(UI_DIM), line);
		free(line);
		return;
	}
	if (!spawn_found("ffmpeg")) {
		add(0, ui_attr(UI_WARNING), _("  install ffmpeg to see frames "
		    "(apt-get install ffmpeg, brew install ffmpeg, ...)"));
		return;
	}
	if (t->storyboard == NULL ||
	    (sb = codec_decode(t->storyboard, strlen(t->storyboard), &cause)) == NULL) {
		free(cause);
		add(0, ui_attr(UI_DIM), _("  its storyboard is not readable: no shots to show"));
		return;
	}
	if ((sheet.dir = contact_dir(t, &cause)) == NULL) {
		xasprintf(&line, _("  no frames: %s"), cause);
		add(0, ui_attr(UI_WARNING), line);
		free(line);
		free(cause);
	}
	sheet.video = xstrdup(t->download_path);
	/* One scene per shot of a customized multi-shot; else one. */
	multi = sb->multi_shots == SB_TRUE && sb->nshots > 0;
	sheet.n = multi ? sb->nshots : 1;
	if (sheet.n > SB_MAX_SHOTS)
		sheet.n = SB_MAX_SHOTS;
	for (i = 0; i < sheet.n; i++) {
		if (multi)
			d = sb->shots[i].has_duration ? sb->shots[i].duration : 0;
		else
			d = sb->has_duration ? sb->duration : 5;
		sheet.at[i] = start + (double)d / 2;
		start += (double)d;
		if (sheet.dir != NULL) {
			/* Made from an older download: made again. */
			file = contact_file(i);
			if (stat(file, &fst) == 0 && contact_older(&fst, &vst))
				unlink(file);
			free(file);
		}
		contact_shot(i, d, multi ? sb->shots[i].prompt : sb->prompt, width, add);
	}
	sb_free(&sb);
}

int
contact_height(void)
{
	return CONTACT_PIC_H;
}

void
contact_draw(WINDOW *w, int y, int x, int shot)
{
	char *file;

	if (shot < 1 || (size_t)shot > sheet.n || sheet.dir == NULL)
		return;
	file = contact_file((size_t)shot - 1);
	picture_draw_frame(w, y, x + 2, CONTACT_PIC_H, CONTACT_PIC_W, sheet.video,
	    sheet.at[shot - 1], file);
	free(file);
}
