/* kling-tui tests: the blocking client against a scripted server: how every
 * kind of answer and failure is classified, retried, and reported.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api.h"
#include "canned.h"
#include "clock.h"
#include "log.h"
#include "netlib.h"
#include "tap.h"
#include "text.h"
#include "xmalloc.h"

static char tmpdir[] = "/tmp/kt-net-XXXXXX";

/* A complete response with a body, Content-Length computed. */
static char *
reply(const char *status, const char *headers, const char *body)
{
	char	*s;

	xasprintf(&s, "HTTP/1.1 %s\r\n%sContent-Length: %zu\r\n\r\n%s",
	    status, headers, strlen(body), body);
	return s;
}

/* Run one request against a one-step script; returns the server. */
static struct canned *
run(struct canned_step *steps, size_t n, struct api_conn *c,
    const struct api_request *req, struct api_result *res)
{
	struct canned	*srv = canned_start(steps, n);

	c->base_url = canned_url(srv);
	api_perform(c, req, NULL, NULL, res);
	return srv;
}

/* The same for a link (a download, a HEAD, an image): the request's URL
 * is the server's. */
static struct canned *
run_link(struct canned_step *steps, size_t n, struct api_conn *c,
    struct api_request *req, struct api_result *res)
{
	struct canned	*srv = canned_start(steps, n);

	req->url = canned_url(srv);
	api_perform(c, req, NULL, NULL, res);
	return srv;
}

static void
test_pure(void)
{
	char		*p, *cause = NULL;
	int		 i, j, dup = 0;

	p = api_download_path("/dl", "task_12345678", &cause);
	is_str(p, "/dl/task_12345678.mp4", "download name from the task id");
	free(p);
	p = api_download_path("/dl/", "../../etc/passwd", &cause);
	is_str(p, "/dl/etcpasswd.mp4", "no path can be smuggled in the id");
	free(p);
	p = api_download_path(NULL, "a\x1b[2Jb", &cause);
	is_str(p, "a2Jb.mp4", "no control characters in the name");
	free(p);
	p = api_download_path("/dl", "/..", &cause);
	ok(p == NULL && cause != NULL, "an id with nothing usable refused");
	free(cause);

	ok(api_status_final("success") && api_status_final("failed") &&
	    !api_status_final("running") && !api_status_final("queued") &&
	    !api_status_final(NULL), "only success and failed are final");

	for (i = 0; i < API_OUTCOME_COUNT; i++)
		for (j = 0; j < i; j++)
			dup += strcmp(api_outcome_name(i),
			    api_outcome_name(j)) == 0;
	is_int(dup, 0, "outcome names are distinct");
}

static void
test_refused_urls(void)
{
	struct api_conn		c;
	struct api_request	req = { .kind = API_BALANCE };
	struct api_result	res = { 0 };

	netlib_conn(&c, "http://192.0.2.1");
	api_perform(&c, &req, NULL, NULL, &res);
	is_int(res.outcome, API_LOCAL_ERROR,
	    "plain http to a remote host is refused");
	ok(res.message != NULL && strstr(res.message, "http://") != NULL,
	    "and the message says why: %s", res.message);
	is_int(res.attempts, 0, "without any attempt on the network");
	api_result_clear(&res);

	netlib_conn(&c, "ftp://127.0.0.1/");
	api_perform(&c, &req, NULL, NULL, &res);
	is_int(res.outcome, API_LOCAL_ERROR, "ftp:// refused");
	api_result_clear(&res);

	req.kind = API_DOWNLOAD;
	req.url = "http://example.com/v.mp4";
	req.dest = "/tmp/never";
	netlib_conn(&c, "http://127.0.0.1:1");
	api_perform(&c, &req, NULL, NULL, &res);
	is_int(res.outcome, API_LOCAL_ERROR,
	    "a result link over plain http to a remote host is refused");
	api_result_clear(&res);

	/* Issue 12, item 14: loopback links are for a loopback API only. */
	req.url = "http://127.0.0.1:1/v.mp4";
	netlib_conn(&c, "https://192.0.2.1");
	api_perform(&c, &req, NULL, NULL, &res);
	ok(res.outcome == API_LOCAL_ERROR && res.attempts == 0,
	    "a remote API's link to a loopback port over http is refused");
	api_result_clear(&res);
	netlib_conn(&c, "http://127.0.0.1:1");
	api_perform(&c, &req, NULL, NULL, &res);
	ok(res.outcome != API_LOCAL_ERROR && res.attempts > 0,
	    "a loopback API's loopback link is fetched (%s)",
	    api_outcome_name(res.outcome));
	api_result_clear(&res);
}

static void
test_not_reached(void)
{
	struct api_conn		c;
	struct api_request	req = { .kind = API_CREATE, .body = "{}" };
	struct api_result	res = { 0 };

	/* Port 1 on loopback: nothing listens, the connection is refused. */
	netlib_conn(&c, "http://127.0.0.1:1");
	api_perform(&c, &req, NULL, NULL, &res);
	is_int(res.outcome, API_NOT_SENT, "connection refused: not sent");
	is_int(res.attempts, 3, "a create that never reached is retried");
	ok(!api_result_unknown(&res), "and its fate is known (not created)");
	/* curl's own detail, which names the address, not only its code's
	 * generic text ("Couldn't connect to server"). */
	ok(res.message != NULL && strstr(res.message, "not sent: ") == res.message &&
	    strstr(res.message, "127.0.0.1") != NULL,
	    "the message says where it could not connect (%s)",
	    res.message != NULL ? res.message : "(none)");
	api_result_clear(&res);

	netlib_conn(&c, "http://localhost:1");
	req.kind = API_BALANCE;
	api_perform(&c, &req, NULL, NULL, &res);
	is_int(res.outcome, API_NOT_SENT, "http://localhost is allowed");
	api_result_clear(&res);
}

