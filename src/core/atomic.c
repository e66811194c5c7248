/* kling-tui: replacing a file atomically (temp, fsync, rename, fsync dir).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "xmalloc.h"
#include "i18n.h"

static int
atomic_write_all(int fd, const char *p, size_t len)
{
	ssize_t r;

	while (len > 0) {
		r = write(fd, p, len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		p += r;
		len -= (size_t)r;
	}
	return 0;
}

/* The rename is only durable once the folder's entry is on disk too. */
static void
atomic_sync_dir(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int fd;

	if (slash == dir)
		slash[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
	else {
		free(dir);
		dir = xstrdup(".");
	}
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

int
atomic_write(const char *path, const void *data, size_t len, mode_t mode,
    char **cause)
{
	struct stat st;
	char *tmp;
	int fd, saved;

	if (stat(path, &st) == 0)
		mode = st.st_mode & 07777;
	xasprintf(&tmp, "%s.XXXXXX", path);
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		xasprintf(cause, _("cannot create a file beside %s: %s"), path,
		    strerror(errno));
		free(tmp);
		return -1;
	}
	if (atomic_write_all(fd, data, len) != 0 || fchmod(fd, mode) != 0 ||
	    fsync(fd) != 0) {
		saved = errno;
		xasprintf(cause, _("cannot write %s: %s"), tmp, strerror(saved));
		close(fd);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		saved = errno;
		xasprintf(cause, _("cannot write %s: %s"), path, strerror(saved));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	atomic_sync_dir(path);
	return 0;
}
