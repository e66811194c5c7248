/* kling-sim: injected faults and forced error codes (--fault, --force-code):
 * parsing the options, drawing which requests get one, and bending the
 * answer accordingly.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "xmalloc.h"

/* A body far larger than any client's cap: it is generated, never held. */
#define FAULT_HUGE_SIZE	(2ULL * 1024 * 1024 * 1024)

static const char *const fault_names[] = {
	[FAULT_NONE] = NULL,
	[FAULT_GARBAGE] = "garbage",
	[FAULT_TRUNCATE] = "truncate",
	[FAULT_RESET] = "reset",
	[FAULT_STALL] = "stall",
	[FAULT_HUGE] = "huge",
	[FAULT_HTML] = "html",
	[FAULT_OTHER_ID] = "other-id",
	[FAULT_CODE] = "code",
};

static const char *const route_names[ROUTE_COUNT] = {
	[ROUTE_CREATE] = "create",
	[ROUTE_INFO] = "taskinfo",
	[ROUTE_BALANCE] = "balance",
	[ROUTE_MEDIA] = "media",
	[ROUTE_IMAGE] = "images",
};

const char *
fault_name(enum fault_kind kind)
{
	return fault_names[kind];
}

/* "create,taskinfo" or "api" or "all" into ROUTE_BIT()s. */
static int
fault_parse_scope(const char *s, unsigned *scope, char **cause)
{
	char	*copy = xstrdup(s), *p = copy, *word;
	int	 r;

	*scope = 0;
	while ((word = strsep(&p, ",")) != NULL) {
		if (strcmp(word, "api") == 0) {
			*scope |= ROUTES_API;
			continue;
		}
		if (strcmp(word, "all") == 0) {
			*scope |= ROUTES_ALL;
			continue;
		}
		for (r = 1; r < ROUTE_COUNT; r++) {
			if (strcmp(word, route_names[r]) == 0)
				break;
		}
		if (r == ROUTE_COUNT) {
			xasprintf(cause, "unknown endpoint \"%s\" (create, "
			    "taskinfo, balance, media, images, api, all)", word);
			free(copy);
			return -1;
		}
		*scope |= ROUTE_BIT(r);
	}
	free(copy);
	return 0;
}

/* Parse "WHAT[:SHARE][@ENDPOINTS]"; WHAT is a fault's name, or a code when
 * is_code. */
int
fault_parse(const char *arg, bool is_code, struct fault_rule *rule, char **cause)
{
	char	*copy = xstrdup(arg), *at, *colon, *end;
	long	 code;
	int	 k;

	memset(rule, 0, sizeof *rule);
	rule->share = 1;
	rule->scope = ROUTES_ALL;
	if ((at = strchr(copy, '@')) != NULL) {
		*at++ = '\0';
		if (fault_parse_scope(at, &rule->scope, cause) != 0)
			goto fail;
	}
	if ((colon = strchr(copy, ':')) != NULL) {
		*colon++ = '\0';
		rule->share = strtod(colon, &end);
		if (*colon == '\0' || *end != '\0' || !(rule->share >= 0 &&
		    rule->share <= 1)) {
			xasprintf(cause, "share \"%s\" is not a number from 0 "
			    "to 1", colon);
			goto fail;
		}
	}
	if (is_code) {
		code = strtol(copy, &end, 10);
		if (*copy == '\0' || *end != '\0' || code < 400 || code > 599) {
			xasprintf(cause, "code \"%s\" is not an error code "
			    "(400..599)", copy);
			goto fail;
		}
		rule->kind = FAULT_CODE;
		rule->code = (int)code;
	} else {
		for (k = FAULT_GARBAGE; k < FAULT_CODE; k++) {
			if (strcmp(copy, fault_names[k]) == 0)
				break;
		}
		if (k == FAULT_CODE) {
			xasprintf(cause, "unknown fault \"%s\" (garbage, truncate, "
			    "reset, stall, huge, html, other-id)", copy);
			goto fail;
		}
		rule->kind = (enum fault_kind)k;
	}
	free(copy);
	return 0;
fail:
	free(copy);
	return -1;
}

/* The first rule of the wanted sort (forced codes, or the other faults) in
 * scope whose draw hits, or NULL. Every rule in scope draws, so one rule's
 * hit does not change what the others draw next. */
