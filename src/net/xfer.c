/* kling-tui: building a curl easy handle for a request, and reading what
 * came of it.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "log.h"
#include "xfer.h"
#include "xmalloc.h"
#include "i18n.h"

#define XFER_PROGRESS_MS 100	/* between two progress reports */
/* What curl_easy_escape() leaves as it is (RFC 3986 unreserved). */
#define XFER_UNRESERVED "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" \
	"0123456789-._~"

static void	xfer_free_headers(struct xfer *);

static char *
xfer_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static int
xfer_build_url(struct xfer *x, char **cause)
{
	const struct api_request	*r = &x->req;
	char				*id;

	switch (r->kind) {
	case API_CREATE:
		if (r->body == NULL) {
			*cause = xstrdup("a create needs a body");
			return -1;
		}
		xasprintf(&x->url, "%s/api/v1/client/job/CreateTask",
		    x->conn->base_url);
		break;
	case API_TASK_INFO:
		if (r->task_id == NULL || *r->task_id == '\0') {
			*cause = xstrdup("a task query needs a task id");
			return -1;
		}
		/* Ids are letters, digits, '-' and '_' (uuids, task_123):
		 * nothing to escape, and no copy to make. */
		if (r->task_id[strspn(r->task_id, XFER_UNRESERVED)] == '\0') {
			xasprintf(&x->url, "%s/api/v1/client/job/TaskInfo?task_id=%s",
			    x->conn->base_url, r->task_id);
			break;
		}
		if ((id = curl_easy_escape(NULL, r->task_id, 0)) == NULL) {
			*cause = xstrdup(_("out of memory for escaping the task "
			    "id"));
			return -1;
		}
		xasprintf(&x->url, "%s/api/v1/client/job/TaskInfo?task_id=%s",
		    x->conn->base_url, id);
		curl_free(id);
		break;
	case API_BALANCE:
		xasprintf(&x->url, "%s/api/v1/client/account/balance",
		    x->conn->base_url);
		break;
	case API_DOWNLOAD:
		if (r->dest == NULL || *r->dest == '\0') {
			*cause = xstrdup("a download needs a destination");
			return -1;
		}
		/* FALLTHROUGH */
	case API_HEAD:
	case API_FETCH:
		if (r->url == NULL || *r->url == '\0') {
			*cause = xstrdup("no URL given");
			return -1;
		}
		x->url = xstrdup(r->url);
		/* A URL from outside (a result video's): checked whole. */
		return url_check(x->url, x->conn->base_url, x->conn->allow_http,
		    cause);
	default:
		*cause = xstrdup("unknown request kind");
		return -1;
	}
	return url_check_api(x->conn, cause);
}

/* curl's sockets are inherited by what the program runs ($VISUAL, the
 * demo's simulator) unless marked: the live API connection must not be. */
static int
xfer_sockopt_cb(void *arg, curl_socket_t fd, curlsocktype purpose)
{
	(void)arg;
	(void)purpose;
	if (fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC) == -1)
		return CURL_SOCKOPT_ERROR;
	return CURL_SOCKOPT_OK;
}

void
xfer_copy(struct xfer *x, const struct net_conn *conn,
    const struct api_request *r)
{
	memset(x, 0, sizeof *x);
	x->conn = conn;
	x->req.kind = r->kind;
	x->req.body = xfer_dup(r->body);
	x->req.task_id = xfer_dup(r->task_id);
	x->req.known = r->known;
	x->req.url = xfer_dup(r->url);
	x->req.dest = xfer_dup(r->dest);
	x->total = -1;
}

int
xfer_check(struct xfer *x, char **cause)
{
	if (xfer_build_url(x, cause) != 0) {
		xfer_free(x);
		return -1;
	}
	if (x->req.kind == API_DOWNLOAD)
		xasprintf(&x->part, "%s.part", x->req.dest);
	return 0;
}

int
xfer_init(struct xfer *x, const struct net_conn *conn,
    const struct api_request *r, char **cause)
{
	xfer_copy(x, conn, r);
	return xfer_check(x, cause);
}

void
xfer_free(struct xfer *x)
{
	download_close(x);
	if (x->easy != NULL)
		curl_easy_cleanup(x->easy);
	xfer_free_headers(x);
	free((char *)x->req.body);
	free((char *)x->req.task_id);
	free((char *)x->req.url);
	free((char *)x->req.dest);
	free(x->url);
	free(x->buf);
	free(x->part);
	memset(x, 0, sizeof *x);
}

