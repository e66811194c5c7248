/* kling-tui: the task tracker: submitting storyboards and following their
 * tasks, shared by the CLI (submit, watch) and the dashboard.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <poll.h>

#include "clock.h"
#include "codec.h"
#include "log.h"
#include "loop.h"
#include "owner.h"
#include "reported.h"
#include "shared.h"
#include "storyboard.h"
#include "text.h"
#include "tracker.h"
#include "vocab.h"
#include "xmalloc.h"
#include "i18n.h"

/* A request the worker is running for us. */
struct tracker_job {
	uint64_t	 wid;		/* the worker's job id */
	enum api_kind	 kind;
	int64_t		 id;		/* the store row; 0 for balance, head */
	char		*task_id;	/* TASK_INFO: the sched key */
	uint64_t	 tag;		/* HEAD: the caller's */
	int64_t		 sent_ms;	/* clock_ms when queued */
};

struct tracker {
	struct store		*store;
	struct worker		*worker;
	struct sched		*sched;
	struct sched_params	 params;
	struct reported		*reported;	/* what the hooks were told */
	struct tracker_hooks	 hooks;
	void			*arg;

	struct tracker_job	*jobs;
	size_t			 njobs, capjobs;
	const char		**due;	/* room for sched_take_due */
	size_t			 capdue;

	bool			 offline;
	bool			 answered;	/* the service ever answered */
	time_t			 backoff_until;	/* wall clock; 0: none */
	char			*error;		/* the last failure's advice */

	unsigned		 max_queries;
	int			 rate;		/* status queries a second, all
						 * instances together; 0: no cap */
	bool			 share;		/* leases: one instance asks */
	char			 me[128];	/* owner.h: the lease holder */
	int64_t			 pace_until;	/* clock_ms: the budget's next slot */
	bool			 attached;	/* tracker_attach() */
	bool			 closed;	/* tracker_close_when_asked() */
	bool			 batch;		/* tracker_take()'s transaction is open */
	struct loop_timer	*timer;		/* the next due time */
};

/* A request waiting this long without an answer is shown as such. */
#define TRACKER_SLOW_SECONDS 2

/* Queries in flight at once from the tracker by default; the worker's own
 * limit applies too, this keeps room for creates and downloads. */
#define TRACKER_MAX_QUERIES 6

struct tracker *
tracker_new(struct store *st, struct worker *w, const struct sched_params *poll)
{
	struct tracker *t = xcalloc(1, sizeof *t);

	t->store = st;
	t->worker = w;
	if (poll != NULL)
		t->params = *poll;
	else
		sched_default_params(&t->params);
	t->sched = sched_new(&t->params);
	t->reported = reported_new();
	t->max_queries = TRACKER_MAX_QUERIES;
	owner_self(t->me, sizeof t->me);
	return t;
}

void
tracker_set_max_queries(struct tracker *t, unsigned n)
{
	t->max_queries = n > 0 ? n : 1;
}

void
tracker_set_budget(struct tracker *t, int per_second, bool share)
{
	t->rate = per_second > 0 ? per_second : 0;
	t->share = share;
}

bool
tracker_budget_limits(const struct tracker *t, int *per_second)
{
	*per_second = t->rate;
	return t->rate > 0 && t->pace_until > clock_ms();
}

void
tracker_free(struct tracker **tp)
{
	struct tracker *t = *tp;
	char *cause = NULL;
	size_t i;

	if (t == NULL)
		return;
	tracker_detach(t);
	/* The others need not wait for these to run out. */
	if (t->share && store_lease_release(t->store, t->me, &cause) != 0)
		free(cause);
	for (i = 0; i < t->njobs; i++)
		free(t->jobs[i].task_id);
	free(t->jobs);
	free(t->due);
	free(t->error);
	sched_free(&t->sched);
	reported_free(&t->reported);
	free(t);
	*tp = NULL;
}

void
tracker_set_hooks(struct tracker *t, const struct tracker_hooks *h, void *arg)
{
	if (h != NULL)
		t->hooks = *h;
	else
		memset(&t->hooks, 0, sizeof t->hooks);
	t->arg = arg;
}

void
tracker_fmt_secs(char *buf, size_t len, int64_t s)
{
	if (s < 0)
		s = 0;
	if (s < 60)
		snprintf(buf, len, "%" PRId64 "s", s);
	else if (s < 3600)
		snprintf(buf, len, "%" PRId64 "m%02" PRId64 "s", s / 60, s % 60);
	else
		snprintf(buf, len, "%" PRId64 "h%02" PRId64 "m", s / 3600, (s / 60) % 60);
}

static struct tracker_job *
tracker_queue(struct tracker *t, const struct api_request *req, int64_t id,
    const char *task_id, uint64_t tag)
{
	struct tracker_job *j;

	if (t->njobs == t->capjobs) {
		t->capjobs = t->capjobs == 0 ? 16 : t->capjobs * 2;
		t->jobs = xreallocarray(t->jobs, t->capjobs, sizeof *t->jobs);
	}
	j = &t->jobs[t->njobs++];
	memset(j, 0, sizeof *j);
	j->kind = req->kind;
	j->id = id;
	j->task_id = task_id != NULL ? xstrdup(task_id) : NULL;
	j->tag = tag;
	j->sent_ms = clock_ms();
	/* 0 only once draining: nothing will answer it, so it is not kept. */
	if ((j->wid = worker_submit(t->worker, req, 0)) == 0) {
		free(j->task_id);
		t->njobs--;
		return NULL;
	}
	return j;
}

