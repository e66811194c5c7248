/* kling-tui: the tracker against kling-sim, with no terminal: submit, follow
 * to the end, download, resume after a restart, failures, an unknown fate,
 * back-off, image preflight, and demo mode's simulator start and stop.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/demo.h"
#include "storyboard.h"
#include "tap.h"
#include "app/tracker.h"
#include "clock.h"
#include "vocab.h"
#include "xmalloc.h"

static char tmpdir[] = "/tmp/kt-tracker.XXXXXX";

struct seen {
	int	created, info, changes, failed, balance, progress, downloads, head, net;
	double	balance_value;
	enum api_outcome last_outcome;
	char	head_type[64];
	long	head_http;
	int64_t	head_bytes;
	/* test_batch: a second connection to the store, and what it saw
	 * while the hooks were told */
	struct store *peer;
	int	created_on_disk, info_not_yet, committed_on_disk;
	char	ids[8][64];
};

/* Whether the peer connection reads task_id's row, and in which state. */
static bool
peer_state(struct seen *s, const char *task_id, char *state, size_t len)
{
	struct store_task *row = NULL;
	char *cause = NULL;
	bool found;

	found = store_find(s->peer, task_id, &row, &cause) > 0;
	if (found)
		snprintf(state, len, "%s", row->state);
	store_task_free(&row);
	free(cause);
	return found;
}

static void
on_created(void *arg, int64_t id, const struct api_result *r, const char *not_recorded)
{
	struct seen *s = arg;

	(void)id;
	(void)not_recorded;
	if (s->peer != NULL && r->task_id != NULL && s->created < 8) {
		snprintf(s->ids[s->created], sizeof s->ids[0], "%s", r->task_id);
		s->created_on_disk += peer_state(s, r->task_id, (char[32]){ 0 }, 32);
	}
	s->created++;
	s->last_outcome = r->outcome;
}

static void
on_info(void *arg, int64_t id, bool changed, const struct api_task *t,
    const char *not_recorded)
{
	struct seen *s = arg;

	(void)id;
	char state[32];

	(void)not_recorded;
	if (s->peer != NULL && peer_state(s, t->task_id, state, sizeof state) &&
	    strcmp(state, t->status) != 0)
		s->info_not_yet++;
	s->info++;
	s->changes += changed;
}

static void
on_failed(void *arg, int64_t id, const char *task_id, const struct api_result *r)
{
	struct seen *s = arg;

	(void)id;
	(void)task_id;
	s->failed++;
	s->last_outcome = r->outcome;
}

static void
on_balance(void *arg, const struct api_result *r)
{
	struct seen *s = arg;

	s->balance++;
	s->balance_value = r->balance;
	s->last_outcome = r->outcome;
}

static void
on_download(void *arg, int64_t id, bool done, const struct api_result *r)
{
	struct seen *s = arg;

	(void)id;
	if (done) {
		s->downloads++;
		s->last_outcome = r->outcome;
	} else
		s->progress++;
}

static void
on_head(void *arg, uint64_t tag, const struct api_result *r)
{
	struct seen *s = arg;

	(void)tag;
	s->head++;
	s->head_http = r->http_status;
	s->head_bytes = r->bytes;
	snprintf(s->head_type, sizeof s->head_type, "%s",
	    r->content_type != NULL ? r->content_type : "");
}

static void
on_net(void *arg)
{
	((struct seen *)arg)->net++;
}

/* test_batch: told once the batch's transaction has ended, so the peer
 * connection reads what the hooks were told. */
static void
on_committed(void *arg)
{
	struct seen *s = arg;
	char state[32];
	int i, n = 0;

	if (s->peer == NULL)
		return;
	for (i = 0; i < 8 && s->ids[i][0] != '\0'; i++)
		n += peer_state(s, s->ids[i], state, sizeof state) &&
		    strcmp(state, "success") == 0;
	s->committed_on_disk = n;
}

