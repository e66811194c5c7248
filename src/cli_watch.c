/* kling-tui: following tasks until they end: status, watch, submit --wait.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * One loop: the scheduler says which task is due, the worker asks the
 * service, poll() sleeps until the next due time, an answer or a signal. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_net.h"
#include "tracker.h"
#include "net/worker.h"
#include "schedule.h"
#include "xmalloc.h"

/* A query that failed this many times in a row (after the worker's own
 * retries) is given up: the service is not answering. */
#define FOLLOW_MAX_FAILS 3

static int signal_pipe[2] = { -1, -1 };

static void
net_on_signal(int sig)
{
	int saved = errno;
	char c = (char)sig;

	if (write(signal_pipe[1], &c, 1) < 0) {
		/* Full pipe: a signal is already waiting. */
	}
	errno = saved;
}

int
net_signal_fd(void)
{
	struct sigaction sa;

	if (signal_pipe[0] != -1)
		return signal_pipe[0];
	if (pipe(signal_pipe) != 0)
		fatal("pipe: %s", strerror(errno));
	fcntl(signal_pipe[0], F_SETFL, O_NONBLOCK);
	fcntl(signal_pipe[1], F_SETFL, O_NONBLOCK);
	fcntl(signal_pipe[0], F_SETFD, FD_CLOEXEC);
	fcntl(signal_pipe[1], F_SETFD, FD_CLOEXEC);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = net_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	return signal_pipe[0];
}

struct follow_task {
	const char	*task_id;	/* the caller's */
	int		 fails;
	bool		 answered;
};

struct follow {
	struct net_ctx			*ctx;
	const struct follow_opts	*o;
	struct follow_task		*t;
	size_t				 n;
	struct sched			*sched;
	int				 rc;
	bool				 stop;	/* a refusal that holds for every task */
};

static void
follow_print_text(struct follow *f, const struct store_task *row,
    const struct api_task *t)
{
	char elapsed[32];
	int64_t end = t->complete_at > 0 ? t->complete_at : (int64_t)time(NULL);
	size_t i;

	tracker_fmt_secs(elapsed, sizeof elapsed, t->create_at > 0 ? end - t->create_at : 0);
	printf("%s", t->task_id);
	if (row != NULL && row->name != NULL && strcmp(row->name, t->task_id) != 0)
		printf(" (%s)", row->name);
	printf(": %s, %s", t->status != NULL ? t->status : "(no status)", elapsed);
	if (t->has_credits)
		printf(", %.15g credits", t->credits);
	putchar('\n');
	if (t->status != NULL && strcmp(t->status, "failed") == 0)
		printf("  generation failed: %s\n", t->result_message != NULL ?
		    t->result_message : "no reason given");
	for (i = 0; i < t->nmedia; i++)
		printf("  %s\n", t->media_urls[i]);
	(void)f;
}

static void
follow_answer(struct follow *f, struct follow_task *ft, const struct api_task *t)
{
	struct store_task *row;
	bool changed, final = api_status_final(t->status);
	int64_t now;

	row = net_record_info(f->ctx, t, &changed);
	if (f->o->print == FOLLOW_EVERY || !ft->answered || changed) {
		if (f->ctx->json && row != NULL) {
			net_json_task(stdout, row);
			putchar('\n');
		} else if (!f->ctx->json)
			follow_print_text(f, row, t);
	}
	store_task_free(&row);
	ft->answered = true;
	ft->fails = 0;
	if (final && strcmp(t->status, "success") != 0)
		f->rc = net_worse(f->rc, EXIT_INVALID);
	if (final || f->o->once) {
		sched_remove(f->sched, ft->task_id);
		return;
	}
	now = sched_clock();
	if (t->create_at > 0)
		sched_add(f->sched, ft->task_id, now,
		    ((int64_t)time(NULL) - t->create_at) * 1000, false);
	sched_done(f->sched, ft->task_id, now);
}

static void
follow_result(struct follow *f, struct follow_task *ft, const struct api_result *r)
{
	int64_t hint;

	if (f->stop)
		return;		/* the refusal was told once; the rest say the same */
	switch (r->outcome) {
	case API_OK:
		sched_ok(f->sched);
		follow_answer(f, ft, &r->task);
		return;
	case API_CANCELLED:
		return;
	case API_NOT_FOUND:
		net_print_failure(ft->task_id, r);
		break;
	case API_RATE_LIMITED:
	case API_MAINTENANCE:
	case API_SERVER_ERROR:
	case API_NOT_SENT:
	case API_NO_ANSWER:
	case API_BAD_RESPONSE:
		if (!f->o->once && ++ft->fails < FOLLOW_MAX_FAILS) {
			hint = r->retry_after >= 0 ? r->retry_after * 1000 : -1;
			sched_done(f->sched, ft->task_id, sched_clock());
			sched_backoff(f->sched, sched_clock(), hint);
			return;
		}
		net_print_failure(ft->task_id, r);
		break;
	default:
		/* 401, 402, 505: the same answer awaits every other task. */
		net_print_failure(ft->task_id, r);
		f->stop = true;
		break;
	}
	f->rc = net_worse(f->rc, net_exit_code(r));
	sched_remove(f->sched, ft->task_id);
}

static struct follow_task *
follow_lookup(struct follow *f, const char *task_id)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->t[i].task_id, task_id) == 0)
			return &f->t[i];
	return NULL;
}

/* Take every waiting answer, in one store transaction: one sync for the
 * whole batch, not one per task. */
