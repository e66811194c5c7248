/* kling-sim: the task table, each task's life cycle and the account balance.
 * A task's state is computed from the clock when asked, so that nothing runs
 * in the background.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "vocab.h"
#include "xmalloc.h"

struct task {
	char	 id[40];
	double	 created;	/* Unix seconds */
	double	 seconds;	/* from creation to the final state */
	double	 cost;		/* credits */
	long	 video_seconds;
	bool	 fails;
	int	 fail_msg;
	cJSON	*param;		/* the body as received */
};

/* Sent in result.message of a failed task. One carries escape sequences: a
 * client must strip them before it prints the message. */
static const char *const task_fail_msgs[] = {
	"generation failed: the output did not pass the compliance check",
	"generation failed: the model could not follow the prompt",
	"generation failed: \x1b[31mrender node lost\x1b[0m, credits refunded",
};
#define TASK_NFAIL_MSGS (sizeof task_fail_msgs / sizeof task_fail_msgs[0])

static pthread_mutex_t	 tasks_lock = PTHREAD_MUTEX_INITIALIZER;
static struct task	*tasks;
static size_t		 ntasks;
static size_t		 tasks_cap;

/* One of the service's states (task_service_states), never ours. */
static enum task_state
task_state(const struct task *t, double now)
{
	double age = now - t->created;

	if (age >= t->seconds)
		return t->fails ? TASK_FAILED : TASK_SUCCESS;
	if (age < t->seconds * sim_cfg.pending_share)
		return TASK_PENDING;
	return TASK_RUNNING;
}

static struct task *
tasks_find(const char *id)
{
	size_t i;

	for (i = 0; i < ntasks; i++) {
		if (strcmp(tasks[i].id, id) == 0)
			return &tasks[i];
	}
	return NULL;
}

/* What a task costs: 1 credit a second of video in std mode, 1.5 in pro. */
double
tasks_cost(const char *mode, long video_seconds)
{
	if (mode != NULL && strcmp(mode, "pro") == 0)
		return 1.5 * (double)video_seconds;
	return (double)video_seconds;
}

/* The balance: credits are taken at creation and given back when a task
 * fails. Call with the lock held. */
static double
tasks_balance_locked(double now)
{
	double	balance = sim_cfg.balance;
	size_t	i;

	for (i = 0; i < ntasks; i++) {
		if (task_state(&tasks[i], now) != TASK_FAILED)
			balance -= tasks[i].cost;
	}
	return balance;
}

double
tasks_balance(double now)
{
	double balance;

	pthread_mutex_lock(&tasks_lock);
	balance = tasks_balance_locked(now);
	pthread_mutex_unlock(&tasks_lock);
	return balance;
}

/* A uuid-like id (version 4 layout) from the seeded generator. */
static void
tasks_new_id(char *buf, size_t size)
{
	uint64_t hi = rng_next(), lo = rng_next();

	snprintf(buf, size, "%08x-%04x-4%03x-%04x-%012llx",
	    (unsigned)(hi >> 32), (unsigned)(hi >> 16) & 0xffff,
	    (unsigned)hi & 0xfff, (unsigned)((lo >> 48) & 0x3fff) | 0x8000,
	    (unsigned long long)(lo & 0xffffffffffffULL));
}

/* Record a task for a checked body. Fails with the balance in *balance when
 * the account cannot pay for it. */
int
tasks_create(const char *body, size_t len, const char *mode, long video_seconds,
    double now, char *id, size_t idsize, double *balance)
{
	struct task	*t;
	double		 cost = tasks_cost(mode, video_seconds);
	cJSON		*param;

	if ((param = cJSON_ParseWithLength(body, len)) == NULL)
		fatal("a checked body did not parse again");
	pthread_mutex_lock(&tasks_lock);
	*balance = tasks_balance_locked(now);
	if (*balance < cost) {
		pthread_mutex_unlock(&tasks_lock);
		cJSON_Delete(param);
		return -1;
	}
	if (ntasks == tasks_cap) {
		tasks_cap = tasks_cap == 0 ? 64 : tasks_cap * 2;
		tasks = xreallocarray(tasks, tasks_cap, sizeof *tasks);
	}
	t = &tasks[ntasks++];
	memset(t, 0, sizeof *t);
	tasks_new_id(t->id, sizeof t->id);
	t->created = now;
	t->seconds = sim_cfg.task_seconds;
	t->cost = cost;
	t->video_seconds = video_seconds;
	t->fails = rng_chance(sim_cfg.fail_rate);
	if (t->fails)
		t->fail_msg = (int)(rng_next() % TASK_NFAIL_MSGS);
	t->param = param;
	snprintf(id, idsize, "%s", t->id);
	*balance -= cost;
	pthread_mutex_unlock(&tasks_lock);
	return 0;
}