static void
test_codes(void)
{
	static const struct { long code; enum api_outcome o; } codes[] = {
		{ 401, API_UNAUTHORIZED }, { 402, API_NO_CREDITS },
		{ 404, API_NOT_FOUND }, { 422, API_INVALID },
		{ 429, API_RATE_LIMITED }, { 455, API_MAINTENANCE },
		{ 500, API_SERVER_ERROR }, { 501, API_GEN_FAILED },
		{ 505, API_DISABLED }, { 418, API_OTHER }
	};
	struct api_conn		c;
	struct api_request	req = { .kind = API_TASK_INFO, .task_id = "t1" };
	struct api_result	res = { 0 };
	struct canned_step	st[1];
	struct canned		*srv;
	char			*r, body[128], status[32], *adv;
	size_t			 i;

	for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		snprintf(status, sizeof status, "%ld X", codes[i].code);
		snprintf(body, sizeof body, "{\"code\":%ld,\"message\":"
		    "\"m%ld\",\"data\":null}", codes[i].code, codes[i].code);
		st[0].act = CANNED_REPLY;
		st[0].reply = r = reply(status, "", body);
		netlib_conn(&c, NULL);
		c.retry.max_attempts = 1;
		srv = run(st, 1, &c, &req, &res);
		is_int(res.outcome, codes[i].o, "code %ld mapped (%s)",
		    codes[i].code, api_outcome_name(res.outcome));
		is_int(res.code, codes[i].code, "body code kept");
		is_int(res.http_status, codes[i].code, "HTTP status kept");
		adv = api_advice(&res);
		ok(codes[i].o == API_OTHER || strncmp(adv, status, 3) == 0, "advice starts with the code: %s",
		    adv);
		free(adv);
		api_result_clear(&res);
		canned_stop(&srv);
		free(r);
	}

	netlib_conn(&c, NULL);
	c.retry.max_attempts = 1;
	st[0].reply = r = reply("401 Unauthorized", "",
	    "{\"code\":401,\"message\":\"bad key\",\"data\":null}");
	srv = run(st, 1, &c, &req, &res);
	adv = api_advice(&res);
	is_str(adv, "401: the API key was refused: set CRUN_API_KEY, or key_file in "
	    "the config (kling-tui doctor shows where)", "401 advice is actionable, "
	    "and names no path that XDG_CONFIG_HOME may have moved");
	free(adv);
	api_result_clear(&res);
	canned_stop(&srv);
	free(r);
}

static void
test_shapes(void)
{
	struct api_conn		c;
	struct api_request	req = { .kind = API_TASK_INFO, .task_id = "t 1&x" };
	struct api_result	res = { 0 };
	struct canned_step	st[1] = { { CANNED_REPLY, NULL } };
	struct canned		*srv;
	char			*r, *rq;

	netlib_conn(&c, NULL);
	c.retry.max_attempts = 1;

	/* A whole, valid TaskInfo payload: only the status can make it bad
	 * (with "data":{} it failed for its missing data instead). */
	st[0].reply = r = reply("500 Oops", "",
	    "{\"code\":200,\"message\":\"success\",\"data\":{\"task_id\":"
	    "\"t 1&x\",\"status\":\"running\"}}");
	srv = run(st, 1, &c, &req, &res);
	is_int(res.outcome, API_BAD_RESPONSE,
	    "HTTP 500 with body code 200 is not a success");
	ok(res.message != NULL && strstr(res.message, "error status") != NULL,
	    "and for that reason: %s", res.message);
	api_result_clear(&res);
	canned_stop(&srv);
	free(r);

	st[0].reply = r = reply("200 OK", "",
	    "{\"code\":401,\"message\":\"no\",\"data\":null}");
	srv = run(st, 1, &c, &req, &res);
	is_int(res.outcome, API_UNAUTHORIZED, "HTTP 200 with body code 401 "
	    "is a 401");
	api_result_clear(&res);
	canned_stop(&srv);
	free(r);

	st[0].reply = r = reply("502 Bad Gateway", "Content-Type: text/html\r\n",
	    "<html><body>Bad gateway</body></html>");
	srv = run(st, 1, &c, &req, &res);
	is_int(res.outcome, API_BAD_RESPONSE, "an HTML page is a bad answer");
	is_int(res.http_status, 502, "its status is kept");
	ok(strstr(res.message, "text/html") != NULL, "message names the type:"
	    " %s", res.message);
	api_result_clear(&res);
	canned_stop(&srv);
	free(r);

	st[0].reply = r = reply("429 Too Many Requests",
	    "Content-Type: text/html\r\n", "<html>slow down</html>");
	srv = run(st, 1, &c, &req, &res);
	is_int(res.outcome, API_RATE_LIMITED,
	    "a gateway's HTML 429 still means back off");
	api_result_clear(&res);
	canned_stop(&srv);
	free(r);

	st[0].reply = r = reply("200 OK", "", "{\"message\":\"hi\"}");
	srv = run(st, 1, &c, &req, &res);
	is_int(res.outcome, API_BAD_RESPONSE, "an answer without a code");
	api_result_clear(&res);
	canned_stop(&srv);
	free(r);

	st[0].reply = r = reply("200 OK", "", "{\"code\":200,\"message\":\"ok\","
	    "\"data\":{\"task_id\":\"abc\",\"status\":\"runn");
	srv = run(st, 1, &c, &req, &res);
	is_int(res.outcome, API_BAD_RESPONSE, "a truncated answer");
	rq = canned_request(srv, 0);
	ok(rq != NULL && strstr(rq, "GET /api/v1/client/job/TaskInfo?task_id="
	    "t%201%26x HTTP/1.1") != NULL, "the task id is escaped in the URL");
	ok(rq != NULL && strstr(rq, "x-api-key: " NETLIB_KEY "\r\n") != NULL,
	    "the key is sent to the API");
	free(rq);
	api_result_clear(&res);
	canned_stop(&srv);
	free(r);

	st[0].reply = r = reply("200 OK", "", "{\"code\":422,\"message\":"
	    "\"bad \\u001b[31mred\\u001b]0;pwned\\u0007 field\\ninput.duration\","
	    "\"data\":null}");
	srv = run(st, 1, &c, &req, &res);
	is_int(res.outcome, API_INVALID, "422");
	ok(strchr(res.message, '\x1b') == NULL &&
	    strchr(res.message, '\a') == NULL &&
	    strchr(res.message, '\n') == NULL,
	    "escape sequences and controls are stripped: %s", res.message);
	ok(strstr(res.message, "input.duration") != NULL,
	    "the field path survives");
	api_result_clear(&res);
	canned_stop(&srv);
	free(r);
}