static struct tracker_job *
tracker_job_find(const struct tracker *t, uint64_t wid)
{
	size_t i;

	for (i = 0; i < t->njobs; i++)
		if (t->jobs[i].wid == wid)
			return &t->jobs[i];
	return NULL;
}

static bool
tracker_asking(const struct tracker *t, enum api_kind kind, int64_t id,
    const char *task_id)
{
	size_t i;

	for (i = 0; i < t->njobs; i++) {
		if (t->jobs[i].kind != kind)
			continue;
		if (task_id != NULL && t->jobs[i].task_id != NULL &&
		    strcmp(t->jobs[i].task_id, task_id) == 0)
			return true;
		if (task_id == NULL && t->jobs[i].id == id)
			return true;
	}
	return false;
}

/* A row's name when no file name is known: the first words of the prompt,
 * so that a person recognises it in a list. */
static char *
tracker_name(const struct storyboard *sb)
{
	const char *p = NULL;
	size_t n;

	if (sb != NULL)
		p = sb->prompt != NULL ? sb->prompt :
		    sb->nshots > 0 ? sb->shots[0].prompt : NULL;
	if (p == NULL || *p == '\0')
		return xstrdup("(no prompt)");
	n = text_fit(p, 40);
	return text_sanitize(p, n, 0, false);
}

int64_t
tracker_submit(struct tracker *t, const struct storyboard *sb, const char *name,
    char **cause)
{
	struct storyboard *eff = sb_effective(sb);
	struct api_request req;
	struct store_update u;
	char *body = codec_encode(eff), *dflt = NULL, *ignored = NULL;
	int64_t id;

	if (name == NULL)
		name = dflt = tracker_name(eff);
	id = store_add(t->store, body, name, eff->mode,
	    eff->has_duration ? eff->duration : 0, cause);
	log_msg(LOG_INFO, "task", "#%lld: recorded %s, sending", (long long)id, name);
	if (id >= 0) {
		memset(&req, 0, sizeof req);
		req.kind = API_CREATE;
		req.body = body;
		if (tracker_queue(t, &req, id, NULL, 0) == NULL) {
			/* Never sent, so its fate is known: an error. */
			memset(&u, 0, sizeof u);
			u.state = task_state_name(TASK_ERROR);
			u.error = "not sent: the program was stopping";
			if (store_update(t->store, id, &u, &ignored) != 0)
				free(ignored);
			*cause = xstrdup(u.error);
			id = -1;
		}
	}
	free(dflt);
	free(body);
	sb_free(&eff);
	return id;
}

void
tracker_follow(struct tracker *t, const char *task_id, int64_t age_ms, bool at_once)
{
	sched_add(t->sched, task_id, clock_ms(), age_ms, at_once);
}

void
tracker_unfollow(struct tracker *t, const char *task_id)
{
	sched_remove(t->sched, task_id);
}

size_t
tracker_pending(const struct tracker *t)
{
	return t->njobs + sched_count(t->sched);
}

bool
tracker_following(const struct tracker *t, const char *task_id)
{
	return sched_has(t->sched, task_id) ||
	    tracker_asking(t, API_TASK_INFO, 0, task_id);
}

static int64_t
tracker_age_ms(const struct store_task *row)
{
	int64_t now = (int64_t)time(NULL);

	return row->created > 0 && row->created < now ? (now - row->created) * 1000 : 0;
}

size_t
tracker_sync(struct tracker *t, bool at_once)
{
	struct store_filter f = { .unfinished = true, .hidden = true };
	struct store_list l = { NULL, 0 };
	char *cause = NULL;
	size_t i, added = 0;

	if (store_query(t->store, &f, &l, &cause) != 0) {
		free(cause);
		return 0;
	}
	for (i = 0; i < l.n; i++) {
		if (l.v[i].task_id == NULL || tracker_following(t, l.v[i].task_id))
			continue;
		tracker_follow(t, l.v[i].task_id, tracker_age_ms(&l.v[i]), at_once);
		added++;
	}
	store_list_free(&l);
	return added;
}

/* Another instance holds this task's lease and asks the service: tell what
 * it recorded, as if this one had asked. */
static void
tracker_from_store(struct tracker *t, const char *task_id)
{
	struct store_task *row = NULL;
	struct api_task task;
	char *cause = NULL;
	bool moved;

	if (store_find(t->store, task_id, &row, &cause) <= 0) {
		free(cause);
		sched_done(t->sched, task_id, clock_ms());
		return;
	}
	shared_task_from_row(row, &task);
	moved = reported_moved(t->reported, task_id, task.status, task.nmedia);
	if (task_state_word_final(task.status))
		sched_remove(t->sched, task_id);
	else
		sched_done(t->sched, task_id, clock_ms());
	if (moved && t->hooks.info != NULL)
		t->hooks.info(t->arg, row->id, true, &task, NULL);
	shared_task_clear(&task);
	store_task_free(&row);
}

