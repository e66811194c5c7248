/* kling-tui: how to reach the service: api_conn's defaults, and net_conn,
 * the copy with its strings owned that a request or the worker keeps.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * Below xfer.c and api.c: it calls neither. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "xfer.h"
#include "xmalloc.h"

void
api_conn_init(struct api_conn *c)
{
	memset(c, 0, sizeof *c);
	c->base_url = API_DEFAULT_BASE_URL;
	c->connect_timeout_ms = 10000;
	c->timeout_ms = 30000;
	c->stall_secs = 30;
	c->max_response = 1024 * 1024;
	/* An endless body filled a disk in seconds, a trickle of 2 bytes a
	 * second never ended: a result video is far below both. */
	c->max_download = (int64_t)4 << 30;
	c->download_ms = 3600 * 1000;
	c->retry.max_attempts = 5;
	c->retry.backoff_ms = 1000;
	c->retry.backoff_max_ms = 120000;
}

struct net_conn *
net_conn_new(const struct api_conn *ac)
{
	struct net_conn	*c = xcalloc(1, sizeof *c);
	struct api_conn	 def;
	const char	*base = ac->base_url != NULL ? ac->base_url :
			    API_DEFAULT_BASE_URL;
	size_t		 n = strlen(base);

	while (n > 0 && base[n - 1] == '/')
		n--;
	c->base_url = xstrndup(base, n);
	if (ac->key != NULL && *ac->key != '\0')
		xasprintf(&c->key_header, "x-api-key: %s", ac->key);
	if (ac->cacert != NULL && *ac->cacert != '\0')
		c->cacert = xstrdup(ac->cacert);
	c->allow_http = ac->allow_http;
	c->base_verdict = url_verdict_new();
	/* Zero means "the default", never "no limit": a request without a
	 * timeout or a cap could hang or eat memory. */
	api_conn_init(&def);
	c->connect_timeout_ms = ac->connect_timeout_ms > 0 ?
	    ac->connect_timeout_ms : def.connect_timeout_ms;
	c->timeout_ms = ac->timeout_ms > 0 ? ac->timeout_ms : def.timeout_ms;
	c->stall_secs = ac->stall_secs > 0 ? ac->stall_secs : def.stall_secs;
	c->max_response = ac->max_response > 0 ? ac->max_response :
	    def.max_response;
	c->max_download = ac->max_download > 0 ? ac->max_download :
	    def.max_download;
	c->download_ms = ac->download_ms > 0 ? ac->download_ms :
	    def.download_ms;
	c->retry = ac->retry;
	if (c->retry.max_attempts == 0)
		c->retry.max_attempts = 1;
	if (c->retry.backoff_ms <= 0)
		c->retry.backoff_ms = def.retry.backoff_ms;
	if (c->retry.backoff_max_ms < c->retry.backoff_ms)
		c->retry.backoff_max_ms = c->retry.backoff_ms;
	return c;
}

void
net_conn_free(struct net_conn **cp)
{
	struct net_conn	*c = *cp;

	if (c == NULL)
		return;
	free(c->base_url);
	if (c->key_header != NULL) {
		/* Do not leave the key lying in freed memory. */
		memset(c->key_header, 0, strlen(c->key_header));
		free(c->key_header);
	}
	free(c->cacert);
	url_verdict_free(&c->base_verdict);
	free(c);
	*cp = NULL;
}
