/* kling-tui: fill a task store with N finished tasks (and a few unfinished
 * ones), the history of a busy user, for the start-up benchmark.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * Usage: fill-store PATH N [UNFINISHED [STORYBOARD]]
 *
 * Every task's body is a small text-to-video request, or with STORYBOARD
 * that storyboard file (checked by the service's rules first: an invalid
 * one is refused), as the program would have sent it: the bench fills its
 * stores with tests/fixtures/max.json, a real 5.5 KB storyboard. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "diag.h"
#include "rules.h"
#include "store.h"
#include "storyboard.h"
#include "xmalloc.h"

/* FILL_STORE_CREATED=T: every row made at Unix time T, for captures that
 * must not change from one run to the next. */
static int64_t fill_created;

static int64_t
fill_clock(void)
{
	return fill_created;
}

/* The body to store, from a storyboard file that passes the rules. */
static char *
fill_body(const char *path, const char **mode, long *duration, char **cause)
{
	struct storyboard	*sb;
	struct diag_list	*dl;
	char			*body;
	size_t			 errors;

	if ((sb = codec_load_file(path, cause)) == NULL)
		return NULL;
	dl = diag_list_new();
	rules_check(sb, dl);
	errors = diag_count(dl, DIAG_ERROR);
	diag_list_free(&dl);
	if (errors > 0) {
		xasprintf(cause, "%s: %zu errors (kling-tui validate says which)", path, errors);
		sb_free(&sb);
		return NULL;
	}
	body = codec_encode(sb);
	*mode = sb->mode != NULL && strcmp(sb->mode, "pro") == 0 ? "pro" : "std";
	*duration = sb_shots_total(sb) > 0 ? sb_shots_total(sb) : 5;
	sb_free(&sb);
	return body;
}

int
main(int argc, char **argv)
{
	const char *mode = "std";
	long duration = 5;
	char *real = NULL;
	const char *body = "{\"model\":\"kling/v3\",\"input\":{\"mode\":\"std\","
	    "\"multi_shots\":false,\"prompt\":\"A red kite over a green hill.\","
	    "\"duration\":5}}";
	struct store_update u = { 0 };
	struct store *st;
	char *cause = NULL, tid[64], name[64];
	long n, unfinished, i;
	uint64_t h;
	int64_t id;

	if (argc < 3) {
		fprintf(stderr, "usage: fill-store PATH N [UNFINISHED [STORYBOARD]]\n");
		return 2;
	}
	if (argc > 4) {
		if ((real = fill_body(argv[4], &mode, &duration, &cause)) == NULL)
			goto fail;
		body = real;
	}
	n = strtol(argv[2], NULL, 10);
	unfinished = argc > 3 ? strtol(argv[3], NULL, 10) : 0;
	if ((st = store_open(argv[1], &cause)) == NULL ||
	    store_begin(st, &cause) != 0)
		goto fail;
	if (getenv("FILL_STORE_CREATED") != NULL) {
		fill_created = strtoll(getenv("FILL_STORE_CREATED"), NULL, 10);
		store_set_clock(st, fill_clock);
	}
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof name, "storyboard-%ld.json", i);
		/* Ids that look like the service's and differ early, the same
		 * in every run. */
		h = (uint64_t)(i + 1) * 0x9e3779b97f4a7c15ULL;
		snprintf(tid, sizeof tid, "%08" PRIx64 "-%04" PRIx64 "-4%03" PRIx64 "-8%03"
		    PRIx64 "-%012" PRIx64, h >> 32, (h >> 16) & 0xffff, (h >> 4) & 0xfff,
		    h & 0xfff, (uint64_t)((h * 31) & 0xffffffffffffULL));
		if ((id = store_add(st, body, name, mode, duration, &cause)) < 0)
			goto fail;
		u.task_id = tid;
		u.state = i < n - unfinished ? "success" : "running";
		u.media_urls = i < n - unfinished ?
		    "[\"http://127.0.0.1:9/media/x.mp4\"]" : NULL;
		u.credits = 5;
		u.has_credits = i < n - unfinished;
		u.finished = i < n - unfinished ? (fill_created > 0 ? fill_created + 40 + 7 * i :
		    1700000000 + i) : 0;
		if (store_update(st, id, &u, &cause) != 0)
			goto fail;
	}
	if (store_commit(st, &cause) != 0)
		goto fail;
	store_close(&st);
	free(real);
	return 0;
fail:
	fprintf(stderr, "fill-store: %s\n", cause);
	return 1;
}