static void
test_task_info(void)
{
	struct api_conn		c;
	struct api_request	req = { .kind = API_TASK_INFO, .task_id = "t1" };
	struct api_result	res = { 0 };
	struct canned_step	st[1] = { { CANNED_REPLY, NULL } };
	struct canned		*srv;
	char			*r;

	netlib_conn(&c, NULL);
	st[0].reply = r = reply("200 OK", "", "{\"code\":200,\"message\":"
	    "\"success\",\"data\":{\"task_id\":\"t1\",\"status\":\"queued\","
	    "\"param\":{\"model\":\"kling/v3\",\"input\":{\"duration\":5}},"
	    "\"create_at\":1768900378,\"complete_at\":1768900478,"
	    "\"credits\":7.5,\"result\":{\"code\":200,\"message\":\"done\","
	    "\"media_urls\":[\"https://cdn.example/v.mp4\"]}}}");
	srv = run(st, 1, &c, &req, &res);
	is_int(res.outcome, API_OK, "task info decoded");
	is_str(res.task.status, "queued", "an unknown status is kept as sent");
	is_int(res.task.create_at, 1768900378, "create_at");
	is_int(res.task.complete_at, 1768900478, "complete_at");
	ok(res.task.has_credits && res.task.credits == 7.5, "credits");
	is_int(res.task.nmedia, 1, "one media URL");
	is_str(res.task.nmedia ? res.task.media_urls[0] : NULL,
	    "https://cdn.example/v.mp4", "media URL");
	is_int(res.task.result_code, 200, "result code");
	is_str(res.task.param_json,
	    "{\"model\":\"kling/v3\",\"input\":{\"duration\":5}}", "param echo");
	api_result_clear(&res);
	canned_stop(&srv);

	/* A task the store has: the echo is not decoded, the rest is. */
	req.known = true;
	srv = run(st, 1, &c, &req, &res);
	ok(res.outcome == API_OK && res.task.param_json == NULL,
	    "a task in the store already: no param echo kept");
	is_str(res.task.status, "queued", "the rest of its answer decoded");
	ok(res.task.has_credits && res.task.credits == 7.5 && res.task.nmedia == 1,
	    "its credits and media too");
	req.known = false;
	api_result_clear(&res);
	canned_stop(&srv);
	free(r);

	st[0].reply = r = reply("200 OK", "", "{\"code\":200,\"message\":"
	    "\"success\",\"data\":{\"task_id\":\"t1\",\"status\":\"run\\u001b[2J\","
	    "\"param\":{\"input\":{\"prompt\":\"bad \xff byte \\u001b]0;x\\u0007\"}}}}");
	srv = run(st, 1, &c, &req, &res);
	is_str(res.task.status, "run", "a status is sanitised");
	ok(res.task.param_json != NULL &&
	    text_valid_utf8(res.task.param_json, strlen(res.task.param_json),
	    NULL) && strchr(res.task.param_json, '\x1b') == NULL,
	    "the param echo is valid UTF-8 with no raw escape: %s",
	    res.task.param_json);
	api_result_clear(&res);
	canned_stop(&srv);
	free(r);
}

static void
test_cap(void)
{
	struct api_conn		c;
	struct api_request	req = { .kind = API_BALANCE };
	struct api_result	res = { 0 };
	struct canned_step	st[1] = { { CANNED_REPLY, NULL } };
	struct canned		*srv;
	char			*big, *r;

	big = xmalloc(200001);
	memset(big, ' ', 200000);
	big[200000] = '\0';
	netlib_conn(&c, NULL);
	c.max_response = 65536;
	c.retry.max_attempts = 1;
	st[0].reply = r = reply("200 OK", "", big);
	srv = run(st, 1, &c, &req, &res);
	is_int(res.outcome, API_BAD_RESPONSE, "an answer over the cap fails");
	ok(strstr(res.message, "larger") != NULL, "saying so: %s",
	    res.message);
	api_result_clear(&res);
	canned_stop(&srv);
	free(r);
	free(big);
}

/* How many times needle is in s (0 for no s). */
static int
count(const char *s, const char *needle)
{
	int	n = 0;

	while (s != NULL && (s = strstr(s, needle)) != NULL) {
		n++;
		s++;
	}
	return n;
}

static void
test_retry(void)
{
	struct api_conn		c;
	struct api_request	req = { .kind = API_BALANCE };
	struct api_result	res = { 0 };
	struct canned_step	st[2];
	struct canned		*srv;
	int64_t			t0;
	char			*r0, *r1, *rq;

	netlib_conn(&c, NULL);
	st[0].act = st[1].act = CANNED_REPLY;
	st[0].reply = r0 = reply("429 Too Many", "Retry-After: 1\r\n",
	    "{\"code\":429,\"message\":\"slow down\",\"data\":null}");
	st[1].reply = r1 = reply("200 OK", "",
	    "{\"code\":200,\"message\":\"success\",\"data\":{\"balance\":12.5}}");
	t0 = clock_ms();
	srv = run(st, 2, &c, &req, &res);
	is_int(res.outcome, API_OK, "a query is retried after 429");
	ok(res.balance == 12.5, "balance decoded");
	is_int(res.attempts, 2, "in two attempts");
	ok(clock_ms() - t0 >= 1000, "Retry-After: 1 honoured (%lld ms)",
	    (long long)(clock_ms() - t0));
	api_result_clear(&res);
	canned_stop(&srv);
	free(r0);

	/* A create answered 500 is not resent: the service may have made it. */
	req.kind = API_CREATE;
	req.body = "{\"model\":\"kling/v3\"}";
	st[0].reply = r0 = reply("500 Internal", "",
	    "{\"code\":500,\"message\":\"boom\",\"data\":null}");
	srv = run(st, 2, &c, &req, &res);
	is_int(res.outcome, API_SERVER_ERROR, "create: 500");
	is_int(canned_requests(srv), 1, "a create is never resent after 500");
	api_result_clear(&res);
	canned_stop(&srv);
	free(r0);

	/* 455 said "not now": the create did not happen, resend it. */
	st[0].reply = r0 = reply("455 Maintenance", "Retry-After: 0\r\n",
	    "{\"code\":455,\"message\":\"later\",\"data\":null}");
	free(r1);
	st[1].reply = r1 = reply("200 OK", "", "{\"code\":200,\"message\":"
	    "\"success\",\"data\":{\"task_id\":\"task_1\"}}");
	srv = run(st, 2, &c, &req, &res);
	is_int(res.outcome, API_OK, "create resent after 455");
	is_str(res.task_id, "task_1", "task id decoded");
	is_int(canned_requests(srv), 2, "two creates, the first refused");
	rq = canned_request(srv, 1);
	ok(count(rq, "\r\nx-api-key: ") == 1 &&
	    count(rq, "\r\nContent-Type: application/json\r\n") == 1 &&
	    count(rq, "\r\nAccept: application/json\r\n") == 1,
	    "the resent create has each header once, not the first's again");
	free(rq);
	api_result_clear(&res);
	canned_stop(&srv);
	free(r0);
	free(r1);
}