/* Whether this instance asks about the task: it holds (or takes) its lease,
 * for about two of its longest intervals; a dead holder's is taken over. */
static bool
tracker_lease(struct tracker *t, const char *task_id)
{
	int64_t now = shared_wall_ms();
	char *cause = NULL;
	int rc;

	if (!t->share)
		return true;
	rc = store_lease_take(t->store, task_id, t->me, now,
	    now + 2 * t->params.max_ms + 10000, &cause);
	free(cause);
	return rc != 0;		/* a store that fails does not stop questions */
}

/* Wait for the budget shared by every instance on the store: 0 when a
 * query may go now (its slot taken), else the milliseconds to wait. */
static int64_t
tracker_pace(struct tracker *t)
{
	char *cause = NULL;
	int64_t wait;

	if (t->rate == 0)
		return 0;
	if ((wait = store_pace_take(t->store, shared_wall_ms(), t->rate, &cause)) < 0) {
		free(cause);
		return 0;
	}
	if (wait > 0)
		t->pace_until = clock_ms() + wait;
	return wait;
}

size_t
tracker_pump(struct tracker *t)
{
	struct api_request req;
	size_t i, asking = 0, sent = 0;
	char *cause = NULL, *copy;
	const char *key;
	int64_t now = clock_ms(), id;

	for (i = 0; i < t->njobs; i++)
		if (t->jobs[i].kind == API_TASK_INFO)
			asking++;
	if (t->capdue < 1) {
		t->capdue = 1;
		t->due = xreallocarray(t->due, t->capdue, sizeof *t->due);
	}
	/* One at a time: each takes a slot of the shared budget, so that
	 * 500 tasks due at once are spread out, not sent in one burst. */
	while (asking < t->max_queries && t->pace_until <= now &&
	    sched_take_due(t->sched, now, t->due, 1) == 1) {
		key = t->due[0];
		if (!tracker_lease(t, key)) {
			tracker_from_store(t, key);
			continue;
		}
		if (tracker_pace(t) > 0) {
			/* Due still: asked when the budget allows. */
			copy = xstrdup(key);
			tracker_poll_now(t, copy);
			free(copy);
			break;
		}
		memset(&req, 0, sizeof req);
		req.kind = API_TASK_INFO;
		req.task_id = key;
		/* The row's id is only for the hooks: a store that cannot be
		 * read now does not stop the question. */
		id = 0;
		if (store_find_id(t->store, key, &id, NULL, &cause) < 0) {
			free(cause);
			cause = NULL;
		}
		req.known = id > 0;
		if (tracker_queue(t, &req, id, key, 0) == NULL) {
			/* Refused (the worker is closed or draining): nothing
			 * will answer it, and a task left in flight would keep
			 * tracker_pending() above 0 for ever. key is the
			 * schedule's, freed here: last. */
			sched_remove(t->sched, key);
			break;
		}
		asking++;
		sent++;
	}
	return sent;
}

int64_t
tracker_next_due(const struct tracker *t)
{
	size_t i, asking = 0;

	for (i = 0; i < t->njobs; i++)
		if (t->jobs[i].kind == API_TASK_INFO)
			asking++;
	int64_t due, now = clock_ms();

	/* Saturated: only an answer frees a slot, and it wakes us anyway. */
	if (asking >= t->max_queries)
		return -1;
	if ((due = sched_next_due(t->sched, now)) < 0)
		return -1;
	/* Something is due, but the shared budget has no slot before then. */
	if (t->pace_until > now + due)
		return t->pace_until - now;
	return due;
}

int64_t
tracker_due_in(const struct tracker *t, const char *task_id)
{
	int64_t at, now;

	if (tracker_asking(t, API_TASK_INFO, 0, task_id))
		return 0;
	if ((at = sched_due_at(t->sched, task_id)) < 0)
		return -1;
	now = clock_ms();
	return at > now ? at - now : 0;
}

void
tracker_focus(struct tracker *t, const char *task_id)
{
	sched_focus(t->sched, task_id, clock_ms());
}

int
tracker_poll_now(struct tracker *t, const char *task_id)
{
	struct store_task *row;
	char *cause = NULL;
	int64_t age = 0;

	if (tracker_asking(t, API_TASK_INFO, 0, task_id))
		return 0;
	if (store_find(t->store, task_id, &row, &cause) > 0) {
		age = tracker_age_ms(row);
		store_task_free(&row);
	}
	free(cause);
	sched_remove(t->sched, task_id);
	sched_add(t->sched, task_id, clock_ms(), age, true);
	return 0;
}

static bool
tracker_is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

