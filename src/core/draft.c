/* kling-tui: the editor's draft, autosaved so that nothing typed is lost.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codec.h"
#include "atomic.h"
#include "draft.h"
#include "xmalloc.h"

#define DRAFT_FILE	"draft.json"
#define DRAFT_ORIGIN	"draft.origin"

static char *
draft_file(const char *dir, const char *name)
{
	char *path;

	xasprintf(&path, "%s/%s", dir, name);
	return path;
}

/* The origin is one line; an empty file means a new storyboard. */
static int
draft_write_origin(const char *dir, const char *origin, char **cause)
{
	char *path = draft_file(dir, DRAFT_ORIGIN);
	int ret;

	ret = atomic_write(path, origin != NULL ? origin : "",
	    origin != NULL ? strlen(origin) : 0, 0600, cause);
	free(path);
	return ret;
}

int
draft_save(const char *dir, const struct storyboard *sb, const char *origin, char **cause)
{
	char *path = draft_file(dir, DRAFT_FILE);
	int ret;

	/* The origin first: a draft beside a stale origin would be saved over
	 * the wrong file after a restore. */
	if (draft_write_origin(dir, origin, cause) == -1) {
		free(path);
		return -1;
	}
	ret = codec_save_file(sb, path, cause);
	free(path);
	return ret;
}

static char *
draft_read_origin(const char *dir)
{
	char *path = draft_file(dir, DRAFT_ORIGIN), buf[4096];
	FILE *f;
	size_t n = 0;

	if ((f = fopen(path, "r")) != NULL) {
		n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
	}
	free(path);
	if (n == 0)
		return NULL;
	buf[n] = '\0';
	return xstrdup(buf);
}

struct storyboard *
draft_load(const char *dir, time_t *when, char **origin, char **cause)
{
	char *path = draft_file(dir, DRAFT_FILE);
	struct storyboard *sb;
	struct stat st;

	*cause = NULL;
	*origin = NULL;
	if (stat(path, &st) == -1) {
		if (errno != ENOENT)
			xasprintf(cause, "%s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	*when = st.st_mtime;
	sb = codec_load_file(path, cause);
	free(path);
	if (sb != NULL)
		*origin = draft_read_origin(dir);
	return sb;
}

void
draft_discard(const char *dir)
{
	char *path;

	path = draft_file(dir, DRAFT_FILE);
	unlink(path);
	free(path);
	path = draft_file(dir, DRAFT_ORIGIN);
	unlink(path);
	free(path);
}
