/* kling-tui: fill a task store with N finished tasks (and a few unfinished
 * ones), the history of a busy user, for the start-up benchmark.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * Usage: fill-store PATH N [UNFINISHED]
 * FILL_STORE_BODY=BYTES: each storyboard about that long (a real one with
 * six shots and their prompts is 5.5 KB); default a one-line body. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "xmalloc.h"

/* FILL_STORE_CREATED=T: every row made at Unix time T, for captures that
 * must not change from one run to the next. */
static int64_t fill_created;

static int64_t
fill_clock(void)
{
	return fill_created;
}

/* A body of about len bytes: one prompt made long, as a real storyboard's
 * shots make it. */
static const char *
fill_body(long len)
{
	static const char words[] = "A red kite climbs over a green hill at dawn, "
	    "the camera tracking low through wet grass. ";
	char *b, *o;
	long i;

	if (len < 200)
		len = 200;
	b = o = xmalloc((size_t)len + 256);
	o += sprintf(o, "{\"model\":\"kling/v3\",\"input\":{\"mode\":\"std\","
	    "\"multi_shots\":false,\"duration\":5,\"prompt\":\"");
	for (i = 0; o - b < len - 8; i++)
		*o++ = words[i % (long)(sizeof words - 1)];
	strcpy(o, "\"}}");
	return b;
}

int
main(int argc, char **argv)
{
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
		fprintf(stderr, "usage: fill-store PATH N [UNFINISHED]\n");
		return 2;
	}
	n = strtol(argv[2], NULL, 10);
	unfinished = argc > 3 ? strtol(argv[3], NULL, 10) : 0;
	if ((st = store_open(argv[1], &cause)) == NULL ||
	    store_begin(st, &cause) != 0)
		goto fail;
	if (getenv("FILL_STORE_BODY") != NULL)
		body = fill_body(strtol(getenv("FILL_STORE_BODY"), NULL, 10));
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
		if ((id = store_add(st, body, name, "std", 5, &cause)) < 0)
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
	return 0;
fail:
	fprintf(stderr, "fill-store: %s\n", cause);
	return 1;
}
