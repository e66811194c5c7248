/* kling-tui: run a fuzz target over its corpus without libFuzzer, as a TAP
 * test, so that every seed and every input that once crashed is replayed by
 * each make check (and under --enable-asan), whatever the compiler.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * With no argument it reads the directories named by FUZZ_CORPUS (set at
 * build time: the target's corpus, plus the fixtures for the storyboard
 * target) under $top_srcdir; else the files and directories given. */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "tap.h"
#include "xmalloc.h"

static int
replay_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
replay_file(const char *path)
{
	FILE *f;
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if ((f = fopen(path, "rb")) == NULL) {
		ok(0, "%s: %s", path, strerror(errno));
		return;
	}
	do {
		if (cap - len < 65536)
			buf = xrealloc(buf, cap += 65536);
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	/* A crash aborts here: the missing plan fails the test, and the
	 * name printed first says which input it was. */
	printf("# %s\n", path);
	fflush(stdout);
	LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
	ok(1, "%s", path);
	free(buf);
}

static void
replay_path(const char *path)
{
	struct stat st;
	struct dirent *de;
	DIR *d;
	char **names = NULL, *p;
	size_t n = 0, i;

	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		replay_file(path);
		return;
	}
	if ((d = opendir(path)) == NULL) {
		ok(0, "%s: %s", path, strerror(errno));
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		xasprintf(&p, "%s/%s", path, de->d_name);
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = p;
	}
	closedir(d);
	qsort(names, n, sizeof *names, replay_cmp);
	for (i = 0; i < n; i++) {
		replay_path(names[i]);
		free(names[i]);
	}
	free(names);
}

int
main(int argc, char **argv)
{
	const char *top = getenv("top_srcdir");
	char *list, *dir, *save;
	int i;

	if (argc > 1) {
		for (i = 1; i < argc; i++)
			replay_path(argv[i]);
		return tap_done();
	}
	/* Relative names keep the test names the same on every machine. */
	if (top != NULL && chdir(top) != 0) {
		ok(0, "%s: %s", top, strerror(errno));
		return tap_done();
	}
	list = xstrdup(FUZZ_CORPUS);
	for (dir = strtok_r(list, " ", &save); dir != NULL;
	    dir = strtok_r(NULL, " ", &save))
		replay_path(dir);
	free(list);
	return tap_done();
}
