/* kling-sim: building answers in the service's envelope
 * {"code":C,"message":"...","data":...}.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"
#include "xmalloc.h"

static void
reply_set_json(struct sim_reply *rp, int status, int code, cJSON *root)
{
	char *text;

	if ((text = cJSON_PrintUnformatted(root)) == NULL)
		fatal("cJSON_PrintUnformatted: out of memory");
	cJSON_Delete(root);
	reply_clear_body(rp);
	rp->status = status;
	rp->code = code;
	rp->body = text;
	rp->len = strlen(text);
	rp->ctype = "application/json";
}

/* A success: data is consumed (NULL sends "data":null). */
void
reply_ok(struct sim_reply *rp, cJSON *data)
{
	cJSON *root = cJSON_CreateObject();

	cJSON_AddNumberToObject(root, "code", 200);
	cJSON_AddStringToObject(root, "message", "success");
	cJSON_AddItemToObject(root, "data", data != NULL ? data : cJSON_CreateNull());
	reply_set_json(rp, 200, 200, root);
}

/* An error of API.md section 4: data is null, the HTTP status is the code
 * (or 200 with --style documented). The two that ask a client to come back later say
 * when. */
void
reply_error(struct sim_reply *rp, int code, const char *fmt, ...)
{
	cJSON	*root = cJSON_CreateObject();
	char	*msg;
	va_list	 ap;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1)
		fatal("vasprintf: out of memory");
	va_end(ap);
	cJSON_AddNumberToObject(root, "code", code);
	cJSON_AddStringToObject(root, "message", msg);
	cJSON_AddNullToObject(root, "data");
	free(msg);
	/* The documented service says every error in the body's code, over
	 * HTTP 200; this simulator's own style uses the code as status too. */
	reply_set_json(rp, sim_cfg.documented ? 200 : code, code, root);
	if (code == 429 || code == 455)
		rp->retry_after = sim_cfg.retry_after;
}

/* The message a forced or policy code carries, worded like the service's. */
const char *
reply_code_message(int code)
{
	switch (code) {
	case 401:
		return "invalid or missing API key";
	case 402:
		return "insufficient credits";
	case 404:
		return "not found";
	case 422:
		return "parameter validation failed";
	case 429:
		return "rate limit exceeded, slow down";
	case 455:
		return "service under maintenance, try again later";
	case 500:
		return "internal server error";
	case 501:
		return "generation failed";
	case 505:
		return "this feature is disabled";
	default:
		return "error";
	}
}

void
reply_clear_body(struct sim_reply *rp)
{
	if (!rp->body_static)
		free(rp->body);
	rp->body = NULL;
	rp->len = 0;
	rp->body_static = false;
	if (rp->gen.free != NULL)
		rp->gen.free(rp->gen.arg);
	memset(&rp->gen, 0, sizeof rp->gen);
	rp->content_range[0] = '\0';
}

void
reply_set_static(struct sim_reply *rp, int status, const char *ctype,
    const void *body, size_t len)
{
	reply_clear_body(rp);
	rp->status = status;
	rp->code = -1;
	rp->ctype = ctype;
	rp->body = (char *)body;
	rp->len = len;
	rp->body_static = true;
}