const struct fault_rule *
fault_pick(enum sim_route route, bool codes)
{
	const struct fault_rule	*r, *hit = NULL;
	size_t			 i;

	for (i = 0; i < sim_cfg.nrules; i++) {
		r = &sim_cfg.rules[i];
		if ((r->kind == FAULT_CODE) != codes ||
		    (r->scope & ROUTE_BIT(route)) == 0)
			continue;
		if (rng_chance(r->share) && hit == NULL)
			hit = r;
	}
	return hit;
}

static ssize_t
fault_fill_huge(void *arg, uint64_t pos, char *buf, size_t max)
{
	static const char	head[] = "{\"code\":200,\"message\":\"";
	size_t			n = 0;

	if (pos >= FAULT_HUGE_SIZE)
		return -1;
	if (max > FAULT_HUGE_SIZE - pos)
		max = (size_t)(FAULT_HUGE_SIZE - pos);
	for (; n < max && pos < sizeof head - 1; n++, pos++)
		buf[n] = head[pos];
	memset(buf + n, ' ', max - n);
	return (ssize_t)max;
}

/* A server that mixes up its tasks: TaskInfo answers about a task id one
 * off from the one asked, CreateTask repeats the first id it ever gave. The
 * client must not take either as news of its own task. */
static void
fault_other_id(struct sim_reply *rp)
{
	static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
	static char		 first[40];
	cJSON			*root, *data, *id;
	char			 other[40], *text;
	size_t			 n;

	if (rp->body == NULL || rp->body_static || rp->code != 200 ||
	    (root = cJSON_ParseWithLength(rp->body, rp->len)) == NULL)
		return;
	data = cJSON_GetObjectItemCaseSensitive(root, "data");
	id = cJSON_GetObjectItemCaseSensitive(data, "task_id");
	if (cJSON_IsString(id) && (n = strlen(id->valuestring)) > 0 && n < sizeof other) {
		memcpy(other, id->valuestring, n + 1);
		if (rp->task_id[0] != '\0') {
			pthread_mutex_lock(&lock);
			if (first[0] == '\0')
				memcpy(first, other, n + 1);
			else
				memcpy(other, first, sizeof other);
			pthread_mutex_unlock(&lock);
		} else
			other[n - 1] = other[n - 1] == '0' ? '1' : '0';
		cJSON_SetValuestring(id, other);
		if ((text = cJSON_PrintUnformatted(root)) != NULL) {
			free(rp->body);
			rp->body = text;
			rp->len = strlen(text);
		}
	}
	cJSON_Delete(root);
}

/* Bend an answer by a fault that still sends something. */
void
fault_apply(enum fault_kind kind, struct sim_reply *rp)
{
	static const char garbage[] =
	    "\x1b[2J\x1b[H\x1b]0;owned\x07<<\xff\xfe binary \x00\x01\x02 noise "
	    "\x1b[31mnot json\x1b[0m\r\n";
	static const char html[] =
	    "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
	    "<body><h1>502 Bad Gateway</h1><p>upstream connect error</p>"
	    "</body></html>\n";

	if (kind != FAULT_TRUNCATE && kind != FAULT_OTHER_ID)
		rp->retry_after = 0;	/* a new answer replaces the old */
	switch (kind) {
	case FAULT_GARBAGE:
		reply_set_static(rp, 200, "application/json", garbage,
		    sizeof garbage - 1);
		break;
	case FAULT_HTML:
		reply_set_static(rp, 502, "text/html", html, sizeof html - 1);
		break;
	case FAULT_HUGE:
		reply_clear_body(rp);
		rp->status = 200;
		rp->code = -1;
		rp->ctype = "application/json";
		rp->gen.fill = fault_fill_huge;
		rp->gen.size = UINT64_MAX;
		break;
	case FAULT_OTHER_ID:
		fault_other_id(rp);
		break;
	case FAULT_TRUNCATE:
		/* JSON is cut with a matching length, so the client reads a
		 * whole answer that does not parse; a streamed file stops
		 * halfway through the length it announced, as a dropped
		 * download does. */
		if (rp->gen.fill != NULL)
			rp->cut_at = rp->gen.size / 2;
		else
			rp->len /= 2;
		break;
	default:
		break;
	}
}