int
tracker_download(struct tracker *t, int64_t id, const char *dir, const char *to,
    char **cause)
{
	struct store_task *row;
	struct api_request req;
	char *dest = NULL, *url = NULL;
	int rc = -1;

	if (tracker_asking(t, API_DOWNLOAD, id, NULL)) {
		*cause = xstrdup(_("already downloading"));
		return -1;
	}
	if ((row = store_get(t->store, id, cause)) == NULL)
		return -1;
	if (row->task_id == NULL || (url = tracker_media_url(row->media_urls, 0)) == NULL) {
		*cause = xstrdup(_("no video yet"));
		goto out;
	}
	/* -o DIR: into that folder under the task's own name, as cp does. */
	if (to != NULL && !tracker_is_dir(to))
		dest = xstrdup(to);
	else if ((dest = api_download_path(to != NULL ? to : dir, row->task_id,
	    cause)) == NULL)
		goto out;
	memset(&req, 0, sizeof req);
	req.kind = API_DOWNLOAD;
	req.url = url;
	req.dest = dest;
	if (tracker_queue(t, &req, id, NULL, 0) == NULL)
		*cause = xstrdup(_("the program is stopping"));
	else
		rc = 0;
out:
	free(url);
	free(dest);
	store_task_free(&row);
	return rc;
}

bool
tracker_downloading(const struct tracker *t, int64_t id)
{
	return tracker_asking(t, API_DOWNLOAD, id, NULL);
}

void
tracker_balance(struct tracker *t)
{
	struct api_request req = { .kind = API_BALANCE };

	if (!tracker_asking(t, API_BALANCE, 0, NULL))
		tracker_queue(t, &req, 0, NULL, 0);
}

void
tracker_head(struct tracker *t, const char *url, uint64_t tag)
{
	struct api_request req = { .kind = API_HEAD, .url = url };

	tracker_queue(t, &req, 0, NULL, tag);
}

void
tracker_fetch(struct tracker *t, const char *url, uint64_t tag)
{
	struct api_request req = { .kind = API_FETCH, .url = url };

	tracker_queue(t, &req, 0, NULL, tag);
}

int
tracker_adopt(struct tracker *t, int64_t id, const char *task_id, char **cause)
{
	struct store_update u = { .task_id = task_id,
	    .state = task_state_name(TASK_PENDING), .error = "" };
	struct store_task *row;
	size_t i;
	int found;

	for (i = 0; task_id[i] != '\0'; i++) {
		if ((unsigned char)task_id[i] <= ' ' || task_id[i] == 0x7f) {
			*cause = xstrdup(_("a task id has no spaces or control characters"));
			return -1;
		}
	}
	if (i == 0) {
		*cause = xstrdup(_("no task id given"));
		return -1;
	}
	if ((found = store_find(t->store, task_id, &row, cause)) != 0) {
		if (found > 0)
			xasprintf(cause, _("task %s is already in the list"), task_id);
		store_task_free(&row);
		return -1;
	}
	if (store_update(t->store, id, &u, cause) != 0)
		return -1;
	tracker_follow(t, task_id, 0, true);
	return 0;
}

int
tracker_forget(struct tracker *t, int64_t id, char **cause)
{
	struct store_update u = { .state = task_state_name(TASK_ERROR),
	    .error = "fate unknown; forgotten by the user (never resubmitted)" };

	if (store_update(t->store, id, &u, cause) != 0)
		return -1;
	return store_set_flags(t->store, id, true, true, cause);
}

void
tracker_abandon(struct tracker *t)
{
	struct store_update u = { .state = task_state_name(TASK_UNKNOWN),
	    .error = "the program stopped while this was being sent: it may have been "
	    "created (never resent)" };
	char *cause = NULL;
	size_t i;

	for (i = 0; i < t->njobs; i++) {
		if (t->jobs[i].kind != API_CREATE)
			continue;
		log_msg(LOG_INFO, "task", "#%lld: unknown: %s", (long long)t->jobs[i].id,
		    u.error);
		if (store_update(t->store, t->jobs[i].id, &u, &cause) != 0) {
			free(cause);
			cause = NULL;
		}
		if (t->hooks.abandoned != NULL)
			t->hooks.abandoned(t->arg, t->jobs[i].id, u.error);
	}
}

/* The oldest request to the service still without an answer, in clock_ms,
 * or -1: what "no answer for N s" counts from. */
static int64_t
tracker_oldest_wait(const struct tracker *t)
{
	int64_t oldest = -1;
	size_t i;

	for (i = 0; i < t->njobs; i++) {
		if (t->jobs[i].kind == API_HEAD || t->jobs[i].kind == API_DOWNLOAD ||
		    t->jobs[i].kind == API_FETCH)
			continue;
		if (oldest < 0 || t->jobs[i].sent_ms < oldest)
			oldest = t->jobs[i].sent_ms;
	}
	return oldest;
}

enum tracker_net
tracker_net_state(struct tracker *t, time_t *until, const char **error)
{
	time_t w = 0, now = time(NULL);
	int64_t oldest = tracker_oldest_wait(t), waited;

	if (error != NULL)
		*error = t->error;
	if (worker_backoff_until(t->worker, &w) && w > now) {
		*until = w > t->backoff_until ? w : t->backoff_until;
		return TRACKER_NET_BACKOFF;
	}
	if (t->backoff_until > now) {
		*until = t->backoff_until;
		return TRACKER_NET_BACKOFF;
	}
	*until = 0;
	/* Say nothing is fine until something answered, and say so when a
	 * request has been waiting (a stall, a refused or dead service whose
	 * requests the worker is retrying). */
	waited = oldest >= 0 ? (clock_ms() - oldest) / 1000 : 0;
	if (oldest >= 0 && waited >= TRACKER_SLOW_SECONDS) {
		*until = (time_t)waited;
		return TRACKER_NET_WAITING;
	}
	if (t->offline)
		return TRACKER_NET_OFFLINE;
	if (!t->answered)
		return oldest >= 0 ? TRACKER_NET_CONNECTING : TRACKER_NET_IDLE;
	return TRACKER_NET_OK;
}