static void
test_unknown(void)
{
	struct api_conn		c;
	struct api_request	req = { .kind = API_CREATE, .body = "{}" };
	struct api_result	res = { 0 };
	struct canned_step	st[1] = { { CANNED_CLOSE, NULL } };
	struct canned		*srv;
	int64_t			t0;

	netlib_conn(&c, NULL);
	c.timeout_ms = 500;
	srv = run(st, 1, &c, &req, &res);
	is_int(res.outcome, API_NO_ANSWER, "create dropped after sending");
	ok(api_result_unknown(&res), "its fate is unknown");
	is_int(canned_requests(srv), 1, "and it was sent exactly once");
	canned_stop(&srv);
	api_result_clear(&res);

	st[0].act = CANNED_STALL;
	t0 = clock_ms();
	srv = run(st, 1, &c, &req, &res);
	is_int(res.outcome, API_NO_ANSWER, "create timed out after sending");
	ok(api_result_unknown(&res), "its fate is unknown");
	is_int(canned_requests(srv), 1, "sent exactly once");
	ok(clock_ms() - t0 < 1500, "the timeout fired (%lld ms)",
	    (long long)(clock_ms() - t0));
	canned_stop(&srv);
	api_result_clear(&res);

	req.kind = API_TASK_INFO;
	req.task_id = "t";
	srv = run(st, 1, &c, &req, &res);
	is_int(res.outcome, API_NO_ANSWER, "a stalled query ends");
	is_int(canned_requests(srv), 3, "after every allowed attempt");
	canned_stop(&srv);
	api_result_clear(&res);
}

static char *
slurp(const char *path)
{
	FILE	*f = fopen(path, "r");
	char	 buf[4096];
	size_t	 n;

	if (f == NULL)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return xstrdup(buf);
}

static void
spit(const char *path, const char *s)
{
	FILE	*f = fopen(path, "w");

	fputs(s, f);
	fclose(f);
}

static void
test_download(void)
{
	struct api_conn		c;
	struct api_request	req = { .kind = API_DOWNLOAD };
	struct api_result	res = { 0 };
	struct canned_step	st[1] = { { CANNED_REPLY, NULL } };
	struct canned		*srv;
	struct stat		 sb;
	char			*dest, *part, *s, *rq;

	xasprintf(&dest, "%s/t1.mp4", tmpdir);
	xasprintf(&part, "%s.part", dest);
	netlib_conn(&c, "http://127.0.0.1:1");	/* a local API: its links may be local */
	c.retry.max_attempts = 1;
	req.dest = dest;

	spit(part, "hello ");
	st[0].reply = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes "
	    "6-10/11\r\nContent-Length: 5\r\n\r\nworld";
	srv = run_link(st, 1, &c, &req, &res);
	is_int(res.outcome, API_OK, "resumed download");
	is_str(s = slurp(dest), "hello world", "the part and the rest joined");
	free(s);
	ok(stat(part, &sb) == -1, "the .part is gone");
	is_str(res.path, dest, "final path reported");
	is_int(res.bytes, 11, "size reported");
	rq = canned_request(srv, 0);
	ok(rq != NULL && strstr(rq, "Range: bytes=6-\r\n") != NULL,
	    "asked for the rest only");
	ok(rq != NULL && strstr(rq, "x-api-key") == NULL,
	    "the API key is not sent with a download");
	free(rq);
	api_result_clear(&res);
	canned_stop(&srv);
	unlink(dest);

	/* A part of one byte is resumed too, from its one byte on. */
	spit(part, "h");
	st[0].reply = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes "
	    "1-10/11\r\nContent-Length: 10\r\n\r\nello world";
	srv = run_link(st, 1, &c, &req, &res);
	rq = canned_request(srv, 0);
	s = slurp(dest);
	ok(res.outcome == API_OK && s != NULL && strcmp(s, "hello world") == 0 &&
	    rq != NULL && strstr(rq, "Range: bytes=1-\r\n") != NULL,
	    "a part of one byte: the rest asked for, and joined (%s)", s != NULL ? s : "no file");
	free(s);
	free(rq);
	api_result_clear(&res);
	canned_stop(&srv);
	unlink(dest);

	/* A server that does not know the whole size: "bytes 6-10/ *". */
	spit(part, "hello ");
	st[0].reply = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes "
	    "6-10/*\r\nContent-Length: 5\r\n\r\nworld";
	srv = run_link(st, 1, &c, &req, &res);
	is_int(res.outcome, API_OK, "resumed download of an unknown size (/*)");
	is_str(s = slurp(dest), "hello world", "the part and the rest joined");
	free(s);
	is_int(res.bytes, 11, "size reported");
	api_result_clear(&res);
	canned_stop(&srv);
	unlink(dest);

	/* A whole of 0 bytes, with 5 sent: the answer contradicts itself,
	 * and the file is not taken as complete. */
	spit(part, "hello ");
	st[0].reply = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes "
	    "6-10/0\r\nContent-Length: 5\r\n\r\nworld";
	srv = run_link(st, 1, &c, &req, &res);
	is_int(res.outcome, API_NO_ANSWER, "a range that says the whole is 0 "
	    "bytes does not complete the file");
	ok(stat(dest, &sb) == -1, "and makes no final file");
	api_result_clear(&res);
	canned_stop(&srv);
	unlink(part);

	spit(part, "junk");
	st[0].reply = "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world";
	srv = run_link(st, 1, &c, &req, &res);
	is_int(res.outcome, API_OK, "a server ignoring Range");
	is_str(s = slurp(dest), "hello world", "restarts the file");
	free(s);
	api_result_clear(&res);
	canned_stop(&srv);
	unlink(dest);

	spit(part, "hello ");
	st[0].reply = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes "
	    "0-10/11\r\nContent-Length: 11\r\n\r\nhello world";
	srv = run_link(st, 1, &c, &req, &res);
	is_int(res.outcome, API_BAD_RESPONSE, "a range from the wrong place");
	is_str(s = slurp(part), "hello ", "does not corrupt the part");
	free(s);
	ok(stat(dest, &sb) == -1, "nor create the file");
	api_result_clear(&res);
	canned_stop(&srv);

	st[0].reply = "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: "
	    "bytes */6\r\nContent-Length: 0\r\n\r\n";
	srv = run_link(st, 1, &c, &req, &res);
	is_int(res.outcome, API_OK, "a part already whole (416) completes");
	is_str(s = slurp(dest), "hello ", "and is renamed");
	free(s);
	api_result_clear(&res);
	canned_stop(&srv);
	unlink(dest);

	st[0].reply = "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found";
	srv = run_link(st, 1, &c, &req, &res);
	is_int(res.outcome, API_NOT_FOUND, "an expired link: 404");
	ok(stat(dest, &sb) == -1, "no file made of the error page");
	api_result_clear(&res);
	canned_stop(&srv);

	st[0].reply = "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello";
	st[0].act = CANNED_REPLY;
	srv = canned_start(st, 1);
	req.url = canned_url(srv);
	c.timeout_ms = 500;
	api_perform(&c, &req, NULL, NULL, &res);
	ok(res.outcome == API_NO_ANSWER, "a cut download fails (%s)",
	    api_outcome_name(res.outcome));
	is_int(res.bytes, 5, "keeping the bytes it got");
	is_str(s = slurp(part), "hello", "in the .part, for a resume");
	free(s);
	ok(stat(dest, &sb) == -1, "and no final file");
	api_result_clear(&res);
	canned_stop(&srv);
	unlink(part);

	req.url = "http://127.0.0.1:1/x.mp4";
	req.dest = "/nonexistent-dir/x.mp4";
	api_perform(&c, &req, NULL, NULL, &res);
	is_int(res.outcome, API_LOCAL_ERROR, "an unwritable destination");
	api_result_clear(&res);

	free(dest);
	free(part);
}

