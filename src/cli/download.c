/* kling-tui: download: fetch a finished task's video through the task engine,
 * with a progress bar on a terminal.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/tracker.h"
#include "clock.h"
#include "cli.h"
#include "follow.h"
#include "output.h"
#include "vocab.h"
#include "i18n.h"

#define BAR_WIDTH 30

static struct {
	int64_t	last_draw;	/* clock_ms() */
	bool	drawn;
	int	tty;		/* stderr is a terminal: -1 not asked yet */
} bar = { 0, false, -1 };

static void
bar_mb(char *buf, size_t len, int64_t bytes)
{
	snprintf(buf, len, "%.1f MB", (double)bytes / 1e6);
}

/* At most ten redraws a second: a fast download must not spend its time
 * writing to the terminal. */
void
cli_download_moved(int64_t now, int64_t total)
{
	int64_t t = clock_ms();
	char fill[BAR_WIDTH + 1], have[32], want[32];
	int i, filled = 0, pct = 0;

	/* Asked once, not on every progress event. */
	if (bar.tty < 0)
		bar.tty = isatty(STDERR_FILENO);
	if (!bar.tty)
		return;
	if (bar.drawn && t - bar.last_draw < 100 && bar.last_draw != 0 &&
	    (total <= 0 || now < total))
		return;
	bar.last_draw = t;
	bar.drawn = true;
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

/* The task was asked for first: its links are fresh, and it may not be done. */
int
cli_download_answer(FILE *out, struct session *s, struct tracker *t,
    const struct follow_opts *o, int64_t id, const struct api_task *task, int rc)
{
	enum task_state st = task_state_parse(task->status);
	char *cause = NULL;

	if (o->json && (st != TASK_SUCCESS || task->nmedia == 0))
		cli_json_error(out, task->task_id, st == TASK_FAILED ? _("the task failed: no "
		    "video") : st != TASK_SUCCESS ? _("not finished yet") :
		    _("the service gave no video link"));
	if (st == TASK_FAILED) {
		fprintf(stderr, _("%s: the task failed, there is no video: %s\n"),
		    task->task_id, task->result_message != NULL ?
		    task->result_message : _("no reason given"));
		return exit_worse(rc, EXIT_INVALID);
	}
	if (st != TASK_SUCCESS) {
		fprintf(stderr, _("%s: not finished yet (%s): try 'kling-tui watch %s' "
		    "first\n"), task->task_id, task->status != NULL ? task->status :
		    _("no status"), task->task_id);
		return exit_worse(rc, EXIT_INVALID);
	}
	if (task->nmedia == 0) {
		fprintf(stderr, _("%s: the service gave no video link for this task\n"),
		    task->task_id);
		return exit_worse(rc, EXIT_NETWORK);
	}
	if (id == 0 || tracker_download(t, id, s->download_dir, o->output, &cause) != 0) {
		fprintf(stderr, "%s: %s\n", task->task_id, cause != NULL ? cause :
		    _("the task could not be recorded, so it is not downloaded"));
		free(cause);
		return exit_worse(rc, EXIT_USAGE);
	}
	return rc;
}

int
cli_download_done(FILE *out, const struct follow_opts *o, const char *task_id,
    const struct api_result *res, int rc)
{
	/* The last frame says 100 %, not where the last progress event was. */
	if (bar.drawn && res->outcome == API_OK && res->bytes > 0) {
		bar.last_draw = 0;
		cli_download_moved(res->bytes, res->total > 0 ? res->total : res->bytes);
	}
	if (bar.drawn)
		fputc('\n', stderr);
	if (res->outcome != API_OK) {
		cli_print_failure(task_id, res);
		if (o->json)
			cli_json_failure(out, task_id, res);
		if (res->bytes > 0)
			fprintf(stderr, _("%s: %" PRId64 " bytes kept; run the same command "
			    "again to resume\n"), task_id, res->bytes);
		return exit_worse(rc, exit_code_for(res));
	}
	if (o->json) {
		fputs("{\"task_id\":", out);
		cli_json_str(out, task_id);
		fputs(",\"path\":", out);
		cli_json_str(out, res->path);
		fprintf(out, ",\"bytes\":%" PRId64 "}\n", res->bytes);
	} else
		fprintf(out, _("%s: saved %s (%" PRId64 " bytes)\n"), task_id, res->path,
		    res->bytes);
	return rc;
}

int
cmd_download(struct app_globals *g, const struct cli_args *a)
{
	struct follow_opts fo = { .once = true, .download = true, .parallel = 1,
	    .json = a->json, .output = a->output };
	struct session s;
	int rc;

	if ((rc = cli_session_open(&s, g, SESSION_STORE | SESSION_NET | SESSION_KEY)) !=
	    EXIT_OK)
		return rc;
	rc = cli_run_engine(&s, NULL, 0, a->argv, 1, &fo);
	session_close(&s);
	return rc;
}
