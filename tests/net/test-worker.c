/* kling-tui tests: the worker thread: events through the wakeup fd, limits,
 * cancellation, the global back-off, connection reuse, no resend of a
 * create, a main thread hammering it, and sleeping when idle.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/resource.h>
#include <sys/wait.h>

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "canned.h"
#include "clock.h"
#include "curlsym.h"
#include "netlib.h"
#include "tap.h"
#include "worker.h"
#include "xmalloc.h"

#define OK_BALANCE "HTTP/1.1 200 OK\r\nContent-Length: 53\r\n\r\n" \
	"{\"code\":200,\"message\":\"success\",\"data\":{\"balance\":9}}"

static struct api_request balance = { .kind = API_BALANCE };

/* A worker on a server that answers every request with a balance, at most
 * max transfers at once (0: the default). */
static struct worker *
balance_worker(struct canned **srv, unsigned max)
{
	static const struct canned_step	 st[] = { { CANNED_REPLY, OK_BALANCE } };
	struct api_conn			 c;
	struct worker_limits		 lim;
	char				*cause = NULL;

	*srv = canned_start(st, 1);
	netlib_conn(&c, canned_url(*srv));
	worker_limits_init(&lim);
	if (max > 0)
		lim.max_transfers = max;
	return worker_start(&c, &lim, &cause);
}

/* Take n events (5 s each at most): how many said API_OK. */
static int
take_ok(struct worker *w, int n)
{
	struct worker_event	ev;
	int			i, okd = 0;

	for (i = 0; i < n && netlib_wait_done(w, &ev, 5000, NULL); i++) {
		okd += ev.result.outcome == API_OK;
		worker_event_clear(&ev);
	}
	return okd;
}

static void
test_basic(void)
{
	struct canned_step	 st[] = { { CANNED_REPLY, OK_BALANCE } };
	struct canned		*srv = canned_start(st, 1);
	struct api_conn		 c;
	struct api_request	 bad = { .kind = API_HEAD,
				     .url = "http://192.0.2.1/x.jpg" };
	struct worker		*w;
	struct worker_event	 ev;
	struct pollfd		 pfd;
	char			*cause = NULL;
	uint64_t		 id;

	netlib_conn(&c, canned_url(srv));
	w = worker_start(&c, NULL, &cause);
	ok(w != NULL, "worker started");
	pfd.fd = worker_fd(w);
	pfd.events = POLLIN;
	is_int(poll(&pfd, 1, 0), 0, "nothing to read before any job");
	id = worker_submit(w, &balance, 42);
	ok(id > 0, "job queued");
	ok(netlib_wait_done(w, &ev, 3000, NULL),
	    "its result came through the fd");
	is_int(ev.id, id, "with its id");
	is_int(ev.tag, 42, "and the caller's tag");
	is_int(ev.result.outcome, API_OK, "outcome ok");
	ok(ev.result.balance == 9, "balance decoded");
	worker_event_clear(&ev);
	is_int(poll(&pfd, 1, 0), 0, "fd drained once the outbox is empty");
	is_int(worker_pending(w), 0, "nothing pending");

	id = worker_submit(w, &bad, 1);
	ok(netlib_wait_done(w, &ev, 1000, NULL) && ev.id == id &&
	    ev.result.outcome == API_LOCAL_ERROR,
	    "a refused URL ends at once: %s", ev.result.message);
	worker_event_clear(&ev);
	is_int(worker_cancel(w, 999), -1, "cancel of an unknown id");
	is_int(worker_cancel(w, id), 0, "cancel of a finished job is harmless");
	worker_stop(&w);
	ok(w == NULL, "stopped");
	canned_stop(&srv);
}

/* curl resends a request that met a dead reused connection; a create must
 * never ride one. */
