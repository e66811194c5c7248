/* kling-tui: the crun.ai task API client: one request, one typed result.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * Callers above the net layer see only this header and worker.h, never curl.
 * A request is built by the caller and copied by whoever runs it; a result is
 * owned by the caller and released with api_result_clear(). All text in a
 * result that came from a server has been through text_sanitize(), so it may
 * be printed as is; the API key never appears in any result. */
#ifndef KT_API_H
#define KT_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define API_DEFAULT_BASE_URL	"https://api.crun.ai"

/* When to try again (API.md section 5); the same policy for the worker and
 * api_perform(). */
struct api_retry {
	unsigned	 max_attempts;	/* per request, first try included (5) */
	long		 backoff_ms;	/* first delay, doubled each time (1000) */
	long		 backoff_max_ms; /* cap on a delay and on Retry-After
					 * (120000) */
};

/* How to reach the service. Strings are the caller's; api_perform() and
 * worker_start() take what they need (copies), so the struct may be freed
 * once they return. api_conn_init() sets the defaults below. */
struct api_conn {
	const char	*base_url;	/* "https://api.crun.ai" */
	const char	*key;		/* x-api-key; NULL or "": none sent */
	const char	*cacert;	/* PEM bundle of a private CA; NULL: system */
	bool		 allow_http;	/* plain http:// to a non-loopback host */
	long		 connect_timeout_ms;	/* TCP + TLS set-up (10000) */
	long		 timeout_ms;	/* a whole API request (30000); not downloads */
	long		 stall_secs;	/* a download moving no byte this long (30) */
	size_t		 max_response;	/* cap on an API answer's body (1 MiB) */
	int64_t		 max_download;	/* cap on a downloaded file (4 GiB) */
	long		 download_ms;	/* a whole download attempt (1 hour) */
	struct api_retry retry;
};

void	api_conn_init(struct api_conn *);

enum api_kind {
	API_CREATE,	/* POST CreateTask; body = the storyboard's JSON */
	API_TASK_INFO,	/* GET TaskInfo?task_id= */
	API_BALANCE,	/* GET account/balance */
	API_DOWNLOAD,	/* GET url into dest (through dest.part, resumed) */
	API_HEAD,	/* HEAD url: an image URL's preflight */
	API_FETCH	/* GET url into memory: an image, at most API_FETCH_MAX */
};

/* One request. Only the fields of its kind are read. DOWNLOAD, HEAD and
 * FETCH go to an arbitrary URL (a result link, an image), so the API key is
 * never sent with them. */
struct api_request {
	enum api_kind	 kind;
	const char	*body;		/* CREATE: JSON text (codec_encode of
					 * sb_effective), sent as is */
	const char	*task_id;	/* TASK_INFO */
	bool		 known;		/* TASK_INFO: in the store already, so the
					 * request the service echoes (param) is
					 * not decoded: it is kept only for a task
					 * made elsewhere */
	const char	*url;		/* DOWNLOAD, HEAD, FETCH: absolute http(s) URL */
	const char	*dest;		/* DOWNLOAD: final path; see api_download_path() */
};

/* What happened. The service's codes (API.md section 4) first, then the
 * failures that never produced a usable answer. */
enum api_outcome {
	API_OK,			/* 200 */
	API_UNAUTHORIZED,	/* 401: key missing or refused; stop */
	API_NO_CREDITS,		/* 402: not enough credits; stop */
	API_NOT_FOUND,		/* 404: unknown task id (or endpoint) */
	API_INVALID,		/* 422: parameter validation failed */
	API_RATE_LIMITED,	/* 429: back off (retry_after), retry */
	API_MAINTENANCE,	/* 455: back off, retry later */
	API_SERVER_ERROR,	/* 500: retry queries, never a create */
	API_GEN_FAILED,		/* 501: generation failed */
	API_DISABLED,		/* 505: feature disabled; stop */
	API_OTHER,		/* any other code or HTTP status */

	API_NOT_SENT,		/* never reached the service: DNS, connection
				 * refused, TLS handshake or verification,
				 * connect timeout. A create may be resent. */
	API_NO_ANSWER,		/* timeout or dropped connection once the
				 * request was (maybe) sent: for a create its
				 * fate is UNKNOWN and it must never be resent
				 * without the user's word */
	API_BAD_RESPONSE,	/* an answer that is not the API's: not JSON,
				 * truncated, HTML, wrong shape, over the cap */
	API_LOCAL_ERROR,	/* on this side: the download file, a refused
				 * URL (http:// to a remote host), bad request */
	API_CANCELLED		/* worker_cancel() or worker_stop() */
};
#define API_OUTCOME_COUNT (API_CANCELLED + 1)

/* TaskInfo's data. Strings NULL when absent; times 0 when absent/null. */
struct api_task {
	char		 *task_id;
	char		 *status;	/* as sent (sanitised): pending, running,
					 * success, failed or anything new */
	int64_t		  create_at;	/* Unix seconds */
	int64_t		  complete_at;
	char		**media_urls;	/* result.media_urls */
	size_t		  nmedia;
	long		  result_code;	/* result.code; 0 when no result */
	char		 *result_message;
	double		  credits;
	bool		  has_credits;
	char		 *param_json;	/* the request echo, compact JSON */
};

