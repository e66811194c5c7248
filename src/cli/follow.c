/* kling-tui: the subcommands' run of the task engine: submit, follow, print.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/loop.h"
#include "app/tracker.h"
#include "cli.h"
#include "follow.h"
#include "keyindex.h"
#include "output.h"
#include "storyboard.h"
#include "vocab.h"
#include "xmalloc.h"
#include "i18n.h"

/* A query that failed this many times in a row (after the worker's own
 * retries) is given up: the service is not answering. */
#define FOLLOW_MAX_FAILS 3

struct run_file {
	const struct follow_file *f;
	int64_t		 id;		/* the store's row once recorded */
	bool		 sent;
	bool		 over;		/* answered, or given up */
};

struct run_task {
	char		*task_id;
	int		 fails;
	bool		 answered;
	bool		 over;
};

struct run {
	struct session		*s;
	struct tracker		*t;
	const struct follow_opts *o;
	struct run_file		*files;
	size_t			 nfiles, next;
	unsigned		 inflight;	/* creates sent, not answered */
	struct run_task		*tasks;
	size_t			 ntasks, captasks;
	struct keyindex		 index;		/* task id -> slot of tasks */
	int			 rc;
	unsigned		 interrupts;
	bool			 stop;		/* a refusal that holds for every task */
	time_t			 said_until;	/* the back-off last told */
	/* What the hooks print, kept in memory until the batch's transaction
	 * ends (run_out_flush): a reader that stops reading must not hold
	 * the store's write lock for every other instance. stdout when
	 * there was no memory for it. */
	FILE			*out;
	char			*outbuf;
	size_t			 outlen;
};

static void
run_out_open(struct run *r)
{
	r->outbuf = NULL;
	r->outlen = 0;
	if ((r->out = open_memstream(&r->outbuf, &r->outlen)) == NULL)
		r->out = stdout;
}

/* Write out what was printed since the last time; the memory stream ends.
 * Never inside a transaction of the store. */
static void
run_out_close(struct run *r)
{
	if (r->out != stdout) {
		fclose(r->out);
		if (r->outlen > 0)
			fwrite(r->outbuf, 1, r->outlen, stdout);
		free(r->outbuf);
	}
	fflush(stdout);
}

/* The same, then a new stream for what comes next. */
static void
run_out_flush(struct run *r)
{
	bool mem = r->out != stdout;

	run_out_close(r);
	if (mem)
		run_out_open(r);
}

static struct run_task *
run_task_find(struct run *r, const char *task_id)
{
	size_t i = keyindex_get(&r->index, task_id);

	return i != KEYINDEX_NONE ? &r->tasks[i] : NULL;
}

static void
run_follow(struct run *r, const char *task_id, bool at_once)
{
	struct run_task *rt;

	if (run_task_find(r, task_id) != NULL)
		return;		/* named twice */
	if (r->ntasks == r->captasks) {
		r->captasks = r->captasks == 0 ? 16 : r->captasks * 2;
		r->tasks = xreallocarray(r->tasks, r->captasks, sizeof *r->tasks);
	}
	rt = &r->tasks[r->ntasks++];
	memset(rt, 0, sizeof *rt);
	rt->task_id = xstrdup(task_id);
	keyindex_put(&r->index, rt->task_id, r->ntasks - 1);
	/* Asked at once; its age, which sets the pace after that, comes with
	 * the answer. */
	if (at_once)
		tracker_follow(r->t, task_id, 0, true);
}

static void
run_task_over(struct run *r, struct run_task *rt)
{
	rt->over = true;
	tracker_unfollow(r->t, rt->task_id);
}

static void
run_stop_following(struct run *r)
{
	size_t i;

	for (i = 0; i < r->ntasks; i++)
		if (!r->tasks[i].over)
			run_task_over(r, &r->tasks[i]);
}

static struct run_file *
run_file_find(struct run *r, int64_t id)
{
	size_t i;

	for (i = 0; i < r->nfiles; i++)
		if (r->files[i].sent && r->files[i].id == id)
			return &r->files[i];
	return NULL;
}

static const char *
run_base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/* Only as many recorded-and-sending as may run at once, so that a
 * "submitting" row is one that is really on its way. */
