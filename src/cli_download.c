/* kling-tui: download: fetch a finished task's video, with a progress bar on
 * a terminal.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_net.h"
#include "schedule.h"
#include "xmalloc.h"

#define BAR_WIDTH 30

struct bar {
	int64_t	last_draw;	/* sched_clock() ms */
	bool	drawn;
};

static void
bar_mb(char *buf, size_t len, int64_t bytes)
{
	snprintf(buf, len, "%.1f MB", (double)bytes / 1e6);
}

/* At most ten redraws a second: a fast download must not spend its time
 * writing to the terminal. */
static void
bar_draw(int64_t now, int64_t total, void *arg)
{
	struct bar *b = arg;
	int64_t t = sched_clock();
	char fill[BAR_WIDTH + 1], have[32], want[32];
	int i, filled = 0, pct = 0;

	if (b->drawn && t - b->last_draw < 100 && (total <= 0 || now < total))
		return;
	b->last_draw = t;
	b->drawn = true;
	bar_mb(have, sizeof have, now);
	if (total > 0) {
		pct = (int)(now * 100 / total);
		filled = (int)(now * BAR_WIDTH / total);
		if (filled > BAR_WIDTH)
			filled = BAR_WIDTH;
		for (i = 0; i < BAR_WIDTH; i++)
			fill[i] = i < filled ? '#' : ' ';
		fill[BAR_WIDTH] = '\0';
		bar_mb(want, sizeof want, total);
		fprintf(stderr, "\r%3d%% [%s] %s / %s", pct, fill, have, want);
	} else
		fprintf(stderr, "\r%s", have);
	fflush(stderr);
}

/* Ask for the task first: its links are fresh, and it may not be done. */
static int
download_info(struct net_ctx *ctx, const char *task_id, struct api_result *res,
    int64_t *row_id)
{
	struct api_request req = { .kind = API_TASK_INFO, .task_id = task_id };
	struct store_task *row;
	bool changed;

	*row_id = 0;
	if (api_perform(&ctx->conn, &req, NULL, NULL, res) != 0) {
		net_print_failure(task_id, res);
		return net_exit_code(res);
	}
	if ((row = net_record_info(ctx, &res->task, &changed)) != NULL) {
		*row_id = row->id;
		store_task_free(&row);
	}
	if (res->task.status == NULL || strcmp(res->task.status, "success") != 0) {
		if (res->task.status != NULL && strcmp(res->task.status, "failed") == 0)
			fprintf(stderr, "%s: the task failed, there is no video: %s\n",
			    task_id, res->task.result_message != NULL ?
			    res->task.result_message : "no reason given");
		else
			fprintf(stderr, "%s: not finished yet (%s): try 'kling-tui watch %s' "
			    "first\n", task_id, res->task.status != NULL ?
			    res->task.status : "no status", task_id);
		return EXIT_INVALID;
	}
	if (res->task.nmedia == 0) {
		fprintf(stderr, "%s: the service gave no video link for this task\n",
		    task_id);
		return EXIT_NETWORK;
	}
	return EXIT_OK;
}

int
cmd_download(struct cli_globals *g, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct api_request req;
	struct api_result info, res;
	struct net_ctx ctx;
	struct bar bar = { 0, false };
	const char *out = NULL, *task_id;
	char *dest = NULL, *cause = NULL, *abs;
	bool json = false;
	int64_t row_id;
	int c, rc;

	if (net_help(argc, argv))
		return EXIT_OK;
	optind = 0;
	while ((c = net_getopt(argc, argv, ":o:", longopts)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("download: one task: download [-o FILE] TASK_ID");
	task_id = argv[optind];
	if ((rc = net_ctx_open(&ctx, g, true)) != EXIT_OK)
		return rc;
	memset(&info, 0, sizeof info);
	memset(&res, 0, sizeof res);
	if ((rc = download_info(&ctx, task_id, &info, &row_id)) != EXIT_OK)
		goto out;
	if (out != NULL)
		dest = xstrdup(out);
	else if ((dest = api_download_path(ctx.download_dir, task_id, &cause)) == NULL) {
		fprintf(stderr, "%s: %s\n", task_id, cause);
		free(cause);
		rc = EXIT_USAGE;
		goto out;
	}
	memset(&req, 0, sizeof req);
	req.kind = API_DOWNLOAD;
	req.url = info.task.media_urls[0];
	req.dest = dest;
	if (api_perform(&ctx.conn, &req, isatty(STDERR_FILENO) ? bar_draw : NULL, &bar,
	    &res) != 0) {
		if (bar.drawn)
			fputc('\n', stderr);
		net_print_failure(task_id, &res);
		if (res.bytes > 0)
			fprintf(stderr, "%s: %" PRId64 " bytes kept; run the same command "
			    "again to resume\n", task_id, res.bytes);
		rc = net_exit_code(&res);
		goto out;
	}
	if (bar.drawn)
		fputc('\n', stderr);
	/* Absolute, so that the dashboard finds it from any directory. */
	if ((abs = realpath(res.path, NULL)) == NULL)
		abs = xstrdup(res.path);
	if (row_id > 0 && store_set_download(ctx.store, row_id, abs, &cause) != 0) {
		fprintf(stderr, "kling-tui: %s\n", cause);
		free(cause);
	}
	free(abs);
	if (json) {
		fputs("{\"task_id\":", stdout);
		net_json_str(stdout, task_id);
		fputs(",\"path\":", stdout);
		net_json_str(stdout, res.path);
		printf(",\"bytes\":%" PRId64 "}\n", res.bytes);
	} else
		printf("%s: saved %s (%" PRId64 " bytes)\n", task_id, res.path, res.bytes);
out:
	free(dest);
	api_result_clear(&info);
	api_result_clear(&res);
	net_ctx_close(&ctx);
	return rc;
}
