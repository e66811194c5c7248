/* kling-tui tests: the retry policy of API.md section 5, as a table: which
 * failures are tried again for a create and for a query, and how long the
 * client waits.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include "tap.h"
#include "xfer.h"

static long
delay(enum api_kind kind, enum api_outcome o, long http, long retry_after,
    int attempts)
{
	struct api_retry	p = { 5, 1000, 30000 };
	struct api_result	r = { 0 };

	r.kind = kind;
	r.outcome = o;
	r.http_status = http;
	r.retry_after = retry_after;
	r.attempts = attempts;
	return retry_delay(&p, &r);
}

int
main(void)
{
	static const struct {
		enum api_outcome	o;
		long			http;
		int			create;	/* retried for a create */
		int			query;	/* retried for a query */
	} table[] = {
		{ API_OK, 200, 0, 0 },
		{ API_UNAUTHORIZED, 401, 0, 0 },
		{ API_NO_CREDITS, 402, 0, 0 },
		{ API_NOT_FOUND, 404, 0, 0 },
		{ API_INVALID, 422, 0, 0 },
		{ API_RATE_LIMITED, 429, 1, 1 },
		{ API_MAINTENANCE, 455, 1, 1 },
		{ API_SERVER_ERROR, 500, 0, 1 },
		{ API_GEN_FAILED, 501, 0, 0 },
		{ API_DISABLED, 505, 0, 0 },
		{ API_OTHER, 503, 0, 1 },
		{ API_OTHER, 500, 0, 1 },
		{ API_OTHER, 499, 0, 0 },
		{ API_OTHER, 418, 0, 0 },
		{ API_NOT_SENT, 0, 1, 1 },
		{ API_NO_ANSWER, 0, 0, 1 },
		{ API_BAD_RESPONSE, 502, 0, 1 },
		{ API_BAD_RESPONSE, 200, 0, 1 },
		{ API_LOCAL_ERROR, 0, 0, 0 },
		{ API_CANCELLED, 0, 0, 0 }
	};
	size_t	i;

	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		is_int(delay(API_CREATE, table[i].o, table[i].http, -1, 1) >= 0,
		    table[i].create, "create, %s (HTTP %ld): %s",
		    api_outcome_name(table[i].o), table[i].http,
		    table[i].create ? "retried" : "final");
		is_int(delay(API_TASK_INFO, table[i].o, table[i].http, -1, 1) >=
		    0, table[i].query, "query, %s (HTTP %ld): %s",
		    api_outcome_name(table[i].o), table[i].http,
		    table[i].query ? "retried" : "final");
	}

	/* Trouble on the service's side holds every request back, not one. */
	{
		static const struct {
			enum api_outcome	o;
			long			http;
			bool			global;
		} g[] = {
			{ API_RATE_LIMITED, 429, true }, { API_MAINTENANCE, 455, true },
			{ API_SERVER_ERROR, 500, true }, { API_OTHER, 500, true },
			{ API_OTHER, 499, false }, { API_BAD_RESPONSE, 502, true },
			{ API_BAD_RESPONSE, 200, false }, { API_NO_ANSWER, 0, false },
			{ API_NOT_FOUND, 404, false },
		};
		struct api_result	r = { 0 };

		for (i = 0; i < sizeof g / sizeof g[0]; i++) {
			r.outcome = g[i].o;
			r.http_status = g[i].http;
			is_int(retry_is_global(&r), g[i].global, "%s (HTTP %ld): %s",
			    api_outcome_name(g[i].o), g[i].http, g[i].global ?
			    "everyone holds back" : "this request only");
		}
	}
	is_int(delay(API_TASK_INFO, API_NO_ANSWER, 0, -1, 1), 1000,
	    "first retry after the base delay");
	is_int(delay(API_TASK_INFO, API_NO_ANSWER, 0, -1, 3), 4000,
	    "doubling with each attempt");
	is_int(delay(API_TASK_INFO, API_NO_ANSWER, 0, -1, 5), -1,
	    "no more than max_attempts");
	is_int(delay(API_BALANCE, API_RATE_LIMITED, 429, 7, 1), 7000,
	    "Retry-After wins over the back-off");
	is_int(delay(API_BALANCE, API_RATE_LIMITED, 429, 0, 1), 0,
	    "Retry-After: 0 means now");
	is_int(delay(API_BALANCE, API_RATE_LIMITED, 429, 86400, 1), 30000,
	    "a Retry-After of a day is capped");
	{
		struct api_retry	p = { 5, 1000, 30020 };
		struct api_result	r = { 0 };

		r.kind = API_BALANCE;
		r.outcome = API_RATE_LIMITED;
		r.http_status = 429;
		r.retry_after = 30;
		r.attempts = 1;
		is_int(retry_delay(&p, &r), 30000,
		    "a Retry-After at the cap is waited exactly");
	}
	is_int(delay(API_CREATE, API_NOT_SENT, 0, -1, 4), 8000,
	    "a create that never left is retried with back-off too");
	return tap_done();
}