/* A HEAD of a link (the check before a download): any 2xx is there, with
 * its size; a 3xx left over (no Location to follow) is not. api_perform
 * says 0 for OK, -1 for anything else. */
static void
test_head(void)
{
	static const struct {
		const char	*reply;
		enum api_outcome o;
		int		 rc;
		int64_t		 bytes;
	} table[] = {
		{ "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n", API_OK, 0, 11 },
		{ "HTTP/1.1 299 Fine\r\nContent-Length: 7\r\n\r\n", API_OK, 0, 7 },
		{ "HTTP/1.1 300 Multiple Choices\r\nContent-Length: 0\r\n\r\n",
		    API_OTHER, -1, 0 },
	};
	struct api_conn		c;
	struct api_request	req = { .kind = API_HEAD };
	struct api_result	res = { 0 };
	struct canned_step	st[1] = { { CANNED_REPLY, NULL } };
	struct canned		*srv;
	size_t			 i;
	int			 rc;

	netlib_conn(&c, "http://127.0.0.1:1");	/* a local API: its links may be local */
	c.retry.max_attempts = 1;
	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		st[0].reply = table[i].reply;
		srv = canned_start(st, 1);
		req.url = canned_url(srv);
		rc = api_perform(&c, &req, NULL, NULL, &res);
		ok(rc == table[i].rc && res.outcome == table[i].o &&
		    (table[i].o != API_OK || res.bytes == table[i].bytes),
		    "HEAD answered %.3s: %s, %d (%s, %d, %lld bytes)",
		    table[i].reply + 9, api_outcome_name(table[i].o),
		    table[i].rc, api_outcome_name(res.outcome), rc,
		    (long long)res.bytes);
		api_result_clear(&res);
		canned_stop(&srv);
	}
}

/* A reply of an image of n bytes (filled with 'x'), its size announced
 * (Content-Length) or not (one chunk). */
static char *
image_reply(size_t n, bool announced)
{
	const char	*head = announced ? "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n"
			    "Content-Length: %zu\r\n\r\n" : "HTTP/1.1 200 OK\r\n"
			    "Content-Type: image/png\r\nTransfer-Encoding: chunked\r\n\r\n%zx\r\n";
	char		*r, *h;
	size_t		 hl;

	xasprintf(&h, head, n);
	hl = strlen(h);
	r = xmalloc(hl + n + 8);
	memcpy(r, h, hl);
	memset(r + hl, 'x', n);
	strcpy(r + hl + n, announced ? "" : "\r\n0\r\n\r\n");
	free(h);
	return r;
}

/* The image cap, API_IMAGE_MAX_BYTES, at its edge: exactly the cap is a
 * picture; a byte more, announced or not, is one too large, and still
 * no error. */
static void
test_fetch_cap(struct api_conn *c)
{
	static const struct { size_t n; bool announced, over; const char *what; } t[] = {
		{ API_IMAGE_MAX_BYTES, true, false, "exactly the cap" },
		{ API_IMAGE_MAX_BYTES + 1, true, true, "a byte over the cap" },
		{ API_IMAGE_MAX_BYTES + 2, false, true, "unannounced, over the cap" },
	};
	struct api_request	req = { .kind = API_FETCH };
	struct api_result	res = { 0 };
	struct canned_step	st[1] = { { CANNED_REPLY, NULL } };
	struct canned		*srv;
	size_t			 i;
	char			*reply;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		st[0].reply = reply = image_reply(t[i].n, t[i].announced);
		srv = run_link(st, 1, c, &req, &res);
		ok(res.outcome == API_OK && res.over_cap == t[i].over &&
		    (t[i].over || res.data_len == t[i].n),
		    "fetch: %s (%zu bytes): %s (%s, over_cap %d, %zu bytes kept)",
		    t[i].what, t[i].n, t[i].over ? "a picture too large" : "a picture",
		    api_outcome_name(res.outcome), res.over_cap, res.data_len);
		api_result_clear(&res);
		canned_stop(&srv);
		free(reply);
	}
}

/* Result links may redirect (CDNs): followed, but to plain http only when
 * the user allowed it. */
static void
test_fetch_redirect(struct api_conn *c)
{
	struct api_request	req = { .kind = API_FETCH };
	struct api_result	res = { 0 };
	struct canned_step	st[2] = {
		{ CANNED_REPLY, "HTTP/1.1 302 Found\r\nLocation: /cdn/x.png\r\n"
		    "Content-Length: 0\r\n\r\n" },
		{ CANNED_REPLY, "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n"
		    "Content-Length: 8\r\n\r\n\x89PNG\r\n\x1a\n" },
	};
	struct canned		*srv;
	char			*second;
	bool			 allow = c->allow_http;

	c->allow_http = true;
	srv = run_link(st, 2, c, &req, &res);
	second = canned_request(srv, 1);
	ok(res.outcome == API_OK && res.data_len == 8 && canned_requests(srv) == 2 &&
	    second != NULL && strncmp(second, "GET /cdn/x.png ", 15) == 0,
	    "fetch: a redirect is followed (%s, %d requests)",
	    api_outcome_name(res.outcome), canned_requests(srv));
	free(second);
	api_result_clear(&res);
	canned_stop(&srv);

	/* What the service asks (Retry-After) is read from the last answer,
	 * not from the redirect's. */
	st[1].reply = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 7\r\n"
	    "Content-Length: 0\r\n\r\n";
	srv = run_link(st, 2, c, &req, &res);
	ok(res.outcome != API_OK && res.retry_after == 7 && canned_requests(srv) == 2,
	    "fetch: the answer after a redirect says when to come back (%s, "
	    "Retry-After %ld)", api_outcome_name(res.outcome), res.retry_after);
	api_result_clear(&res);
	canned_stop(&srv);

	c->allow_http = false;
	srv = run_link(st, 2, c, &req, &res);
	ok(res.outcome != API_OK && canned_requests(srv) == 1,
	    "fetch: but not to plain http unless allowed (%s, %d requests)",
	    api_outcome_name(res.outcome), canned_requests(srv));
	api_result_clear(&res);
	canned_stop(&srv);
	c->allow_http = allow;
}