static cJSON *
tasks_result(const struct task *t, enum task_state st, const char *base_url)
{
	cJSON	*r = cJSON_CreateObject(), *urls = cJSON_CreateArray();
	char	*url;

	if (st == TASK_SUCCESS) {
		/* The service's message word, not the task's state. */
		cJSON_AddNumberToObject(r, "code", 200);
		cJSON_AddStringToObject(r, "message", "success");
		xasprintf(&url, "%s/media/%s.mp4", base_url, t->id);
		cJSON_AddItemToArray(urls, cJSON_CreateString(url));
		free(url);
	} else {
		cJSON_AddNumberToObject(r, "code", 501);
		cJSON_AddStringToObject(r, "message", task_fail_msgs[t->fail_msg]);
	}
	cJSON_AddItemToObject(r, "media_urls", urls);
	return r;
}

/* TaskInfo's data for a task, NULL when there is no such task. */
cJSON *
tasks_info(const char *id, double now, const char *base_url)
{
	struct task	*t;
	enum task_state	 st;
	cJSON		*d;
	bool		 final;

	pthread_mutex_lock(&tasks_lock);
	if ((t = tasks_find(id)) == NULL) {
		pthread_mutex_unlock(&tasks_lock);
		return NULL;
	}
	st = task_state(t, now);
	final = task_state_final(st);
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "task_id", t->id);
	cJSON_AddStringToObject(d, "provider", "Kling");
	cJSON_AddStringToObject(d, "model_version", "kling-v3");
	cJSON_AddStringToObject(d, "status", task_state_name(st));
	cJSON_AddItemToObject(d, "param", cJSON_Duplicate(t->param, 1));
	cJSON_AddNumberToObject(d, "create_at", floor(t->created));
	if (final) {
		cJSON_AddItemToObject(d, "result", tasks_result(t, st, base_url));
		/* How long the generation took, a [choice] where the service's
		 * meaning is undocumented. */
		cJSON_AddNumberToObject(d, "duration_s", t->seconds);
		cJSON_AddNumberToObject(d, "complete_at",
		    floor(t->created + t->seconds));
		cJSON_AddNumberToObject(d, "credits",
		    st == TASK_SUCCESS ? t->cost : 0);
	} else {
		cJSON_AddNullToObject(d, "result");
		cJSON_AddNullToObject(d, "duration_s");
		cJSON_AddNullToObject(d, "complete_at");
	}
	cJSON_AddStringToObject(d, "source", "api");
	pthread_mutex_unlock(&tasks_lock);
	return d;
}

/* Whether a task's video exists yet, and its length in seconds. */
bool
tasks_video(const char *id, double now, long *video_seconds)
{
	struct task	*t;
	bool		 ready = false;

	pthread_mutex_lock(&tasks_lock);
	if ((t = tasks_find(id)) != NULL && task_state(t, now) == TASK_SUCCESS) {
		*video_seconds = t->video_seconds;
		ready = true;
	}
	pthread_mutex_unlock(&tasks_lock);
	return ready;
}

void
tasks_free_all(void)
{
	size_t i;

	pthread_mutex_lock(&tasks_lock);
	for (i = 0; i < ntasks; i++)
		cJSON_Delete(tasks[i].param);
	free(tasks);
	tasks = NULL;
	ntasks = tasks_cap = 0;
	pthread_mutex_unlock(&tasks_lock);
}
