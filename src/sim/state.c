/* kling-sim: --state FILE: the account and the tasks kept between runs, so
 * that a simulator started later answers for the tasks an earlier one made.
 * The file is JSON, replaced whole with atomic_write() after each change.
 * Simulators sharing one file take turns under a lock beside it; between
 * turns a reader sees the old file or the new, never a mix.
 * Only tasks.c calls these, with its lock held.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/file.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "sim.h"
#include "xmalloc.h"

#define STATE_VERSION		1
#define STATE_MAX_SIZE		(256L * 1024 * 1024)
#define STATE_MAX_SECONDS	86400.0		/* as --task-seconds */

/* The file as last read or written here. Every write renames a new file
 * into place, so another simulator's write changes this. */
static struct stat	state_seen;
static bool		state_seen_set;

static void
state_remember(const struct stat *sb)
{
	state_seen = *sb;
	state_seen_set = true;
}

/* Whether the file is there and is not the one last read or written here. */
bool
state_changed(const char *path)
{
	struct stat sb;

	if (stat(path, &sb) != 0)
		return false;
	return !state_seen_set || sb.st_dev != state_seen.st_dev ||
	    sb.st_ino != state_seen.st_ino || sb.st_size != state_seen.st_size ||
	    sb.st_mtim.tv_sec != state_seen.st_mtim.tv_sec ||
	    sb.st_mtim.tv_nsec != state_seen.st_mtim.tv_nsec ||
	    sb.st_ctim.tv_sec != state_seen.st_ctim.tv_sec ||
	    sb.st_ctim.tv_nsec != state_seen.st_ctim.tv_nsec;
}

/* The member key of o as a number in [min, max] (whole when asked). The
 * cause names where, never the file's text. */
static int
state_number(const cJSON *o, const char *where, const char *key, double min,
    double max, bool whole, double *out, char **cause)
{
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsNumber(n) || !(n->valuedouble >= min &&
	    n->valuedouble <= max) || (whole && n->valuedouble !=
	    (double)(long long)n->valuedouble)) {
		xasprintf(cause, "%s%s: expected a%s number from %g to %g",
		    where, key, whole ? " whole" : "", min, max);
		return -1;
	}
	*out = n->valuedouble;
	return 0;
}

