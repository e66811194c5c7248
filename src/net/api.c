/* kling-tui: the client's public face: names, advice, and the blocking
 * request for simple command-line calls.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "xfer.h"
#include "text.h"
#include "xmalloc.h"
#include "i18n.h"

const char *
api_outcome_name(enum api_outcome o)
{
	static const char *names[API_OUTCOME_COUNT] = {
		"ok", "unauthorized", "no_credits", "not_found", "invalid",
		"rate_limited", "maintenance", "server_error", "failed",
		"disabled", "other", "not_sent", "no_answer", "bad_response",
		"local_error", "cancelled"
	};

	return (unsigned)o < API_OUTCOME_COUNT ? names[o] : "?";
}

const char *
api_kind_name(enum api_kind k)
{
	static const char *names[] = {
		"create", "task_info", "balance", "download", "head", "fetch"
	};

	return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

bool
api_result_unknown(const struct api_result *r)
{
	/* Once the body may have left, anything short of the service's own
	 * verdict (a timeout, a drop, a cut or foreign answer) leaves the
	 * task's existence unknown. */
	return r->kind == API_CREATE && (r->outcome == API_NO_ANSWER ||
	    r->outcome == API_BAD_RESPONSE);
}

char *
api_image_problem(const struct api_result *r)
{
	const char	*ct = r->content_type != NULL ? r->content_type : "";
	char		*s, *adv;

	if (r->outcome != API_OK) {
		adv = api_advice(r);
		xasprintf(&s, _("image not reachable: %s"), adv);
		free(adv);
		return s;
	}
	if (strncasecmp(ct, "image/jpeg", 10) != 0 &&
	    strncasecmp(ct, "image/jpg", 9) != 0 &&
	    strncasecmp(ct, "image/png", 9) != 0) {
		xasprintf(&s, _("not a JPEG or PNG image (%s)"),
		    *ct != '\0' ? ct : _("no content type"));
		return s;
	}
	if (r->bytes > API_IMAGE_MAX_BYTES) {
		xasprintf(&s, _("image of %.1f MB: the limit is 10 MB"),
		    (double)r->bytes / (1024 * 1024));
		return s;
	}
	return NULL;
}

bool
api_status_final(const char *status)
{
	return status != NULL && (strcmp(status, "success") == 0 ||
	    strcmp(status, "failed") == 0);
}

char *
api_advice(const struct api_result *r)
{
	const char	*m = r->message != NULL ? r->message : "";
	char		*s, wait[64] = "";

	if (r->retry_after >= 0)
		snprintf(wait, sizeof wait, _(" (the service asks to wait %lds)"),
		    r->retry_after);
	switch (r->outcome) {
	case API_OK:
		xasprintf(&s, "ok");
		break;
	case API_UNAUTHORIZED:
		xasprintf(&s, _("401: the API key was refused: set CRUN_API_KEY, "
		    "or key_file in the config (kling-tui doctor shows where)"));
		break;
	case API_NO_CREDITS:
		xasprintf(&s, _("402: not enough credits: top up the account "
		    "(kling-tui balance shows what is left)"));
		break;
	case API_NOT_FOUND:
		if (r->kind == API_TASK_INFO)
			xasprintf(&s, _("404: the service knows no such task: "
			    "check the task id"));
		else if (r->kind == API_DOWNLOAD || r->kind == API_HEAD ||
		    r->kind == API_FETCH)
			xasprintf(&s, _("404: nothing at that URL (result "
			    "links expire: download promptly)"));
		else
			xasprintf(&s, _("404: not found: check the base URL"));
		break;
	case API_INVALID:
		xasprintf(&s, _("422: the service refused the storyboard: %s"),
		    m);
		break;
	/* A result reaches its caller once the retries are spent: say so,
	 * not that it is still being retried. */
	case API_RATE_LIMITED:
		xasprintf(&s, _("429: too many requests; gave up after %d attempt%s: "
		    "try again later%s"), r->attempts, r->attempts == 1 ? "" : "s", wait);
		break;
	case API_MAINTENANCE:
		xasprintf(&s, _("455: the service is under maintenance; gave up after "
		    "%d attempt%s: try again later%s"), r->attempts,
		    r->attempts == 1 ? "" : "s", wait);
		break;
	case API_SERVER_ERROR:
		if (r->kind == API_CREATE)
			xasprintf(&s, _("500: server error: the task was not "
			    "resent; check with kling-tui list before "
			    "submitting again"));
		else
			xasprintf(&s, _("500: server error: %s"), m);
		break;
	case API_GEN_FAILED:
		xasprintf(&s, _("501: generation failed: %s"), m);
		break;
	case API_DISABLED:
		xasprintf(&s, _("505: feature disabled by the service: %s"), m);
		break;
	case API_OTHER:
		xasprintf(&s, _("unexpected answer (HTTP %ld, code %ld): %s"),
		    r->http_status, r->code, m);
		break;
	case API_NOT_SENT:
		/* A result link lives on another host (a CDN): the base URL
		 * has nothing to do with it. */
		if (r->kind == API_DOWNLOAD || r->kind == API_HEAD ||
		    r->kind == API_FETCH)
			xasprintf(&s, _("could not reach the file's server (%s): check "
			    "the network, then try again"), m);
		else
			xasprintf(&s, _("could not reach the service (%s): check the "
			    "network and the base URL"), m);
		break;
	case API_NO_ANSWER:
		if (r->kind == API_CREATE)
			xasprintf(&s, _("no answer after the request was sent "
			    "(%s): the task may or may not exist; it was not "
			    "resent: check kling-tui list"), m);
		else
			xasprintf(&s, _("no answer (%s): try again later"), m);
		break;
	case API_BAD_RESPONSE:
		if (r->kind == API_CREATE)
			xasprintf(&s, _("the service's answer was unreadable "
			    "(%s): the task may or may not exist; it was not "
			    "resent: check kling-tui list"), m);
		else if (r->kind == API_DOWNLOAD || r->kind == API_HEAD ||
		    r->kind == API_FETCH)
			xasprintf(&s, _("the file's server answered oddly (%s): try "
			    "again later"), m);
		else
			xasprintf(&s, _("the answer was not the service's (%s): "
			    "check the base URL or try again later"), m);
		break;
	case API_LOCAL_ERROR:
		xasprintf(&s, "%s", m);
		break;
	case API_CANCELLED:
	default:
		xasprintf(&s, "cancelled");
		break;
	}
	return s;
}

