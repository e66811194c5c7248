/* kling-tui: the task tracker: submitting storyboards and following their
 * tasks, shared by the CLI (submit, watch) and the dashboard.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * It joins the store (what is known), the worker (the network) and the
 * scheduler (who is due). It never waits. tracker_attach() puts it in the
 * event loop (loop.h): the worker's fd and a timer for the next due time;
 * without it, the caller poll()s worker_fd(), calls tracker_take() when it
 * is readable and tracker_pump() when tracker_next_due() says something is
 * due. No terminal, no output: what happened reaches the caller through
 * hooks, and the subcommands and the screens only print from those. */
#ifndef KT_TRACKER_H
#define KT_TRACKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "net/api.h"
#include "net/worker.h"
#include "schedule.h"
#include "store.h"

struct storyboard;
struct tracker;

/* Every hook may be NULL. Row ids are the store's local ids. The hooks
 * of answers run inside the batch's write transaction, which holds the
 * store's write lock for every instance: they must not block (a write to a
 * pipe whose reader has stopped would stop every other instance's writes).
 * What may block goes out in committed(). */
struct tracker_hooks {
	/* A create was answered: the row now has its task id, or is an
	 * error or unknown (r says which). not_recorded: why the store could
	 * not take it (the task id must then not be lost), else NULL. */
	void	(*created)(void *arg, int64_t id, const struct api_result *r,
		    const char *not_recorded);
	/* A TaskInfo answer was recorded; changed: the state or the links
	 * moved since this tracker last told (the first answer of a task
	 * counts), whoever wrote the store first. When the
	 * store failed, id is 0 and not_recorded says why (else NULL). */
	void	(*info)(void *arg, int64_t id, bool changed, const struct api_task *,
		    const char *not_recorded);
	/* A query for this task failed (after the worker's retries); it is
	 * asked again later unless it was a 404 (the user decides) or the
	 * caller unfollows it. id: the store's row, 0 when none. */
	void	(*failed)(void *arg, int64_t id, const char *task_id,
		    const struct api_result *r);
	void	(*balance)(void *arg, const struct api_result *r);
	/* A download moved (done false) or ended (done true, r final). */
	void	(*download)(void *arg, int64_t id, bool done, const struct api_result *r);
	/* An image URL's HEAD check ended (tracker_head()). */
	void	(*head)(void *arg, uint64_t tag, const struct api_result *r);
	/* An image URL's bytes came, or did not (tracker_fetch()). */
	void	(*fetched)(void *arg, uint64_t tag, const struct api_result *r);
	/* The network state changed (tracker_net_state()). */
	void	(*net)(void *arg);
	/* A create still on its way when the program stopped: its row is
	 * unknown now, why says so (tracker_abandon()). */
	void	(*abandoned)(void *arg, int64_t id, const char *why);
	/* A batch of events was recorded (tracker_attach() only). */
	void	(*taken)(void *arg);
	/* A batch's transaction has ended (answers taken, questions sent, a
	 * timer, the attach): the lock is free, what the hooks gathered may
	 * be written out now. */
	void	(*committed)(void *arg);
};

/* store, worker: the caller's, used until tracker_free(). poll NULL:
 * sched_default_params(). */
struct tracker	*tracker_new(struct store *, struct worker *,
		    const struct sched_params *poll);
void		 tracker_free(struct tracker **);
void		 tracker_set_hooks(struct tracker *, const struct tracker_hooks *,
		    void *arg);

/* Record a submission (state submitting, before any byte leaves), then queue
 * its create. sb is sent as sb_effective() makes it; name: the file's base
 * name or NULL for the first words of the prompt. The local id, or -1 and
 * *cause (nothing sent). */
int64_t	 tracker_submit(struct tracker *, const struct storyboard *sb,
	    const char *name, char **cause);

/* Follow every unfinished task of the store that is not followed yet (new
 * ones: rows written by another process). at_once: poll them now (start-up:
 * tasks unfinished when the program stopped). Returns how many were added. */
size_t	 tracker_sync(struct tracker *, bool at_once);
/* Follow one task id; stop following it (a query in flight still ends
 * through the hooks). */
void	 tracker_follow(struct tracker *, const char *task_id, int64_t age_ms,
	    bool at_once);
void	 tracker_unfollow(struct tracker *, const char *task_id);
bool	 tracker_following(const struct tracker *, const char *task_id);
/* Requests in flight plus tasks followed: 0 when nothing will happen. */
size_t	 tracker_pending(const struct tracker *);
/* At most n TaskInfo queries in flight at once (default 6). */
void	 tracker_set_max_queries(struct tracker *, unsigned n);

/* The budget of status queries, per_second for every instance on the store
 * together (0: none), and with share, a lease per task: one instance asks,
 * the others report what it recorded (a `status` asks itself: no share).
 * tracker_budget_limits: true while the budget holds a query back. */
void	 tracker_set_budget(struct tracker *, int per_second, bool share);
bool	 tracker_budget_limits(const struct tracker *, int *per_second);

/* Queue a TaskInfo for everything due, within the budget; returns how
 * many. */