static size_t
xfer_write_cb(char *p, size_t size, size_t nmemb, void *arg)
{
	struct xfer	*x = arg;

	if (x->req.kind == API_DOWNLOAD)
		return download_write(x, p, size * nmemb);
	return response_buffer(x, p, size * nmemb);
}

/* The create body is handed over through a read callback rather than
 * POSTFIELDS so that we know whether any of it ever left: if not, the
 * request provably did not reach the service and may be resent. */
static size_t
xfer_read_cb(char *p, size_t size, size_t nmemb, void *arg)
{
	struct xfer	*x = arg;
	size_t		 left = strlen(x->req.body) - x->body_off;
	size_t		 n = size * nmemb < left ? size * nmemb : left;

	x->body_started = true;
	memcpy(p, x->req.body + x->body_off, n);
	x->body_off += n;
	return n;
}

static int
xfer_progress_cb(void *arg, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	struct xfer	*x = arg;
	int64_t		 now;

	if (x->progress == NULL || !x->to_file)
		return 0;
	now = clock_ms();
	if (now - x->progress_ms < XFER_PROGRESS_MS)
		return 0;
	x->progress_ms = now;
	x->progress(x, x->offset + x->written, x->total);
	return 0;
}

/* The list holds a copy of the key: wipe it before it goes back to the
 * allocator, where a core dump could find it. */
static void
xfer_free_headers(struct xfer *x)
{
	struct curl_slist	*l;

	if (x->headers == NULL)	/* also: libcurl not loaded (worker_hold) */
		return;
	for (l = x->headers; l != NULL; l = l->next)
		memset(l->data, 0, strlen(l->data));
	curl_slist_free_all(x->headers);
	x->headers = NULL;
}

/* The request's headers: -1 when curl cannot allocate them. */
static int
xfer_headers(struct xfer *x, bool api)
{
	struct curl_slist	*l;
	const char		*h[4];
	size_t			 n = 0, i;

	/* No "Expect: 100-continue" round trip before a create's body. */
	h[n++] = "Expect:";
	if (api) {
		h[n++] = "Accept: application/json";
		if (x->conn->key_header != NULL)
			h[n++] = x->conn->key_header;
	}
	if (x->req.kind == API_CREATE)
		h[n++] = "Content-Type: application/json";
	for (i = 0; i < n; i++) {
		if ((l = curl_slist_append(x->headers, h[i])) == NULL)
			return -1;
		x->headers = l;
	}
	return 0;
}

int
xfer_local_error(struct xfer *x, struct api_result *res, const char *fmt,
    ...)
{
	va_list	ap;

	api_result_clear(res);
	res->kind = x->req.kind;
	res->outcome = API_LOCAL_ERROR;
	va_start(ap, fmt);
	res->message = response_vprintf(fmt, ap);
	va_end(ap);
	return -1;
}

int
xfer_setup(struct xfer *x, struct api_result *res)
{
	const struct net_conn	*c = x->conn;
	CURL			*e;
	bool			 api;
	char			 range[64], *cause;

	/* Runs on the worker thread too: a failure here ends this request
	 * (API_LOCAL_ERROR), never the program through fatal(). */
	if (x->easy != NULL)
		curl_easy_reset(x->easy);
	else if ((x->easy = curl_easy_init()) == NULL)
		return xfer_local_error(x, res, "cannot set up the request: "
		    "curl_easy_init failed");
	e = x->easy;
	xfer_free_headers(x);
	free(x->buf);
	x->buf = NULL;
	x->len = x->cap = 0;
	x->over_cap = x->body_started = false;
	x->body_off = 0;
	x->errbuf[0] = '\0';

	curl_easy_setopt(e, CURLOPT_URL, x->url);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_USERAGENT, PACKAGE_NAME "/" PACKAGE_VERSION);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	if (c->cacert != NULL)
		curl_easy_setopt(e, CURLOPT_CAINFO, c->cacert);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, c->connect_timeout_ms);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, c->stall_secs);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, xfer_write_cb);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_SOCKOPTFUNCTION, xfer_sockopt_cb);

	api = x->req.kind == API_CREATE || x->req.kind == API_TASK_INFO ||
	    x->req.kind == API_BALANCE;
	if (xfer_headers(x, api) != 0)
		return xfer_local_error(x, res, _("cannot set up the request: "
		    "out of memory for its headers"));
	if (api)
		curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, c->timeout_ms);
	else {
		/* Result links may redirect (CDNs); never to plain http
		 * unless the user allowed it. */
		curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
		curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
		curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR,
		    c->allow_http ? "http,https" : "https");
	}

	switch (x->req.kind) {
	case API_CREATE:
		curl_easy_setopt(e, CURLOPT_POST, 1L);
		curl_easy_setopt(e, CURLOPT_READFUNCTION, xfer_read_cb);
		curl_easy_setopt(e, CURLOPT_READDATA, x);
		curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)strlen(x->req.body));
		/* curl resends a request that met a dead reused connection
		 * (it would here too if it could rewind the body); a paid,
		 * non-idempotent create must not risk that: it always gets
		 * a connection of its own. */
		curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, 1L);
		break;
	case API_HEAD:
		curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
		curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, c->timeout_ms);
		break;
	case API_FETCH:
		/* An announced size over the cap ends it before any byte. */
		curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)API_FETCH_MAX);
		curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, c->timeout_ms);
		break;
	case API_DOWNLOAD:
		if (download_open(x, &cause) != 0) {
			xfer_local_error(x, res, "%s", cause);
			free(cause);
			return -1;
		}
		if (x->offset > 0) {
			snprintf(range, sizeof range, "%lld-",
			    (long long)x->offset);
			curl_easy_setopt(e, CURLOPT_RANGE, range);
		}
		/* The advertised size (curl) and the written one (ours). */
		curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE,
		    (curl_off_t)(c->max_download - x->offset));
		curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, c->download_ms);
		curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
		curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, xfer_progress_cb);
		curl_easy_setopt(e, CURLOPT_XFERINFODATA, x);
		break;
	default:
		break;
	}
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
	return 0;
}

