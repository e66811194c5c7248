/* kling-tui: the subcommands' run of the task engine (app/tracker.h) in the
 * event loop: submitting files (submit), following tasks until they end
 * (status, watch, submit --wait). Everything printed comes from the engine's
 * hooks; the loop, the records, the retries are the engine's, the same as
 * the dashboard's.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_CLI_FOLLOW_H
#define KT_CLI_FOLLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "app/session.h"

struct storyboard;
struct tracker;

enum follow_print {
	FOLLOW_EVERY,	/* each answer: status */
	FOLLOW_CHANGES	/* the first answer, then each change: watch, --wait */
};

struct follow_opts {
	bool			 once;		/* one query each, then stop */
	enum follow_print	 print;
	unsigned		 parallel;	/* queries (or creates) at once */
	bool			 json;
	bool			 wait;		/* submit: follow what was created */
	bool			 download;	/* download: the video, once done */
	const char		*output;	/* download -o FILE, or NULL */
};

/* One file to submit: loaded and checked by the caller. */
struct follow_file {
	const char		*file;
	struct storyboard	*sb;
};

/* Submit the files (at most parallel creates at once, each recorded before
 * it is sent), then, with wait, follow the tasks they made; or follow the
 * task ids. The session must be open with the store and a key. Returns the
 * exit code: 0 when every create and task went well (with once: every
 * query worked and no task failed), 1 a task failed, 3/4 the service or the
 * network, 5 a create's fate is unknown, 130 after Ctrl-C. */
int	cli_run_engine(struct session *, const struct follow_file *files, size_t nfiles,
	    char *const *task_ids, size_t nids, const struct follow_opts *);

/* download.c: what `download` does with the task's answer (start the
 * transfer through the engine, or say why not) and with the transfer. Each
 * returns the exit code so far (worse of rc and what happened). */
int	cli_download_answer(FILE *out, struct session *, struct tracker *,
	    const struct follow_opts *, int64_t id, const struct api_task *, int rc);
void	cli_download_moved(int64_t bytes, int64_t total);
int	cli_download_done(FILE *out, const struct follow_opts *, const char *task_id,
	    const struct api_result *, int rc);

#endif
