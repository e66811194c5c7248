/* kling-tui tests: response.c: an answer's bytes kept up to the cap, the
 * service's codes, and an answer body turned into a result.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * response.c is internal (xfer.h), so this one sees curl's headers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "xfer.h"

static struct net_conn *
conn(size_t max_response)
{
	struct api_conn	c;

	api_conn_init(&c);
	c.max_response = max_response;
	return net_conn_new(&c);
}

/* Pieces of an answer, up to the cap (6008: a size malloc gives exactly,
 * so a byte past the buffer lands in the next block). */
static void
test_buffer(void)
{
	struct net_conn	*c = conn(6008);
	struct xfer	 x;
	char		 piece[3000], *canary;
	size_t		 i;
	int		 whole = 1;

	memset(&x, 0, sizeof x);
	x.conn = c;
	memset(piece, 'a', sizeof piece);
	is_int(response_buffer(&x, piece, 3000), 3000, "3000 bytes kept");
	memset(piece, 'b', sizeof piece);
	is_int(response_buffer(&x, piece, 2000), 2000, "2000 more kept");
	/* A block allocated after the buffer's last growth: nothing written
	 * into the buffer may reach it. */
	canary = malloc(64);
	memset(canary, 'k', 64);
	memset(piece, 'c', sizeof piece);
	is_int(response_buffer(&x, piece, 1008), 1008, "up to the cap exactly");
	is_int(x.len, 6008, "6008 bytes in all");
	for (i = 0; i < 6008; i++)
		whole &= x.buf[i] == (i < 3000 ? 'a' : i < 5000 ? 'b' : 'c');
	ok(whole, "in the order they came");
	is_int(x.buf[6008], '\0', "and ended for the parser");
	for (i = 0; i < 64 && canary[i] == 'k'; i++)
		;
	is_int(i, 64, "nothing written past the buffer");
	free(canary);
	ok(!x.over_cap, "not over the cap");
	is_int(response_buffer(&x, piece, 1), 0, "one byte more is refused");
	ok(x.over_cap, "and the answer is over the cap");
	free(x.buf);
	net_conn_free(&c);
}

/* An image (a fetch) has the service's cap, API_FETCH_MAX, and keeps what
 * fits of the piece that crosses it: its first bytes tell its type. */
static void
test_fetch_buffer(void)
{
	struct net_conn	*c = conn(100);	/* an answer's cap: not an image's */
	struct xfer	 x;
	char		*big = malloc(API_FETCH_MAX + 5);
	size_t		 i;
	int		 whole = 1;

	memset(&x, 0, sizeof x);
	x.conn = c;
	x.req.kind = API_FETCH;
	for (i = 0; i < API_FETCH_MAX + 5; i++)
		big[i] = (char)('a' + i % 26);
	is_int(response_buffer(&x, big, 1000), 1000, "fetch: 1000 bytes kept, "
	    "over an answer's cap of 100");
	is_int(response_buffer(&x, big + 1000, API_FETCH_MAX - 1000 + 5), 0,
	    "fetch: a piece that crosses the image cap is refused");
	ok(x.over_cap, "fetch: and the image is over the cap");
	is_int(x.len, API_FETCH_MAX, "fetch: what fits of it is kept, up to the cap");
	for (i = 0; i < x.len && whole; i++)
		whole = x.buf[i] == (char)('a' + i % 26);
	ok(whole && x.buf[x.len] == '\0', "fetch: in order, and ended");
	free(x.buf);
	free(big);
	net_conn_free(&c);
}

static void
test_outcomes(void)
{
	static const struct {
		long		 code;
		enum api_outcome o;
	} table[] = {
		{ 200, API_OK }, { 401, API_UNAUTHORIZED },
		{ 402, API_NO_CREDITS }, { 404, API_NOT_FOUND },
		{ 422, API_INVALID }, { 429, API_RATE_LIMITED },
		{ 455, API_MAINTENANCE }, { 500, API_SERVER_ERROR },
		{ 501, API_GEN_FAILED }, { 505, API_DISABLED },
		{ 0, API_OTHER }, { 201, API_OTHER }, { 403, API_OTHER },
		{ 503, API_OTHER },
	};
	size_t	i;

	for (i = 0; i < sizeof table / sizeof table[0]; i++)
		is_str(api_outcome_name(response_outcome(table[i].code)),
		    api_outcome_name(table[i].o), "code %ld: %s", table[i].code,
		    api_outcome_name(table[i].o));
}

/* Decode body as the answer to a request of kind, with HTTP status. */
static void
decode(enum api_kind kind, long http, const char *body,
    struct api_result *res)
{
	struct net_conn	*c = conn(1 << 20);
	struct xfer	 x;

	memset(&x, 0, sizeof x);
	x.conn = c;
	x.req.kind = kind;
	response_buffer(&x, body, strlen(body));
	api_result_clear(res);
	res->kind = kind;
	response_decode(&x, http, res);
	free(x.buf);
	net_conn_free(&c);
}