static const struct tracker_hooks hooks = { on_created, on_info, on_failed, on_balance,
	on_download, on_head, NULL, on_net, NULL, NULL, on_committed };

struct rig {
	struct demo	*sim;
	struct store	*store;
	struct worker	*worker;
	struct tracker	*tracker;
	struct seen	 seen;
};

static int
rig_start(struct rig *r, const char *db, const char *const *simargs, long timeout_ms)
{
	struct api_conn conn;
	struct sched_params p;
	char *cause = NULL, *path;

	memset(r, 0, sizeof *r);
	if ((r->sim = demo_start(KLING_SIM_PATH, simargs, NULL, &cause)) == NULL) {
		printf("# %s\n", cause);
		free(cause);
		return -1;
	}
	xasprintf(&path, "%s/%s", tmpdir, db);
	r->store = store_open(path, &cause);
	free(path);
	if (r->store == NULL) {
		printf("# %s\n", cause);
		return -1;
	}
	api_conn_init(&conn);
	conn.base_url = r->sim->url;
	conn.key = DEMO_KEY;
	conn.timeout_ms = timeout_ms;
	conn.connect_timeout_ms = timeout_ms;
	conn.retry.max_attempts = 2;
	conn.retry.backoff_ms = 100;
	if ((r->worker = worker_start(&conn, NULL, &cause)) == NULL) {
		printf("# %s\n", cause);
		return -1;
	}
	sched_default_params(&p);
	p.min_ms = 200;
	p.focus_ms = 100;
	p.max_ms = 1000;
	p.batch_ms = 50;
	r->tracker = tracker_new(r->store, r->worker, &p);
	tracker_set_hooks(r->tracker, &hooks, &r->seen);
	return 0;
}

static void
rig_stop(struct rig *r, bool keep_sim)
{
	tracker_free(&r->tracker);
	worker_stop(&r->worker);
	store_close(&r->store);
	if (!keep_sim)
		demo_stop(&r->sim);
}

/* The program's loop in small: poll the worker's fd until the next due time,
 * take what came, queue what is due. */
static void
rig_step(struct rig *r, int max_ms)
{
	struct pollfd pfd = { .fd = worker_fd(r->worker), .events = POLLIN };
	int64_t due;

	tracker_pump(r->tracker);
	due = tracker_next_due(r->tracker);
	if (due < 0 || due > max_ms)
		due = max_ms;
	if (poll(&pfd, 1, (int)due) > 0)
		tracker_take(r->tracker);
}

static char *
row_state(struct rig *r, int64_t id)
{
	struct store_task *t;
	char *cause = NULL, *s;

	if ((t = store_get(r->store, id, &cause)) == NULL) {
		free(cause);
		return xstrdup("(none)");
	}
	s = xstrdup(t->state);
	store_task_free(&t);
	return s;
}

/* Run until the row reaches state (or ms pass); true when it did. */
static bool
run_until_state(struct rig *r, int64_t id, const char *state, int ms)
{
	int64_t end = clock_ms() + ms;
	char *s;
	bool hit;

	for (;;) {
		s = row_state(r, id);
		hit = strcmp(s, state) == 0;
		free(s);
		if (hit || clock_ms() > end)
			return hit;
		rig_step(r, 100);
	}
}

static bool
run_until(struct rig *r, int *counter, int want, int ms)
{
	int64_t end = clock_ms() + ms;

	while (*counter < want && clock_ms() < end)
		rig_step(r, 100);
	return *counter >= want;
}

