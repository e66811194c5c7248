/* kling-tui tests: the client against kling-sim: every code of API.md
 * section 4, every fault, the life of a task to its downloaded video, the
 * back-off as the simulator's log records it, and connection reuse.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "netlib.h"
#include "simproc.h"
#include "tap.h"
#include "worker.h"
#include "xmalloc.h"

#define CREATE_PATH "\"path\":\"/api/v1/client/job/CreateTask\""
#define MEDIA_SIZE  "100000"

static const char *t2v = "{\"model\":\"kling/v3\",\"input\":{\"mode\":\"std\","
    "\"multi_shots\":false,\"prompt\":\"A lighthouse at dusk, waves below.\","
    "\"duration\":5,\"audio\":false}}";
static char tmpdir[] = "/tmp/kt-net-sim-XXXXXX";
/* Generous, so that a loaded machine (sanitizers, -j2) does not turn an
 * answer into a timeout; the fault tests shorten it to see timeouts fire. */
static long client_timeout_ms = 5000;

/* netlib_conn() to the simulator: its demo key, its timeouts, one try. */
static void
conn_for(struct api_conn *c, const struct simproc *s)
{
	netlib_conn(c, s->url);
	c->key = "demo-key";
	c->connect_timeout_ms = client_timeout_ms;
	c->timeout_ms = client_timeout_ms;
	c->retry.max_attempts = 1;
	c->retry.backoff_ms = 50;
}

/* One request against a fresh simulator started with the options. */
static void
one(struct api_result *res, const struct api_request *req, unsigned attempts,
    const char *key, struct simproc *s)
{
	struct api_conn	c;

	conn_for(&c, s);
	c.retry.max_attempts = attempts;
	if (key != NULL)
		c.key = key;
	api_perform(&c, req, NULL, NULL, res);
}

static void
test_codes(void)
{
	struct api_request	 create = { .kind = API_CREATE, .body = t2v };
	struct api_request	 info = { .kind = API_TASK_INFO, .task_id = "nope" };
	struct api_request	 bal = { .kind = API_BALANCE };
	struct api_request	 bad = { .kind = API_CREATE, .body =
	    "{\"model\":\"kling/v3\",\"input\":{\"mode\":\"std\",\"multi_shots\":"
	    "false,\"prompt\":\"x\",\"duration\":99}}" };
	static const struct {
		const char *code; enum api_outcome o;
	} forced[] = {
		{ "500", API_SERVER_ERROR }, { "501", API_GEN_FAILED },
		{ "505", API_DISABLED }, { "503", API_OTHER }
	};
	struct api_result	 res = { 0 };
	struct simproc		 s;
	size_t			 i;
	int			 j, n = 0;
	double			 t429, t = -1;
	char			 opt[32];

	if (simproc_start(&s, tmpdir, NULL) != 0) {
		ok(0, "kling-sim started");
		return;
	}
	one(&res, &bal, 1, NULL, &s);
	is_int(res.outcome, API_OK, "200: balance");
	ok(res.balance > 0, "a balance (%g)", res.balance);
	api_result_clear(&res);
	one(&res, &bal, 3, "wrong-key", &s);
	is_int(res.outcome, API_UNAUTHORIZED, "401 for a wrong key");
	is_int(res.attempts, 1, "401 is not retried");
	is_int(res.http_status, 401, "HTTP status 401");
	api_result_clear(&res);
	one(&res, &info, 3, NULL, &s);
	is_int(res.outcome, API_NOT_FOUND, "404 for an unknown task");
	is_int(res.attempts, 1, "404 is not retried");
	api_result_clear(&res);
	one(&res, &bad, 3, NULL, &s);
	is_int(res.outcome, API_INVALID, "422 for a duration of 99");
	ok(res.message != NULL && strstr(res.message, "duration") != NULL,
	    "naming the field: %s", res.message);
	api_result_clear(&res);
	simproc_stop(&s);	/* the log is complete once it stopped */
	is_int(simlog_count(&s, CREATE_PATH, NULL), 1, "422 is not resent");

	simproc_start(&s, tmpdir, "--balance", "1", NULL);
	one(&res, &create, 3, NULL, &s);
	is_int(res.outcome, API_NO_CREDITS, "402 when the balance is short");
	api_result_clear(&res);
	simproc_stop(&s);

	simproc_start(&s, tmpdir, "--maintenance", "--retry-after", "1", NULL);
	one(&res, &bal, 2, NULL, &s);
	is_int(res.outcome, API_MAINTENANCE, "455 under maintenance");
	is_int(res.attempts, 2, "455 is retried");
	api_result_clear(&res);
	one(&res, &create, 2, NULL, &s);
	api_result_clear(&res);
	simproc_stop(&s);
	is_int(simlog_count(&s, CREATE_PATH, NULL), 2,
	    "a create refused with 455 is resent (it was not made)");

	/* 429: the retry waits for Retry-After, as the simulator saw it. */
	simproc_start(&s, tmpdir, "--rate-limit", "1/s", "--retry-after", "1",
	    NULL);
	for (i = 0; i < 4; i++) {
		one(&res, &bal, 3, NULL, &s);
		n = res.attempts;
		api_result_clear(&res);
		if (n > 1)
			break;
	}
	simproc_stop(&s);
	is_int(n, 2, "a rate-limited query succeeds on its second attempt");
	t429 = simlog_time(&s, "\"status\":429", 0);
	for (j = 0; (t = simlog_time(&s, "\"status\":200", j)) >= 0 &&
	    t <= t429; j++)	/* a 200 logged beside the 429 came before it */
		;
	ok(t429 > 0 && t - t429 >= 0.95, "the retry came %.3f s after the "
	    "429 (Retry-After: 1)", t - t429);

	for (i = 0; i < sizeof forced / sizeof forced[0]; i++) {
		snprintf(opt, sizeof opt, "%s@api", forced[i].code);
		simproc_start(&s, tmpdir, "--force-code", opt, NULL);
		one(&res, &create, 3, NULL, &s);
		is_int(res.outcome, forced[i].o, "create: %s mapped (%s)",
		    forced[i].code, api_outcome_name(res.outcome));
		api_result_clear(&res);
		one(&res, &bal, 2, NULL, &s);
		is_int(res.outcome, forced[i].o, "balance: %s mapped",
		    forced[i].code);
		is_int(res.attempts, forced[i].code[2] == '1' ||
		    forced[i].code[2] == '5' ? 1 : 2,
		    "balance: %s retried only when the server is in trouble",
		    forced[i].code);
		api_result_clear(&res);
		simproc_stop(&s);
		is_int(simlog_count(&s, CREATE_PATH, NULL), 1,
		    "create: %s is never resent", forced[i].code);
	}
}