struct api_result {
	enum api_kind	 kind;
	enum api_outcome outcome;
	long		 http_status;	/* 0 when no HTTP answer */
	long		 code;		/* the body's code; 0 when none */
	char		*message;	/* sanitised server message or transport
					 * error; never NULL after a request */
	long		 retry_after;	/* seconds from Retry-After; -1 none */
	int		 attempts;	/* requests made (retries included) */

	/* Payloads, filled on API_OK (download: also on failure, bytes so far). */
	char		*task_id;	/* CREATE */
	struct api_task	 task;		/* TASK_INFO */
	double		 balance;	/* BALANCE */
	int64_t		 bytes;		/* DOWNLOAD: size of the file (resumed
					 * part included); HEAD: Content-Length,
					 * -1 unknown */
	int64_t		 total;		/* DOWNLOAD: expected size, -1 unknown */
	char		*path;		/* DOWNLOAD: the final file */
	char		*content_type;	/* DOWNLOAD, HEAD, FETCH (sanitised) */
	/* FETCH on API_OK: the body (bytes: its length, or the advertised
	 * size when over_cap). over_cap: it is larger than the service's
	 * 10 MB; data then holds at most the first API_FETCH_MAX bytes (maybe
	 * none, when the size was announced). */
	unsigned char	*data;
	size_t		 data_len;
	bool		 over_cap;
};

void	 api_result_clear(struct api_result *);	/* frees contents, zeroes */
/* A copy whose strings are owned by dst. */
void	 api_result_copy(struct api_result *dst, const struct api_result *src);

/* "ok", "unauthorized", ..., "no_answer", stable for --json output. */
const char *api_outcome_name(enum api_outcome);
const char *api_kind_name(enum api_kind);	/* "create", "task_info", ... */

/* A create whose fate nobody knows: record it as unknown, never resend. */
bool	 api_result_unknown(const struct api_result *);

/* One line a person can act on, e.g. "401: the API key was refused: set
 * CRUN_API_KEY, or key_file in the config (kling-tui doctor shows where)". Includes the
 * sanitised server message where it helps. Caller frees. */
char	*api_advice(const struct api_result *);

/* An image URL's preflight (the result of an API_HEAD): NULL when it looks
 * usable, else a warning for beside the field: unreachable, not a JPEG or
 * PNG, over 10 MB (API.md section 1). A warning, never a reason to refuse
 * a submission. Caller frees. */
#define API_IMAGE_MAX_BYTES (10 * 1024 * 1024)
/* What a FETCH keeps at most: one byte over the limit tells "over". */
#define API_FETCH_MAX (API_IMAGE_MAX_BYTES + 1)
char	*api_image_problem(const struct api_result *);

/* success and failed are final; anything else (pending, running, unknown new
 * states) is polled on. */
bool	 api_status_final(const char *status);

/* Where a task's video goes: dir/<task id>.mp4, the name made only of the
 * task id's [A-Za-z0-9._-] characters (never from the server's URL path).
 * dir NULL or "": the current directory. NULL + *cause for an id with no
 * usable character. Caller frees. */
char	*api_download_path(const char *dir, const char *task_id, char **cause);

/* Load libcurl (the program is not linked with it: src/net/curlsym.h) and
 * curl_global_init, or wait for net_preload() to have done it: call in main
 * before any thread of the net layer starts and before any other function
 * of it; later calls return the first outcome.
 * -1 and *cause "network unavailable: ..." when libcurl cannot be loaded.
 * Also sets SIGPIPE to be ignored (curl runs with CURLOPT_NOSIGNAL, so a
 * write to a vanished peer would otherwise kill the process): writes to a
 * closed pipe then fail with EPIPE instead. */
int	 net_global_init(char **cause);
/* Start net_global_init()'s loading now, on another processor, for a
 * caller with other start-up work to do meanwhile (opening the store);
 * net_global_init() then waits for it and says how it went. Nothing on a
 * machine of one processor (the load is then made when first needed).
 * Main thread, before any thread of the net layer; no net function but
 * net_global_init() and net_global_free() until then. */
void	 net_preload(void);
/* Wait for net_preload()'s load, if one runs: a process that turned out
 * to need no network (a watch with nothing to watch) does not end with
 * the loader still at work. Main thread. */
void	 net_preload_end(void);
/* libcurl and its TLS library, as curl_version() says them; when libcurl
 * cannot be loaded, net_global_init()'s cause. */
const char *net_library_version(void);
void	 net_global_free(void);

/* Blocking: run one request with the worker's retry policy (queries retry
 * with back-off and Retry-After; a create only when it provably never
 * reached the service or got 429/455). For the CLI; the UI uses the worker.
 * progress (may be NULL) is called during a download with the bytes so far
 * and the total (-1 unknown). Returns 0 when outcome is API_OK, else -1;
 * *res is filled either way. */
typedef void (*api_progress_cb)(int64_t now, int64_t total, void *arg);
int	 api_perform(const struct api_conn *, const struct api_request *,
	     api_progress_cb progress, void *arg, struct api_result *res);
/* The same, and before each wait for another attempt, retrying(res, the
 * attempt that failed, the wait in ms, arg) with what the last one got:
 * so that a person at a terminal is not left waiting in silence. */
typedef void (*api_retry_cb)(const struct api_result *, int attempt, long wait_ms,
    void *arg);
int	 api_perform_told(const struct api_conn *, const struct api_request *,
	     api_progress_cb progress, api_retry_cb retrying, void *arg,
	     struct api_result *res);

#endif
