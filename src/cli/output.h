/* kling-tui: what the network subcommands print: a session opened with its
 * warnings told, failures as advice, tasks as JSON or as a line.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_CLI_OUTPUT_H
#define KT_CLI_OUTPUT_H

#include <stdio.h>

#include "app/session.h"
#include "net/api.h"
#include "store.h"

/* session_open() with what it found said on stderr: the config's and the
 * environment's warnings, or why it could not open. The exit code. */
int	cli_session_open(struct session *, const struct app_globals *, unsigned need);

/* "NAME: advice" on stderr for a request that did not succeed. */
void	cli_print_failure(const char *name, const struct api_result *);
/* An api_retry_cb (arg: the name to print): on a terminal only, says that
 * an attempt failed and when the next goes. */
void	cli_say_retrying(const struct api_result *, int attempt, long wait_ms,
	    void *name);
/* A create whose fate is unknown: what happened, and what to do before
 * submitting again. */
void	cli_print_unknown(const char *file, const char *why);
/* "kling-tui: message" on stderr. */
void	cli_print_error(const char *what);

/* JSON, strings quoted by the codec; NULL prints null. */
void	cli_json_str(FILE *, const char *);
void	cli_json_task(FILE *, const struct store_task *);	/* one object */
/* A task id on a line of its own, made safe to print. */
void	cli_print_id(FILE *, const char *task_id);
/* One row of `list` for people. */
void	cli_print_row(FILE *, const struct store_task *);

/* For --json, a task that could not be told: {"task_id":..., "error":...}
 * to f (the engine's output, bound for stdout), so that a program reading
 * it hears of every task it named. */
void	cli_json_error(FILE *f, const char *task_id, const char *error);
void	cli_json_failure(FILE *f, const char *task_id, const struct api_result *);

#endif
