/* kling-tui: one request as a curl easy handle (internal to src/net).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * Shared by the blocking api_perform() and the worker's multi loop, so that
 * both build and interpret requests with the same code: xfer_setup() before
 * each attempt, the caller runs the handle (easy or multi), xfer_finish()
 * turns what happened into an api_result.
 *
 * Calls between the files go one way, down this list: api.c and worker.c
 * run requests through xfer.c; xfer.c hands a download's bytes to
 * download.c and an answer's to response.c; download.c keeps an error page
 * through response.c. conn.c, result.c, url.c and retry.c call none of
 * them. A function two files need lives in the lower one. */
#ifndef KT_XFER_H
#define KT_XFER_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "curlsym.h"

#include "api.h"

/* api_conn with its strings owned and its zeros made defaults (conn.c). */
struct net_conn {
	char		*base_url;	/* without trailing '/' */
	char		*key_header;	/* "x-api-key: ...", NULL: no key */
	char		*cacert;
	bool		 allow_http;
	long		 connect_timeout_ms;
	long		 timeout_ms;
	long		 stall_secs;
	size_t		 max_response;
	int64_t		 max_download;
	long		 download_ms;
	struct api_retry retry;
	/* url_check() of base_url, made once (url.c): every API URL is
	 * base_url and a path of ours, so its host is base_url's. */
	struct url_verdict *base_verdict;
};

struct net_conn	*net_conn_new(const struct api_conn *);
void		 net_conn_free(struct net_conn **);

struct xfer;
typedef void (*xfer_progress_fn)(struct xfer *, int64_t now, int64_t total);

struct xfer {
	const struct net_conn	*conn;
	struct api_request	 req;		/* strings owned */
	CURL			*easy;
	struct curl_slist	*headers;
	char			*url;
	char			 errbuf[CURL_ERROR_SIZE];

	/* Per attempt. */
	char			*buf;		/* API answer or error body */
	size_t			 len;
	size_t			 cap;
	bool			 over_cap;
	bool			 body_started;	/* curl pulled create body bytes */
	size_t			 body_off;
	long			 retry_after;

	/* Downloads. */
	char			*part;		/* dest.part */
	FILE			*fp;
	int64_t			 offset;	/* bytes of .part when the attempt began */
	int64_t			 written;	/* this attempt */
	int64_t			 total;		/* whole file, -1 unknown */
	bool			 decided;	/* first body byte seen */
	bool			 to_file;	/* a 200/206: bytes go to fp */
	bool			 range_error;	/* a 206 not starting at offset */
	int			 io_errno;	/* writing fp failed */
	bool			 too_big;	/* over conn->max_download */

	xfer_progress_fn	 progress;
	void			*progress_arg;
	int64_t			 progress_ms;	/* last report (clock_ms) */
	void			*owner;		/* the worker's job */
};

/* Copy and check a request (fields present, URL scheme allowed). -1 and
 * *cause when unusable. */
int	 xfer_init(struct xfer *, const struct net_conn *,
	     const struct api_request *, char **cause);
/* The two halves of xfer_init(): the copy needs no libcurl (a request
 * queued before it is loaded, worker_hold()); the check does, and frees
 * the xfer when it fails. */
void	 xfer_copy(struct xfer *, const struct net_conn *,
	     const struct api_request *);
int	 xfer_check(struct xfer *, char **cause);
/* Prepare the easy handle for one attempt. -1 with res filled
 * (API_LOCAL_ERROR) when it cannot start (the .part file, curl out of
 * memory): that request ends, nothing else does. */
int	 xfer_setup(struct xfer *, struct api_result *res);
/* End an attempt that cannot start: res becomes API_LOCAL_ERROR with the
 * formatted reason (sanitised). Returns -1. */
int	 xfer_local_error(struct xfer *, struct api_result *res,
	     const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Interpret a finished attempt into res (cleared first). */
void	 xfer_finish(struct xfer *, CURLcode, struct api_result *res);
void	 xfer_free(struct xfer *);

/* Downloads (download.c): open dest.part and note its size (-1 and
 * *cause when it cannot be); route the first body bytes by status; check,
 * fsync and rename at the end. */
int	 download_open(struct xfer *, char **cause);
size_t	 download_write(struct xfer *, const char *, size_t);
void	 download_finish(struct xfer *, long http_status, struct api_result *);
void	 download_close(struct xfer *);
/* Closes, and removes a .part that is empty or over the cap: a refused
 * attempt leaves nothing behind. */
void	 download_done(struct xfer *);

/* Answers (response.c): keep answer bytes (an API answer, a download's
 * error page) in memory, up to the cap: n, or 0 over it. */
size_t	 response_buffer(struct xfer *, const char *, size_t);
/* Decode an API answer body. */
void	 response_decode(struct xfer *, long http_status, struct api_result *);
/* The outcome the service's code (or an HTTP status) stands for. */
enum api_outcome response_outcome(long code);
/* Sanitised copy of server text for a result. */
char	*response_text(const char *s, size_t len);
/* The same of a formatted message. */
char	*response_vprintf(const char *fmt, va_list)
	     __attribute__((format(printf, 1, 0)));

/* Loopback host check for plain http:// (url.c). */
int	 url_check(const char *url, const char *base, bool allow_http,
	     char **cause);
/* url_check() of an API URL, conn's base_url and a path of ours: the
 * base's verdict, made on the first call and then remembered. */
int	 url_check_api(const struct net_conn *, char **cause);
struct url_verdict *url_verdict_new(void);
void	 url_verdict_free(struct url_verdict **);

/* Retry policy (retry.c): milliseconds before the next attempt, or -1. */
long	 retry_delay(const struct api_retry *, const struct api_result *);
/* A 429/455/5xx answer: everyone should hold back, not just this job. */
bool	 retry_is_global(const struct api_result *);

#endif
