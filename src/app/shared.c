/* kling-tui: polling shared by every instance on one store.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "shared.h"
#include "tracker.h"
#include "xmalloc.h"

int64_t
shared_wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
shared_task_from_row(const struct store_task *row, struct api_task *out)
{
	const char *m = row->last_error;
	char *url;
	size_t n;

	memset(out, 0, sizeof *out);
	out->task_id = row->task_id;
	out->status = row->state;
	out->create_at = row->created;
	out->complete_at = row->finished;
	out->credits = row->credits;
	out->has_credits = row->has_credits;
	/* The store keeps "generation failed: MESSAGE"; the service said
	 * MESSAGE. */
	if (m != NULL && strncmp(m, "generation failed: ", 19) == 0)
		m += 19;
	out->result_message = (char *)m;
	for (n = 0; (url = tracker_media_url(row->media_urls, n)) != NULL; n++) {
		out->media_urls = xreallocarray(out->media_urls, n + 1,
		    sizeof *out->media_urls);
		out->media_urls[n] = url;
	}
	out->nmedia = n;
}

void
shared_task_clear(struct api_task *t)
{
	size_t i;

	for (i = 0; i < t->nmedia; i++)
		free(t->media_urls[i]);
	free(t->media_urls);
	memset(t, 0, sizeof *t);
}