static unsigned
follow_drain(struct follow *f, struct worker *w)
{
	struct worker_event ev;
	unsigned done = 0;
	char *cause = NULL;
	bool txn;

	txn = store_begin(f->ctx->store, &cause) == 0;
	if (!txn) {
		fprintf(stderr, "kling-tui: %s\n", cause);
		free(cause);
		cause = NULL;
	}
	while (worker_take(w, &ev) == 1) {
		if (ev.type == WORKER_DONE) {
			done++;
			if (ev.tag < f->n)
				follow_result(f, &f->t[ev.tag], &ev.result);
		}
		worker_event_clear(&ev);
	}
	if (txn && store_commit(f->ctx->store, &cause) != 0) {
		fprintf(stderr, "kling-tui: %s\n", cause);
		free(cause);
	}
	fflush(stdout);
	return done;
}

int
net_follow(struct net_ctx *ctx, char **task_ids, size_t n, const struct follow_opts *o)
{
	struct follow f;
	struct worker *w;
	struct worker_limits lim;
	struct api_request req;
	struct follow_task *ft;
	struct pollfd pfd[2];
	const char **keys;
	unsigned inflight = 0, parallel = o->parallel > 0 ? o->parallel : 8;
	int64_t now, timeout;
	size_t i, k, nk;
	char *cause = NULL, sig;

	memset(&f, 0, sizeof f);
	f.ctx = ctx;
	f.o = o;
	f.t = xcalloc(n == 0 ? 1 : n, sizeof *f.t);
	f.sched = sched_new(&ctx->poll);
	now = sched_clock();
	for (i = 0; i < n; i++) {
		if (follow_lookup(&f, task_ids[i]) != NULL)
			continue;	/* named twice */
		f.t[f.n++].task_id = task_ids[i];
		/* Asked at once; its age, which sets the pace after that,
		 * comes with the answer. */
		sched_add(f.sched, task_ids[i], now, 0, true);
	}
	worker_limits_init(&lim);
	lim.max_transfers = parallel;
	if ((w = worker_start(&ctx->conn, &lim, &cause)) == NULL) {
		fprintf(stderr, "kling-tui: %s\n", cause);
		free(cause);
		sched_free(&f.sched);
		free(f.t);
		return EXIT_NETWORK;
	}
	keys = xcalloc(f.n == 0 ? 1 : f.n, sizeof *keys);
	pfd[0].fd = worker_fd(w);
	pfd[0].events = POLLIN;
	pfd[1].fd = net_signal_fd();
	pfd[1].events = POLLIN;

	for (;;) {
		now = sched_clock();
		/* Everything due goes to the worker at once: it keeps parallel
		 * queries in flight by itself, with no round trip through this
		 * loop between one answer and the next query. */
		if (!f.stop) {
			nk = sched_take_due(f.sched, now, keys, f.n);
			for (k = 0; k < nk; k++) {
				ft = follow_lookup(&f, keys[k]);
				memset(&req, 0, sizeof req);
				req.kind = API_TASK_INFO;
				req.task_id = ft->task_id;
				if (worker_submit(w, &req, (uint64_t)(ft - f.t)) == 0) {
					fprintf(stderr, "%s: not a usable task id\n", ft->task_id);
					f.rc = net_worse(f.rc, EXIT_USAGE);
								sched_remove(f.sched, ft->task_id);
				} else
					inflight++;
			}
		}
		if (f.stop || (inflight == 0 && sched_count(f.sched) == 0))
			break;
		timeout = sched_next_due(f.sched, now);
		if (poll(pfd, 2, timeout > INT32_MAX ? INT32_MAX : (int)timeout) < 0 &&
		    errno != EINTR)
			fatal("poll: %s", strerror(errno));
		if (pfd[1].revents & POLLIN) {
			while (read(pfd[1].fd, &sig, 1) == 1)
				;
			fputs("kling-tui: interrupted; the tasks go on at the service\n", stderr);
			f.rc = 130;
			break;
		}
		if (pfd[0].revents & POLLIN)
			inflight -= follow_drain(&f, w);
	}
	/* Only queries are in flight here: dropping them loses nothing. */
	worker_stop(&w);
	free(keys);
	sched_free(&f.sched);
	free(f.t);
	return f.rc;
}

int
cmd_watch(struct cli_globals *g, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "once", no_argument, NULL, 'o' },
		{ "parallel", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct follow_opts fo = { .print = FOLLOW_CHANGES, .parallel = 8 };
	struct store_filter filt = { .unfinished = true, .hidden = true };
	struct store_list l = { NULL, 0 };
	struct net_ctx ctx;
	char **ids, *cause = NULL;
	bool json = false;
	size_t i, n;
	int c, rc;

	if (net_help(argc, argv))
		return EXIT_OK;
	optind = 0;
	while ((c = net_getopt(argc, argv, ":", longopts)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'o':
			fo.once = true;
			break;
		case 'p':
			if (net_parse_count("watch", "--parallel", optarg, 64,
			    &fo.parallel) != 0)
				return EXIT_USAGE;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if ((rc = net_ctx_open(&ctx, g, true)) != EXIT_OK)
		return rc;
	ctx.json = json;
	if (optind < argc) {
		ids = argv + optind;
		n = (size_t)(argc - optind);
	} else {
		if (store_query(ctx.store, &filt, &l, &cause) != 0) {
			fprintf(stderr, "kling-tui: %s\n", cause);
			free(cause);
			net_ctx_close(&ctx);
			return EXIT_USAGE;
		}
		ids = xcalloc(l.n + 1, sizeof *ids);
		for (i = 0; i < l.n; i++)
			ids[i] = l.v[i].task_id;
		n = l.n;
		if (n == 0 && !json)
			puts("nothing to watch: every task in the store is finished");
	}
	rc = net_follow(&ctx, ids, n, &fo);
	if (ids != argv + optind)
		free(ids);
	store_list_free(&l);
	net_ctx_close(&ctx);
	return rc;
}
