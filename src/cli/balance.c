/* kling-tui: balance: the account's credits.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "output.h"
#include "i18n.h"

int
cmd_balance(struct app_globals *g, const struct cli_args *a)
{
	struct api_request req = { .kind = API_BALANCE };
	struct api_result res;
	struct session s;
	int rc;

	if ((rc = cli_session_open(&s, g, SESSION_NET | SESSION_KEY)) != EXIT_OK)
		return rc;
	memset(&res, 0, sizeof res);
	if (api_perform_told(&s.conn, &req, NULL, cli_say_retrying, "balance", &res) != 0) {
		cli_print_failure("balance", &res);
		rc = exit_code_for(&res);
	} else if (a->json)
		printf("{\"balance\":%.15g}\n", res.balance);
	else
		printf(_("balance: %.15g credits\n"), res.balance);
	api_result_clear(&res);
	session_close(&s);
	return rc;
}
