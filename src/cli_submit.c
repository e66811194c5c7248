/* kling-tui: submit: validate, record, send, and optionally follow.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_net.h"
#include "codec.h"
#include "diag.h"
#include "net/worker.h"
#include "rules.h"
#include "tracker.h"
#include "xmalloc.h"

struct submission {
	const char		*file;
	struct storyboard	*sb;
	int64_t			 id;	/* in the store; 0: not recorded */
	char			*task_id;
	bool			 sent;
	bool			 over;
};

/* Load and check every file first: one bad file and nothing is sent. */
static int
submit_check(struct submission *s, size_t n)
{
	struct diag_list *dl = diag_list_new();
	char *cause = NULL;
	size_t i, j, errors;
	int rc = EXIT_OK;

	for (i = 0; i < n; i++) {
		if ((s[i].sb = codec_load_file(s[i].file, &cause)) == NULL) {
			fprintf(stderr, "%s: %s\n", s[i].file, cause);
			free(cause);
			cause = NULL;
			rc = net_worse(rc, EXIT_USAGE);
			continue;
		}
		errors = rules_check(s[i].sb, dl);
		for (j = 0; j < dl->n; j++)
			fprintf(stderr, "%s: %s: %s: %s\n", s[i].file, dl->v[j].path,
			    diag_severity_name(dl->v[j].sev), dl->v[j].msg);
		if (errors > 0)
			rc = net_worse(rc, EXIT_INVALID);
	}
	diag_list_free(&dl);
	if (rc != EXIT_OK)
		fputs("kling-tui: nothing was sent\n", stderr);
	return rc;
}

static const char *
submit_base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/* Record, then queue: a row exists before any byte leaves. */
static int
submit_send(struct net_ctx *ctx, struct worker *w, struct submission *s, size_t tag)
{
	struct storyboard *eff = sb_effective(s->sb);
	struct api_request req;
	char *body = codec_encode(eff), *cause = NULL;
	int rc = EXIT_OK;

	s->id = store_add(ctx->store, body, submit_base_name(s->file), eff->mode,
	    eff->has_duration ? eff->duration : 0, &cause);
	if (s->id < 0) {
		fprintf(stderr, "%s: not sent: %s\n", s->file, cause);
		free(cause);
		s->id = 0;
		s->over = true;
		rc = EXIT_USAGE;
	} else {
		memset(&req, 0, sizeof req);
		req.kind = API_CREATE;
		req.body = body;
		if (worker_submit(w, &req, tag) == 0)
			fatal("worker refused a create");
		s->sent = true;
	}
	free(body);
	sb_free(&eff);
	return rc;
}

static void
submit_print(struct net_ctx *ctx, const struct submission *s)
{
	struct store_task *row;
	char *cause = NULL;

	if (!ctx->json) {
		printf("%s: task %s\n", s->file, s->task_id);
		return;
	}
	if ((row = store_get(ctx->store, s->id, &cause)) == NULL) {
		fprintf(stderr, "kling-tui: %s\n", cause);
		free(cause);
		return;
	}
	fputs("{\"file\":", stdout);
	net_json_str(stdout, s->file);
	fputs(",\"task\":", stdout);
	net_json_task(stdout, row);
	puts("}");
	store_task_free(&row);
}

/* What came back for one create: the store learns it first (as the
 * dashboard records it: tracker.c). */
static int
submit_result(struct net_ctx *ctx, struct submission *s, const struct api_result *r)
{
	char *advice = NULL, *cause = NULL;
	int rc = EXIT_OK;

	s->over = true;
	if (r->outcome == API_OK && r->task_id != NULL)
		s->task_id = xstrdup(r->task_id);
	else {
		rc = net_exit_code(r);
		if (r->outcome == API_OK)	/* 200 without a task id */
			rc = EXIT_NETWORK;
	}
	if (tracker_record_create(ctx->store, s->id, r, &advice, &cause) < 0) {
		/* Printed so that the task id is not lost with the row. */
		fprintf(stderr, "kling-tui: %s: %s\n", s->file, cause);
		free(cause);
	}
	if (s->task_id != NULL)
		submit_print(ctx, s);
	else if (rc == EXIT_UNKNOWN)
		fprintf(stderr, "%s: %s\n%s: recorded as 'unknown' (kling-tui list "
		    "--status unknown); it may have been created and charged: look "
		    "for it before submitting again\n", s->file, advice, s->file);
	else
		fprintf(stderr, "%s: %s\n", s->file, advice);
	fflush(stdout);
	free(advice);
	return rc;
}

/* Creates still being sent when we stop are recorded as unknown: they may
 * have reached the service. */
