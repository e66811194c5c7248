/* kling-tui: the service's answers: kept in memory up to the cap, and read
 * as {"code","message","data"}.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * Everything taken from an answer is sanitised here, once, so that no
 * caller can print server text raw. The body code and the HTTP status are
 * read together: a gateway's 502 page is not the service's 200. */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "text.h"
#include "xfer.h"
#include "xmalloc.h"
#include "i18n.h"

#define RESPONSE_TEXT_MAX 512	/* bytes kept of a server message */
#define RESPONSE_URL_MAX  4096

char *
response_text(const char *s, size_t len)
{
	return text_sanitize(s, len, RESPONSE_TEXT_MAX, false);
}

/* Formatted without vasprintf(), whose failure would leave only fatal():
 * this runs on the worker thread, where only xmalloc() may give up. */
char *
response_vprintf(const char *fmt, va_list ap)
{
	va_list	 aq;
	char	*s, *t;
	int	 n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	s = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	s[0] = '\0';
	if (n > 0)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	t = response_text(s, strlen(s));
	free(s);
	return t;
}

enum api_outcome
response_outcome(long code)
{
	switch (code) {
	case 200:
		return API_OK;
	case 401:
		return API_UNAUTHORIZED;
	case 402:
		return API_NO_CREDITS;
	case 404:
		return API_NOT_FOUND;
	case 422:
		return API_INVALID;
	case 429:
		return API_RATE_LIMITED;
	case 455:
		return API_MAINTENANCE;
	case 500:
		return API_SERVER_ERROR;
	case 501:
		return API_GEN_FAILED;
	case 505:
		return API_DISABLED;
	default:
		return API_OTHER;
	}
}

size_t
response_buffer(struct xfer *x, const char *p, size_t n)
{
	/* An image fetched has the service's cap, not an answer's. */
	size_t max = x->req.kind == API_FETCH ? API_FETCH_MAX : x->conn->max_response;

	if (n > max - x->len) {
		/* An image keeps what fits: its first bytes still tell its
		 * type and size. */
		if (x->req.kind == API_FETCH && x->len < max)
			response_buffer(x, p, max - x->len);
		x->over_cap = true;
		return 0;
	}
	if (x->len + n + 1 > x->cap) {
		x->cap = x->len + n + 1 < 4096 ? 4096 : (x->len + n + 1) * 2;
		if (x->cap > max + 1)
			x->cap = max + 1;
		x->buf = xrealloc(x->buf, x->cap);
	}
	memcpy(x->buf + x->len, p, n);
	x->len += n;
	x->buf[x->len] = '\0';
	return n;
}

static char *
response_string(const cJSON *obj, const char *key, size_t max)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return NULL;
	return text_sanitize(v->valuestring, strlen(v->valuestring), max,
	    false);
}

/* A JSON integer that fits a long; false for anything else. */
static bool
response_long(const cJSON *obj, const char *key, long *out)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) ||
	    v->valuedouble != floor(v->valuedouble) ||
	    fabs(v->valuedouble) > 9e15)
		return false;
	*out = (long)v->valuedouble;
	return true;
}

static int
response_task(const cJSON *data, struct api_task *t, bool known)
{
	const cJSON	*result, *urls, *u, *v;
	char		*raw;
	long		 n;
	size_t		 i;

	t->task_id = response_string(data, "task_id", RESPONSE_TEXT_MAX);
	t->status = response_string(data, "status", RESPONSE_TEXT_MAX);
	if (t->task_id == NULL || t->status == NULL)
		return -1;
	if (response_long(data, "create_at", &n))
		t->create_at = n;
	if (response_long(data, "complete_at", &n))
		t->complete_at = n;
	v = cJSON_GetObjectItemCaseSensitive(data, "credits");
	if (cJSON_IsNumber(v) && isfinite(v->valuedouble)) {
		t->credits = v->valuedouble;
		t->has_credits = true;
	}
	v = known ? NULL : cJSON_GetObjectItemCaseSensitive(data, "param");
	if (v != NULL && !cJSON_IsNull(v) &&
	    (raw = cJSON_PrintUnformatted(v)) != NULL) {
		/* cJSON escapes controls but passes invalid UTF-8 through;
		 * sanitising (no length cap) leaves JSON still valid. */
		t->param_json = text_sanitize(raw, strlen(raw), 0, false);
		cJSON_free(raw);
	}

	result = cJSON_GetObjectItemCaseSensitive(data, "result");
	if (!cJSON_IsObject(result))
		return 0;
	if (response_long(result, "code", &n))
		t->result_code = n;
	t->result_message = response_string(result, "message",
	    RESPONSE_TEXT_MAX);
	urls = cJSON_GetObjectItemCaseSensitive(result, "media_urls");
	if (!cJSON_IsArray(urls))
		return 0;
	t->media_urls = xcalloc((size_t)cJSON_GetArraySize(urls) + 1,
	    sizeof *t->media_urls);
	i = 0;
	cJSON_ArrayForEach(u, urls) {
		if (cJSON_IsString(u) && u->valuestring != NULL)
			t->media_urls[i++] = text_sanitize(u->valuestring,
			    strlen(u->valuestring), RESPONSE_URL_MAX, false);
	}
	t->nmedia = i;
	return 0;
}