static void
test_create_fresh(void)
{
	struct canned_step	 st[] = { { CANNED_REPLY, OK_BALANCE },
				     { CANNED_CLOSE, NULL } };
	struct canned		*srv = canned_start(st, 2);
	struct api_conn		 c;
	struct api_request	 create = { .kind = API_CREATE, .body = "{}" };
	struct worker		*w;
	struct worker_event	 ev;
	char			*cause = NULL;

	netlib_conn(&c, canned_url(srv));
	w = worker_start(&c, NULL, &cause);
	worker_submit(w, &balance, 0);
	ok(netlib_wait_done(w, &ev, 3000, NULL) && ev.result.outcome == API_OK,
	    "a query leaves a kept-alive connection");
	worker_event_clear(&ev);
	worker_submit(w, &create, 0);
	ok(netlib_wait_done(w, &ev, 3000, NULL), "the create ended");
	is_int(ev.result.outcome, API_NO_ANSWER, "dropped after sending");
	ok(api_result_unknown(&ev.result), "fate unknown");
	is_int(ev.result.attempts, 1, "one attempt");
	is_int(canned_requests(srv), 2, "the server saw the create once");
	is_int(canned_connections(srv), 2, "on a connection of its own");
	worker_event_clear(&ev);
	worker_stop(&w);
	canned_stop(&srv);
}

static void
test_reuse(void)
{
	struct canned		*srv;
	struct worker		*w = balance_worker(&srv, 4);
	int			 i;

	for (i = 0; i < 200; i++)
		worker_submit(w, &balance, (uint64_t)i);
	is_int(take_ok(w, 200), 200, "200 queries answered");
	ok(canned_connections(srv) <= 4, "over at most 4 connections (%d)",
	    canned_connections(srv));
	worker_stop(&w);
	canned_stop(&srv);
}

/* Easy handles are reused from job to job (reset in between): a query on
 * the handle a create used is a plain GET, without the create's body,
 * its headers or its fresh connection. */
static void
test_handle_reuse(void)
{
	struct api_request	 create = { .kind = API_CREATE, .body = "{\"x\":1}" };
	struct canned		*srv;
	/* One slot: each job takes the last one's handle. */
	struct worker		*w = balance_worker(&srv, 1);
	struct worker_event	 ev;
	char			*req;
	int			 i;

	worker_submit(w, &create, 0);
	ok(netlib_wait_done(w, &ev, 3000, NULL), "a create ended");
	worker_event_clear(&ev);
	for (i = 0; i < 2; i++) {
		worker_submit(w, &balance, 0);
		ok(netlib_wait_done(w, &ev, 3000, NULL) && ev.result.outcome == API_OK,
		    "then a query %d", i + 1);
		worker_event_clear(&ev);
	}
	req = canned_request(srv, 0);
	ok(req != NULL && strncmp(req, "POST ", 5) == 0 && strstr(req, "{\"x\":1}") != NULL,
	    "the create was a POST with its body");
	free(req);
	for (i = 1; i <= 2; i++) {
		req = canned_request(srv, i);
		ok(req != NULL && strncmp(req, "GET ", 4) == 0 &&
		    strstr(req, "Content-Type") == NULL && strstr(req, "{\"x\":1}") == NULL,
		    "query %d on a reused handle: a GET, nothing of the create's", i);
		free(req);
	}
	is_int(canned_connections(srv), 1, "the queries reused the connection the "
	    "create opened (a reset handle keeps the connection cache)");
	worker_stop(&w);
	canned_stop(&srv);
}

static void
test_cancel_and_limits(void)
{
	struct canned_step	 st[] = { { CANNED_STALL, NULL } };
	struct canned		*srv = canned_start(st, 1);
	struct api_conn		 c;
	struct api_request	 create = { .kind = API_CREATE, .body = "{}" };
	struct api_request	 info = { .kind = API_TASK_INFO, .task_id = "t" };
	struct worker		*w;
	struct worker_event	 ev;
	char			*cause = NULL;
	uint64_t		 id;
	int64_t			 t0;
	int			 i, n;

	netlib_conn(&c, canned_url(srv));
	c.timeout_ms = 800;
	w = worker_start(&c, NULL, &cause);
	id = worker_submit(w, &info, 0);
	while (canned_requests(srv) < 1)
		usleep(10000);
	t0 = clock_ms();
	is_int(worker_cancel(w, id), 0, "a query in flight can be cancelled");
	ok(netlib_wait_done(w, &ev, 2000, NULL) &&
	    ev.result.outcome == API_CANCELLED, "and ends cancelled");
	ok(clock_ms() - t0 < 300, "at once (%lld ms)",
	    (long long)(clock_ms() - t0));
	worker_event_clear(&ev);

	for (i = 0; i < 4; i++)
		worker_submit(w, &create, (uint64_t)i);
	usleep(300000);
	is_int(canned_requests(srv), 3, "only 2 creates in flight at once");
	is_int(worker_cancel(w, id + 1), -1,
	    "a create being sent cannot be cancelled");
	is_int(worker_cancel(w, id + 4), 0, "a queued create can");
	worker_drain(w);
	is_int(worker_submit(w, &info, 0), 0, "draining: no new jobs");
	n = 0;
	while (worker_pending(w) > 0 && netlib_wait_done(w, &ev, 3000, NULL)) {
		if (ev.result.outcome == API_NO_ANSWER &&
		    api_result_unknown(&ev.result))
			n++;
		worker_event_clear(&ev);
	}
	is_int(n, 2, "the two creates in flight ran to their end: unknown");
	is_int(canned_requests(srv), 3, "the queued ones were never sent");
	worker_stop(&w);

	/* Stopping with a create stalled in flight does not wait for it. */
	w = worker_start(&c, NULL, &cause);
	worker_submit(w, &create, 0);
	while (canned_requests(srv) < 4)
		usleep(10000);
	t0 = clock_ms();
	worker_stop(&w);
	ok(clock_ms() - t0 < 300, "worker_stop with a transfer in flight is "
	    "prompt (%lld ms)", (long long)(clock_ms() - t0));
	canned_stop(&srv);
}