static void
xfer_message(struct api_result *res, const char *what, const char *detail)
{
	char	*s;

	free(res->message);
	xasprintf(&s, "%s: %s", what, detail);
	res->message = response_text(s, strlen(s));
	free(s);
}

/* curl did not bring back a whole answer. */
static void
xfer_transport(struct xfer *x, CURLcode rc, struct api_result *res)
{
	const char	*detail = x->errbuf[0] != '\0' ? x->errbuf :
			    curl_easy_strerror(rc);
	curl_off_t	 reqsize = 0;
	bool		 sent;

	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CRL_BADFILE:
		res->outcome = API_NOT_SENT;
		xfer_message(res, _("not sent"), detail);
		return;
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
	case CURLE_TOO_MANY_REDIRECTS:
		res->outcome = API_LOCAL_ERROR;
		xfer_message(res, "refused", detail);
		return;
	default:
		break;
	}
	if (rc == CURLE_PARTIAL_FILE && x->req.kind != API_DOWNLOAD) {
		/* The service answered but the body stopped short. */
		res->outcome = API_BAD_RESPONSE;
		xfer_message(res, _("answer cut short"), detail);
		return;
	}
	/* A timeout or a drop: whether the service may have acted depends on
	 * whether the request (for a create, its body) left this machine. */
	if (x->req.kind == API_CREATE)
		sent = x->body_started;
	else {
		curl_easy_getinfo(x->easy, CURLINFO_REQUEST_SIZE, &reqsize);
		sent = reqsize > 0;
	}
	res->outcome = sent ? API_NO_ANSWER : API_NOT_SENT;
	xfer_message(res, sent ? (rc == CURLE_OPERATION_TIMEDOUT ?
	    _("no answer in time") : _("connection lost")) : _("not sent"), detail);
}

/* An image's bytes came (all, or as many as the cap keeps). */
static void
xfer_fetched(struct xfer *x, CURLcode rc, long http, struct api_result *res)
{
	struct curl_header	*h;
	curl_off_t		 cl = -1;

	xasprintf(&res->message, "HTTP %ld", http);
	if (http < 200 || http >= 300) {
		res->outcome = response_outcome(http);
		return;
	}
	res->outcome = API_OK;
	res->over_cap = rc != CURLE_OK || x->len > API_IMAGE_MAX_BYTES;
	res->data = (unsigned char *)x->buf;
	res->data_len = x->len;
	x->buf = NULL;
	x->len = x->cap = 0;
	res->bytes = (int64_t)res->data_len;
	if (!res->over_cap)
		return;
	/* A size announced over the cap ends the transfer before curl
	 * takes it as the download's length: read the header then. */
	if (curl_easy_getinfo(x->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T,
	    &cl) != CURLE_OK || cl < 0) {
		cl = -1;
		if (curl_easy_header(x->easy, "Content-Length", 0, CURLH_HEADER,
		    -1, &h) == CURLHE_OK)
			cl = strtoll(h->value, NULL, 10);
	}
	if (cl > res->bytes)
		res->bytes = cl;
}

