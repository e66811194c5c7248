/* kling-tui: the task tracker: submitting storyboards and following their
 * tasks, shared by the CLI (submit, watch) and the dashboard.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * It joins the store (what is known), the worker (the network) and the
 * scheduler (who is due). It never waits: the caller poll()s worker_fd(),
 * calls tracker_take() when it is readable and tracker_pump() when
 * tracker_next_due() says something is due. No terminal, no output: what
 * happened reaches the caller through hooks. */
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

/* Every hook may be NULL. Row ids are the store's local ids. */
struct tracker_hooks {
	/* A create was answered: the row now has its task id, or is an
	 * error or unknown (r says which). */
	void	(*created)(void *arg, int64_t id, const struct api_result *r);
	/* A TaskInfo answer was recorded; changed: the state moved. */
	void	(*info)(void *arg, int64_t id, bool changed, const struct api_task *);
	/* A query for this task failed and will not be retried soon (404,
	 * 401, ...); the advice is in the row's last_error too. */
	void	(*failed)(void *arg, int64_t id, const struct api_result *r);
	void	(*balance)(void *arg, const struct api_result *r);
	/* A download moved (done false) or ended (done true, r final). */
	void	(*download)(void *arg, int64_t id, bool done, const struct api_result *r);
	/* An image URL's HEAD check ended (tracker_head()). */
	void	(*head)(void *arg, uint64_t tag, const struct api_result *r);
	/* The network state changed (tracker_net_state()). */
	void	(*net)(void *arg);
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
/* Follow one task id. */
void	 tracker_follow(struct tracker *, const char *task_id, int64_t age_ms,
	    bool at_once);
bool	 tracker_following(const struct tracker *, const char *task_id);

/* Queue a TaskInfo for everything due (batched); returns how many. */
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

/* The task the user is looking at is polled faster; NULL: none. */
void	 tracker_focus(struct tracker *, const char *task_id);
/* Ask about this task now (not when already asking). 0, or -1 when it is
 * not followed. */
int	 tracker_poll_now(struct tracker *, const char *task_id);

/* Download the row's first video into dir (NULL: current directory) as
 * dir/<task id>.mp4, resumed from dir/<task id>.mp4.part. 0, or -1 and
 * *cause (no video yet, already downloading). */
int	 tracker_download(struct tracker *, int64_t id, const char *dir, char **cause);
bool	 tracker_downloading(const struct tracker *, int64_t id);

void	 tracker_balance(struct tracker *);
/* HEAD-check an image URL; the head hook gets tag back. */
void	 tracker_head(struct tracker *, const char *url, uint64_t tag);

/* A submission whose fate is unknown: the user found its task id (adopt:
 * follow it from now on) or gives it up (forget: an error row, hidden).
 * Never a resubmission. 0 or -1 and *cause. */
int	 tracker_adopt(struct tracker *, int64_t id, const char *task_id, char **cause);
int	 tracker_forget(struct tracker *, int64_t id, char **cause);

/* The program stops with creates still on their way: their rows become
 * unknown (they may have reached the service). Call before worker_stop(). */
void	 tracker_abandon(struct tracker *);

enum tracker_net {
	TRACKER_NET_OK,
	TRACKER_NET_BACKOFF,	/* until *until: 429/455/5xx */
	TRACKER_NET_OFFLINE	/* the last request did not get an answer */
};
/* The network as the last answers showed it; *error (may be NULL): the
 * last failure's advice, valid until the next tracker call. */
enum tracker_net tracker_net_state(struct tracker *, time_t *until,
	    const char **error);

/* Shared with the CLI: record what a create's answer or a TaskInfo said.
 * tracker_record_create: the row's task id and "pending", or "error" /
 * "unknown" with the advice (*advice: a copy for the caller, may be NULL).
 * tracker_record_info: the row of that task id (added when the task was
 * made elsewhere), its status, media, credits, the failure message; *changed
 * when the state moved. Both return the row's id, or -1 and *cause. */
int64_t	 tracker_record_create(struct store *, int64_t id, const struct api_result *,
	    char **advice, char **cause);
int64_t	 tracker_record_info(struct store *, const struct api_task *, bool *changed,
	    char **cause);

/* The nth URL of a row's media_urls (JSON array text), or NULL. */
char	*tracker_media_url(const char *json, size_t nth);

/* "7 s", "1m32s", "2h05m": elapsed times and due times. */
void	 tracker_fmt_secs(char *buf, size_t len, int64_t secs);

#endif