/* The nth string of a JSON array of strings (as the store keeps media URLs),
 * or NULL. Only what net_media_json writes needs reading: strings with the
 * usual escapes. */
char *
tracker_media_url(const char *json, size_t nth)
{
	const char *p = json;
	char *out, *o;
	size_t k = 0;
	unsigned v;
	int i;

	if (p == NULL)
		return NULL;
	for (;;) {
		while (*p != '\0' && *p != '"')
			p++;
		if (*p == '\0')
			return NULL;
		p++;
		if (k++ == nth)
			break;
		while (*p != '\0' && *p != '"')
			p += (*p == '\\' && p[1] != '\0') ? 2 : 1;
		if (*p == '\0')
			return NULL;
		p++;
	}
	o = out = xmalloc(strlen(p) * 3 + 1);
	while (*p != '\0' && *p != '"') {
		if (*p != '\\') {
			*o++ = *p++;
			continue;
		}
		p++;
		switch (*p) {
		case 'n': *o++ = '\n'; break;
		case 't': *o++ = '\t'; break;
		case 'r': *o++ = '\r'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'u':
			for (v = 0, i = 1; i <= 4; i++) {
				if (p[i] >= '0' && p[i] <= '9')
					v = v * 16 + (unsigned)(p[i] - '0');
				else if ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'f')
					v = v * 16 + (unsigned)((p[i] | 0x20) - 'a' + 10);
				else
					break;
			}
			if (i <= 4 || (v >= 0xd800 && v < 0xe000))
				v = 0xfffd;	/* only BMP escapes are written */
			else
				p += 4;
			if (v < 0x80)
				*o++ = (char)v;
			else if (v < 0x800) {
				*o++ = (char)(0xc0 | v >> 6);
				*o++ = (char)(0x80 | (v & 0x3f));
			} else {
				*o++ = (char)(0xe0 | v >> 12);
				*o++ = (char)(0x80 | ((v >> 6) & 0x3f));
				*o++ = (char)(0x80 | (v & 0x3f));
			}
			break;
		case '\0':
			p--;
			break;
		default:
			*o++ = *p;
			break;
		}
		p++;
	}
	*o = '\0';
	return out;
}

char *
tracker_media_json(const struct api_task *t)
{
	char *buf = NULL, *q;
	size_t len = 0, i;
	FILE *f;

	if ((f = open_memstream(&buf, &len)) == NULL)
		fatal("open_memstream: %s", _("out of memory"));
	fputc('[', f);
	for (i = 0; i < t->nmedia; i++) {
		q = codec_string(t->media_urls[i]);
		fprintf(f, "%s%s", i > 0 ? "," : "", q);
		free(q);
	}
	fputc(']', f);
	fclose(f);
	return buf;
}

char *
tracker_create_advice(const struct api_result *r)
{
	char *a;

	/* 429 and 455 mean "not done, try later", and the worker has tried
	 * as often as it may: say plainly that it gave up, not "retrying
	 * later", and that nothing was created. */
	if (r->kind == API_CREATE && (r->outcome == API_RATE_LIMITED ||
	    r->outcome == API_MAINTENANCE)) {
		xasprintf(&a, "not created: %ld: %s; gave up after %d tr%s (submit "
		    "again later)", r->outcome == API_RATE_LIMITED ? 429L : 455L,
		    r->outcome == API_RATE_LIMITED ? "too many requests" :
		    "the service is under maintenance", r->attempts,
		    r->attempts == 1 ? "y" : "ies");
		return a;
	}
	return api_advice(r);
}

int64_t
tracker_record_create(struct store *st, int64_t id, const struct api_result *r,
    char **advice, char **cause)
{
	struct store_update u;
	char *a = NULL;
	int rc;

	memset(&u, 0, sizeof u);
	if (r->outcome == API_OK && r->task_id != NULL) {
		u.task_id = r->task_id;
		u.state = task_state_name(TASK_PENDING);
		u.error = "";
	} else {
		a = tracker_create_advice(r);
		u.error = a;
		u.state = task_state_name(api_result_unknown(r) ? TASK_UNKNOWN : TASK_ERROR);
	}
	rc = store_update(st, id, &u, cause);
	if (advice != NULL)
		*advice = a;
	else
		free(a);
	return rc == 0 ? id : -1;
}

/* A task made elsewhere (another machine, curl) gets a row named after the
 * first words of its prompt, with the request the service echoed. */
static int64_t
tracker_add_foreign(struct store *st, const struct api_task *t, char **cause)
{
	struct storyboard *sb = NULL;
	char *name, *ignored = NULL;
	int64_t id;

	if (t->param_json != NULL)
		sb = codec_decode(t->param_json, strlen(t->param_json), &ignored);
	free(ignored);
	name = sb != NULL ? tracker_name(sb) : xstrdup(t->task_id);
	id = store_add(st, t->param_json != NULL ? t->param_json : "{}", name,
	    sb != NULL ? sb->mode : NULL, sb != NULL && sb->has_duration ? sb->duration : 0,
	    cause);
	free(name);
	sb_free(&sb);
	return id;
}

