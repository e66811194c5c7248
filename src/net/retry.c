/* kling-tui: when to try a request again (API.md section 5).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * A create costs credits and is not idempotent: it is resent only when it
 * provably never reached the service, or the service itself said "later"
 * (429, 455). Queries are free to repeat. */
#include "config.h"

#include "xfer.h"

/* The service (or a gateway in front of it) is overloaded or failing. */
static bool
retry_server_trouble(const struct api_result *r)
{
	switch (r->outcome) {
	case API_RATE_LIMITED:
	case API_MAINTENANCE:
	case API_SERVER_ERROR:
		return true;
	case API_OTHER:
	case API_BAD_RESPONSE:
		return r->http_status >= 500;
	default:
		return false;
	}
}

bool
retry_is_global(const struct api_result *r)
{
	return retry_server_trouble(r);
}

static bool
retry_allowed(const struct api_result *r)
{
	if (r->kind == API_CREATE) {
		return r->outcome == API_NOT_SENT ||
		    r->outcome == API_RATE_LIMITED ||
		    r->outcome == API_MAINTENANCE;
	}
	switch (r->outcome) {
	case API_NOT_SENT:
	case API_NO_ANSWER:
	case API_BAD_RESPONSE:	/* garbage or a cut answer: maybe a hiccup */
		return true;
	default:
		return retry_server_trouble(r);
	}
}

long
retry_delay(const struct api_retry *l, const struct api_result *r)
{
	long	delay;
	int	i;

	if (r->attempts >= (int)l->max_attempts || !retry_allowed(r))
		return -1;
	if (r->retry_after >= 0 && r->retry_after <= l->backoff_max_ms / 1000)
		return r->retry_after * 1000;
	if (r->retry_after >= 0)
		return l->backoff_max_ms;
	delay = l->backoff_ms;
	for (i = 1; i < r->attempts && delay < l->backoff_max_ms; i++)
		delay *= 2;
	return delay < l->backoff_max_ms ? delay : l->backoff_max_ms;
}
