/* kling-tui: exit codes from outcomes, and which of two matters more.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include "exitcode.h"
#include "net/api.h"

int
exit_code_for(const struct api_result *r)
{
	if (api_result_unknown(r))
		return EXIT_UNKNOWN;
	switch (r->outcome) {
	case API_OK:
		return EXIT_OK;
	case API_GEN_FAILED:
		return EXIT_INVALID;
	case API_NOT_SENT:
	case API_NO_ANSWER:
	case API_BAD_RESPONSE:
	case API_SERVER_ERROR:
	case API_MAINTENANCE:
	case API_RATE_LIMITED:
		return EXIT_NETWORK;
	case API_LOCAL_ERROR:
		return EXIT_USAGE;
	case API_CANCELLED:
		return EXIT_INTERRUPTED;
	default:
		return EXIT_SERVICE;
	}
}

/* An unknown fate matters most: the user must go and look. */
static int
exit_rank(int code)
{
	switch (code) {
	case EXIT_UNKNOWN:
		return 6;
	case EXIT_INTERRUPTED:
		return 5;
	case EXIT_NETWORK:
		return 4;
	case EXIT_SERVICE:
		return 3;
	case EXIT_USAGE:
		return 2;
	case EXIT_INVALID:
		return 1;
	default:
		return 0;
	}
}

int
exit_worse(int a, int b)
{
	return exit_rank(b) > exit_rank(a) ? b : a;
}