static void
test_lifecycle(void)
{
	static const char *const args[] = { "--task-seconds", "2", NULL };
	struct storyboard *sb = sb_template("text-to-video");
	struct store_history h;
	struct store_task *t;
	struct rig r;
	struct stat st;
	char *cause = NULL, *state, *url;
	int64_t id;
	size_t i;
	bool saw_pending = false, saw_running = false;

	if (!ok(rig_start(&r, "life.db", args, 5000) == 0, "the simulator starts"))
		return;
	ok(strncmp(r.sim->url, "http://127.0.0.1:", 17) == 0, "it listens on loopback");
	is_int(tracker_next_due(r.tracker), -1, "nothing followed: no wake-up at all");

	id = tracker_submit(r.tracker, sb, "first.json", &cause);
	ok(id > 0, "a submission gets a row");
	state = row_state(&r, id);
	is_str(state, task_state_name(TASK_SUBMITTING), "recorded as submitting before any answer");
	free(state);
	ok(run_until(&r, &r.seen.created, 1, 5000), "the create is answered");
	is_int(r.seen.last_outcome, API_OK, "the create worked");
	t = store_get(r.store, id, &cause);
	ok(t != NULL && t->task_id != NULL, "the row has the task id");
	ok(t != NULL && tracker_following(r.tracker, t->task_id), "and is followed");
	ok(t != NULL && tracker_due_in(r.tracker, t->task_id) >= 0, "with a due time");
	ok(tracker_next_due(r.tracker) >= 0, "so the loop has a timeout");

	ok(run_until_state(&r, id, "success", 8000), "it goes on to success");
	store_get_history(r.store, id, &h, &cause);
	for (i = 0; i < h.n; i++) {
		saw_pending |= strcmp(h.v[i].status, "pending") == 0;
		saw_running |= strcmp(h.v[i].status, "running") == 0;
	}
	ok(saw_pending && saw_running, "the history went through pending and running");
	store_history_free(&h);
	is_int(tracker_next_due(r.tracker), -1, "a finished task is no longer polled");
	store_task_free(&t);
	t = store_get(r.store, id, &cause);
	url = t != NULL ? tracker_media_url(t->media_urls, 0) : NULL;
	ok(url != NULL && strstr(url, r.sim->url) == url, "the video URL is recorded");
	ok(t != NULL && t->has_credits && t->credits > 0, "and the credits");
	ok(t != NULL && t->finished > 0, "and the finish time");
	free(url);

	ok(tracker_download(r.tracker, id, tmpdir, NULL, &cause) == 0, "a download starts");
	ok(tracker_downloading(r.tracker, id), "the row is downloading");
	ok(run_until(&r, &r.seen.downloads, 1, 5000), "the download ends");
	is_int(r.seen.last_outcome, API_OK, "the download worked");
	ok(r.seen.progress > 0, "progress was reported on the way");
	store_task_free(&t);
	t = store_get(r.store, id, &cause);
	ok(t != NULL && t->download_path != NULL && stat(t->download_path, &st) == 0 &&
	    st.st_size == 1048576, "the file is there, whole, and the row knows where");
	store_task_free(&t);

	tracker_balance(r.tracker);
	ok(run_until(&r, &r.seen.balance, 1, 5000), "the balance is answered");
	ok(r.seen.balance_value > 0 && r.seen.balance_value < 1000,
	    "and a task was charged (%g)", r.seen.balance_value);
	is_int(tracker_net_state(r.tracker, &(time_t){ 0 }, NULL), TRACKER_NET_OK,
	    "the network state is ok");
	rig_stop(&r, false);
	sb_free(&sb);
}

/* A restart: a task unfinished when the program stopped is asked about at
 * once by the next one; rows another process writes are picked up. */