size_t	 tracker_pump(struct tracker *);
/* Milliseconds until tracker_pump() has work, -1 when never (an idle
 * program sleeps without a timeout). */
int64_t	 tracker_next_due(const struct tracker *);
/* Milliseconds until this task's next query (0: now or in flight), -1 when
 * not followed. */
int64_t	 tracker_due_in(const struct tracker *, const char *task_id);

/* Take every event the worker has, record each (one store transaction) and
 * call the hooks. Returns how many were taken. */
unsigned tracker_take(struct tracker *);

/* Into the event loop: the worker's answers are taken, what is due is asked,
 * and the timer follows the next due time, with no caller in between.
 * tracker_reschedule() after anything that changed who is due (focus, a
 * re-poll, an adoption); tracker_detach() before the loop goes. */
void	 tracker_attach(struct tracker *);
void	 tracker_reschedule(struct tracker *);
void	 tracker_detach(struct tracker *);

/* Stop sending: creates on their way run to their end (their task ids are
 * not lost), everything else ends cancelled. */
void	 tracker_drain(struct tracker *);

/* For a caller that will follow nothing more (watch --once): once every
 * followed task has been asked (all that is left is in flight), the worker
 * is closed (worker_close()): its thread ends after the last answer, and
 * the session's close finds it gone instead of waking it. */
void	 tracker_close_when_asked(struct tracker *);

/* The task the user is looking at is polled faster; NULL: none. */
void	 tracker_focus(struct tracker *, const char *task_id);
/* Ask about this task now (not when already asking). 0, or -1 when it is
 * not followed. */
int	 tracker_poll_now(struct tracker *, const char *task_id);

/* Download the row's first video to dest, or (dest NULL) into dir (NULL:
 * the current directory) as dir/<task id>.mp4, resumed from its .part file;
 * the store keeps the absolute path. 0, or -1 and *cause (no video yet,
 * already downloading). */
int	 tracker_download(struct tracker *, int64_t id, const char *dir,
	    const char *dest, char **cause);
bool	 tracker_downloading(const struct tracker *, int64_t id);

void	 tracker_balance(struct tracker *);
/* HEAD-check an image URL; the head hook gets tag back. */
void	 tracker_head(struct tracker *, const char *url, uint64_t tag);
/* GET an image URL into memory (at most API_FETCH_MAX bytes, no API key);
 * the fetched hook gets tag back. */
void	 tracker_fetch(struct tracker *, const char *url, uint64_t tag);

/* A submission whose fate is unknown: the user found its task id (adopt:
 * follow it from now on) or gives it up (forget: an error row, hidden).
 * Never a resubmission. 0 or -1 and *cause. */
int	 tracker_adopt(struct tracker *, int64_t id, const char *task_id, char **cause);
int	 tracker_forget(struct tracker *, int64_t id, char **cause);

/* The program stops with creates still on their way: their rows become
 * unknown (they may have reached the service), each told to the abandoned
 * hook. Call before worker_stop(). */
void	 tracker_abandon(struct tracker *);

enum tracker_net {
	TRACKER_NET_OK,		/* the service answers */
	TRACKER_NET_IDLE,	/* nothing asked yet */
	TRACKER_NET_CONNECTING,	/* asked; nothing has answered yet */
	TRACKER_NET_WAITING,	/* a request has had no answer for *until s */
	TRACKER_NET_BACKOFF,	/* until *until: 429/455/5xx (*error: why) */
	TRACKER_NET_OFFLINE	/* the last request did not get an answer */
};
/* The network as the last answers and the requests waiting show it; never
 * "ok" before the service answered. *error (may be NULL): the last
 * failure's advice, in full, valid until the next tracker call. */
enum tracker_net tracker_net_state(struct tracker *, time_t *until,
	    const char **error);

/* Shared with the CLI: record what a create's answer or a TaskInfo said.
 * tracker_record_create: the row's task id and "pending", or "error" /
 * "unknown" with the advice (*advice: a copy for the caller, may be NULL).
 * tracker_record_info: the row of that task id (added when the task was
 * made elsewhere), its status, media, credits, the failure message (the
 * store keeps the history of its state); *added (may be NULL) says
 * whether the row was added. Both return the row's id, or -1 and *cause. */
/* What to tell of a create that did not make a task (api_advice(), but a
 * 429 or 455 given up says so). */
char	*tracker_create_advice(const struct api_result *);
int64_t	 tracker_record_create(struct store *, int64_t id, const struct api_result *,
	    char **advice, char **cause);
int64_t	 tracker_record_info(struct store *, const struct api_task *, bool *added,
	    char **cause);

/* The nth URL of a row's media_urls (JSON array text), or NULL; the array
 * text of a task's URLs, as the store keeps it. */
char	*tracker_media_url(const char *json, size_t nth);
char	*tracker_media_json(const struct api_task *);

/* The service did not do it, and asking again later may work: 429, 455,
 * 5xx, no connection, no answer, an answer that is not the API's. */
bool	 tracker_retryable(const struct api_result *);

/* "7 s", "1m32s", "2h05m": elapsed times and due times. */
void	 tracker_fmt_secs(char *buf, size_t len, int64_t secs);

#endif