/* The trace (-v) names each link fetched without its query, which may be
 * a signed CDN token; a link without one, whole. */
static void
test_fetch_logged(struct api_conn *c)
{
	struct api_request	req = { .kind = API_FETCH };
	struct api_result	res = { 0 };
	struct canned_step	st[1] = { { CANNED_REPLY, "HTTP/1.1 200 OK\r\n"
		"Content-Type: image/png\r\nContent-Length: 8\r\n\r\n\x89PNG\r\n\x1a\n" } };
	struct canned		*srv = canned_start(st, 1);
	struct api_conn		 ac;
	struct api_request	 q;
	char			*log, *url, *text, *want, *cause = NULL;

	xasprintf(&log, "%s/trace.log", tmpdir);
	if (log_open(log, LOG_INFO, 0, &cause) != 0) {
		ok(0, "the trace opens: %s", cause);
		free(cause);
		free(log);
		canned_stop(&srv);
		return;
	}
	xasprintf(&url, "%s/x.png?sig=SECRET123", canned_url(srv));
	req.url = url;
	api_perform(c, &req, NULL, NULL, &res);
	api_result_clear(&res);
	free(url);
	xasprintf(&url, "%s/y.png", canned_url(srv));
	req.url = url;
	api_perform(c, &req, NULL, NULL, &res);
	api_result_clear(&res);
	/* A status query of the API at the same place. */
	ac = *c;
	ac.base_url = canned_url(srv);
	memset(&q, 0, sizeof q);
	q.kind = API_TASK_INFO;
	q.task_id = "task_12345678";
	api_perform(&ac, &q, NULL, NULL, &res);
	api_result_clear(&res);
	log_close();
	text = slurp(log);
	xasprintf(&want, "GET %s/x.png -> 200", canned_url(srv));
	ok(text != NULL && strstr(text, want) != NULL && strstr(text, "SECRET") == NULL,
	    "trace: a link is logged without its query");
	free(want);
	xasprintf(&want, "GET %s -> 200", url);
	ok(text != NULL && strstr(text, want) != NULL,
	    "trace: a link without a query is logged whole");
	free(want);
	xasprintf(&want, "GET %s/api/v1/client/job/TaskInfo?task_id=task_12345678 -> ",
	    canned_url(srv));
	ok(text != NULL && strstr(text, want) != NULL,
	    "trace: a status query is logged with its task id");
	free(want);
	free(text);
	free(url);
	unlink(log);
	free(log);
	canned_stop(&srv);
}

/* An image fetched into memory (the editor's preview): its bytes; a size
 * announced over the cap is no error but a picture too large, with the
 * announced size; a server not reached is not sent. */
static void
test_fetch(void)
{
	struct api_conn		c;
	struct api_request	req = { .kind = API_FETCH };
	struct api_result	res = { 0 };
	struct canned_step	st[1] = { { CANNED_REPLY, NULL } };
	struct canned		*srv;

	netlib_conn(&c, "http://127.0.0.1:1");	/* a local API: its links may be local */
	c.retry.max_attempts = 1;
	st[0].reply = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n"
	    "Content-Length: 8\r\n\r\n\x89PNG\r\n\x1a\n";
	srv = run_link(st, 1, &c, &req, &res);
	ok(res.outcome == API_OK && res.data_len == 8 && res.data != NULL &&
	    memcmp(res.data, "\x89PNG\r\n\x1a\n", 8) == 0 && !res.over_cap &&
	    res.bytes == 8, "fetch: an image's 8 bytes, in memory");
	is_str(res.content_type, "image/png", "fetch: with its content type");
	api_result_clear(&res);
	canned_stop(&srv);

	st[0].reply = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n"
	    "Content-Length: 20000000\r\n\r\n\x89PNG";
	srv = run_link(st, 1, &c, &req, &res);
	ok(res.outcome == API_OK && res.over_cap && res.bytes == 20000000,
	    "fetch: 20 MB announced is a picture over the cap, of 20 MB "
	    "(%s, over_cap %d, %lld bytes)", api_outcome_name(res.outcome), res.over_cap,
	    (long long)res.bytes);
	api_result_clear(&res);
	canned_stop(&srv);

	req.url = "http://127.0.0.1:1/x.png";
	api_perform(&c, &req, NULL, NULL, &res);
	is_str(api_outcome_name(res.outcome), api_outcome_name(API_NOT_SENT),
	    "fetch: a server not reached: not sent");
	api_result_clear(&res);

	test_fetch_cap(&c);
	test_fetch_redirect(&c);
	test_fetch_logged(&c);
}

struct progress_seen {
	int	calls;
	int64_t	last;
	int64_t	total;
	int	backwards;
};

static void
progress_cb(int64_t now, int64_t total, void *arg)
{
	struct progress_seen	*p = arg;

	p->backwards += now < p->last;
	p->calls++;
	p->last = now;
	p->total = total;
}

