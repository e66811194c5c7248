/* kling-tui: what the network subcommands print.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#include "cli.h"
#include "codec.h"
#include "output.h"
#include "text.h"
#include "i18n.h"

int
cli_session_open(struct session *s, const struct app_globals *g, unsigned need)
{
	char *cause = NULL;
	size_t i;
	int rc;

	/* A subcommand's store opens while libcurl loads (not the full
	 * screen's: its first frame needs neither). */
	if ((rc = session_open(s, g, need | SESSION_PRELOAD, &cause)) != EXIT_OK) {
		cli_print_error(cause);
		free(cause);
		return rc;
	}
	for (i = 0; i < s->nwarnings; i++)
		cli_print_error(s->warnings[i]);
	return EXIT_OK;
}

void
cli_print_error(const char *what)
{
	fputs("kling-tui: ", stderr);
	text_fputs(what, stderr);
	fputc('\n', stderr);
}

void
cli_print_failure(const char *name, const struct api_result *r)
{
	char *advice = api_advice(r);

	text_fputs(name, stderr);
	fputs(": ", stderr);
	text_fputs(advice, stderr);
	fputc('\n', stderr);
	free(advice);
}

void
cli_say_retrying(const struct api_result *r, int attempt, long wait_ms, void *arg)
{
	const char *name = arg;

	/* A script reads the outcome; a person at a terminal needs to know
	 * the wait is a retry, not a hang. */
	if (!isatty(STDERR_FILENO))
		return;
	text_fputs(name, stderr);
	fprintf(stderr, _(": attempt %d failed ("), attempt);
	text_fputs(r->message != NULL ? r->message : api_outcome_name(r->outcome),
	    stderr);
	fprintf(stderr, _("); trying again in %ld s\n"), (wait_ms + 999) / 1000);
}

void
cli_print_unknown(const char *file, const char *why)
{
	char *f = text_sanitize(file, strlen(file), 0, false);
	char *w = text_sanitize(why, strlen(why), 0, false);

	fprintf(stderr, _("%s: %s\n%s: recorded as 'unknown' (kling-tui list --status "
	    "unknown); it may have been created and charged: look for it before "
	    "submitting again\n"), f, w, f);
	free(f);
	free(w);
}

void
cli_json_str(FILE *f, const char *s)
{
	char *q;

	if (s == NULL) {
		fputs("null", f);
		return;
	}
	q = codec_string(s);
	fputs(q, f);
	free(q);
}

static void
cli_json_int(FILE *f, const char *key, int64_t v, bool present)
{
	fprintf(f, ",\"%s\":", key);
	if (present)
		fprintf(f, "%" PRId64, v);
	else
		fputs("null", f);
}

void
cli_json_task(FILE *f, const struct store_task *t)
{
	fprintf(f, "{\"id\":%" PRId64 ",\"task_id\":", t->id);
	cli_json_str(f, t->task_id);
	fputs(",\"state\":", f);
	cli_json_str(f, t->state);
	fputs(",\"name\":", f);
	cli_json_str(f, t->name);
	fputs(",\"mode\":", f);
	cli_json_str(f, t->mode);
	cli_json_int(f, "duration", t->duration, t->duration > 0);
	cli_json_int(f, "created", t->created, t->created > 0);
	cli_json_int(f, "updated", t->updated, t->updated > 0);
	cli_json_int(f, "finished", t->finished, t->finished > 0);
	/* Written by tracker_media_json only, so it is JSON already. */
	fprintf(f, ",\"media_urls\":%s", t->media_urls != NULL ? t->media_urls : "[]");
	fputs(",\"credits\":", f);
	if (t->has_credits)
		fprintf(f, "%.15g", t->credits);
	else
		fputs("null", f);
	fputs(",\"error\":", f);
	cli_json_str(f, t->last_error);
	fputs(",\"download_path\":", f);
	cli_json_str(f, t->download_path);
	fputc('}', f);
}

void
cli_print_id(FILE *f, const char *task_id)
{
	char *id = text_sanitize(task_id, strlen(task_id), 0, false);

	fprintf(f, "%s\n", id);
	free(id);
}

void
cli_print_row(FILE *f, const struct store_task *t)
{
	char when[32], id[32], *task_id, *state;
	struct tm tm;
	time_t c = (time_t)t->created;
	char *name = text_sanitize(t->name != NULL ? t->name : "", t->name != NULL ?
	    strlen(t->name) : 0, 0, false);

	localtime_r(&c, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	if (t->task_id == NULL)
		/* TRANSLATORS: in list, a submission the service gave no task
		 * id; N is its number in the local store. */
		snprintf(id, sizeof id, _("(local #%" PRId64 ")"), t->id);
	/* The store holds what a server said: sanitised like the name. */
	task_id = text_sanitize(t->task_id != NULL ? t->task_id : id,
	    strlen(t->task_id != NULL ? t->task_id : id), 0, false);
	/* The state word stays as it is in every language: scripts read it
	 * (kling-tui(1), ENVIRONMENT). */
	state = text_sanitize(t->state, strlen(t->state), 0, false);
	/* Columns counted on the screen: （本地 #1） is 11 wide in 17 bytes. */
	fprintf(f, "%s%*s  %s%*s  %s  %s\n", task_id, text_pad(task_id, 36), "",
	    state, text_pad(state, 10), "", when, name);
	free(task_id);
	free(state);
	free(name);
}

void
cli_json_error(FILE *f, const char *task_id, const char *error)
{
	fputs("{\"task_id\":", f);
	cli_json_str(f, task_id);
	fputs(",\"error\":", f);
	cli_json_str(f, error);
	fputs("}\n", f);
}

void
cli_json_failure(FILE *f, const char *task_id, const struct api_result *r)
{
	char *advice = api_advice(r);

	cli_json_error(f, task_id, advice);
	free(advice);
}