int64_t
tracker_record_info(struct store *st, const struct api_task *t, bool *added,
    char **cause)
{
	struct store_update u;
	char *media = NULL, *err = NULL;
	const char *m;
	int64_t id = 0;
	int rc;

	switch (store_find_id(st, t->task_id, &id, NULL, cause)) {
	case -1:
		/* Not "absent": adding a second row would be wrong. */
		return -1;
	case 0:
		if ((id = tracker_add_foreign(st, t, cause)) < 0)
			return -1;
		if (added != NULL)
			*added = true;
		break;
	default:
		break;
	}
	memset(&u, 0, sizeof u);
	u.task_id = t->task_id;
	u.state = t->status;
	if (t->nmedia > 0)
		u.media_urls = media = tracker_media_json(t);
	u.credits = t->credits;
	u.has_credits = t->has_credits;
	u.finished = t->complete_at;
	if (task_state_parse(t->status) == TASK_FAILED) {
		m = t->result_message != NULL ? t->result_message : "no reason given";
		/* The service's message may say it already. */
		if (strncmp(m, "generation failed", 17) == 0)
			err = xstrdup(m);
		else
			xasprintf(&err, "generation failed: %s", m);
		u.error = err;
	}
	rc = store_update(st, id, &u, cause);
	free(media);
	free(err);
	return rc == 0 ? id : -1;
}

/* The service's Retry-After in milliseconds, -1 when none, never more than
 * the longest poll interval: an absurd one must neither silence a follower
 * for years nor overflow. */
static int64_t
tracker_retry_after_ms(const struct tracker *t, const struct api_result *r)
{
	if (r->retry_after < 0)
		return -1;
	if (r->retry_after >= t->params.max_ms / 1000)
		return t->params.max_ms;
	return (int64_t)r->retry_after * 1000;
}

/* Remember the last failure for the header ("offline: ..."). */
static void
tracker_net_failed(struct tracker *t, const struct api_result *r)
{
	free(t->error);
	t->error = api_advice(r);
	switch (r->outcome) {
	case API_RATE_LIMITED:
	case API_MAINTENANCE:
	case API_SERVER_ERROR:
		if (r->retry_after >= 0)
			t->backoff_until = time(NULL) +
			    (time_t)tracker_retry_after_ms(t, r) / 1000;
		break;
	default:
		t->offline = true;
		break;
	}
	if (t->hooks.net != NULL)
		t->hooks.net(t->arg);
}

static void
tracker_net_ok(struct tracker *t)
{
	bool was = t->offline || t->error != NULL;

	t->offline = false;
	t->backoff_until = 0;
	free(t->error);
	t->error = NULL;
	if (was && t->hooks.net != NULL)
		t->hooks.net(t->arg);
}

/* Failures that hold for every request, not just this one: the header says
 * so. A 404 or 422 is about one request; the service answered. */
bool
tracker_retryable(const struct api_result *r)
{
	switch (r->outcome) {
	case API_RATE_LIMITED:
	case API_MAINTENANCE:
	case API_SERVER_ERROR:
	case API_NOT_SENT:
	case API_NO_ANSWER:
	case API_BAD_RESPONSE:
		return true;
	default:
		return false;
	}
}

static bool
tracker_failed_net(const struct api_result *r)
{
	if (tracker_retryable(r))
		return true;
	switch (r->outcome) {
	case API_UNAUTHORIZED:
	case API_NO_CREDITS:
	case API_DISABLED:
		return true;
	default:
		return false;
	}
}

/* Commit what the batch wrote so far and go on in a new transaction. */
static void
tracker_batch_sync(struct tracker *t)
{
	char *cause = NULL;

	if (store_commit(t->store, &cause) != 0 || store_begin(t->store, &cause) != 0) {
		free(cause);
		t->batch = false;
	}
}

static void
tracker_on_create(struct tracker *t, struct tracker_job *j, const struct api_result *r)
{
	char *cause = NULL;

	log_msg(LOG_INFO, "task", "#%lld: create answered: %s%s%s", (long long)j->id,
	    api_outcome_name(r->outcome), r->task_id != NULL ? ", task " : "",
	    r->task_id != NULL ? r->task_id : "");
	if (tracker_record_create(t->store, j->id, r, NULL, &cause) < 0) {
		free(t->error);
		xasprintf(&t->error, _("the store failed: %s"), cause);
	}
	/* A created task is charged, and its id is known only from this
	 * answer: on disk before anyone is told, not at the batch's end. */
	else if (t->batch)
		tracker_batch_sync(t);
	if (r->outcome == API_OK && r->task_id != NULL)
		tracker_follow(t, r->task_id, 0, false);
	if (t->hooks.created != NULL)
		t->hooks.created(t->arg, j->id, r, cause);
	free(cause);
}

