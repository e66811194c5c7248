/* kling-tui: an api_result's life: cleared, copied.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * Below every other file of src/net that fills a result (xfer.c,
 * download.c, worker.c, api.c): it calls none of them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "xmalloc.h"

static void
result_task_clear(struct api_task *t)
{
	size_t	i;

	free(t->task_id);
	free(t->status);
	for (i = 0; i < t->nmedia; i++)
		free(t->media_urls[i]);
	free(t->media_urls);
	free(t->result_message);
	free(t->param_json);
	memset(t, 0, sizeof *t);
}

void
api_result_clear(struct api_result *r)
{
	free(r->message);
	free(r->task_id);
	result_task_clear(&r->task);
	free(r->path);
	free(r->content_type);
	free(r->data);
	memset(r, 0, sizeof *r);
	r->retry_after = -1;
}

static char *
result_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

void
api_result_copy(struct api_result *dst, const struct api_result *src)
{
	size_t	i;

	*dst = *src;
	dst->message = result_dup(src->message);
	dst->task_id = result_dup(src->task_id);
	dst->path = result_dup(src->path);
	dst->content_type = result_dup(src->content_type);
	if (src->data != NULL) {
		dst->data = xmalloc(src->data_len + 1);
		memcpy(dst->data, src->data, src->data_len);
	}
	dst->task.task_id = result_dup(src->task.task_id);
	dst->task.status = result_dup(src->task.status);
	dst->task.result_message = result_dup(src->task.result_message);
	dst->task.param_json = result_dup(src->task.param_json);
	if (src->task.media_urls != NULL) {
		dst->task.media_urls = xcalloc(src->task.nmedia + 1,
		    sizeof *dst->task.media_urls);
		for (i = 0; i < src->task.nmedia; i++)
			dst->task.media_urls[i] =
			    xstrdup(src->task.media_urls[i]);
	}
}
