/* kling-sim: the task table, each task's life cycle and the account balance.
 * A task's state is computed from the wall clock when asked, so that nothing
 * runs in the background and a task read back from --state goes on where it
 * was.
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

/* Sent in result.message of a failed task. One carries escape sequences: a
 * client must strip them before it prints the message. */
static const char *const task_fail_msgs[] = {
	"generation failed: the output did not pass the compliance check",
	"generation failed: the model could not follow the prompt",
	"generation failed: \x1b[31mrender node lost\x1b[0m, credits refunded",
};
#define TASK_NFAIL_MSGS (sizeof task_fail_msgs / sizeof task_fail_msgs[0])

static pthread_mutex_t	 tasks_lock = PTHREAD_MUTEX_INITIALIZER;
/* Every task, and the account; with --state, what the file holds too. */
static struct sim_state	 tasks_all;

/* One of the service's states (task_service_states), never ours. */
static enum task_state
task_state(const struct sim_task *t, double now)
{
	double age = now - t->created;

	if (age >= t->seconds)
		return t->fails ? TASK_FAILED : TASK_SUCCESS;
	if (age < t->pending)
		return TASK_PENDING;
	return TASK_RUNNING;
}

/* A --state problem met while serving: the answer goes on from the table. */
static void
tasks_warn(char *cause)
{
	fprintf(stderr, "kling-sim: --state %s: %s\n", sim_cfg.state_path, cause);
	free(cause);
}

/* Take the tasks of the file the table lacks, and its account unless
 * --balance was given. Lock held. */
static int
tasks_merge_locked(struct sim_state *file, char **cause)
{
	struct sim_task	*t;
	size_t		 i;

	for (i = 0; i < file->ntasks; i++) {
		if ((size_t)file->tasks[i].fail_msg >= TASK_NFAIL_MSGS) {
			xasprintf(cause, "tasks[%zu].fail_msg: not one this "
			    "kling-sim knows", i);
			return -1;
		}
	}
	if (!sim_cfg.balance_set)
		tasks_all.balance = file->balance;
	for (i = 0; i < file->ntasks; i++) {
		t = &file->tasks[i];
		if (state_find(&tasks_all, t->id) == NULL) {
			state_add(&tasks_all, t);
			t->param = NULL;
		}
	}
	return 0;
}

/* Read --state again, when forced or when another simulator has replaced
 * it since. No file yet is no error. Lock held. */
static int
tasks_reload_locked(bool force, char **cause)
{
	struct sim_state	file;
	int			r;

	if (sim_cfg.state_path == NULL || (!force &&
	    !state_changed(sim_cfg.state_path)))
		return 0;
	if ((r = state_read(sim_cfg.state_path, &file, cause)) == 1)
		r = tasks_merge_locked(&file, cause);
	state_free(&file);
	return r < 0 ? -1 : 0;
}

/* The task with this id, looking at --state again before saying there is
 * none: another simulator on the file may have made it. Lock held. */
static struct sim_task *
tasks_find_locked(const char *id)
{
	struct sim_task	*t;
	char		*cause;

	if ((t = state_find(&tasks_all, id)) != NULL)
		return t;
	if (tasks_reload_locked(false, &cause) != 0)
		tasks_warn(cause);
	return state_find(&tasks_all, id);
}

/* With --state: take the file's account and tasks (no file: start empty),
 * then write it, so that a file that cannot be written shows now. It is
 * read before the lock file is made beside it, so that a wrong path fails
 * without leaving anything behind. */
int
tasks_open(char **cause)
{
	int fd = -1, r = 0;

	tasks_all.balance = sim_cfg.balance;
	if (sim_cfg.state_path == NULL)
		return 0;
	pthread_mutex_lock(&tasks_lock);
	if (tasks_reload_locked(true, cause) != 0 ||
	    (fd = state_lock(sim_cfg.state_path, cause)) == -1 ||
	    tasks_reload_locked(false, cause) != 0 ||
	    state_write(sim_cfg.state_path, &tasks_all, cause) != 0)
		r = -1;
	state_unlock(fd);
	pthread_mutex_unlock(&tasks_lock);
	return r;
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
	double	balance = tasks_all.balance;
	size_t	i;

	for (i = 0; i < tasks_all.ntasks; i++) {
		if (task_state(&tasks_all.tasks[i], now) != TASK_FAILED)
			balance -= tasks_all.tasks[i].cost;
	}
	return balance;
}

double
tasks_balance(double now)
{
	double	 balance;
	char	*cause;

	pthread_mutex_lock(&tasks_lock);
	if (tasks_reload_locked(false, &cause) != 0)
		tasks_warn(cause);
	balance = tasks_balance_locked(now);
	pthread_mutex_unlock(&tasks_lock);
	return balance;
}

/* A uuid-like id (version 4 layout) from the seeded generator, drawn again
 * while the table has it: a run with the --seed of the run that wrote its
 * --state draws the same ids. Lock held. */
static void
tasks_new_id_locked(char *buf, size_t size)
{
	uint64_t hi, lo;

	static unsigned next = 12345678;

	do {
		hi = rng_next();
		lo = rng_next();
		/* The documented service's ids count up: neighbours share all
		 * but their last digits, as a client's short ids must cope. */
		if (sim_cfg.documented)
			snprintf(buf, size, "task_%08u", next++);
		else
			snprintf(buf, size, "%08x-%04x-4%03x-%04x-%012llx",
			    (unsigned)(hi >> 32), (unsigned)(hi >> 16) & 0xffff,
			    (unsigned)hi & 0xfff,
			    (unsigned)((lo >> 48) & 0x3fff) | 0x8000,
			    (unsigned long long)(lo & 0xffffffffffffULL));
	} while (state_find(&tasks_all, buf) != NULL);
}