static void
tracker_on_info(struct tracker *t, struct tracker_job *j, const struct api_result *r)
{
	struct store_update u;
	char *cause = NULL, *advice;
	int64_t now = clock_ms(), id, hint;
	bool changed, added = false;

	switch (r->outcome) {
	case API_OK:
		sched_ok(t->sched);
		id = tracker_record_info(t->store, &r->task, &added, &cause);
		/* Asked while the store had no row for it (a task made
		 * elsewhere, named on the command line): no lease could be
		 * taken then. The row is there now, and this instance, which
		 * asked, takes its lease, so that another one on the store
		 * reads this answer instead of asking again at once. */
		if (added && !task_state_word_final(r->task.status))
			(void)tracker_lease(t, j->task_id);
		/* Moved for this follower: another instance may have written
		 * the store first, and this one must still tell it. */
		changed = reported_moved(t->reported, r->task.task_id, r->task.status,
		    r->task.nmedia);
		if (changed)
			log_msg(LOG_INFO, "task", "%s: %s", j->task_id,
			    r->task.status != NULL ? r->task.status : "(no status)");
		if (cause != NULL)
			log_msg(LOG_INFO, "store", "%s: not recorded: %s", j->task_id, cause);
		if (task_state_word_final(r->task.status))
			sched_remove(t->sched, j->task_id);
		else if (sched_has(t->sched, j->task_id)) {
			/* The answer says how old the task is, which sets the
			 * pace (a task named on the command line had none). */
			if (r->task.create_at > 0 && r->task.create_at < (int64_t)time(NULL))
				sched_add(t->sched, j->task_id, now,
				    ((int64_t)time(NULL) - r->task.create_at) * 1000, false);
			sched_done(t->sched, j->task_id, now);
		}
		/* A store that failed does not hide the answer. */
		if (t->hooks.info != NULL)
			t->hooks.info(t->arg, id < 0 ? 0 : id, changed, &r->task, cause);
		free(cause);
		return;
	case API_CANCELLED:
		sched_done(t->sched, j->task_id, now);
		return;
	case API_NOT_FOUND:
		/* Asking again will not help: the user decides (re-poll). */
		sched_remove(t->sched, j->task_id);
		advice = api_advice(r);
		memset(&u, 0, sizeof u);
		u.error = advice;
		if (j->id > 0 && store_update(t->store, j->id, &u, &cause) != 0)
			free(cause);
		free(advice);
		break;
	default:
		/* The worker has retried already: wait before asking anyone
		 * again; 401/402/505 hold for every task, so slow right down. */
		sched_done(t->sched, j->task_id, now);
		hint = tracker_retry_after_ms(t, r);
		if (r->outcome == API_UNAUTHORIZED || r->outcome == API_NO_CREDITS ||
		    r->outcome == API_DISABLED)
			hint = t->params.max_ms;
		sched_backoff(t->sched, now, hint);
		break;
	}
	if (t->hooks.failed != NULL)
		t->hooks.failed(t->arg, j->id, j->task_id, r);
}

static void
tracker_on_download(struct tracker *t, struct tracker_job *j, const struct api_result *r)
{
	char *cause = NULL, *abs;

	if (r->outcome == API_OK && r->path != NULL) {
		/* Absolute, so that it is found from any directory. */
		if ((abs = realpath(r->path, NULL)) == NULL)
			abs = xstrdup(r->path);
		if (store_set_download(t->store, j->id, abs, &cause) != 0)
			free(cause);
		free(abs);
	}
	if (t->hooks.download != NULL)
		t->hooks.download(t->arg, j->id, true, r);
}

/* An answer about another task than the one asked (TaskInfo), or a create
 * answered with a task id that another row of the store has already: not
 * news of this task, but a mixed-up answer. *out is that failure (the
 * create's fate is then unknown: it may have been made and charged).
 * False when the answer is what was asked. */
static bool
tracker_mixed_up(struct tracker *t, const struct tracker_job *j,
    const struct api_result *r, struct api_result *out)
{
	struct store_task *row = NULL;
	char *cause = NULL, *msg = NULL;

	if (r->outcome != API_OK)
		return false;
	if (j->kind == API_TASK_INFO && (r->task.task_id == NULL ||
	    strcmp(r->task.task_id, j->task_id) != 0))
		xasprintf(&msg, _("it was about task %s, not %s"),
		    r->task.task_id != NULL ? r->task.task_id : "(none)", j->task_id);
	if (j->kind == API_CREATE && r->task_id != NULL &&
	    store_find(t->store, r->task_id, &row, &cause) > 0 && row->id != j->id)
		xasprintf(&msg, _("it named task %s, which is #%" PRId64 "'s already; "
		    "this one's task id is not known"), r->task_id, row->id);
	store_task_free(&row);
	free(cause);
	if (msg == NULL)
		return false;
	memset(out, 0, sizeof *out);
	out->kind = j->kind;
	out->outcome = API_BAD_RESPONSE;
	out->http_status = r->http_status;
	out->code = r->code;
	out->retry_after = -1;
	out->attempts = r->attempts;
	out->message = msg;
	return true;
}

