/* kling-tui: helpers shared by the core unit tests.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_CORE_TEST_H
#define KT_CORE_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "diag.h"
#include "tap.h"

/* A fixture's path: tests run from the build tree, fixtures live in the
 * source tree. */
static inline const char *
fixture(const char *name)
{
	static char path[4096];
	const char *top = getenv("top_srcdir");

	snprintf(path, sizeof path, "%s/tests/fixtures/%s", top != NULL ? top : ".",
	    name);
	return path;
}

static inline struct storyboard *
load_fixture(const char *name)
{
	struct storyboard *sb;
	char *cause = NULL;

	if ((sb = codec_load_file(fixture(name), &cause)) == NULL) {
		diag_note("%s: %s", name, cause);
		free(cause);
	}
	return sb;
}

static inline char *
read_fixture(const char *name, size_t *len)
{
	FILE *f = fopen(fixture(name), "rb");
	char *buf = malloc(16 << 20);

	*len = f != NULL ? fread(buf, 1, (16 << 20) - 1, f) : 0;
	buf[*len] = '\0';
	if (f != NULL)
		fclose(f);
	return buf;
}

/* How many diagnostics of severity sev at exactly path contain text (NULL:
 * any message). */
static inline size_t
diags_at(const struct diag_list *d, enum diag_severity sev, const char *path,
    const char *text)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++) {
		if (d->v[i].sev == sev && strcmp(d->v[i].path, path) == 0 &&
		    (text == NULL || strstr(d->v[i].msg, text) != NULL))
			n++;
	}
	return n;
}

static inline void
dump_diags(const struct diag_list *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		diag_note("  %s: %s: %s", d->v[i].path,
		    diag_severity_name(d->v[i].sev), d->v[i].msg);
}

#endif