static void
test_progress(void)
{
	static char		 body[100100];
	struct api_conn		 c;
	struct api_request	 req = { .kind = API_DOWNLOAD };
	struct api_result	 res = { 0 };
	struct canned_step	 st[1] = { { CANNED_SLOW, body } };
	struct progress_seen	 seen = { 0, 0, 0, 0 };
	struct canned		*srv;
	char			*dest;
	size_t			 n;

	n = (size_t)snprintf(body, sizeof body,
	    "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
	memset(body + n, 'v', 100000);
	xasprintf(&dest, "%s/slow.mp4", tmpdir);
	netlib_conn(&c, "http://127.0.0.1:1");
	srv = canned_start(st, 1);
	req.url = canned_url(srv);
	req.dest = dest;
	api_perform(&c, &req, progress_cb, &seen, &res);
	is_int(res.outcome, API_OK, "a slow download completes");
	ok(seen.calls >= 3, "with progress on the way (%d calls)", seen.calls);
	is_int(seen.backwards, 0, "never going backwards");
	is_int(seen.total, 100000, "against the total size");
	api_result_clear(&res);
	canned_stop(&srv);
	unlink(dest);
	free(dest);
}

/* One download of dest from a one-step canned server: the outcome. */
static enum api_outcome
fetch(struct api_conn *c, const char *dest, enum canned_act act,
    const char *reply, struct api_result *res)
{
	struct api_request	req = { .kind = API_DOWNLOAD, .dest = dest };
	struct canned_step	st[1] = { { act, reply } };
	struct canned		*srv = canned_start(st, 1);

	req.url = canned_url(srv);
	api_result_clear(res);
	api_perform(c, &req, NULL, NULL, res);
	canned_stop(&srv);
	return res->outcome;
}

/* Issue 12, items 4, 6 and 7: how much a download may write, for how long,
 * and where. */
static void
test_download_limits(void)
{
	static const char eleven[] = "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n"
	    "\r\nhello world";
	struct api_conn		c;
	struct api_result	res = { 0 };
	struct stat		 sb;
	char			*dest, *part, *victim, *s;
	enum api_outcome	 o;
	int64_t			 t0;

	xasprintf(&dest, "%s/lim.mp4", tmpdir);
	xasprintf(&part, "%s.part", dest);
	xasprintf(&victim, "%s/victim", tmpdir);
	netlib_conn(&c, "http://127.0.0.1:1");
	c.retry.max_attempts = 1;

	c.max_download = 8;
	/* The outcome first: arguments are evaluated in no set order, and
	 * res.message is freed and made again by each fetch. */
	o = fetch(&c, dest, CANNED_REPLY, eleven, &res);
	ok(o == API_LOCAL_ERROR && strstr(res.message, "cap") != NULL,
	    "item 4: a size announced over the cap is refused: %s", res.message);
	ok(stat(part, &sb) == -1 && stat(dest, &sb) == -1,
	    "item 4: and leaves no .part and no file");
	o = fetch(&c, dest, CANNED_REPLY, "HTTP/1.1 200 OK\r\n\r\nan endless "
	    "body, more than 8 bytes", &res);
	ok(o == API_LOCAL_ERROR && strstr(res.message, "cap") != NULL,
	    "item 4: a body of no announced size is cut at the cap: %s",
	    res.message);
	ok(stat(part, &sb) == -1, "item 4: and its .part is removed");
	/* Resumed, the cap counts the bytes the part has: 5 there and 6
	 * announced are over 8 before any byte comes. */
	spit(part, "hello");
	o = fetch(&c, dest, CANNED_REPLY, "HTTP/1.1 206 Partial Content\r\n"
	    "Content-Range: bytes 5-10/11\r\nContent-Length: 6\r\n\r\n world", &res);
	ok(o == API_LOCAL_ERROR && strstr(res.message, "announces") != NULL,
	    "item 4: a resumed download announced over what the cap leaves is "
	    "refused: %s", res.message);
	unlink(part);
	c.max_download = 0;

	c.download_ms = 300;
	t0 = clock_ms();	/* CANNED_SLOW: 20 pieces 50 ms apart, 1 s */
	o = fetch(&c, dest, CANNED_SLOW, eleven, &res);
	ok(o != API_OK && clock_ms() - t0 < 900, "item 4: a download slower than "
	    "its deadline ends at the deadline (%s, %lld ms)", api_outcome_name(o),
	    (long long)(clock_ms() - t0));
	c.download_ms = 0;
	unlink(part);

	ok(fetch(&c, dest, CANNED_REPLY, "HTTP/1.1 404 Not Found\r\n"
	    "Content-Length: 9\r\n\r\nnot found", &res) == API_NOT_FOUND &&
	    stat(part, &sb) == -1, "item 4: a refused attempt leaves no empty "
	    ".part");

	spit(victim, "precious");
	ok(symlink(victim, part) == 0, "a .part that is a symlink");
	is_int(fetch(&c, dest, CANNED_REPLY, eleven, &res), API_LOCAL_ERROR,
	    "item 6: a .part symlink is refused");
	is_str(s = slurp(victim), "precious", "item 6: its target is untouched");
	free(s);
	ok(stat(dest, &sb) == -1, "item 6: and nothing is renamed into place");
	unlink(part);

	ok(mkfifo(part, 0600) == 0, "a .part that is a FIFO");
	is_int(fetch(&c, dest, CANNED_REPLY, eleven, &res), API_LOCAL_ERROR,
	    "item 6: a FIFO .part is refused, without waiting for a reader");
	unlink(part);

	ok(mkfifo(dest, 0600) == 0, "a destination that is not a regular file");
	o = fetch(&c, dest, CANNED_REPLY, eleven, &res);
	ok(o == API_LOCAL_ERROR && strstr(res.message, "not a regular file") != NULL,
	    "item 7: download -o onto a FIFO or a device is refused: %s", res.message);
	ok(stat(dest, &sb) == 0 && S_ISFIFO(sb.st_mode), "item 7: and it is "
	    "left as it was");
	ok(stat(part, &sb) == -1, "item 7: no .part is made for it");
	api_result_clear(&res);
	unlink(dest);
	unlink(victim);
	free(dest);
	free(part);
	free(victim);
}

/* A result link lives on another host: its failures do not send the user to
 * the base URL, which has nothing to do with them. */
static void
test_advice_links(void)
{
	static const enum api_outcome outs[] = { API_NOT_SENT, API_BAD_RESPONSE };
	struct api_result r;
	char *adv;
	size_t i;

	for (i = 0; i < sizeof outs / sizeof outs[0]; i++) {
		memset(&r, 0, sizeof r);
		r.kind = API_DOWNLOAD;
		r.outcome = outs[i];
		r.message = (char *)"Failed to connect to 127.0.0.1 port 9";
		adv = api_advice(&r);
		ok(strstr(adv, "base URL") == NULL && strstr(adv, "file's server") != NULL,
		    "a download's %s blames the file's server: %s",
		    api_outcome_name(outs[i]), adv);
		free(adv);
		r.kind = API_TASK_INFO;
		adv = api_advice(&r);
		ok(strstr(adv, "base URL") != NULL, "a query's %s still names the base URL",
		    api_outcome_name(outs[i]));
		free(adv);
	}
}

/* What a person reads when a request ends: the attempts counted right, the
 * service's wish to wait passed on, a 404 explained by what was asked. */
static void
test_advice_words(void)
{
	static const struct {
		enum api_kind	 kind;
		enum api_outcome o;
		int		 attempts;
		long		 retry_after;
		const char	*has;
	} table[] = {
		{ API_BALANCE, API_RATE_LIMITED, 1, -1, "gave up after 1 attempt:" },
		{ API_BALANCE, API_RATE_LIMITED, 5, 7, "gave up after 5 attempts: "
		    "try again later (the service asks to wait 7s)" },
		{ API_CREATE, API_MAINTENANCE, 1, 0, "after 1 attempt: try again "
		    "later (the service asks to wait 0s)" },
		{ API_CREATE, API_MAINTENANCE, 2, -1, "2 attempts: try again later" },
		{ API_TASK_INFO, API_NOT_FOUND, 1, -1, "no such task" },
		{ API_DOWNLOAD, API_NOT_FOUND, 1, -1, "nothing at that URL" },
		{ API_HEAD, API_NOT_FOUND, 1, -1, "nothing at that URL" },
		{ API_BALANCE, API_NOT_FOUND, 1, -1, "check the base URL" },
		{ API_CREATE, API_NOT_FOUND, 1, -1, "check the base URL" },
		{ API_CREATE, API_SERVER_ERROR, 1, -1, "the task was not resent" },
		{ API_TASK_INFO, API_SERVER_ERROR, 1, -1, "500: server error: why" },
		{ API_CREATE, API_NO_ANSWER, 1, -1, "may or may not exist" },
		{ API_TASK_INFO, API_NO_ANSWER, 1, -1, "no answer (why): try again" },
		{ API_CREATE, API_BAD_RESPONSE, 1, -1, "may or may not exist" },
		{ API_HEAD, API_NOT_SENT, 1, -1, "the file's server" },
		{ API_CREATE, API_OTHER, 1, -1, "unexpected answer (HTTP 418, "
		    "code 77): why" },
	};
	struct api_result	r;
	char			*adv;
	size_t			 i;

	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		memset(&r, 0, sizeof r);
		r.kind = table[i].kind;
		r.outcome = table[i].o;
		r.attempts = table[i].attempts;
		r.retry_after = table[i].retry_after;
		r.http_status = 418;
		r.code = 77;
		r.message = (char *)"why";
		adv = api_advice(&r);
		ok(strstr(adv, table[i].has) != NULL, "%s of a %s: %s",
		    api_outcome_name(r.outcome), api_kind_name(r.kind), adv);
		ok(table[i].retry_after >= 0 || strstr(adv, "asks to wait") ==
		    NULL, "  no wait named when none was asked");
		free(adv);
	}
}