static void
test_resume(void)
{
	static const char *const args[] = { "--task-seconds", "3", NULL };
	struct storyboard *sb = sb_template("text-to-video");
	struct rig r;
	char *cause = NULL;
	int64_t id;

	if (rig_start(&r, "resume.db", args, 5000) != 0)
		return;
	id = tracker_submit(r.tracker, sb, NULL, &cause);
	ok(run_until(&r, &r.seen.created, 1, 5000), "created before the restart");
	/* The "program" stops: tracker and worker go, the simulator stays. */
	tracker_free(&r.tracker);
	worker_stop(&r.worker);
	{
		struct api_conn conn;

		api_conn_init(&conn);
		conn.base_url = r.sim->url;
		conn.key = DEMO_KEY;
		r.worker = worker_start(&conn, NULL, &cause);
	}
	r.tracker = tracker_new(r.store, r.worker, NULL);
	tracker_set_hooks(r.tracker, &hooks, &r.seen);
	is_int(tracker_next_due(r.tracker), -1, "a new tracker follows nothing yet");
	is_int(tracker_sync(r.tracker, true), 1, "the unfinished task is resumed");
	is_int(tracker_next_due(r.tracker), 0, "and asked about at once");
	is_int(tracker_sync(r.tracker, true), 0, "syncing again adds nothing");
	ok(tracker_pump(r.tracker) == 1, "its query is queued");
	ok(run_until(&r, &r.seen.info, 1, 5000), "and answered");
	ok(run_until_state(&r, id, "success", 10000), "it is followed to the end");
	rig_stop(&r, false);
	sb_free(&sb);
}

/* A question the worker refuses (closed: tracker_close_when_asked() found
 * nothing left to ask) is not left in flight: a watch --once waiting for
 * tracker_pending() to reach 0 would never end. */
static void
test_refused(void)
{
	struct rig r;

	if (rig_start(&r, "refused.db", NULL, 2000) != 0)
		return;
	tracker_close_when_asked(r.tracker);
	tracker_follow(r.tracker, "task_12345678", 0, true);
	is_int((int)tracker_pending(r.tracker), 1, "a task followed after the close");
	is_int(tracker_pump(r.tracker), 0, "its question is refused");
	is_int((int)tracker_pending(r.tracker), 0, "and nothing is left pending");
	rig_stop(&r, false);
}

static void
test_failed(void)
{
	static const char *const args[] = { "--task-seconds", "1", "--fail-rate", "1", NULL };
	struct storyboard *sb = sb_template("text-to-video");
	struct store_task *t;
	struct rig r;
	char *cause = NULL;
	int64_t id;

	if (rig_start(&r, "failed.db", args, 5000) != 0)
		return;
	id = tracker_submit(r.tracker, sb, NULL, &cause);
	ok(run_until_state(&r, id, "failed", 8000), "a failing task ends failed");
	t = store_get(r.store, id, &cause);
	ok(t != NULL && t->last_error != NULL &&
	    strncmp(t->last_error, "generation failed: ", 19) == 0,
	    "with the service's message: %s", t != NULL ? t->last_error : "");
	ok(t != NULL && t->name != NULL && strlen(t->name) > 0 &&
	    strcmp(t->name, "(no prompt)") != 0, "named after its prompt: %s",
	    t != NULL ? t->name : "");
	store_task_free(&t);
	rig_stop(&r, false);
	sb_free(&sb);
}

/* A create whose connection drops after it was sent: unknown, never sent
 * again; the user may forget it or give the id found by hand. */
static void
test_unknown(void)
{
	static const char *const args[] = { "--fault", "reset@create", NULL };
	struct storyboard *sb = sb_template("text-to-video");
	struct store_task *t;
	struct rig r;
	char *cause = NULL, *state;
	int64_t id, id2;
	int i;

	if (rig_start(&r, "unknown.db", args, 2000) != 0)
		return;
	id = tracker_submit(r.tracker, sb, NULL, &cause);
	ok(run_until(&r, &r.seen.created, 1, 8000), "the dropped create ends");
	state = row_state(&r, id);
	is_str(state, task_state_name(TASK_UNKNOWN), "its fate is recorded as unknown");
	free(state);
	for (i = 0; i < 5; i++)
		rig_step(&r, 100);
	is_int(worker_pending(r.worker), 0, "nothing was resent");
	is_int(tracker_next_due(r.tracker), -1, "and nothing is polled for it");

	ok(tracker_adopt(r.tracker, id, "bad id", &cause) == -1, "a task id with a space is refused");
	free(cause);
	cause = NULL;
	ok(tracker_adopt(r.tracker, id, "task-found-by-hand", &cause) == 0,
	    "the user gives the id found by hand");
	ok(tracker_following(r.tracker, "task-found-by-hand"), "it is followed");
	state = row_state(&r, id);
	is_str(state, "pending", "as pending");
	free(state);
	ok(run_until(&r, &r.seen.failed, 1, 5000), "the service does not know it");
	is_int(r.seen.last_outcome, API_NOT_FOUND, "404");
	ok(!tracker_following(r.tracker, "task-found-by-hand"), "so it is not asked again");

	id2 = tracker_submit(r.tracker, sb, NULL, &cause);
	ok(run_until(&r, &r.seen.created, 2, 8000), "another dropped create");
	ok(tracker_forget(r.tracker, id2, &cause) == 0, "is forgotten");
	t = store_get(r.store, id2, &cause);
	ok(t != NULL && t->hidden && strcmp(t->state, task_state_name(TASK_ERROR)) == 0,
	    "hidden, as an error row");
	store_task_free(&t);
	rig_stop(&r, false);
	sb_free(&sb);
}

