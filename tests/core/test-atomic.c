/* kling-tui: tests for atomic.c: a file is replaced whole or not at all,
 * with the right permission bits, and nothing is left beside it.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "tap.h"

static char	dir[256];

static const char *
in_dir(const char *name)
{
	static char	path[512];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return path;
}

/* The file's contents, or NULL; caller frees. */
static char *
slurp(const char *path)
{
	FILE	*f = fopen(path, "rb");
	char	*buf;
	size_t	 n;

	if (f == NULL)
		return NULL;
	buf = calloc(1, 65536);
	n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
put(const char *path, const char *text, mode_t mode)
{
	FILE	*f = fopen(path, "wb");

	fputs(text, f);
	fclose(f);
	chmod(path, mode);
}

static int
mode_of(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

/* How many entries the test folder holds: a temporary left behind shows. */
static int
entries(void)
{
	DIR		*d = opendir(dir);
	struct dirent	*e;
	int		 n = 0;

	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
is_file(const char *path, const char *want, const char *name)
{
	char	*got = slurp(path);

	is_str(got, want, "%s", name);
	free(got);
}

static void
test_write(void)
{
	const char	*p = in_dir("new");
	char		*cause = NULL;

	umask(077);
	is_int(atomic_write(p, "hello\n", 6, 0640, &cause), 0,
	    "a new file is written");
	is_file(p, "hello\n", "with its contents");
	is_int(mode_of(p), 0640, "and the mode asked for, whatever the umask");
	is_int(entries(), 1, "nothing is left beside it");

	put(p, "old contents\n", 0604);
	is_int(atomic_write(p, "new", 3, 0600, &cause), 0,
	    "an existing file is replaced");
	is_file(p, "new", "whole");
	is_int(mode_of(p), 0604, "its permission bits are kept");
	is_int(atomic_write(p, "", 0, 0600, &cause), 0, "emptied");
	is_file(p, "", "to nothing");
	is_int(entries(), 1, "nothing is left beside it");
	unlink(p);
	free(cause);
}

static void
test_relative(void)
{
	char	 cwd[4096];
	char	*cause = NULL;

	if (getcwd(cwd, sizeof cwd) == NULL || chdir(dir) != 0) {
		ok(0, "cannot enter %s", dir);
		return;
	}
	is_int(atomic_write("plain", "x", 1, 0600, &cause), 0,
	    "a name without a folder: the current one");
	is_file("plain", "x", "written there");
	unlink("plain");
	if (chdir(cwd) != 0)
		ok(0, "cannot go back to %s", cwd);
	free(cause);
}

static void
test_failures(void)
{
	const char	*p = in_dir("kept");
	char		*cause = NULL, big[8192];
	struct rlimit	 old, small = { 1024, 1024 };

	/* The disk fills half way: the old file stays as it was. */
	put(p, "the old file\n", 0600);
	memset(big, 'x', sizeof big);
	getrlimit(RLIMIT_FSIZE, &old);
	small.rlim_max = old.rlim_max;
	signal(SIGXFSZ, SIG_IGN);
	setrlimit(RLIMIT_FSIZE, &small);
	is_int(atomic_write(p, big, sizeof big, 0600, &cause), -1,
	    "a write that fails half way fails");
	setrlimit(RLIMIT_FSIZE, &old);
	ok(cause != NULL && strstr(cause, "cannot write") != NULL,
	    "and says so");
	if (cause != NULL)
		diag_note("%s", cause);
	free(cause);
	cause = NULL;
	is_file(p, "the old file\n", "the old file is untouched");
	is_int(entries(), 1, "no temporary is left");

	/* A stale EINTR (an interrupted poll before) is no reason to write
	 * the same bytes again. */
	small.rlim_cur = 65536;
	setrlimit(RLIMIT_FSIZE, &small);
	errno = EINTR;
	is_int(atomic_write(p, "once\n", 5, 0600, &cause), 0,
	    "written with errno left at EINTR");
	setrlimit(RLIMIT_FSIZE, &old);
	is_file(p, "once\n", "once");
	unlink(p);

	/* The rename fails: a folder is in the way. */
	mkdir(p, 0700);
	is_int(atomic_write(p, "x", 1, 0600, &cause), -1,
	    "a folder in the way: refused");
	ok(cause != NULL && strstr(cause, "cannot write") != NULL &&
	    strstr(cause, p) != NULL, "the reason names the file");
	free(cause);
	cause = NULL;
	is_int(entries(), 1, "no temporary is left");
	rmdir(p);

	is_int(atomic_write(in_dir("nowhere/f"), "x", 1, 0600, &cause), -1,
	    "a missing folder: refused");
	ok(cause != NULL && strstr(cause, "cannot create a file beside") !=
	    NULL, "the reason says what could not be done");
	free(cause);
	is_int(entries(), 0, "nothing was made");
}

/* A program started with stdin closed gets descriptor 0 for its files. */
static void
test_no_stdin(void)
{
	const char	*p = in_dir("fd0");
	char		*cause = NULL;
	int		 saved = dup(0);

	close(0);
	is_int(atomic_write(p, "zero", 4, 0600, &cause), 0,
	    "written with stdin closed");
	ok(fcntl(0, F_GETFD) == -1, "no descriptor is left open");
	dup2(saved, 0);
	close(saved);
	is_file(p, "zero", "with its contents");
	unlink(p);
	free(cause);
}

int
main(void)
{
	const char	*tmp = getenv("TMPDIR");

	alarm(60);	/* a write loop that never ends fails the test */
	snprintf(dir, sizeof dir, "%s/kt-atomic.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_write();
	test_relative();
	test_failures();
	test_no_stdin();
	rmdir(dir);
	return tap_done();
}
