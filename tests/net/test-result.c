/* kling-tui tests: result.c: a cleared result holds nothing and says "no
 * Retry-After"; a copy owns all its strings, so either may be cleared first.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "heap.h"
#include "tap.h"
#include "xmalloc.h"

/* A result as TaskInfo leaves it; media_urls counted by nmedia, with no
 * terminator (the header promises none). */
static void
fill(struct api_result *r, size_t nmedia)
{
	size_t	i;

	api_result_clear(r);
	r->kind = API_TASK_INFO;
	r->outcome = API_OK;
	r->http_status = 200;
	r->code = 200;
	r->message = xstrdup("ok");
	r->retry_after = 7;
	r->attempts = 2;
	r->task_id = xstrdup("task_1");
	r->task.task_id = xstrdup("task_1");
	r->task.status = xstrdup("success");
	r->task.create_at = 1700000000;
	r->task.result_message = xstrdup("done");
	r->task.param_json = xstrdup("{}");
	r->task.media_urls = xmalloc((nmedia > 0 ? nmedia : 1) *
	    sizeof *r->task.media_urls);
	for (i = 0; i < nmedia; i++)
		xasprintf(&r->task.media_urls[i], "https://cdn.example/%zu.mp4",
		    i);
	r->task.nmedia = nmedia;
	r->path = xstrdup("/tmp/task_1.mp4");
	r->content_type = xstrdup("video/mp4");
	r->bytes = 42;
}

static void
test_clear(void)
{
	struct api_result	r = { 0 };

	api_result_clear(&r);
	is_int(r.retry_after, -1, "a cleared result has no Retry-After");
	fill(&r, 2);
	api_result_clear(&r);
	is_int(r.retry_after, -1, "nor after one was given");
	ok(r.message == NULL && r.task_id == NULL && r.path == NULL &&
	    r.content_type == NULL, "its strings are gone");
	ok(r.task.task_id == NULL && r.task.status == NULL &&
	    r.task.media_urls == NULL && r.task.nmedia == 0 &&
	    r.task.create_at == 0, "and its task's");
	ok(r.http_status == 0 && r.code == 0 && r.attempts == 0 &&
	    r.bytes == 0 && r.outcome == API_OK, "and its numbers");
	api_result_clear(&r);
	is_int(r.retry_after, -1, "clearing twice is harmless");
}

static void
test_copy(void)
{
	struct api_result	src = { 0 }, dst = { 0 };
	fill(&src, 3);
	api_result_copy(&dst, &src);
	is_int(dst.task.nmedia, 3, "the copy has the three links");
	ok(dst.task.media_urls != src.task.media_urls, "in a list of its own");
	ok(dst.message != src.message && dst.task.status != src.task.status,
	    "and strings of its own");
	api_result_clear(&src);
	is_str(dst.message, "ok", "the original cleared, the copy keeps "
	    "its message");
	is_str(dst.task_id, "task_1", "its task id");
	is_str(dst.task.task_id, "task_1", "its task's id");
	is_str(dst.task.status, "success", "its status");
	is_str(dst.task.result_message, "done", "its result message");
	is_str(dst.task.param_json, "{}", "its request echo");
	is_str(dst.path, "/tmp/task_1.mp4", "its path");
	is_str(dst.content_type, "video/mp4", "its content type");
	is_str(dst.task.nmedia == 3 ? dst.task.media_urls[0] : NULL,
	    "https://cdn.example/0.mp4", "its first link");
	is_str(dst.task.nmedia == 3 ? dst.task.media_urls[2] : NULL,
	    "https://cdn.example/2.mp4", "its last link");
	is_int(dst.retry_after, 7, "its numbers");
	is_int(dst.task.create_at, 1700000000, "its task's times");
	api_result_clear(&dst);

	/* An image's bytes (a fetch): a block of its own, big enough. 25
	 * bytes: one byte short, glibc's block would hold 24. */
	fill(&src, 0);
	src.data_len = 25;
	src.data = xmalloc(src.data_len);
	memcpy(src.data, "\x89PNG\r\n\x1a\n0123456789abcdefg", 25);
	api_result_copy(&dst, &src);
	ok(dst.data != NULL && dst.data != src.data && dst.data_len == 25 &&
	    memcmp(dst.data, src.data, 25) == 0, "an image's bytes are copied");
	ok(dst.data != NULL && heap_room(dst.data) >= 25,
	    "  into a block that holds them (%zu bytes)",
	    dst.data != NULL ? heap_room(dst.data) : 0);
	api_result_clear(&src);
	ok(dst.data != NULL && memcmp(dst.data, "\x89PNG", 4) == 0,
	    "  and kept when the original is cleared");
	api_result_clear(&dst);

	/* An answer with an empty media_urls list. */
	fill(&src, 0);
	api_result_copy(&dst, &src);
	ok(dst.task.nmedia == 0 && dst.task.media_urls != NULL,
	    "an empty list of links is copied as one");
	api_result_clear(&dst);
	api_result_clear(&src);

	/* An error result: no payload, NULL strings stay NULL. */
	api_result_clear(&src);
	src.outcome = API_NOT_SENT;
	src.message = xstrdup("connection refused");
	api_result_copy(&dst, &src);
	ok(dst.task_id == NULL && dst.task.media_urls == NULL &&
	    dst.path == NULL, "what was absent stays absent");
	is_str(dst.message, "connection refused", "the reason is copied");
	api_result_clear(&dst);
	api_result_clear(&src);

}

/* The tracker copies and clears a result for every poll: nothing may stay
 * behind. */
static void
copy_and_clear(void *arg)
{
	struct api_result	src = { 0 }, dst = { 0 };

	fill(&src, 4);
	api_result_copy(&dst, &src);
	api_result_clear(&src);
	api_result_clear(&dst);
}

static void
test_no_leak(void)
{
	ok(heap_growth(copy_and_clear, NULL, 1000) < HEAP_LEAK_BOUND(1000),
	    "copying and clearing, again and again, does not grow the heap");
}

int
main(void)
{
	test_clear();
	test_copy();
	test_no_leak();
	return tap_done();
}
