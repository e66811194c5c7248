/* kling-tui: tests for urlrule.c: which hosts are this machine, which URLs
 * the client may use, and the lean front's URL split.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "urlrule.h"

static void
test_loopback(void)
{
	static const struct {
		const char	*host;
		bool		 loopback;
	} table[] = {
		{ "localhost", true },
		{ "LocalHost", true },
		{ "127.0.0.1", true },
		{ "127.1.2.3", true },
		{ "127.255.255.254", true },
		{ "126.255.255.255", false },
		{ "128.0.0.1", false },
		{ "10.0.0.1", false },
		{ "0.0.0.0", false },
		{ "[::1]", true },
		{ "[0:0:0:0:0:0:0:1]", true },
		{ "[::2]", false },
		{ "[::]", false },
		{ "[::ffff:127.0.0.1]", false },	/* curl would not call it so */
		{ "::1", false },			/* unbracketed: no URL host */
		{ "[::1", false },
		{ "::1]", false },
		{ "[]", false },
		{ "[", false },
		{ "", false },
		{ "localhost.example.com", false },
		{ "127.0.0.1.example.com", false },
		{ "api.crun.ai", false },
	};
	size_t	i;

	for (i = 0; i < sizeof table / sizeof table[0]; i++)
		is_int(urlrule_loopback(table[i].host), table[i].loopback,
		    "%s is %s", table[i].host, table[i].loopback ? "this machine" :
		    "not this machine");
	/* A bracketed literal too long for any address is refused, not
	 * copied past the buffer. */
	is_int(urlrule_loopback("[0000:0000:0000:0000:0000:0000:0000:0000:0000:"
	    "0000:0000:0000:0001]"), false, "an overlong literal is no address");
	{
		char	fits[66];	/* "[" 63 characters "]" */

		fits[0] = '[';
		memset(fits + 1, '1', 63);
		fits[64] = ']';
		fits[65] = '\0';
		is_int(urlrule_loopback(fits), false,
		    "nor one that just fits the buffer");
	}
}

static void
check(const char *scheme, const char *host, bool base_loopback,
    bool allow_http, int want, const char *cause_has, const char *name)
{
	char	*cause = NULL;
	int	 rc = urlrule_check(scheme, host, base_loopback, allow_http,
		    &cause);

	is_int(rc, want, "%s", name);
	if (want == 0)
		ok(cause == NULL, "%s: no reason", name);
	else
		ok(cause != NULL && strstr(cause, cause_has) != NULL,
		    "%s: the reason says %s", name, cause_has);
	if (cause != NULL)
		diag_note("%s", cause);
	free(cause);
}

static void
test_check(void)
{
	check("https", "api.crun.ai", false, false, 0, NULL,
	    "https to anywhere");
	check("HTTPS", "example.com", false, false, 0, NULL,
	    "the scheme's case does not matter");
	check("https", "127.0.0.1", false, false, 0, NULL,
	    "https to this machine");
	check("ftp", "example.com", false, true, -1,
	    "ftp:// URLs are not supported (https only)",
	    "ftp refused, even with --allow-http");
	check("file", "", true, true, -1, "file:// URLs are not supported",
	    "file refused");
	check("http", "example.com", false, false, -1, "--allow-http",
	    "plain http to a remote host refused");
	check("http", "example.com", true, false, -1, "plain http:// to "
	    "example.com refused", "even when the API is on this machine");
	check("HTTP", "example.com", false, true, 0, NULL,
	    "plain http allowed with --allow-http");
	check("http", "127.0.0.1", true, false, 0, NULL,
	    "http from a local API to this machine (the simulator)");
	check("http", "localhost", true, false, 0, NULL,
	    "localhost by name");
	check("http", "127.0.0.1", false, false, -1, "refused",
	    "a remote API's link to this machine's ports refused");
}

static void
split(const char *url, int want, const char *scheme, const char *host)
{
	char	*s = NULL, *h = NULL;

	is_int(urlrule_split(url, &s, &h), want, "split %s: %s", url,
	    want == 0 ? "ok" : "refused");
	if (want == 0) {
		is_str(s, scheme, "%s: scheme", url);
		is_str(h, host, "%s: host", url);
	} else
		ok(s == NULL && h == NULL, "%s: nothing returned", url);
	free(s);
	free(h);
}

static void
test_split(void)
{
	split("https://api.crun.ai", 0, "https", "api.crun.ai");
	split("https://api.crun.ai/v1/x", 0, "https", "api.crun.ai");
	split("HTTP://Example.COM:8080/a", 0, "HTTP", "Example.COM");
	split("http://127.0.0.1:43123", 0, "http", "127.0.0.1");
	split("http://user:pw@127.0.0.1:8080/x", 0, "http", "127.0.0.1");
	split("http://h?u@x", 0, "http", "h");
	split("http://h#u@x", 0, "http", "h");
	split("http://[::1]:8080/", 0, "http", "[::1]");
	split("http://[::1]/", 0, "http", "[::1]");
	split("svn+ssh.x-y://host", 0, "svn+ssh.x-y", "host");
	split("no scheme here", -1, NULL, NULL);
	split("://host", -1, NULL, NULL);
	split("ht tp://host", -1, NULL, NULL);
	split("a/b://host", -1, NULL, NULL);
	split("https://", -1, NULL, NULL);
	split("https:///path", -1, NULL, NULL);
	split("https://:443/", -1, NULL, NULL);
	split("https://user@/", -1, NULL, NULL);
}

int
main(void)
{
	test_loopback();
	test_check();
	test_split();
	return tap_done();
}