static void
xfer_settle(struct xfer *x, CURLcode rc, struct api_result *res)
{
	struct curl_header	*h;
	curl_off_t		 ra = 0, cl = -1;
	long			 http = 0;
	char			*ct = NULL;

	api_result_clear(res);
	res->kind = x->req.kind;
	res->retry_after = -1;
	res->bytes = -1;
	res->total = -1;
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &http);
	res->http_status = http;
	if (http > 0) {
		if (curl_easy_header(x->easy, "Retry-After", 0, CURLH_HEADER,
		    -1, &h) == CURLHE_OK &&
		    curl_easy_getinfo(x->easy, CURLINFO_RETRY_AFTER,
		    &ra) == CURLE_OK)
			res->retry_after = (long)ra;
		if (curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE,
		    &ct) == CURLE_OK && ct != NULL)
			res->content_type = response_text(ct, strlen(ct));
	}

	if (x->req.kind == API_FETCH && (rc == CURLE_OK ||
	    rc == CURLE_FILESIZE_EXCEEDED || (rc == CURLE_WRITE_ERROR && x->over_cap))) {
		xfer_fetched(x, rc, http, res);
		return;
	}
	if (rc == CURLE_FILESIZE_EXCEEDED)
		x->too_big = true;	/* advertised: curl refused it */
	if (rc == CURLE_WRITE_ERROR && x->too_big) {
		res->outcome = API_LOCAL_ERROR;
		xasprintf(&res->message, _("the file is larger than the download "
		    "cap of %lld bytes (KLING_TUI_DOWNLOAD_MAX)"),
		    (long long)x->conn->max_download);
	} else if (rc == CURLE_FILESIZE_EXCEEDED) {
		res->outcome = API_LOCAL_ERROR;
		xasprintf(&res->message, _("the server announces a file larger "
		    "than the download cap of %lld bytes (KLING_TUI_DOWNLOAD_MAX)"),
		    (long long)x->conn->max_download);
	} else if (rc == CURLE_WRITE_ERROR && x->io_errno != 0) {
		res->outcome = API_LOCAL_ERROR;
		xfer_message(res, x->part, strerror(x->io_errno));
	} else if (rc == CURLE_WRITE_ERROR && x->range_error) {
		res->outcome = API_BAD_RESPONSE;
		xfer_message(res, "download", _("the server sent the wrong range"));
	} else if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && x->over_cap))
		xfer_transport(x, rc, res);
	else if (x->req.kind == API_HEAD) {
		res->outcome = http >= 200 && http < 300 ? API_OK :
		    response_outcome(http);
		if (curl_easy_getinfo(x->easy,
		    CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl) == CURLE_OK)
			res->bytes = cl;
		xasprintf(&res->message, "HTTP %ld", http);
	} else if (x->req.kind == API_DOWNLOAD) {
		download_finish(x, http, res);
		return;
	} else
		response_decode(x, http, res);
	if (x->req.kind == API_DOWNLOAD) {
		res->bytes = x->offset + x->written;
		res->total = x->total;
		download_done(x);
	}
}

/* One line of the trace per attempt: what was asked, what came back, how
 * long it took. A result link's query (a signed CDN token, maybe) is left
 * out; the key is never in a URL. */
static void
xfer_log(struct xfer *x, const struct api_result *res)
{
	static const char *const methods[] = {
		[API_CREATE] = "POST", [API_TASK_INFO] = "GET", [API_BALANCE] = "GET",
		[API_DOWNLOAD] = "GET", [API_HEAD] = "HEAD", [API_FETCH] = "GET"
	};
	curl_off_t us = 0;
	const char *url = x->url != NULL ? x->url : "?";
	int n = (int)strlen(url);

	if (!log_enabled(LOG_INFO))
		return;
	if ((x->req.kind == API_DOWNLOAD || x->req.kind == API_HEAD ||
	    x->req.kind == API_FETCH) &&
	    strchr(url, '?') != NULL)
		n = (int)(strchr(url, '?') - url);
	curl_easy_getinfo(x->easy, CURLINFO_TOTAL_TIME_T, &us);
	log_msg(LOG_INFO, "net", "%s %.*s -> %ld %s in %ld ms%s%s",
	    methods[x->req.kind], n, url, res->http_status, api_outcome_name(res->outcome),
	    (long)(us / 1000), res->outcome == API_OK ? "" : ": ",
	    res->outcome == API_OK ? "" : res->message != NULL ? res->message : "");
}

void
xfer_finish(struct xfer *x, CURLcode rc, struct api_result *res)
{
	xfer_settle(x, rc, res);
	xfer_log(x, res);
}
