/* kling-tui: the editor's drafts, autosaved so that nothing typed is lost.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "codec.h"
#include "draft.h"
#include "xmalloc.h"

#define DRAFT_DIR	"drafts"

char *
draft_resolve(const char *path)
{
	char buf[PATH_MAX], *dir, *slash, *out;

	if (realpath(path, buf) != NULL)
		return xstrdup(buf);
	/* A file not written yet: its directory's real path, then its name. */
	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash == NULL) {
		out = getcwd(buf, sizeof buf) != NULL ? buf : NULL;
		if (out != NULL)
			xasprintf(&out, "%s/%s", buf, path);
		else
			out = xstrdup(path);
	} else {
		*slash = '\0';
		if (realpath(slash == dir ? "/" : dir, buf) != NULL)
			xasprintf(&out, "%s%s%s", buf, strcmp(buf, "/") == 0 ? "" : "/",
			    slash + 1);
		else
			out = xstrdup(path);
	}
	free(dir);
	return out;
}

/* The key: a hash of the resolved path (FNV-1a) and the owner's pid. */
static char *
draft_key(const char *origin, long pid)
{
	uint64_t h = 14695981039346656037ULL;
	char *real, *key;
	const char *p;

	if (origin == NULL) {
		xasprintf(&key, "new-%ld", pid);
		return key;
	}
	real = draft_resolve(origin);
	for (p = real; *p != '\0'; p++) {
		h ^= (unsigned char)*p;
		h *= 1099511628211ULL;
	}
	free(real);
	xasprintf(&key, "%016llx-%ld", (unsigned long long)h, pid);
	return key;
}

static char *
draft_file(const char *dir, const char *key, const char *ext)
{
	char *path;

	xasprintf(&path, "%s/" DRAFT_DIR "/%s.%s", dir, key, ext);
	return path;
}

int
draft_save(const char *dir, const struct storyboard *sb, const char *origin, long pid,
    char **cause)
{
	char *key = draft_key(origin, pid), *path, *info, *real;
	int ret = -1;

	xasprintf(&path, "%s/" DRAFT_DIR, dir);
	if (mkdir(path, 0700) == -1 && errno != EEXIST) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		free(path);
		free(key);
		return -1;
	}
	free(path);
	real = origin != NULL ? draft_resolve(origin) : NULL;
	xasprintf(&info, "%ld\n%s", pid, real != NULL ? real : "");
	free(real);
	/* The info first: a draft beside a stale origin would be saved over
	 * the wrong file after a restore. */
	path = draft_file(dir, key, "info");
	if (atomic_write(path, info, strlen(info), 0600, cause) == 0) {
		free(path);
		path = draft_file(dir, key, "json");
		ret = codec_save_file(sb, path, cause);
	}
	free(path);
	free(info);
	free(key);
	return ret;
}

static void
draft_unlink(const char *dir, const char *key)
{
	char *path;

	path = draft_file(dir, key, "json");
	unlink(path);
	free(path);
	path = draft_file(dir, key, "info");
	unlink(path);
	free(path);
}

void
draft_discard(const char *dir, const char *origin, long pid)
{
	char *key = draft_key(origin, pid);

	draft_unlink(dir, key);
	free(key);
}

void
draft_remove(const char *dir, const struct draft_info *d)
{
	draft_unlink(dir, d->key);
}

/* "PID\nORIGIN": fills d; -1 when unreadable. */
static int
draft_read_info(const char *dir, struct draft_info *d)
{
	char *path = draft_file(dir, d->key, "info"), buf[PATH_MAX + 32], *nl;
	FILE *f;
	size_t n = 0;

	if ((f = fopen(path, "r")) != NULL) {
		n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
	}
	free(path);
	buf[n] = '\0';
	if ((nl = strchr(buf, '\n')) == NULL)
		return -1;
	*nl = '\0';
	d->pid = strtol(buf, NULL, 10);
	d->origin = nl[1] != '\0' ? xstrdup(nl + 1) : NULL;
	/* EPERM: alive, another user's. */
	d->alive = d->pid > 0 && (kill((pid_t)d->pid, 0) == 0 || errno == EPERM);
	return 0;
}

static int
draft_newest_first(const void *a, const void *b)
{
	const struct draft_info *x = a, *y = b;

	if (x->when != y->when)
		return x->when < y->when ? 1 : -1;
	return strcmp(x->key, y->key);
}

struct draft_info *
draft_list(const char *dir, const char *origin, size_t *n)
{
	struct draft_info *v = NULL, d;
	struct dirent *de;
	struct stat st;
	char *path, *real = origin != NULL ? draft_resolve(origin) : NULL;
	size_t len;
	DIR *dp;

	*n = 0;
	xasprintf(&path, "%s/" DRAFT_DIR, dir);
	dp = opendir(path);
	free(path);
	while (dp != NULL && (de = readdir(dp)) != NULL) {
		len = strlen(de->d_name);
		if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0)
			continue;
		memset(&d, 0, sizeof d);
		d.key = xstrndup(de->d_name, len - 5);
		path = draft_file(dir, d.key, "json");
		if (stat(path, &st) == -1 || draft_read_info(dir, &d) == -1 ||
		    (real != NULL && (d.origin == NULL || strcmp(d.origin, real) != 0))) {
			free(path);
			free(d.key);
			free(d.origin);
			continue;
		}
		free(path);
		d.when = st.st_mtime;
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = d;
	}
	if (dp != NULL)
		closedir(dp);
	free(real);
	if (*n > 1)
		qsort(v, *n, sizeof *v, draft_newest_first);
	return v;
}

void
draft_list_free(struct draft_info *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].origin);
	}
	if (n > 0)
		free(v);
}

struct storyboard *
draft_load(const char *dir, const struct draft_info *d, char **cause)
{
	char *path = draft_file(dir, d->key, "json");
	struct storyboard *sb;

	*cause = NULL;
	sb = codec_load_file(path, cause);
	free(path);
	return sb;
}

int
draft_adopt(const char *dir, const struct draft_info *d, long pid, char **cause)
{
	char *key = draft_key(d->origin, pid), *from, *to, *info;
	int ret = 0;

	if (strcmp(key, d->key) == 0) {
		free(key);
		return 0;
	}
	from = draft_file(dir, d->key, "json");
	to = draft_file(dir, key, "json");
	if (rename(from, to) == -1) {
		xasprintf(cause, "%s: %s", from, strerror(errno));
		ret = -1;
	}
	free(from);
	free(to);
	if (ret == 0) {
		/* The new owner's info, then the old one goes. */
		xasprintf(&info, "%ld\n%s", pid, d->origin != NULL ? d->origin : "");
		to = draft_file(dir, key, "info");
		ret = atomic_write(to, info, strlen(info), 0600, cause);
		free(to);
		free(info);
		from = draft_file(dir, d->key, "info");
		unlink(from);
		free(from);
	}
	free(key);
	return ret;
}