#define REPLY_429 "HTTP/1.1 429 Too Many\r\nRetry-After: 1\r\n" \
	"Content-Length: 44\r\n\r\n" \
	"{\"code\":429,\"message\":\"wait\",\"data\":null}   "

/* A worker on srv that has sent req and had the first answer (a 429 here)
 * a moment ago. */
static struct worker *
worker_after_first(struct canned *srv, const struct api_request *req)
{
	struct api_conn	 c;
	struct worker	*w;
	char		*cause = NULL;

	netlib_conn(&c, canned_url(srv));
	w = worker_start(&c, NULL, &cause);
	worker_submit(w, req, 0);
	while (canned_requests(srv) < 1)
		usleep(5000);
	usleep(50000);
	return w;
}

static void
test_backoff(void)
{
	struct canned_step	 st[] = {
		{ CANNED_REPLY, REPLY_429 }, { CANNED_REPLY, OK_BALANCE } };
	struct canned		*srv = canned_start(st, 2);
	int64_t			 t0 = clock_ms();
	struct worker		*w = worker_after_first(srv, &balance);
	struct worker_event	 ev;
	time_t			 until;
	int			 i, okd = 0;
	bool			 held;

	held = worker_backoff_until(w, &until);
	/* After now (the wait is rounded up), and not later than it says. */
	ok(held && until > time(NULL) && until <= time(NULL) + 2, "after a 429 the "
	    "worker backs off until the time Retry-After names, 1 s away (in %lld s)",
	    (long long)(until - time(NULL)));
	worker_submit(w, &balance, 1);
	usleep(300000);
	is_int(canned_requests(srv), 1, "a new job waits for the back-off");
	for (i = 0; i < 2 && netlib_wait_done(w, &ev, 3000, NULL); i++) {
		okd += ev.result.outcome == API_OK;
		worker_event_clear(&ev);
	}
	is_int(okd, 2, "both succeed afterwards");
	ok(clock_ms() - t0 >= 1000, "not before Retry-After (%lld ms)",
	    (long long)(clock_ms() - t0));
	ok(!worker_backoff_until(w, &until), "the back-off is over");
	worker_stop(&w);
	canned_stop(&srv);
}

/* A 429 to a status query is the service's too: the worker backs off as
 * after one to a balance. */
static void
test_backoff_info(void)
{
	struct canned_step	 st[] = { { CANNED_REPLY, REPLY_429 } };
	struct canned		*srv = canned_start(st, 1);
	struct api_request	 info = { .kind = API_TASK_INFO, .task_id = "t" };
	struct worker		*w = worker_after_first(srv, &info);
	time_t			 until;

	ok(worker_backoff_until(w, &until) && until >= time(NULL),
	    "after a 429 to a status query the worker backs off too");
	worker_stop(&w);
	canned_stop(&srv);
}

/* Swapped for libcurl's curl_multi_init (curlsym.h's pointer) to play a
 * multi handle that cannot be made. */
static CURLM *
no_multi(void)
{
	return NULL;
}

/* worker_release() when a held worker's thread cannot start: it says so,
 * and the request queued meanwhile ends with the cause, not never. */