/* Ids go into URLs and file names' neighbours: letters, digits, '-'. */
static bool
state_id_ok(const char *id)
{
	size_t n = strlen(id);

	return n > 0 && n < sizeof ((struct sim_task *)0)->id &&
	    strspn(id, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n;
}

static int
state_decode_task(const cJSON *o, size_t i, const struct sim_state *st,
    struct sim_task *t, char **cause)
{
	const cJSON	*id = cJSON_GetObjectItemCaseSensitive(o, "id");
	const cJSON	*fails = cJSON_GetObjectItemCaseSensitive(o, "fails");
	const cJSON	*param = cJSON_GetObjectItemCaseSensitive(o, "param");
	char		 where[40];
	double		 video, msg;

	memset(t, 0, sizeof *t);
	snprintf(where, sizeof where, "tasks[%zu].", i);
	if (!cJSON_IsObject(o)) {
		xasprintf(cause, "tasks[%zu]: expected an object", i);
		return -1;
	}
	if (!cJSON_IsString(id) || !state_id_ok(id->valuestring)) {
		xasprintf(cause, "%sid: expected a task id", where);
		return -1;
	}
	if (state_find(st, id->valuestring) != NULL) {
		xasprintf(cause, "%sid: the same as an earlier task's", where);
		return -1;
	}
	snprintf(t->id, sizeof t->id, "%s", id->valuestring);
	if (state_number(o, where, "created", 0, 1e11, false, &t->created,
	    cause) != 0 ||
	    state_number(o, where, "seconds", 0, STATE_MAX_SECONDS, false,
	    &t->seconds, cause) != 0 ||
	    state_number(o, where, "pending_seconds", 0, t->seconds, false,
	    &t->pending, cause) != 0 ||
	    state_number(o, where, "cost", 0, 1e12, false, &t->cost,
	    cause) != 0 ||
	    state_number(o, where, "video_seconds", 0, STATE_MAX_SECONDS, true,
	    &video, cause) != 0 ||
	    state_number(o, where, "fail_msg", 0, 1000, true, &msg, cause) != 0)
		return -1;
	t->video_seconds = (long)video;
	t->fail_msg = (int)msg;
	if (!cJSON_IsBool(fails)) {
		xasprintf(cause, "%sfails: expected true or false", where);
		return -1;
	}
	t->fails = cJSON_IsTrue(fails);
	if (!cJSON_IsObject(param)) {
		xasprintf(cause, "%sparam: expected an object", where);
		return -1;
	}
	t->param = cJSON_Duplicate(param, true);
	return 0;
}

static int
state_decode(const cJSON *root, struct sim_state *st, char **cause)
{
	const cJSON	*tasks, *o, *version;
	struct sim_task	 t;
	size_t		 i = 0;

	if (!cJSON_IsObject(root)) {
		xasprintf(cause, "not a kling-sim state: expected an object");
		return -1;
	}
	version = cJSON_GetObjectItemCaseSensitive(root, "version");
	if (!cJSON_IsNumber(version) || version->valuedouble != STATE_VERSION) {
		xasprintf(cause, "not a kling-sim state of version %d",
		    STATE_VERSION);
		return -1;
	}
	if (state_number(root, "", "balance", 0, 1e12, false, &st->balance,
	    cause) != 0)
		return -1;
	tasks = cJSON_GetObjectItemCaseSensitive(root, "tasks");
	if (!cJSON_IsArray(tasks)) {
		xasprintf(cause, "tasks: expected an array");
		return -1;
	}
	cJSON_ArrayForEach(o, tasks) {
		if (state_decode_task(o, i++, st, &t, cause) != 0)
			return -1;
		state_add(st, &t);
	}
	return 0;
}

/* 1 with the file's account and tasks in *st, 0 when there is no file (*st
 * empty), -1 with *cause when it cannot be read or is not a state file. */
int
state_read(const char *path, struct sim_state *st, char **cause)
{
	struct stat	 sb;
	FILE		*f;
	char		*buf = NULL;
	const char	*end = NULL;
	cJSON		*root;
	int		 r = -1;

	memset(st, 0, sizeof *st);
	if ((f = fopen(path, "re")) == NULL) {
		if (errno == ENOENT)
			return 0;
		xasprintf(cause, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fileno(f), &sb) != 0)
		xasprintf(cause, "cannot stat: %s", strerror(errno));
	else if (!S_ISREG(sb.st_mode))
		xasprintf(cause, "not a regular file");
	else if (sb.st_size > STATE_MAX_SIZE)
		xasprintf(cause, "over %ld MB", STATE_MAX_SIZE / (1024 * 1024));
	else {
		/* Remembered even when the contents are bad, so that the same
		 * bad file is reported once, not at every request. */
		state_remember(&sb);
		buf = xmalloc((size_t)sb.st_size + 1);
		if (fread(buf, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size)
			xasprintf(cause, "cannot read: %s", ferror(f) ?
			    strerror(errno) : "shorter than its size");
		else if ((root = cJSON_ParseWithLengthOpts(buf,
		    (size_t)sb.st_size, &end, false)) == NULL)
			xasprintf(cause, "not a kling-sim state: not JSON "
			    "(at byte %td)", end != NULL ? end - buf : 0);
		else {
			r = state_decode(root, st, cause) == 0 ? 1 : -1;
			cJSON_Delete(root);
		}
	}
	fclose(f);
	free(buf);
	if (r == -1)
		state_free(st);
	return r;
}

static cJSON *
state_encode(const struct sim_state *st)
{
	cJSON			*root = cJSON_CreateObject(), *a, *o;
	const struct sim_task	*t;
	size_t			 i;

	cJSON_AddNumberToObject(root, "version", STATE_VERSION);
	cJSON_AddNumberToObject(root, "balance", st->balance);
	a = cJSON_AddArrayToObject(root, "tasks");
	for (i = 0; i < st->ntasks; i++) {
		t = &st->tasks[i];
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", t->id);
		cJSON_AddNumberToObject(o, "created", t->created);
		cJSON_AddNumberToObject(o, "pending_seconds", t->pending);
		cJSON_AddNumberToObject(o, "seconds", t->seconds);
		cJSON_AddNumberToObject(o, "cost", t->cost);
		cJSON_AddNumberToObject(o, "video_seconds", (double)t->video_seconds);
		cJSON_AddBoolToObject(o, "fails", t->fails);
		cJSON_AddNumberToObject(o, "fail_msg", t->fail_msg);
		cJSON_AddItemToObject(o, "param", cJSON_Duplicate(t->param, true));
		cJSON_AddItemToArray(a, o);
	}
	return root;
}

/* Replace the file with *st. Private: the bodies hold the users' prompts. */
int
state_write(const char *path, const struct sim_state *st, char **cause)
{
	struct stat	 sb;
	cJSON		*root = state_encode(st);
	char		*text;
	int		 r;

	if ((text = cJSON_Print(root)) == NULL)
		fatal("cJSON_Print: out of memory");
	cJSON_Delete(root);
	r = atomic_write(path, text, strlen(text), 0600, cause);
	free(text);
	if (r == 0 && stat(path, &sb) == 0)
		state_remember(&sb);
	return r;
}

/* Take the turn to read, merge and write: an fd for state_unlock(), or -1.
 * The lock is on a file beside the state, since each write replaces the
 * state file itself. */
int
state_lock(const char *path, char **cause)
{
	char	*name;
	int	 fd;

	xasprintf(&name, "%s.lock", path);
	if ((fd = open(name, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1) {
		xasprintf(cause, "cannot open %s: %s", name, strerror(errno));
		free(name);
		return -1;
	}
	while (flock(fd, LOCK_EX) == -1) {
		if (errno != EINTR) {
			xasprintf(cause, "cannot lock %s: %s", name,
			    strerror(errno));
			close(fd);
			free(name);
			return -1;
		}
	}
	free(name);
	return fd;
}

void
state_unlock(int fd)
{
	if (fd != -1)
		close(fd);
}

/* Append a copy of *t; its param now belongs to st. */
void
state_add(struct sim_state *st, const struct sim_task *t)
{
	if (st->ntasks == st->cap) {
		st->cap = st->cap == 0 ? 64 : st->cap * 2;
		st->tasks = xreallocarray(st->tasks, st->cap, sizeof *st->tasks);
	}
	st->tasks[st->ntasks++] = *t;
}

struct sim_task *
state_find(const struct sim_state *st, const char *id)
{
	size_t i;

	for (i = 0; i < st->ntasks; i++) {
		if (strcmp(st->tasks[i].id, id) == 0)
			return &st->tasks[i];
	}
	return NULL;
}

void
state_free(struct sim_state *st)
{
	size_t i;

	for (i = 0; i < st->ntasks; i++)
		cJSON_Delete(st->tasks[i].param);
	free(st->tasks);
	memset(st, 0, sizeof *st);
}