static void
test_faults(void)
{
	static const struct {
		const char *fault; enum api_outcome o; long http;
	} faults[] = {
		{ "garbage", API_BAD_RESPONSE, 200 },
		{ "truncate", API_BAD_RESPONSE, 200 },
		{ "reset", API_NO_ANSWER, 0 },
		{ "stall", API_NO_ANSWER, 0 },
		{ "huge", API_BAD_RESPONSE, 200 },
		{ "html", API_BAD_RESPONSE, 502 }
	};
	struct api_request	 create = { .kind = API_CREATE, .body = t2v };
	struct api_request	 info = { .kind = API_TASK_INFO, .task_id = "x" };
	struct api_result	 res = { 0 };
	struct simproc		 s;
	int64_t			 t0;
	size_t			 i;

	client_timeout_ms = 1000;
	for (i = 0; i < sizeof faults / sizeof faults[0]; i++) {
		simproc_start(&s, tmpdir, "--fault", faults[i].fault, NULL);
		t0 = clock_ms();
		one(&res, &info, 1, NULL, &s);
		is_int(res.outcome, faults[i].o, "query, %s: %s (%s)",
		    faults[i].fault, api_outcome_name(res.outcome),
		    res.message);
		ok(clock_ms() - t0 < 2500, "%s: over in %lld ms",
		    faults[i].fault, (long long)(clock_ms() - t0));
		ok(res.message != NULL && strchr(res.message, '\x1b') == NULL,
		    "%s: the message is clean", faults[i].fault);
		api_result_clear(&res);

		one(&res, &create, 3, NULL, &s);
		ok(api_result_unknown(&res), "create, %s: fate unknown (%s)",
		    faults[i].fault, api_outcome_name(res.outcome));
		api_result_clear(&res);
		simproc_stop(&s);
		is_int(simlog_count(&s, CREATE_PATH, NULL), 1,
		    "create, %s: exactly one CreateTask reached the simulator",
		    faults[i].fault);
	}
	client_timeout_ms = 5000;
}