static void
test_release_fails(void)
{
	struct canned_step	 st[] = { { CANNED_REPLY, OK_BALANCE } };
	struct canned		*srv = canned_start(st, 1);
	CURLM			*(*was)(void) = curlsym_curl_multi_init;
	struct api_conn		 c;
	struct worker		*w;
	struct worker_event	 ev;
	char			*cause = NULL;
	bool			 done;

	netlib_conn(&c, canned_url(srv));
	worker_hold();
	w = worker_start(&c, NULL, &cause);
	worker_submit(w, &balance, 0);
	curlsym_curl_multi_init = no_multi;
	is_int(worker_release(&cause), -1, "a worker that cannot start: release fails");
	curlsym_curl_multi_init = was;
	ok(cause != NULL && strstr(cause, "curl_multi_init") != NULL,
	    "with the cause: %s", cause != NULL ? cause : "(none)");
	done = netlib_wait_done(w, &ev, 1000, NULL);
	ok(done && ev.result.outcome == API_LOCAL_ERROR,
	    "the request queued meanwhile ends with it");
	if (done)
		worker_event_clear(&ev);
	free(cause);
	worker_stop(&w);
	is_int(canned_requests(srv), 0, "and was never sent");
	canned_stop(&srv);
}

static void
test_progress(void)
{
	static char		 reply[300000];
	struct canned_step	 st[] = { { CANNED_SLOW, reply } };
	struct canned		*srv;
	struct api_conn		 c;
	struct api_request	 dl = { .kind = API_DOWNLOAD };
	struct worker		*w;
	struct worker_event	 ev;
	char			*cause = NULL, dest[] = "/tmp/kt-net-dl-XXXXXX";
	int			 fd, progress = 0;
	size_t			 n;

	n = (size_t)snprintf(reply, sizeof reply,
	    "HTTP/1.1 200 OK\r\nContent-Length: 200000\r\n\r\n");
	memset(reply + n, 'v', 200000);
	srv = canned_start(st, 1);
	if ((fd = mkstemp(dest)) != -1)
		close(fd);
	dl.url = canned_url(srv);
	dl.dest = dest;
	netlib_conn(&c, canned_url(srv));
	w = worker_start(&c, NULL, &cause);
	worker_submit(w, &dl, 7);
	ok(netlib_wait_done(w, &ev, 5000, &progress), "download done");
	is_int(ev.result.outcome, API_OK, "ok");
	is_int(ev.result.bytes, 200000, "all bytes");
	ok(progress >= 3, "progress reported on the way (%d events)",
	    progress);
	worker_event_clear(&ev);
	worker_stop(&w);
	canned_stop(&srv);
	unlink(dest);
}

/* The main thread hammers submit, cancel and take while the worker runs:
 * every job ends exactly once. Run under --enable-tsan too. */
static void
test_hammer(void)
{
	struct canned_step	 st[] = { { CANNED_REPLY, OK_BALANCE } };
	struct canned		*srv = canned_start(st, 1);
	struct api_conn		 c;
	struct worker		*w;
	struct worker_event	 ev;
	char			*cause = NULL;
	static unsigned char	 seen[1000];
	int			 i, done = 0, dups = 0, cancelled = 0;
	uint64_t		 id;

	netlib_conn(&c, canned_url(srv));
	w = worker_start(&c, NULL, &cause);
	for (i = 0; i < 1000; i++) {
		id = worker_submit(w, &balance, (uint64_t)i);
		if (i % 7 == 0)
			worker_cancel(w, id);
		while (worker_take(w, &ev)) {
			if (ev.type == WORKER_DONE) {
				dups += seen[ev.tag]++ != 0;
				cancelled += ev.result.outcome == API_CANCELLED;
				done++;
			}
			worker_event_clear(&ev);
		}
	}
	while (done < 1000 && netlib_wait_done(w, &ev, 5000, NULL)) {
		dups += seen[ev.tag]++ != 0;
		cancelled += ev.result.outcome == API_CANCELLED;
		done++;
		worker_event_clear(&ev);
	}
	is_int(done, 1000, "every job ended");
	is_int(dups, 0, "exactly once");
	ok(cancelled > 0 && cancelled <= 143, "cancelled ones among them (%d)",
	    cancelled);
	is_int(worker_pending(w), 0, "nothing pending");
	worker_stop(&w);
	canned_stop(&srv);
}

/* Context switches of the worker thread (named kt-worker), -1 when not
 * found. Other threads (a sanitizer's own) do not count. */
