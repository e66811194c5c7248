/* kling-tui: fuzz the decoder of the service's answers (CreateTask,
 * TaskInfo, balance): whatever a server or a proxy sends, the result is
 * typed, carries a message, and holds only text safe to print.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * Input: byte 0 picks the request kind, byte 1 the HTTP status, the rest is
 * the answer's body. */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "xfer.h"
#include "xmalloc.h"

static const enum api_kind fuzz_kinds[] = {
	API_CREATE, API_TASK_INFO, API_BALANCE
};
static const long fuzz_status[] = {
	200, 401, 402, 404, 422, 429, 455, 500, 501, 502, 505, 204, 301
};

static void
fuzz_clean(const char *s)
{
	if (s != NULL)
		FUZZ_CHECK(fuzz_printable(s, 0), "result text is safe to print");
}

static void
fuzz_result(const struct api_result *res)
{
	const struct api_task *t = &res->task;
	char *advice;
	size_t i;

	FUZZ_CHECK(res->message != NULL, "a result always has a message");
	fuzz_clean(res->message);
	fuzz_clean(res->task_id);
	fuzz_clean(t->task_id);
	fuzz_clean(t->status);
	fuzz_clean(t->result_message);
	for (i = 0; i < t->nmedia; i++)
		fuzz_clean(t->media_urls[i]);
	if (res->outcome == API_OK) {
		FUZZ_CHECK(res->code == 200, "OK is the body code 200");
		if (res->kind == API_CREATE)
			FUZZ_CHECK(res->task_id != NULL && *res->task_id != '\0',
			    "a created task has an id");
		if (res->kind == API_TASK_INFO)
			FUZZ_CHECK(t->task_id != NULL && t->status != NULL,
			    "task info has an id and a status");
	}
	advice = api_advice(res);
	FUZZ_CHECK(advice != NULL, "there is always advice");
	fuzz_clean(advice);
	free(advice);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct api_result res, copy;
	struct xfer x;

	if (size < 2)
		return 0;
	memset(&x, 0, sizeof x);
	memset(&res, 0, sizeof res);
	res.kind = fuzz_kinds[data[0] % (sizeof fuzz_kinds / sizeof fuzz_kinds[0])];
	res.retry_after = -1;
	/* The body in its own allocation, so ASan sees any read past it. */
	x.len = size - 2;
	x.buf = xmalloc(x.len + 1);
	memcpy(x.buf, data + 2, x.len);
	x.buf[x.len] = '\0';

	response_decode(&x, fuzz_status[data[1] %
	    (sizeof fuzz_status / sizeof fuzz_status[0])], &res);
	fuzz_result(&res);
	api_result_copy(&copy, &res);
	fuzz_result(&copy);
	api_result_clear(&copy);
	api_result_clear(&res);
	free(x.buf);
	return 0;
}