static void
tracker_event(struct tracker *t, struct worker_event *ev)
{
	struct tracker_job *j, copy;
	const struct api_result *r = &ev->result;
	struct api_result mixed;
	bool is_mixed;

	if ((j = tracker_job_find(t, ev->id)) == NULL)
		return;
	if (ev->type == WORKER_PROGRESS) {
		if (j->kind == API_DOWNLOAD && t->hooks.download != NULL)
			t->hooks.download(t->arg, j->id, false, r);
		return;
	}
	/* Off the table first: a hook may queue more jobs (and move it). */
	copy = *j;
	*j = t->jobs[--t->njobs];
	if ((is_mixed = tracker_mixed_up(t, &copy, r, &mixed)))
		r = &mixed;
	if (copy.kind != API_HEAD && copy.kind != API_DOWNLOAD && copy.kind != API_FETCH) {
		if (r->outcome != API_NOT_SENT && r->outcome != API_NO_ANSWER &&
		    r->outcome != API_BAD_RESPONSE && r->outcome != API_CANCELLED &&
		    r->outcome != API_LOCAL_ERROR)
			t->answered = true;
		if (tracker_failed_net(r))
			tracker_net_failed(t, r);
		else if (r->outcome != API_CANCELLED)
			tracker_net_ok(t);
	}
	switch (copy.kind) {
	case API_CREATE:
		tracker_on_create(t, &copy, r);
		break;
	case API_TASK_INFO:
		tracker_on_info(t, &copy, r);
		break;
	case API_BALANCE:
		if (t->hooks.balance != NULL)
			t->hooks.balance(t->arg, r);
		break;
	case API_DOWNLOAD:
		tracker_on_download(t, &copy, r);
		break;
	case API_HEAD:
		if (t->hooks.head != NULL)
			t->hooks.head(t->arg, copy.tag, r);
		break;
	case API_FETCH:
		if (t->hooks.fetched != NULL)
			t->hooks.fetched(t->arg, copy.tag, r);
		break;
	}
	if (is_mixed)
		api_result_clear(&mixed);
	free(copy.task_id);
}

unsigned
tracker_take(struct tracker *t)
{
	struct worker_event ev;
	unsigned n = 0;
	char *cause = NULL;
	bool own = !t->batch;	/* else tracker_on_worker's */

	/* One transaction for a batch of answers: one sync, not one each.
	 * A crash before its commit loses only answers that are asked again
	 * (a create's is committed at once: tracker_on_create). */
	if (own && !(t->batch = store_begin(t->store, &cause) == 0))
		free(cause);
	cause = NULL;
	while (worker_take(t->worker, &ev) == 1) {
		tracker_event(t, &ev);
		worker_event_clear(&ev);
		n++;
	}
	if (own && t->batch && store_commit(t->store, &cause) != 0)
		free(cause);
	if (own) {
		t->batch = false;
		if (t->hooks.committed != NULL)
			t->hooks.committed(t->arg);
	}
	return n;
}

void
tracker_drain(struct tracker *t)
{
	worker_drain(t->worker);
}

void
tracker_close_when_asked(struct tracker *t)
{
	if (!t->closed && sched_next_due(t->sched, clock_ms()) < 0) {
		worker_close(t->worker);
		t->closed = true;
	}
}

void
tracker_reschedule(struct tracker *t)
{
	int64_t due;

	if (!t->attached)
		return;
	if ((due = tracker_next_due(t)) < 0)
		loop_timer_stop(t->timer);
	else
		loop_timer_set(t->timer, (uint64_t)due);
}

/* The answers at hand (take) and the questions there is room for, in one
 * transaction: a sweep's wake-up takes the store's locks once, and so do
 * the first questions (each takes a slot of the shared budget). */
static void
tracker_batch(struct tracker *t, bool take)
{
	char *cause = NULL;

	/* Nothing to take, and nothing to ask (none waiting, or no room):
	 * no write lock taken for it. */
	if (!take && tracker_next_due(t) < 0)
		return;
	if (!(t->batch = store_begin(t->store, &cause) == 0))
		free(cause);
	cause = NULL;
	if (take)
		tracker_take(t);
	tracker_pump(t);
	if (t->batch && store_commit(t->store, &cause) != 0)
		free(cause);
	t->batch = false;
	if (t->hooks.committed != NULL)
		t->hooks.committed(t->arg);
}

static void
tracker_on_timer(void *arg)
{
	struct tracker *t = arg;

	tracker_batch(t, false);
	tracker_reschedule(t);
}

static void
tracker_on_worker(int fd, short revents, void *arg)
{
	struct tracker *t = arg;

	(void)fd;
	(void)revents;
	tracker_batch(t, true);
	tracker_reschedule(t);
	if (t->hooks.taken != NULL)
		t->hooks.taken(t->arg);
}

void
tracker_attach(struct tracker *t)
{
	if (t->attached)
		return;
	t->attached = true;
	t->timer = loop_timer_new(tracker_on_timer, t);
	loop_add_fd(worker_fd(t->worker), POLLIN, tracker_on_worker, t);
	tracker_batch(t, false);
	tracker_reschedule(t);
}

void
tracker_detach(struct tracker *t)
{
	if (!t->attached)
		return;
	t->attached = false;
	loop_remove_fd(worker_fd(t->worker));
	loop_timer_free(&t->timer);
}