static void
test_names(void)
{
	static const char *const kinds[] = { "create", "task_info", "balance",
	    "download", "head", "fetch" };
	struct api_result	r = { 0 };
	int			i;

	for (i = 0; i < 6; i++)
		is_str(api_kind_name(i), kinds[i], "kind %d: %s", i, kinds[i]);
	is_str(api_kind_name(6), "?", "no such kind: ?");
	is_str(api_outcome_name(API_OK), "ok", "ok");
	is_str(api_outcome_name(API_NO_ANSWER), "no_answer", "no_answer");
	is_str(api_outcome_name(API_CANCELLED), "cancelled", "cancelled");
	is_str(api_outcome_name(API_OUTCOME_COUNT), "?", "no such outcome: ?");

	/* Only a create whose body may have left without a verdict. */
	for (i = 0; i < API_OUTCOME_COUNT; i++) {
		r.kind = API_CREATE;
		r.outcome = i;
		is_int(api_result_unknown(&r), i == API_NO_ANSWER ||
		    i == API_BAD_RESPONSE, "a create's %s: %s", api_outcome_name(i),
		    i == API_NO_ANSWER || i == API_BAD_RESPONSE ? "unknown" :
		    "known");
		r.kind = API_TASK_INFO;
		ok(!api_result_unknown(&r), "a query's %s: known",
		    api_outcome_name(i));
	}
}

static void
test_image_problem(void)
{
	static const struct {
		const char	*type;
		int64_t		 bytes;
		const char	*has;	/* NULL: usable */
	} table[] = {
		{ "image/jpeg", 1000, NULL },
		{ "IMAGE/JPEG; charset=binary", 1000, NULL },
		{ "image/jpg", 1000, NULL },
		{ "image/png", 10 * 1024 * 1024, NULL },
		{ "image/png", 10 * 1024 * 1024 + 1, "image of 10.0 MB: the limit is 10 MB" },
		{ "image/gif", 1000, "not a JPEG or PNG image (image/gif)" },
		{ "image/jpe", 1000, "not a JPEG or PNG image (image/jpe)" },
		{ "image/pn", 1000, "not a JPEG or PNG image" },
		{ "text/html", 1000, "not a JPEG or PNG image (text/html)" },
		{ NULL, 1000, "not a JPEG or PNG image (no content type)" },
		{ "", 1000, "(no content type)" },
	};
	struct api_result	r;
	char			*p;
	size_t			 i;

	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		memset(&r, 0, sizeof r);
		r.kind = API_HEAD;
		r.outcome = API_OK;
		r.content_type = (char *)table[i].type;
		r.bytes = table[i].bytes;
		p = api_image_problem(&r);
		if (table[i].has == NULL)
			ok(p == NULL, "%s of %lld bytes: usable", table[i].type,
			    (long long)table[i].bytes);
		else
			ok(p != NULL && strstr(p, table[i].has) != NULL,
			    "%s of %lld bytes: %s", table[i].type ? table[i].type :
			    "(none)", (long long)table[i].bytes, p ? p : "usable");
		free(p);
	}
	memset(&r, 0, sizeof r);
	r.kind = API_HEAD;
	r.outcome = API_NOT_FOUND;
	p = api_image_problem(&r);
	ok(p != NULL && strncmp(p, "image not reachable: 404: nothing at that "
	    "URL", 43) == 0, "an unreachable image: %s", p);
	free(p);
}

static void
test_download_names(void)
{
	char	*p, *cause = NULL;

	p = api_download_path("dl", "Task_AZaz09.x-y", &cause);
	is_str(p, "dl/Task_AZaz09.x-y.mp4", "letters of both cases, digits, "
	    "_ . - are kept");
	free(p);
	p = api_download_path("", "..task", &cause);
	is_str(p, "task.mp4", "no leading dot: no hidden file; \"\": here");
	free(p);
	p = api_download_path("/", "t", &cause);
	is_str(p, "/t.mp4", "a folder ending in / gets no second one");
	free(p);
	p = api_download_path("/dl", NULL, &cause);
	ok(p == NULL && cause != NULL, "no task id: refused");
	free(cause);
}

int
main(void)
{
	char	*cause = NULL;

	if (mkdtemp(tmpdir) == NULL || net_global_init(&cause) != 0)
		return 1;
	test_pure();
	test_refused_urls();
	test_not_reached();
	test_codes();
	test_shapes();
	test_task_info();
	test_cap();
	test_retry();
	test_unknown();
	test_download();
	test_head();
	test_fetch();
	test_download_limits();
	test_progress();
	net_global_free();
	rmdir(tmpdir);
	test_advice_links();
	test_advice_words();
	test_names();
	test_image_problem();
	test_download_names();
	return tap_done();
}
