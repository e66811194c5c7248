/* kling-tui tests: conn.c: the connection's defaults, and that a zero or a
 * negative in api_conn means the default, never "no limit".
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * net_conn is internal (xfer.h), so this one sees curl's headers. */
#include "config.h"

#include <string.h>

#include "tap.h"
#include "xfer.h"

static void
test_defaults(void)
{
	struct api_conn	c;

	memset(&c, 0x5a, sizeof c);
	api_conn_init(&c);
	/* The values api.h, README and kling-tui(1) promise. */
	is_str(c.base_url, "https://api.crun.ai", "the service by default");
	ok(c.key == NULL && c.cacert == NULL && !c.allow_http,
	    "no key, the system's CAs, https only");
	is_int(c.connect_timeout_ms, 10000, "10 s to connect");
	is_int(c.timeout_ms, 30000, "30 s for an API request");
	is_int(c.stall_secs, 30, "a download moving no byte for 30 s stalls");
	is_int((long long)c.max_response, 1024 * 1024, "an answer is at most 1 MiB");
	is_int(c.max_download, 4096LL << 20, "a download at most 4096 MB");
	is_int(c.download_ms, 3600 * 1000, "a download attempt at most an hour");
	is_int(c.retry.max_attempts, 5, "5 attempts");
	is_int(c.retry.backoff_ms, 1000, "1 s before the first retry");
	is_int(c.retry.backoff_max_ms, 120000, "2 minutes at most between two");
}

static void
test_zero_is_default(void)
{
	struct api_conn	 c = { 0 };
	struct net_conn	*n;

	n = net_conn_new(&c);
	is_str(n->base_url, "https://api.crun.ai", "no base URL: the service");
	ok(n->key_header == NULL, "no key: no header");
	ok(n->cacert == NULL, "no CA file: the system's");
	is_int(n->connect_timeout_ms, 10000, "zero connect timeout: 10 s");
	is_int(n->timeout_ms, 30000, "zero timeout: 30 s");
	is_int(n->stall_secs, 30, "zero stall: 30 s");
	is_int((long long)n->max_response, 1024 * 1024, "zero answer cap: 1 MiB");
	is_int(n->max_download, 4096LL << 20, "zero download cap: 4096 MB");
	is_int(n->download_ms, 3600 * 1000, "zero download time: an hour");
	is_int(n->retry.max_attempts, 1, "zero attempts: one");
	is_int(n->retry.backoff_ms, 1000, "zero back-off: 1 s");
	is_int(n->retry.backoff_max_ms, 1000,
	    "a cap below the back-off is raised to it");
	net_conn_free(&n);
	ok(n == NULL, "net_conn_free clears the pointer");
	net_conn_free(&n);
	ok(1, "and is harmless on NULL");

	c.connect_timeout_ms = -1;
	c.timeout_ms = -1;
	c.stall_secs = -1;
	c.download_ms = -1;
	c.max_download = -1;
	c.retry.backoff_ms = -5;
	n = net_conn_new(&c);
	ok(n->connect_timeout_ms == 10000 && n->timeout_ms == 30000 &&
	    n->stall_secs == 30 && n->download_ms == 3600 * 1000 &&
	    n->max_download == 4096LL << 20, "negative limits: the defaults");
	is_int(n->retry.backoff_ms, 1000, "a negative back-off: 1 s");
	net_conn_free(&n);
}

static void
test_kept(void)
{
	struct api_conn	 c;
	struct net_conn	*n;

	api_conn_init(&c);
	c.base_url = "http://127.0.0.1:8080";
	c.key = "secret";
	c.cacert = "/etc/private-ca.pem";
	c.allow_http = true;
	c.connect_timeout_ms = 1;
	c.timeout_ms = 1;
	c.stall_secs = 1;
	c.max_response = 1;
	c.max_download = 1;
	c.download_ms = 1;
	c.retry.max_attempts = 3;
	c.retry.backoff_ms = 1;
	c.retry.backoff_max_ms = 2;
	n = net_conn_new(&c);
	is_str(n->base_url, "http://127.0.0.1:8080", "the base URL is kept");
	is_str(n->key_header, "x-api-key: secret", "the key's header");
	is_str(n->cacert, "/etc/private-ca.pem", "the CA file");
	ok(n->allow_http, "--allow-http");
	ok(n->connect_timeout_ms == 1 && n->timeout_ms == 1 &&
	    n->stall_secs == 1 && n->max_response == 1 &&
	    n->max_download == 1 && n->download_ms == 1,
	    "the smallest limits are kept as given");
	ok(n->retry.max_attempts == 3 && n->retry.backoff_ms == 1 &&
	    n->retry.backoff_max_ms == 2, "and so is the retry policy");
	net_conn_free(&n);

	c.key = "";
	c.cacert = "";
	n = net_conn_new(&c);
	ok(n->key_header == NULL, "an empty key: no header");
	ok(n->cacert == NULL, "an empty CA file: the system's");
	net_conn_free(&n);
}

static void
test_slashes(void)
{
	static const struct {
		const char	*base, *want;
	} table[] = {
		{ "https://api.crun.ai/", "https://api.crun.ai" },
		{ "https://api.crun.ai///", "https://api.crun.ai" },
		{ "https://h/v1/", "https://h/v1" },
		{ "https://h/v1", "https://h/v1" },
		{ "/", "" },
		{ "///", "" },
	};
	/* A base that is a piece of a longer line (a config's value): the
	 * slashes before it are not its own. */
	static const char line[] = "base_url=//";
	struct api_conn	 c;
	struct net_conn	*n;
	size_t		 i;

	api_conn_init(&c);
	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		c.base_url = table[i].base;
		n = net_conn_new(&c);
		is_str(n->base_url, table[i].want, "base %s: %s", table[i].base,
		    table[i].want);
		net_conn_free(&n);
	}
	c.base_url = line + sizeof line - 2;
	n = net_conn_new(&c);
	is_str(n->base_url, "", "a base of one slash, after others, is empty");
	net_conn_free(&n);
}

int
main(void)
{
	test_defaults();
	test_zero_is_default();
	test_kept();
	test_slashes();
	return tap_done();
}
