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
	return tap_done();
}