/* Fill the payload of a 200 answer; -1 when it lacks what the kind needs. */
static int
response_payload(struct api_result *res, const cJSON *data, bool known)
{
	const cJSON	*v;

	if (!cJSON_IsObject(data))
		return -1;
	switch (res->kind) {
	case API_CREATE:
		res->task_id = response_string(data, "task_id",
		    RESPONSE_TEXT_MAX);
		return res->task_id == NULL || *res->task_id == '\0' ?
		    -1 : 0;
	case API_TASK_INFO:
		return response_task(data, &res->task, known);
	case API_BALANCE:
		v = cJSON_GetObjectItemCaseSensitive(data, "balance");
		if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
			return -1;
		res->balance = v->valuedouble;
		return 0;
	default:
		return -1;
	}
}

static void
response_bad(struct api_result *res, long http_status, const char *why,
    const char *content_type)
{
	res->outcome = API_BAD_RESPONSE;
	free(res->message);
	if (content_type != NULL && *content_type != '\0')
		xasprintf(&res->message, "HTTP %ld: %s (%s)", http_status,
		    why, content_type);
	else
		xasprintf(&res->message, "HTTP %ld: %s", http_status, why);
}

/* The body begins as JSON would ('{' or '[' after blanks): then it was cut
 * or broken, not some other kind of page. */
static bool
response_json_start(const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	    p[i] == '\n'); i++)
		;
	return i < len && (p[i] == '{' || p[i] == '[');
}

void
response_decode(struct xfer *x, long http_status, struct api_result *res)
{
	cJSON	*root;
	long	 code;
	bool	 has_code;

	if (x->over_cap) {
		response_bad(res, http_status, _("answer larger than the limit"),
		    NULL);
		return;
	}
	root = cJSON_ParseWithLength(x->buf != NULL ? x->buf : "", x->len);
	if (!cJSON_IsObject(root)) {
		/* Not the API speaking: a proxy page, garbage, a cut body.
		 * Still tell a plain 404/401 apart for the user. */
		response_bad(res, http_status, x->len == 0 ? _("empty answer") :
		    response_json_start(x->buf, x->len) ? _("a JSON answer cut short "
		    "or malformed") : _("not a JSON answer"), res->content_type);
		/* A gateway's own "slow down" page still means slow down. */
		if (http_status == 429 || http_status == 455)
			res->outcome = response_outcome(http_status);
		cJSON_Delete(root);
		return;
	}
	has_code = response_long(root, "code", &code);
	free(res->message);
	res->message = response_string(root, "message", RESPONSE_TEXT_MAX);
	if (!has_code) {
		if (http_status == 200)
			response_bad(res, http_status, _("answer without a code"),
			    NULL);
		else {
			res->outcome = response_outcome(http_status);
			res->code = 0;
		}
	} else if (code == 200 && http_status != 200) {
		response_bad(res, http_status, _("body code 200 with an error "
		    "status"), NULL);
	} else {
		res->code = code;
		res->outcome = response_outcome(code);
		if (res->outcome == API_OK &&
		    response_payload(res, cJSON_GetObjectItemCaseSensitive(root,
		    "data"), x->req.known) != 0)
			response_bad(res, http_status, _("answer without the "
			    "expected data"), NULL);
	}
	if (res->message == NULL)
		xasprintf(&res->message, "HTTP %ld, code %ld", http_status,
		    res->code);
	cJSON_Delete(root);
}
