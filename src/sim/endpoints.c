/* kling-sim: the three endpoints of API.md and the files they link to.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "xmalloc.h"

#define API_PREFIX	"/api/v1/client"
#define MEDIA_PREFIX	"/media/"
#define IMAGES_PREFIX	"/images/"

static bool
is_get(const char *method)
{
	return strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
}

enum sim_route
endpoint_route(const char *method, const char *path)
{
	if (strcmp(path, API_PREFIX "/job/CreateTask") == 0)
		return strcmp(method, "POST") == 0 ? ROUTE_CREATE : ROUTE_NONE;
	if (!is_get(method))
		return ROUTE_NONE;
	if (strcmp(path, API_PREFIX "/job/TaskInfo") == 0)
		return ROUTE_INFO;
	if (strcmp(path, API_PREFIX "/account/balance") == 0)
		return ROUTE_BALANCE;
	if (strncmp(path, MEDIA_PREFIX, strlen(MEDIA_PREFIX)) == 0)
		return ROUTE_MEDIA;
	if (strncmp(path, IMAGES_PREFIX, strlen(IMAGES_PREFIX)) == 0)
		return ROUTE_IMAGE;
	return ROUTE_NONE;
}

/* Whether the request's key is one the simulator accepts. */
bool
endpoint_key_ok(const char *key)
{
	size_t i;

	if (key == NULL)
		return false;
	for (i = 0; i < sim_cfg.nkeys; i++) {
		if (strcmp(key, sim_cfg.keys[i]) == 0)
			return true;
	}
	return false;
}

static void
endpoint_create(const struct sim_request *rq, struct sim_reply *rp)
{
	struct body_check	 bc;
	char			*msg;
	double			 balance;
	cJSON			*data;

	if (body_check(rq->body, rq->len, &bc, &msg) != 0) {
		reply_error(rp, 422, "%s", msg);
		free(msg);
		return;
	}
	switch (tasks_create(rq->body, rq->len, bc.mode, bc.duration, rq->now,
	    rp->task_id, sizeof rp->task_id, &balance)) {
	case TASKS_MADE:
		break;
	case TASKS_POOR:
		reply_error(rp, 402, "insufficient credits: the balance is %g, "
		    "this task costs %g", balance, tasks_cost(bc.mode,
		    bc.duration));
		body_check_free(&bc);
		return;
	case TASKS_UNSAVED:
		reply_error(rp, 500, "the simulator could not save the task "
		    "in its --state file (its standard error says why)");
		body_check_free(&bc);
		return;
	}
	body_check_free(&bc);
	data = cJSON_CreateObject();
	cJSON_AddStringToObject(data, "task_id", rp->task_id);
	reply_ok(rp, data);
}

static void
endpoint_info(const struct sim_request *rq, struct sim_reply *rp)
{
	cJSON *data;

	if (rq->task_id == NULL || *rq->task_id == '\0') {
		reply_error(rp, 422, "task_id: required");
		return;
	}
	if ((data = tasks_info(rq->task_id, rq->now, rq->base_url)) == NULL) {
		reply_error(rp, 404, "task not found: %s", rq->task_id);
		return;
	}
	reply_ok(rp, data);
}

static void
endpoint_balance(const struct sim_request *rq, struct sim_reply *rp)
{
	cJSON *data = cJSON_CreateObject();

	cJSON_AddNumberToObject(data, "balance", tasks_balance(rq->now));
	reply_ok(rp, data);
}

/* /media/ID.mp4 exists once the task succeeded. */
static void
endpoint_media(const struct sim_request *rq, struct sim_reply *rp)
{
	const char	*name = rq->path + strlen(MEDIA_PREFIX);
	size_t		 n = strlen(name);
	char		 id[40];
	struct sim_video v;

	if (n > 4 && n - 4 < sizeof id && strcmp(name + n - 4, ".mp4") == 0) {
		memcpy(id, name, n - 4);
		id[n - 4] = '\0';
		if (tasks_video(id, rq->now, &v)) {
			media_answer(rq, id, &v, rp);
			return;
		}
	}
	reply_error(rp, 404, "no such video: %s", rq->path);
}

/* Answer a request that passed the key, rate and forced-code checks. */
void
endpoint_answer(enum sim_route route, const struct sim_request *rq,
    struct sim_reply *rp)
{
	switch (route) {
	case ROUTE_CREATE:
		endpoint_create(rq, rp);
		break;
	case ROUTE_INFO:
		endpoint_info(rq, rp);
		break;
	case ROUTE_BALANCE:
		endpoint_balance(rq, rp);
		break;
	case ROUTE_MEDIA:
		endpoint_media(rq, rp);
		break;
	case ROUTE_IMAGE:
		images_answer(rq, rp);
		break;
	default:
		reply_error(rp, 404, "not found: %s %s", rq->method, rq->path);
		break;
	}
}