static long
switches(void)
{
	char	 dir[300], path[320], line[128];
	FILE	*f;
	long	 n, v;

	if (netlib_threads_named("kt-worker", dir, sizeof dir) == 0)
		return -1;
	snprintf(path, sizeof path, "%s/status", dir);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	n = 0;
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "voluntary_ctxt_switches: %ld", &v) == 1 ||
		    sscanf(line, "nonvoluntary_ctxt_switches: %ld", &v) == 1)
			n += v;
	}
	fclose(f);
	return n;
}

static void
test_idle(void)
{
	struct canned		*srv;
	struct worker		*w = balance_worker(&srv, 0);
	long			 before, after;

	worker_submit(w, &balance, 0);
	take_ok(w, 1);
	canned_stop(&srv);	/* its threads would count too */
	usleep(100000);
	before = switches();
	usleep(1000000);
	after = switches();
	ok(before >= 0 && after - before == 0, "an idle worker does not wake "
	    "up (%ld switches in 1 s)", after - before);
	worker_stop(&w);
}

/* watch --once closes the worker once every question is queued: the jobs
 * it has still end (their events kept), then its thread ends by itself,
 * and nothing more is taken. */
static void
test_close(void)
{
	struct canned		*srv;
	struct worker		*w = balance_worker(&srv, 2);
	int			 i;
	long			 n;
	int64_t			 t0;

	for (i = 0; i < 6; i++)
		worker_submit(w, &balance, (uint64_t)i);
	worker_close(w);
	is_int(worker_submit(w, &balance, 99), 0, "closed: a new job is refused");
	is_int(take_ok(w, 6), 6, "the 6 jobs queued before the close are answered");
	canned_stop(&srv);
	t0 = clock_ms();
	while ((n = switches()) >= 0 && clock_ms() - t0 < 2000)
		usleep(1000);	/* while a thread named kt-worker is there */
	is_int(n, -1, "then the worker's thread has ended by itself");
	is_int(worker_pending(w), 0, "nothing pending");
	worker_stop(&w);
	ok(w == NULL, "stopped");
}

static void
fault_hook(void)
{
	char	name[16] = "?";

	pthread_getname_np(pthread_self(), name, sizeof name);
	fprintf(stderr, "fatal on %s\n", name);
}

/* KLING_TUI_FAULT=worker-fatal makes the worker call fatal() on its own
 * thread, for the tests of fatal()'s hand-off to the main thread. Here
 * only that it fires, and where: in a child, which it ends. */
static void
test_fault_fatal(void)
{
	struct api_conn		 c;
	struct worker		*w;
	struct rlimit		 nocore = { 0, 0 };
	char			 buf[512], *cause = NULL;
	size_t			 len = 0;
	ssize_t			 n;
	int			 fd[2], status = 0;
	pid_t			 pid;

	if (pipe(fd) == -1 || (pid = fork()) == -1) {
		ok(0, "fork a child for the fault");
		return;
	}
	if (pid == 0) {
		dup2(fd[1], 2);
		close(fd[0]);
		close(fd[1]);
		setrlimit(RLIMIT_CORE, &nocore);	/* meant to abort */
		setenv("KLING_TUI_FAULT", "worker-fatal", 1);
		fatal_hook = fault_hook;
		netlib_conn(&c, "http://127.0.0.1:1");
		w = worker_start(&c, NULL, &cause);
		worker_submit(w, &balance, 0);
		sleep(5);
		_exit(0);
	}
	close(fd[1]);
	while (len < sizeof buf - 1 &&
	    (n = read(fd[0], buf + len, sizeof buf - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	close(fd[0]);
	waitpid(pid, &status, 0);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
	    "KLING_TUI_FAULT=worker-fatal: the worker calls fatal()");
	ok(strstr(buf, "fatal on kt-worker\n") != NULL,
	    "on its own thread");
	ok(strstr(buf, "fatal: forced by KLING_TUI_FAULT=worker-fatal\n") !=
	    NULL, "saying it was forced");
}

int
main(void)
{
	char	*cause = NULL;

	if (net_global_init(&cause) != 0)
		return 1;
	test_basic();
	test_create_fresh();
	test_reuse();
	test_handle_reuse();
	test_cancel_and_limits();
	test_backoff();
	test_backoff_info();
	test_release_fails();
	test_progress();
	test_hammer();
	test_idle();
	test_close();
	test_fault_fatal();
	net_global_free();
	return tap_done();
}