static void
run_send(struct run *r)
{
	struct run_file *rf;
	char *cause = NULL;

	while (r->interrupts == 0 && r->next < r->nfiles &&
	    r->inflight < r->o->parallel) {
		rf = &r->files[r->next++];
		rf->id = tracker_submit(r->t, rf->f->sb, run_base_name(rf->f->file), &cause);
		if (rf->id < 0) {
			fprintf(stderr, _("%s: not sent: %s\n"), rf->f->file, cause);
			free(cause);
			cause = NULL;
			rf->over = true;
			r->rc = exit_worse(r->rc, EXIT_USAGE);
			continue;
		}
		rf->sent = true;
		r->inflight++;
	}
}

static bool
run_done(const struct run *r)
{
	if (r->inflight > 0)
		return false;
	if (r->stop || r->interrupts > 0)
		return true;
	return r->next == r->nfiles && tracker_pending(r->t) == 0;
}

static void
run_print_created(struct run *r, const struct run_file *rf, const char *task_id)
{
	struct store_task *row;
	char *cause = NULL;

	if (!r->o->json) {
		fprintf(r->out, "%s: task %s\n", rf->f->file, task_id);
		return;
	}
	if ((row = store_get(r->s->store, rf->id, &cause)) == NULL) {
		cli_print_error(cause);
		free(cause);
		return;
	}
	fputs("{\"file\":", r->out);
	cli_json_str(r->out, rf->f->file);
	fputs(",\"task\":", r->out);
	cli_json_task(r->out, row);
	fputs("}\n", r->out);
	store_task_free(&row);
}

static void
run_on_created(void *arg, int64_t id, const struct api_result *res,
    const char *not_recorded)
{
	struct run *r = arg;
	struct run_file *rf = run_file_find(r, id);
	char *advice;
	int rc;

	if (rf == NULL || rf->over)
		return;
	rf->over = true;
	r->inflight--;
	/* Said first, so that the task id is not lost with the row. */
	if (not_recorded != NULL)
		fprintf(stderr, "kling-tui: %s: %s\n", rf->f->file, not_recorded);
	if (res->outcome == API_OK && res->task_id != NULL) {
		run_print_created(r, rf, res->task_id);
		if (r->o->wait)
			run_follow(r, res->task_id, false);
		else
			tracker_unfollow(r->t, res->task_id);
	} else {
		rc = res->outcome == API_OK ? EXIT_NETWORK : exit_code_for(res);
		r->rc = exit_worse(r->rc, rc);
		advice = tracker_create_advice(res);
		if (rc == EXIT_UNKNOWN)
			cli_print_unknown(rf->f->file, advice);
		else
			fprintf(stderr, "%s: %s\n", rf->f->file, advice);
		free(advice);
	}
	run_send(r);
}

static void
run_on_abandoned(void *arg, int64_t id, const char *why)
{
	struct run *r = arg;
	struct run_file *rf = run_file_find(r, id);

	if (rf == NULL || rf->over)
		return;
	rf->over = true;
	r->inflight--;
	cli_print_unknown(rf->f->file, why);
	r->rc = exit_worse(r->rc, EXIT_UNKNOWN);
}

static void
run_print_text(FILE *f, const char *name, const struct api_task *t)
{
	char elapsed[32];
	int64_t end = t->complete_at > 0 ? t->complete_at : (int64_t)time(NULL);
	size_t i;

	tracker_fmt_secs(elapsed, sizeof elapsed, t->create_at > 0 ? end - t->create_at : 0);
	fprintf(f, "%s", t->task_id);
	if (name != NULL && strcmp(name, t->task_id) != 0)
		fprintf(f, " (%s)", name);
	/* The state word and its ": " stay as they are in every language:
	 * scripts read them (kling-tui(1), ENVIRONMENT). */
	fprintf(f, ": %s, %s", t->status != NULL ? t->status : _("(no status)"), elapsed);
	if (t->has_credits)
		fprintf(f, _(", %.15g credits"), t->credits);
	putc('\n', f);
	/* The service's message may say "generation failed" itself. */
	if (task_state_parse(t->status) == TASK_FAILED)
		fprintf(f, "  %s%s\n", t->result_message != NULL && strncmp(t->result_message,
		    "generation failed", 17) == 0 ? "" : _("generation failed: "),
		    t->result_message != NULL ? t->result_message : _("no reason given"));
	for (i = 0; i < t->nmedia; i++)
		fprintf(f, "  %s\n", t->media_urls[i]);
}