/* 429s: the header's back-off, then recovery. */
static void
test_backoff(void)
{
	static const char *const args[] = { "--force-code", "429@balance",
		"--retry-after", "2", NULL };
	struct rig r;
	time_t until = 0;
	const char *err = NULL;

	if (rig_start(&r, "backoff.db", args, 2000) != 0)
		return;
	tracker_balance(r.tracker);
	ok(run_until(&r, &r.seen.balance, 1, 10000), "the rate-limited balance ends");
	is_int(r.seen.last_outcome, API_RATE_LIMITED, "429 after the retries");
	is_int(tracker_net_state(r.tracker, &until, &err), TRACKER_NET_BACKOFF,
	    "the state is backing off");
	ok(until > time(NULL) - 1, "until a time to come");
	ok(err != NULL && strstr(err, "429") != NULL, "with the advice: %s", err);
	ok(r.seen.net > 0, "the net hook was told");
	rig_stop(&r, false);
}

static void
test_offline_and_head(void)
{
	struct rig r;
	time_t until;
	const char *err = NULL;
	char *url;
	pid_t pid;

	if (rig_start(&r, "head.db", NULL, 2000) != 0)
		return;
	xasprintf(&url, "%s/images/hero.jpg", r.sim->url);
	tracker_head(r.tracker, url, 7);
	free(url);
	ok(run_until(&r, &r.seen.head, 1, 5000), "an image URL is checked");
	ok(strncmp(r.seen.head_type, "image/", 6) == 0, "an image content type: %s",
	    r.seen.head_type);
	xasprintf(&url, "%s/images/missing.jpg", r.sim->url);
	tracker_head(r.tracker, url, 8);
	free(url);
	ok(run_until(&r, &r.seen.head, 2, 5000), "a missing image is checked");
	is_int(r.seen.head_http, 404, "404");
	/* Idle, not "ok": nothing was asked of the API yet (issue 15, item 2). */
	is_int(tracker_net_state(r.tracker, &until, NULL), TRACKER_NET_IDLE,
	    "image checks do not make the API look down");

	/* The service goes away: offline, with the reason. */
	pid = r.sim->pid;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	r.sim->pid = 0;
	tracker_balance(r.tracker);
	ok(run_until(&r, &r.seen.balance, 1, 8000), "the balance request ends");
	is_int(tracker_net_state(r.tracker, &until, &err), TRACKER_NET_OFFLINE,
	    "with the service gone the state is offline");
	ok(err != NULL && *err != '\0', "with the last error: %s", err);
	rig_stop(&r, false);
}

static void
test_media_url(void)
{
	char *u;

	u = tracker_media_url("[\"http://a/1.mp4\",\"http://b\\/2.mp4\"]", 1);
	is_str(u, "http://b/2.mp4", "the second URL, unescaped");
	free(u);
	u = tracker_media_url("[\"x\\u00e9\"]", 0);
	is_str(u, "x\xc3\xa9", "\\u escapes become UTF-8");
	free(u);
	ok(tracker_media_url("[]", 0) == NULL, "none in an empty list");
	ok(tracker_media_url(NULL, 0) == NULL, "none without a list");
}