/* Record a task for a checked body. TASKS_POOR with the balance in *balance
 * when the account cannot pay for it; TASKS_UNSAVED when --state could not
 * take it (said on stderr): a task a later simulator would not know is not
 * made. */
enum tasks_made
tasks_create(const char *body, size_t len, const char *mode, long video_seconds,
    double now, char *id, size_t idsize, double *balance)
{
	struct sim_task	 t;
	double		 cost = tasks_cost(mode, video_seconds);
	cJSON		*param;
	char		*cause;
	const char	*path = sim_cfg.state_path;
	enum tasks_made	 made = TASKS_MADE;
	int		 fd = -1;

	if ((param = cJSON_ParseWithLength(body, len)) == NULL)
		fatal("a checked body did not parse again");
	pthread_mutex_lock(&tasks_lock);
	/* Other simulators on the file wait until this task is written, so
	 * the balance checked and the file replaced include theirs. */
	if (path != NULL && ((fd = state_lock(path, &cause)) == -1 ||
	    tasks_reload_locked(true, &cause) != 0)) {
		tasks_warn(cause);
		made = TASKS_UNSAVED;
		goto out;
	}
	if ((*balance = tasks_balance_locked(now)) < cost) {
		made = TASKS_POOR;
		goto out;
	}
	memset(&t, 0, sizeof t);
	tasks_new_id_locked(t.id, sizeof t.id);
	t.created = now;
	t.seconds = sim_cfg.task_seconds;
	t.pending = t.seconds * sim_cfg.pending_share;
	t.cost = cost;
	t.video_seconds = video_seconds;
	t.fails = rng_chance(sim_cfg.fail_rate);
	if (t.fails)
		t.fail_msg = (int)(rng_next() % TASK_NFAIL_MSGS);
	t.param = param;
	param = NULL;
	state_add(&tasks_all, &t);
	if (path != NULL && state_write(path, &tasks_all, &cause) != 0) {
		tasks_warn(cause);
		cJSON_Delete(tasks_all.tasks[--tasks_all.ntasks].param);
		made = TASKS_UNSAVED;
		goto out;
	}
	snprintf(id, idsize, "%s", t.id);
	*balance -= cost;
out:
	state_unlock(fd);
	pthread_mutex_unlock(&tasks_lock);
	cJSON_Delete(param);
	return made;
}

static cJSON *
tasks_result(const struct sim_task *t, enum task_state st, const char *base_url)
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
	struct sim_task	*t;
	enum task_state	 st;
	cJSON		*d;
	bool		 final;

	pthread_mutex_lock(&tasks_lock);
	if ((t = tasks_find_locked(id)) == NULL) {
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

/* The aspect ratio and the shots a body asked for: multi_prompt's durations when multi_shots is
 * true and they add up to the video's length, else one shot of it all. */
static void
tasks_shots(const cJSON *param, struct sim_video *v)
{
	const cJSON	*in, *r, *s, *d;
	long		 shot[SIM_MAX_SHOTS], sum = 0;
	size_t		 n = 0;

	v->nshots = 1;
	v->shot[0] = v->seconds;
	in = cJSON_GetObjectItemCaseSensitive(param, "input");
	if (cJSON_IsString(r = cJSON_GetObjectItemCaseSensitive(in,
	    "aspect_ratio")))
		snprintf(v->ratio, sizeof v->ratio, "%s", r->valuestring);
	if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(in, "multi_shots")))
		return;
	cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(in,
	    "multi_prompt")) {
		d = cJSON_GetObjectItemCaseSensitive(s, "duration");
		if (n == SIM_MAX_SHOTS || !cJSON_IsNumber(d) ||
		    d->valuedouble < 1 || d->valuedouble > v->seconds)
			return;
		shot[n] = (long)d->valuedouble;
		sum += shot[n++];
	}
	if (n > 0 && sum == v->seconds) {
		memcpy(v->shot, shot, n * sizeof shot[0]);
		v->nshots = n;
	}
}

/* Whether a task's video exists yet, and what it shows. */
bool
tasks_video(const char *id, double now, struct sim_video *v)
{
	struct sim_task	*t;
	bool		 ready = false;

	pthread_mutex_lock(&tasks_lock);
	if ((t = tasks_find_locked(id)) != NULL &&
	    task_state(t, now) == TASK_SUCCESS) {
		memset(v, 0, sizeof *v);
		/* A hand-written --state may say anything: its video has
		 * 1 to SIM_MAX_VIDEO_SECONDS s, the service's 3 to 15. */
		v->seconds = t->video_seconds < 1 ? 1 :
		    t->video_seconds > SIM_MAX_VIDEO_SECONDS ?
		    SIM_MAX_VIDEO_SECONDS : t->video_seconds;
		tasks_shots(t->param, v);
		ready = true;
	}
	pthread_mutex_unlock(&tasks_lock);
	return ready;
}

void
tasks_free_all(void)
{
	pthread_mutex_lock(&tasks_lock);
	state_free(&tasks_all);
	pthread_mutex_unlock(&tasks_lock);
}