static void
run_on_info(void *arg, int64_t id, bool changed, const struct api_task *t,
    const char *not_recorded)
{
	struct run *r = arg;
	struct run_task *rt = run_task_find(r, t->task_id);
	struct store_task *row = NULL;
	enum task_state st = task_state_parse(t->status);
	char *cause = NULL, *name = NULL;
	int64_t rowid;

	if (rt == NULL || rt->over)
		return;
	if (not_recorded != NULL)
		fprintf(stderr, _("kling-tui: %s: not recorded: %s\n"), t->task_id,
		    not_recorded);
	if (r->o->download) {
		run_task_over(r, rt);
		r->rc = cli_download_answer(r->out, r->s, r->t, r->o, id, t, r->rc);
		return;
	}
	/* Written out when the batch's transaction ends (run_on_committed):
	 * a write a batch, not one a line. The row is read only to be
	 * printed: the whole of it as JSON, its name as text. */
	if (r->o->print == FOLLOW_EVERY || !rt->answered || changed) {
		if (r->o->json) {
			if (id > 0 && store_find(r->s->store, t->task_id, &row, &cause) < 0)
				free(cause);
			if (row != NULL) {
				cli_json_task(r->out, row);
				putc('\n', r->out);
			}
			store_task_free(&row);
		} else {
			if (id > 0 && store_find_id(r->s->store, t->task_id, &rowid, &name,
			    &cause) < 0)
				free(cause);
			run_print_text(r->out, name, t);
			free(name);
		}
	}
	rt->answered = true;
	rt->fails = 0;
	if (task_state_final(st) && st != TASK_SUCCESS)
		r->rc = exit_worse(r->rc, EXIT_INVALID);
	if (task_state_final(st) || r->o->once)
		run_task_over(r, rt);
}

/* A follower that waits says until when, and why: once for each back-off,
 * not once for each task. */
static void
run_say_backoff(struct run *r, const char *task_id, const struct api_result *res)
{
	char when[16], *advice;
	struct tm tm;
	int64_t in = tracker_due_in(r->t, task_id);
	time_t at;

	if (in < 0)
		return;
	at = time(NULL) + (time_t)((in + 999) / 1000);
	if (at <= r->said_until)
		return;
	r->said_until = at;
	localtime_r(&at, &tm);
	strftime(when, sizeof when, "%H:%M:%S", &tm);
	advice = api_advice(res);
	fprintf(stderr, _("kling-tui: %s: %s; backing off until %s\n"), task_id, advice,
	    when);
	free(advice);
}

static void
run_on_failed(void *arg, int64_t id, const char *task_id, const struct api_result *res)
{
	struct run *r = arg;
	struct run_task *rt = run_task_find(r, task_id);

	(void)id;
	if (rt == NULL || rt->over || r->stop)
		return;		/* a refusal for all was told once */
	if (res->outcome == API_CANCELLED)
		return;
	/* The engine asks again after its back-off. */
	if (tracker_retryable(res) && !r->o->once && ++rt->fails < FOLLOW_MAX_FAILS) {
		run_say_backoff(r, task_id, res);
		return;
	}
	cli_print_failure(task_id, res);
	/* A program reading --json gets an object for every task it named. */
	if (r->o->json)
		cli_json_failure(r->out, task_id, res);
	r->rc = exit_worse(r->rc, exit_code_for(res));
	if (tracker_retryable(res) || res->outcome == API_NOT_FOUND ||
	    res->outcome == API_LOCAL_ERROR)
		run_task_over(r, rt);
	else {
		/* 401, 402, 505: the same answer awaits every other task. */
		r->stop = true;
		run_stop_following(r);
	}
}

static void
run_on_download(void *arg, int64_t id, bool done, const struct api_result *res)
{
	struct run *r = arg;
	struct store_task *row;
	char *cause = NULL;

	if (!done) {
		cli_download_moved(res->bytes, res->total);
		return;
	}
	if ((row = store_get(r->s->store, id, &cause)) == NULL) {
		free(cause);
		return;
	}
	r->rc = cli_download_done(r->out, r->o, row->task_id, res, r->rc);
	store_task_free(&row);
}

static void
run_on_committed(void *arg)
{
	run_out_flush(arg);
}

static void
run_on_taken(void *arg)
{
	struct run *r = arg;

	/* Asked once each and nothing to create: when the last question is
	 * on its way, the network thread may end with its answer. */
	if (r->o->once && r->nfiles == 0)
		tracker_close_when_asked(r->t);
	if (run_done(r))
		loop_break();
}