char *
api_download_path(const char *dir, const char *task_id, char **cause)
{
	char	*name = text_file_name(task_id), *path;

	if (*name == '\0') {
		free(name);
		*cause = xstrdup(_("the task id has no character usable in a "
		    "file name"));
		return NULL;
	}
	if (dir == NULL || *dir == '\0')
		xasprintf(&path, "%s.mp4", name);
	else
		xasprintf(&path, "%s%s%s.mp4", dir,
		    dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	free(name);
	return path;
}

struct api_blocking {
	api_progress_cb	 cb;
	void		*arg;
};

static void
api_progress(struct xfer *x, int64_t now, int64_t total)
{
	struct api_blocking	*b = x->progress_arg;

	b->cb(now, total, b->arg);
}

static void
api_sleep_ms(long ms)
{
	struct timespec	ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &ts) == EINTR)
		;
}

int
api_perform(const struct api_conn *ac, const struct api_request *req,
    api_progress_cb cb, void *arg, struct api_result *res)
{
	return api_perform_told(ac, req, cb, NULL, arg, res);
}

int
api_perform_told(const struct api_conn *ac, const struct api_request *req,
    api_progress_cb cb, api_retry_cb retrying, void *arg, struct api_result *res)
{
	struct net_conn		*conn = net_conn_new(ac);
	struct api_blocking	 b = { cb, arg };
	struct xfer		 x;
	char			*cause = NULL;
	long			 delay;
	int			 attempts = 0;

	api_result_clear(res);
	res->kind = req->kind;
	if (xfer_init(&x, conn, req, &cause) != 0) {
		res->outcome = API_LOCAL_ERROR;
		res->message = response_text(cause, strlen(cause));
		free(cause);
		net_conn_free(&conn);
		return -1;
	}
	if (cb != NULL) {
		x.progress = api_progress;
		x.progress_arg = &b;
	}
	for (;;) {
		attempts++;
		if (xfer_setup(&x, res) == 0)
			xfer_finish(&x, curl_easy_perform(x.easy), res);
		res->attempts = attempts;
		if ((delay = retry_delay(&conn->retry, res)) < 0)
			break;
		if (retrying != NULL)
			retrying(res, attempts, delay, arg);
		api_sleep_ms(delay);
	}
	xfer_free(&x);
	net_conn_free(&conn);
	return res->outcome == API_OK ? 0 : -1;
}