static void
test_demo(void)
{
	struct demo *d;
	char *cause = NULL, *p, *path;
	pid_t pid;

	d = demo_start("/nonexistent/kling-sim", NULL, NULL, &cause);
	ok(d == NULL && cause != NULL, "a missing simulator is an error: %s", cause);
	free(cause);
	cause = NULL;
	d = demo_start(KLING_SIM_PATH, NULL, NULL, &cause);
	if (!ok(d != NULL, "demo_start starts it"))
		return;
	pid = d->pid;
	demo_stop(&d);
	ok(d == NULL, "demo_stop clears it");
	ok(kill(pid, 0) == -1, "and the simulator is gone");
	path = xstrdup(getenv("PATH"));
	setenv("PATH", "/nonexistent", 1);
	p = demo_find_sim(&cause);
	ok(p == NULL, "not found beside the test nor on PATH");
	setenv("PATH", path, 1);
	free(path);
	free(p);
	free(cause);
}

/* One wake-up's answers are recorded in one transaction (one sync, not one
 * each): a second connection sees none of them while the hooks are told,
 * and all once tracker_take() returns. A create's answer is on disk before
 * its hook is called: the task is charged and its id known only there. */
static void
test_batch(void)
{
	static const char *const args[] = { "--task-seconds", "3", NULL };
	struct storyboard *sb = sb_template("text-to-video");
	struct pollfd pfd;
	struct rig r;
	char *cause = NULL, *path, state[32];
	int i, n = 5, done = 0;

	if (rig_start(&r, "batch.db", args, 5000) != 0)
		return;
	xasprintf(&path, "%s/batch.db", tmpdir);
	r.seen.peer = store_open(path, &cause);
	free(path);
	tracker_set_max_queries(r.tracker, 8);
	for (i = 0; i < n; i++)
		tracker_submit(r.tracker, sb, NULL, &cause);
	ok(run_until(&r, &r.seen.created, n, 5000), "%d creates answered", n);
	is_int(r.seen.created_on_disk, n, "each create's task id on disk before its hook");
	/* All finished on the simulator; none asked since. */
	usleep(3500 * 1000);
	for (i = 0; i < n; i++)
		tracker_poll_now(r.tracker, r.seen.ids[i]);
	r.seen.info = r.seen.info_not_yet = r.seen.committed_on_disk = 0;
	is_int(tracker_pump(r.tracker), n, "%d queries go at once", n);
	pfd.fd = worker_fd(r.worker);
	pfd.events = POLLIN;
	poll(&pfd, 1, 5000);
	usleep(500 * 1000);	/* the others' answers come in too */
	is_int(tracker_take(r.tracker), n, "their %d answers are taken in one wake-up", n);
	is_int(r.seen.info_not_yet, n, "none on disk while the hooks are told: one transaction");
	is_int(r.seen.committed_on_disk, n, "all on disk when committed() is told");
	for (i = 0; i < n; i++)
		done += peer_state(&r.seen, r.seen.ids[i], state, sizeof state) &&
		    strcmp(state, "success") == 0;
	is_int(done, n, "all on disk once the batch is taken");
	store_close(&r.seen.peer);
	rig_stop(&r, false);
	sb_free(&sb);
}

int
main(void)
{
	char cmd[64];

	signal(SIGPIPE, SIG_IGN);
	if (mkdtemp(tmpdir) == NULL)
		return 99;
	if (net_global_init(&(char *){ NULL }) != 0)
		return 99;
	test_media_url();
	test_lifecycle();
	test_resume();
	test_batch();
	test_refused();
	test_failed();
	test_unknown();
	test_backoff();
	test_offline_and_head();
	test_demo();
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	return tap_done();
}