static int
cmp_files(const char *a, const char *b, long from)
{
	FILE	*fa = fopen(a, "r"), *fb = fopen(b, "r");
	int	 ca, cb, diff = -1;

	if (fa != NULL && fb != NULL && fseek(fa, from, SEEK_SET) == 0 &&
	    fseek(fb, from, SEEK_SET) == 0) {
		do {
			ca = getc(fa);
			cb = getc(fb);
		} while (ca == cb && ca != EOF);
		diff = ca != cb;
	}
	if (fa != NULL)
		fclose(fa);
	if (fb != NULL)
		fclose(fb);
	return diff;
}

static void
test_life(void)
{
	struct api_request	 create = { .kind = API_CREATE, .body = t2v };
	struct api_request	 info = { .kind = API_TASK_INFO };
	struct api_request	 dl = { .kind = API_DOWNLOAD };
	struct api_request	 head = { .kind = API_HEAD };
	struct api_result	 res = { 0 }, task = { 0 };
	struct api_conn		 c;
	struct simproc		 s;
	char			*a, *b, *part, *url, *warn, *cause = NULL;
	FILE			*f;
	int			 i;

	simproc_start(&s, tmpdir, "--task-seconds", "1", "--media-size",
	    MEDIA_SIZE, NULL);
	conn_for(&c, &s);
	api_perform(&c, &create, NULL, NULL, &res);
	is_int(res.outcome, API_OK, "create accepted");
	ok(res.task_id != NULL && *res.task_id != '\0', "a task id (%s)",
	    res.task_id);
	info.task_id = res.task_id;
	for (i = 0; i < 40; i++) {
		api_result_clear(&task);
		api_perform(&c, &info, NULL, NULL, &task);
		if (task.outcome != API_OK || api_status_final(task.task.status))
			break;
		usleep(100000);
	}
	is_str(task.task.status, "success", "the task succeeded");
	ok(task.task.create_at > 0 && task.task.complete_at >=
	    task.task.create_at, "with its times");
	ok(task.task.param_json != NULL &&
	    strstr(task.task.param_json, "lighthouse") != NULL,
	    "and the request echoed");
	is_int(task.task.nmedia, 1, "one video");
	url = task.task.nmedia > 0 ? task.task.media_urls[0] : "";

	a = api_download_path(tmpdir, res.task_id, &cause);
	dl.url = url;
	dl.dest = a;
	api_result_clear(&res);
	api_perform(&c, &dl, NULL, NULL, &res);
	is_int(res.outcome, API_OK, "downloaded");
	is_int(res.bytes, atoi(MEDIA_SIZE), "the whole file");
	ok(access(a, R_OK) == 0, "at %s", a);
	api_result_clear(&res);

	/* A part made of other bytes: a resume keeps it and fetches only
	 * the rest, so the file starts with those bytes. */
	xasprintf(&b, "%s/resumed.mp4", tmpdir);
	xasprintf(&part, "%s.part", b);
	f = fopen(part, "w");
	for (i = 0; i < 30000; i++)
		putc('X', f);
	fclose(f);
	dl.dest = b;
	api_perform(&c, &dl, NULL, NULL, &res);
	is_int(res.outcome, API_OK, "resumed download");
	is_int(res.bytes, atoi(MEDIA_SIZE), "to the full size");
	is_int(cmp_files(a, b, 30000), 0, "the rest matches the video");
	is_int(cmp_files(a, b, 0), 1, "and the part was kept, not refetched");
	api_result_clear(&res);

	head.url = url;
	api_perform(&c, &head, NULL, NULL, &res);
	is_int(res.outcome, API_OK, "HEAD of the video");
	is_int(res.bytes, atoi(MEDIA_SIZE), "its Content-Length");
	api_result_clear(&res);

	xasprintf(&url, "%s/images/ref.jpg", s.url);
	head.url = url;
	api_perform(&c, &head, NULL, NULL, &res);
	is_int(res.outcome, API_OK, "image preflight");
	is_str(res.content_type, "image/jpeg", "its type");
	ok(res.bytes > 0, "its size (%lld)", (long long)res.bytes);
	is_str(api_image_problem(&res), NULL, "a usable image: no warning");
	api_result_clear(&res);
	free(url);
	xasprintf(&url, "%s/images/missing.jpg", s.url);
	head.url = url;
	api_perform(&c, &head, NULL, NULL, &res);
	is_int(res.outcome, API_NOT_FOUND, "a missing image: 404");
	warn = api_image_problem(&res);
	ok(warn != NULL && strstr(warn, "not reachable") != NULL,
	    "warned: %s", warn);
	free(warn);
	api_result_clear(&res);
	head.url = dl.url;	/* the video: reachable, but no image */
	api_perform(&c, &head, NULL, NULL, &res);
	warn = api_image_problem(&res);
	ok(warn != NULL && strstr(warn, "video/mp4") != NULL,
	    "a video is not an image: %s", warn);
	free(warn);
	api_result_clear(&res);
	free(url);

	api_result_clear(&task);
	simproc_stop(&s);
	unlink(a);
	unlink(b);
	free(a);
	free(b);
	free(part);
}

