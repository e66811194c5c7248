/* kling-sim: --log FILE: one JSON line per request, for tests to assert on.
 * Headers are never written, so the API key never reaches the log.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "xmalloc.h"

static pthread_mutex_t	 reqlog_lock = PTHREAD_MUTEX_INITIALIZER;
static FILE		*reqlog_file;

int
reqlog_open(const char *path, char **cause)
{
	if ((reqlog_file = fopen(path, "a")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

void
reqlog_close(void)
{
	if (reqlog_file != NULL)
		fclose(reqlog_file);
	reqlog_file = NULL;
}

static void
reqlog_add_int(cJSON *o, const char *key, int v)
{
	if (v < 0)
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddNumberToObject(o, key, v);
}

static void
reqlog_add_str(cJSON *o, const char *key, const char *v)
{
	if (v == NULL || *v == '\0')
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddStringToObject(o, key, v);
}

/* status and code are -1 when nothing was answered or the body had no code. */
void
reqlog_write(const struct reqlog_entry *e)
{
	cJSON	*o;
	char	*line;

	if (reqlog_file == NULL)
		return;
	o = cJSON_CreateObject();
	/* Milliseconds: enough to see a client's back-off. */
	cJSON_AddNumberToObject(o, "t", (double)(long long)(e->t * 1000) / 1000);
	cJSON_AddNumberToObject(o, "conn", (double)e->conn);
	reqlog_add_str(o, "method", e->method);
	reqlog_add_str(o, "path", e->path);
	reqlog_add_str(o, "query", e->query);
	reqlog_add_int(o, "status", e->status);
	reqlog_add_int(o, "code", e->code);
	reqlog_add_str(o, "fault", e->fault);
	reqlog_add_str(o, "task_id", e->task_id);
	if ((line = cJSON_PrintUnformatted(o)) == NULL)
		fatal("cJSON_PrintUnformatted: out of memory");
	cJSON_Delete(o);
	pthread_mutex_lock(&reqlog_lock);
	fprintf(reqlog_file, "%s\n", line);
	fflush(reqlog_file);
	pthread_mutex_unlock(&reqlog_lock);
	free(line);
}