static void
run_on_signal(int sig, void *arg)
{
	struct run *r = arg;

	(void)sig;
	if (r->inflight > 0 && ++r->interrupts == 1) {
		/* Let the creates on their way finish, so that their task ids
		 * are not lost. */
		fputs(_("kling-tui: interrupted: waiting for the requests already sent "
		    "(Ctrl-C again to stop now)\n"), stderr);
		r->rc = exit_worse(r->rc, EXIT_INTERRUPTED);
		run_stop_following(r);
		tracker_drain(r->t);
		return;
	}
	if (r->inflight > 0) {
		tracker_abandon(r->t);
		r->rc = exit_worse(r->rc, EXIT_UNKNOWN);
	} else {
		r->interrupts++;
		if (r->ntasks > 0)
			fputs(_("kling-tui: interrupted; the tasks go on at the service\n"),
			    stderr);
		r->rc = EXIT_INTERRUPTED;
	}
	loop_break();
}

static const struct tracker_hooks run_hooks = {
	.created = run_on_created,
	.info = run_on_info,
	.failed = run_on_failed,
	.abandoned = run_on_abandoned,
	.download = run_on_download,
	.taken = run_on_taken,
	.committed = run_on_committed,
};

static const int run_signals[] = { SIGINT, SIGTERM, SIGHUP };

int
cli_run_engine(struct session *s, const struct follow_file *files, size_t nfiles,
    char *const *task_ids, size_t nids, const struct follow_opts *o)
{
	struct worker_limits lim;
	struct run r;
	char *cause = NULL;
	size_t i, first;
	int rc;

	memset(&r, 0, sizeof r);
	r.s = s;
	r.o = o;
	worker_limits_init(&lim);
	if (nfiles > 0)
		lim.max_creates = o->parallel;
	if (lim.max_transfers < o->parallel || nfiles == 0)
		lim.max_transfers = o->parallel;
	/* The network thread starts on the other processor (where libcurl
	 * was just loaded): this one goes on filing the rest of a sweep,
	 * and the first questions go out meanwhile, not once it is done. */
	lim.start_away = true;
	if ((rc = session_start_engine(s, &lim, &cause)) != EXIT_OK) {
		cli_print_error(cause);
		free(cause);
		return rc;
	}
	if (loop_init(&cause) != 0) {
		cli_print_error(cause);
		free(cause);
		return EXIT_USAGE;
	}
	r.t = s->tracker;
	run_out_open(&r);
	/* Queries: o->parallel on the wire (the worker's limit) and as many
	 * again queued behind them, so that the worker starts the next the
	 * moment a transfer ends, as curl --parallel does, not after a round
	 * trip through this thread (its store, its budget, its wake-up). */
	if (nfiles == 0)
		tracker_set_max_queries(r.t, 2 * o->parallel);
	/* One query each means asking the service, not reading the store. */
	if (o->once)
		tracker_set_budget(r.t, s->rate, false);
	tracker_set_hooks(r.t, &run_hooks, &r);
	for (i = 0; i < sizeof run_signals / sizeof run_signals[0]; i++)
		loop_catch_signal(run_signals[i], run_on_signal, &r);
	r.files = xcalloc(nfiles + 1, sizeof *r.files);
	r.nfiles = nfiles;
	for (i = 0; i < nfiles; i++)
		r.files[i].f = &files[i];
	/* The first questions go before the rest are followed: the
	 * network thread starts on them while this one files the other
	 * 484 of a 500-task sweep (0.5 ms sooner to the first answer). */
	first = nids < 2 * (size_t)o->parallel ? nids : 2 * (size_t)o->parallel;
	for (i = 0; i < first; i++)
		run_follow(&r, task_ids[i], true);
	run_send(&r);
	tracker_attach(r.t);
	for (; i < nids; i++)
		run_follow(&r, task_ids[i], true);
	tracker_reschedule(r.t);
	if (!run_done(&r))
		loop_run();
	/* Only queries may still be in flight here: dropping them loses
	 * nothing; session_close() records the rest. */
	tracker_detach(r.t);
	tracker_set_hooks(r.t, NULL, NULL);
	run_out_close(&r);
	loop_free();
	for (i = 0; i < r.ntasks; i++)
		free(r.tasks[i].task_id);
	keyindex_clear(&r.index);
	free(r.tasks);
	free(r.files);
	return r.rc;
}
