/* kling-tui tests: url.c: which URLs a request may fetch, the host read as
 * curl reads it: https anywhere, plain http to this machine only when the
 * API is on this machine too, nothing that is not a URL.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * url_check is internal (xfer.h), so this one sees curl's headers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "tap.h"
#include "xfer.h"
#include "xmalloc.h"

#define SERVICE	"https://api.crun.ai"
#define SIM	"http://127.0.0.1:43123"

static void
check(const char *url, const char *base, bool allow_http, int want,
    const char *cause_has)
{
	char	*cause = NULL;
	int	 rc = url_check(url, base, allow_http, &cause);

	is_int(rc, want, "%s from %s%s: %s", url, base,
	    allow_http ? " (--allow-http)" : "", want == 0 ? "fetched" :
	    "refused");
	if (want == 0)
		ok(cause == NULL, "  no reason given");
	else {
		ok(cause != NULL && strstr(cause, cause_has) != NULL,
		    "  the reason says %s", cause_has);
		if (cause != NULL)
			diag_note("%s", cause);
	}
	free(cause);
}

/* An API URL is the base and a path of ours: its verdict, remembered
 * from the base's, is the one url_check gives the whole URL, on the first
 * call and on the next (from memory). */
static void
check_api(const char *base, bool allow_http, bool no_host)
{
	struct api_conn	 ac;
	struct net_conn	*c;
	char		*url, *c1 = NULL, *c2 = NULL, *cw = NULL;
	int		 want, r1, r2;

	api_conn_init(&ac);
	ac.base_url = base;
	ac.allow_http = allow_http;
	c = net_conn_new(&ac);
	xasprintf(&url, "%s/api/v1/client/job/TaskInfo?task_id=task_12345678",
	    c->base_url);
	want = url_check(url, c->base_url, allow_http, &cw);
	/* A base with no host at all ("https://", kept as "https:") would
	 * lend one from the path, "https:/api/v1/..." read as the host
	 * "api": refused, as the base is. */
	if (no_host)
		want = -1;
	r1 = url_check_api(c, &c1);
	r2 = url_check_api(c, &c2);
	ok(r1 == want && r2 == want, "API URLs of %s%s: %s, as %s is", base,
	    allow_http ? " (--allow-http)" : "", want == 0 ? "fetched" :
	    "refused", url);
	if (want != 0)
		ok(c1 != NULL && c2 != NULL && strcmp(c1, c2) == 0,
		    "  the same reason each time: %s", c1 != NULL ? c1 : "(none)");
	free(url);
	free(cw);
	free(c1);
	free(c2);
	net_conn_free(&c);
}

int
main(void)
{
	char	*cause = NULL;

	/* libcurl is loaded on first use (curlsym.c), as in the program. */
	if (net_global_init(&cause) != 0) {
		printf("Bail out! %s\n", cause);
		return 1;
	}
	check("https://cdn.example.com/v.mp4", SERVICE, false, 0, NULL);
	check("https://cdn.example.com/v.mp4", SIM, false, 0, NULL);
	check("HTTPS://CDN.EXAMPLE.COM/v.mp4", SERVICE, false, 0, NULL);
	check("http://cdn.example.com/v.mp4", SERVICE, false, -1,
	    "--allow-http");
	check("http://cdn.example.com/v.mp4", SERVICE, true, 0, NULL);
	/* The simulator's links point back at it. */
	check("http://127.0.0.1:43123/media/t.mp4", SIM, false, 0, NULL);
	check("http://localhost:43123/media/t.mp4", SIM, false, 0, NULL);
	check("http://[::1]:43123/media/t.mp4", "http://[::1]:43123", false, 0,
	    NULL);
	/* A remote API's answer must not send the client to this machine. */
	check("http://127.0.0.1:631/admin", SERVICE, false, -1, "refused");
	check("http://localhost/", "https://localhost.example.com", false, -1,
	    "refused");
	/* Nor a local-looking name to a remote host (userinfo, decimal). */
	check("http://127.0.0.1@evil.example/", SIM, false, -1, "evil.example");
	check("http://2130706433/", SERVICE, false, -1, "refused");
	/* A base that is not a URL is no loopback. */
	check("http://127.0.0.1/x", "not a url", false, -1, "refused");
	check("http://127.0.0.1/x", "", false, -1, "refused");
	/* A text without a scheme is no URL, whatever the base: curl would
	 * fetch it as http:// to wherever it names. */
	check("127.0.0.1:631/admin", SERVICE, false, -1, "not a usable URL");
	check("//127.0.0.1:631/admin", SERVICE, false, -1, "not a usable URL");
	check("/media/t.mp4", SERVICE, false, -1, "not a usable URL");
	/* Not URLs, or not ones curl may fetch. */
	check("not a url", SERVICE, true, -1, "not a usable URL");
	check("", SERVICE, true, -1, "not a usable URL");
	check("https://", SERVICE, true, -1, "not a usable URL");
	check("file:///etc/passwd", SERVICE, true, -1, "not a usable URL");
	check("ftp://example.com/x", SERVICE, true, -1, "https only");

	check_api(SERVICE, false, false);
	check_api(SIM, false, false);
	check_api("http://api.example.com", false, false);
	check_api("http://api.example.com", true, false);
	check_api("http://127.0.0.1:43123/prefix/", false, false);
	check_api("http://user@127.0.0.1:43123", false, false);
	check_api("http://127.0.0.1@evil.example", false, false);
	check_api("ftp://127.0.0.1", true, false);
	check_api("not a url", true, false);
	check_api("https://", true, true);

	/* A request of no kind the client knows is refused, not sent. */
	{
		struct api_conn		 ac;
		struct api_request	 r = { .kind = (enum api_kind)99 };
		struct net_conn		*c;
		struct xfer		 x;
		int			 rc;

		api_conn_init(&ac);
		c = net_conn_new(&ac);
		cause = NULL;
		rc = xfer_init(&x, c, &r, &cause);
		ok(rc == -1 && cause != NULL && strcmp(cause, "unknown request kind") == 0,
		    "a request of an unknown kind is refused: %s", cause != NULL ? cause : "taken");
		free(cause);
		net_conn_free(&c);
	}
	return tap_done();
}