static void
submit_abandon(struct net_ctx *ctx, struct submission *s, size_t n)
{
	struct store_update u = { .state = STORE_UNKNOWN,
	    .error = "interrupted while the request was being sent" };
	char *cause = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!s[i].sent || s[i].over)
			continue;
		if (store_update(ctx->store, s[i].id, &u, &cause) != 0) {
			fprintf(stderr, "kling-tui: %s\n", cause);
			free(cause);
			cause = NULL;
		}
		fprintf(stderr, "%s: interrupted while sending: the task may have been "
		    "created; recorded as 'unknown'\n", s[i].file);
	}
}

static int
submit_run(struct net_ctx *ctx, struct submission *s, size_t n, unsigned parallel,
    bool *interrupted)
{
	struct worker_limits lim;
	struct worker_event ev;
	struct worker *w;
	struct pollfd pfd[2];
	size_t next = 0, inflight = 0;
	int rc = EXIT_OK, interrupts = 0;
	char *cause = NULL, sig;

	worker_limits_init(&lim);
	lim.max_creates = parallel;
	if (lim.max_transfers < parallel)
		lim.max_transfers = parallel;
	if ((w = worker_start(&ctx->conn, &lim, &cause)) == NULL) {
		fprintf(stderr, "kling-tui: %s\n", cause);
		free(cause);
		return EXIT_NETWORK;
	}
	pfd[0].fd = worker_fd(w);
	pfd[0].events = POLLIN;
	pfd[1].fd = net_signal_fd();
	pfd[1].events = POLLIN;
	for (;;) {
		/* Only as many recorded-and-sending as may run at once, so a
		 * "submitting" row is one that is really on its way. */
		while (interrupts == 0 && next < n && inflight < parallel) {
			rc = net_worse(rc, submit_send(ctx, w, &s[next], next));
			if (s[next++].sent)
				inflight++;
		}
		if (inflight == 0 && (next == n || interrupts > 0))
			break;
		if (poll(pfd, 2, -1) < 0 && errno != EINTR)
			fatal("poll: %s", strerror(errno));
		if (pfd[1].revents & POLLIN) {
			while (read(pfd[1].fd, &sig, 1) == 1)
				;
			if (++interrupts == 1) {
				/* Let the creates on their way finish, so that
				 * their task ids are not lost. */
				fputs("kling-tui: interrupted: waiting for the requests "
				    "already sent (Ctrl-C again to stop now)\n", stderr);
				worker_drain(w);
				rc = net_worse(rc, 130);
			} else {
				submit_abandon(ctx, s, n);
				rc = net_worse(rc, EXIT_UNKNOWN);
				break;
			}
		}
		if (!(pfd[0].revents & POLLIN))
			continue;
		while (worker_take(w, &ev) == 1) {
			if (ev.type == WORKER_DONE && ev.tag < n) {
				rc = net_worse(rc, submit_result(ctx, &s[ev.tag], &ev.result));
				inflight--;
			}
			worker_event_clear(&ev);
		}
	}
	worker_stop(&w);
	*interrupted = interrupts > 0;
	return rc;
}

int
cmd_submit(struct cli_globals *g, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "wait", no_argument, NULL, 'w' },
		{ "parallel", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct follow_opts fo = { .print = FOLLOW_CHANGES, .parallel = 8 };
	struct submission *s;
	struct net_ctx ctx;
	unsigned parallel = 2;
	bool json = false, wait = false, interrupted = false;
	char **ids;
	size_t n, i, nids = 0;
	int c, rc;

	if (net_help(argc, argv))
		return EXIT_OK;
	optind = 0;
	while ((c = net_getopt(argc, argv, ":", longopts)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'w':
			wait = true;
			break;
		case 'p':
			if (net_parse_count("submit", "--parallel", optarg, 8, &parallel) != 0)
				return EXIT_USAGE;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return cli_usage_error("submit: which file? submit [--wait] FILE...");
	n = (size_t)(argc - optind);
	s = xcalloc(n, sizeof *s);
	for (i = 0; i < n; i++)
		s[i].file = argv[optind + i];
	if ((rc = submit_check(s, n)) == EXIT_OK &&
	    (rc = net_ctx_open(&ctx, g, true)) == EXIT_OK) {
		ctx.json = json;
		rc = submit_run(&ctx, s, n, parallel, &interrupted);
		if (wait && !interrupted) {
			ids = xcalloc(n, sizeof *ids);
			for (i = 0; i < n; i++)
				if (s[i].task_id != NULL)
					ids[nids++] = s[i].task_id;
			if (nids > 0)
				rc = net_worse(rc, net_follow(&ctx, ids, nids, &fo));
			free(ids);
		}
		net_ctx_close(&ctx);
	}
	for (i = 0; i < n; i++) {
		sb_free(&s[i].sb);
		free(s[i].task_id);
	}
	free(s);
	return rc;
}