static void
test_decode(void)
{
	static const struct {
		enum api_kind	 kind;
		long		 http;
		const char	*body;
		enum api_outcome o;
		const char	*message;
	} table[] = {
		{ API_CREATE, 200, "{\"code\": 200, \"data\": {\"task_id\": \"t1\"}}",
		    API_OK, "HTTP 200, code 200" },
		{ API_CREATE, 200, "{\"code\": 200, \"data\": {\"task_id\": \"\"}}",
		    API_BAD_RESPONSE, "answer without the expected data" },
		{ API_CREATE, 200, "{\"code\": 200, \"data\": {}}",
		    API_BAD_RESPONSE, "answer without the expected data" },
		/* A task still running has no result yet; one that failed
		 * may have a result without media. */
		{ API_TASK_INFO, 200, "{\"code\": 200, \"data\": {\"task_id\": "
		    "\"t1\", \"status\": \"processing\"}}",
		    API_OK, "HTTP 200, code 200" },
		{ API_TASK_INFO, 200, "{\"code\": 200, \"data\": {\"task_id\": "
		    "\"t1\", \"status\": \"failed\", \"result\": {\"code\": 1301}}}",
		    API_OK, "HTTP 200, code 200" },
		{ API_TASK_INFO, 200, "{\"code\": 200, \"data\": {\"status\": "
		    "\"processing\"}}",
		    API_BAD_RESPONSE, "answer without the expected data" },
		{ API_HEAD, 200, "{\"code\": 200, \"data\": {}}",
		    API_BAD_RESPONSE, "answer without the expected data" },
		{ API_BALANCE, 200, "{\"code\": 200, \"data\": {\"balance\": \"9\"}}",
		    API_BAD_RESPONSE, "answer without the expected data" },
		{ API_BALANCE, 200, "{\"code\": 402, \"message\": \"top up\"}",
		    API_NO_CREDITS, "top up" },
		{ API_BALANCE, 200, "{\"message\": \"ok\"}",
		    API_BAD_RESPONSE, "answer without a code" },
		{ API_BALANCE, 404, "{\"message\": \"no route\"}",
		    API_NOT_FOUND, "no route" },
		{ API_BALANCE, 500, "{\"code\": 200}",
		    API_BAD_RESPONSE, "body code 200 with an error status" },
		{ API_BALANCE, 200, "", API_BAD_RESPONSE, "empty answer" },
		{ API_BALANCE, 200, " \r\n\t{\"code\": 2",
		    API_BAD_RESPONSE, "a JSON answer cut short or malformed" },
		{ API_BALANCE, 200, "[1, 2", API_BAD_RESPONSE, "cut short" },
		{ API_BALANCE, 502, "<html>Bad gateway</html>",
		    API_BAD_RESPONSE, "HTTP 502: not a JSON answer" },
		{ API_BALANCE, 200, "  x{", API_BAD_RESPONSE, "not a JSON answer" },
		{ API_BALANCE, 429, "<html>slow down</html>",
		    API_RATE_LIMITED, "not a JSON answer" },
		{ API_BALANCE, 455, "<html>maintenance</html>",
		    API_MAINTENANCE, "not a JSON answer" },
		{ API_BALANCE, 503, "<html>unavailable</html>",
		    API_BAD_RESPONSE, "not a JSON answer" },
	};
	struct api_result	res = { 0 };
	size_t			i;

	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		decode(table[i].kind, table[i].http, table[i].body, &res);
		is_str(api_outcome_name(res.outcome),
		    api_outcome_name(table[i].o), "%s, HTTP %ld, %s: %s",
		    api_kind_name(table[i].kind), table[i].http, table[i].body,
		    api_outcome_name(table[i].o));
		ok(res.message != NULL && strstr(res.message,
		    table[i].message) != NULL, "  says %s", table[i].message);
		if (res.message != NULL)
			diag_note("%s", res.message);
	}
	decode(API_CREATE, 200, "{\"code\": 200, \"data\": {\"task_id\": \"t1\"}}",
	    &res);
	is_str(res.task_id, "t1", "a create's task id is kept");
	api_result_clear(&res);

	/* A gateway's JSON without the service's code. */
	decode(API_TASK_INFO, 404, "{}", &res);
	is_int(res.code, 0, "no code in the body: code 0");
	is_str(res.message, "HTTP 404, code 0", "and a message that says so");
	api_result_clear(&res);
	/* The largest code read as one, and one past it. */
	decode(API_BALANCE, 200, "{\"code\": 9000000000000000}", &res);
	is_int(res.code, 9000000000000000LL, "a code of 9e15 is a code");
	is_str(api_outcome_name(res.outcome), "other", "one the client "
	    "does not know");
	decode(API_BALANCE, 200, "{\"code\": 9000000000000001.5}", &res);
	is_str(api_outcome_name(res.outcome), "bad_response",
	    "a code that is no integer is no code");
	api_result_clear(&res);
}

int
main(void)
{
	test_buffer();
	test_fetch_buffer();
	test_outcomes();
	test_decode();
	return tap_done();
}