static void
test_worker(void)
{
	struct api_request	 create = { .kind = API_CREATE, .body = t2v };
	struct api_request	 info = { .kind = API_TASK_INFO };
	struct api_request	 bal = { .kind = API_BALANCE };
	struct api_conn		 c;
	struct worker		*w;
	struct worker_event	 ev;
	struct simproc		 s;
	struct worker_limits	 lim;
	char			*id = NULL, *cause = NULL;
	double			 gap;
	int			 i, okd = 0;

	simproc_start(&s, tmpdir, NULL);
	conn_for(&c, &s);
	c.retry.max_attempts = 3;
	w = worker_start(&c, NULL, &cause);
	worker_submit(w, &create, 0);
	if (netlib_wait_done(w, &ev, 3000, NULL) && ev.result.outcome == API_OK)
		id = xstrdup(ev.result.task_id);
	worker_event_clear(&ev);
	info.task_id = id;
	for (i = 0; i < 200; i++)
		worker_submit(w, &info, (uint64_t)i);
	for (i = 0; i < 200 && netlib_wait_done(w, &ev, 5000, NULL); i++) {
		okd += ev.result.outcome == API_OK;
		worker_event_clear(&ev);
	}
	is_int(okd, 200, "200 status queries through the worker");
	worker_stop(&w);
	simproc_stop(&s);
	ok(simlog_conns(&s) <= 9, "over at most 9 connections (%d): 8 "
	    "kept alive, one for the create", simlog_conns(&s));
	free(id);

	/* A 429 holds every request back until its Retry-After, not only
	 * the one refused. One transfer at a time, so that no request is
	 * already on its way when the 429 comes back. */
	simproc_start(&s, tmpdir, "--rate-limit", "3/s", "--retry-after",
	    "1", NULL);
	conn_for(&c, &s);
	c.retry.max_attempts = 5;
	worker_limits_init(&lim);
	lim.max_transfers = 1;
	lim.max_creates = 1;
	w = worker_start(&c, &lim, &cause);
	for (i = 0, okd = 0; i < 12; i++)
		worker_submit(w, &bal, (uint64_t)i);
	for (i = 0; i < 12 && netlib_wait_done(w, &ev, 15000, NULL); i++) {
		okd += ev.result.outcome == API_OK;
		worker_event_clear(&ev);
	}
	is_int(okd, 12, "every query made it despite the rate limit");
	worker_stop(&w);
	simproc_stop(&s);
	ok(simlog_count(&s, "\"status\":429", NULL) > 0,
	    "the simulator said 429");
	gap = simlog_min_gap_after(&s, "\"status\":429");
	ok(gap >= 0.95, "after each 429 the next request came %.3f s later "
	    "or more (Retry-After: 1)", gap);
}

/* The simulators' logs go with the directory once the test is over. */
static void
cleanup(void)
{
	DIR		*d = opendir(tmpdir);
	struct dirent	*de;
	char		*path;

	while (d != NULL && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		xasprintf(&path, "%s/%s", tmpdir, de->d_name);
		unlink(path);
		free(path);
	}
	if (d != NULL)
		closedir(d);
	rmdir(tmpdir);
}

int
main(void)
{
	char	*cause = NULL;

	if (mkdtemp(tmpdir) == NULL || net_global_init(&cause) != 0)
		return 1;
	test_codes();
	test_faults();
	test_life();
	test_worker();
	net_global_free();
	cleanup();
	return tap_done();
}
