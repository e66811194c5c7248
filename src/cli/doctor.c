/* kling-tui: doctor: what a bug report needs, in one go: versions, the
 * terminal and locale, the config and its findings, where the key comes
 * from (never the key), the base URL, the store, and whether the service
 * answers.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/stat.h>

#include <inttypes.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/tracker.h"
#include "clock.h"
#include "cli.h"
#include "codec.h"
#include "conf.h"
#include "log.h"
#include "output.h"
#include "store.h"
#include "text.h"
#include "ui/versions.h"
#include "xmalloc.h"
#include "i18n.h"

/* "  label  value", the value made safe to print; the label padded to 14
 * columns, a translated one's wide characters counting two. */
static void
doctor_line(const char *label, const char *value)
{
	char *v = text_sanitize(value != NULL ? value : "(none)", value != NULL ?
	    strlen(value) : 6, 0, false);
	int pad = 14 - (int)text_width(label);

	printf("  %s%*s %s\n", label, pad > 0 ? pad : 0, "", v);
	free(v);
}

static void
doctor_terminal(void)
{
	struct winsize ws;
	char size[32];
	const char *lc;

	snprintf(size, sizeof size, "%s", _("not a terminal"));
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
		snprintf(size, sizeof size, "%ux%u", ws.ws_col, ws.ws_row);
	puts(_("Terminal"));
	doctor_line("TERM", getenv("TERM"));
	doctor_line("COLORTERM", getenv("COLORTERM"));
	doctor_line(_("size"), size);
	doctor_line("NO_COLOR", getenv("NO_COLOR"));
	/* How the full screen draws pictures, when the user chose it. */
	doctor_line(_("pictures"), getenv("KLING_TUI_PICTURES") != NULL ?
	    getenv("KLING_TUI_PICTURES") : _("auto (the terminal is asked)"));
	/* What the full screen would use (the subcommands load none). */
	lc = setlocale(LC_CTYPE, "");
	doctor_line(_("locale"), lc);
	doctor_line(_("charset"), nl_langinfo(CODESET));
}

/* Where the key would come from: the variable, the file (and whether its
 * mode is safe), or nowhere. */
static void
doctor_key(const struct session *s, const struct conf *cf)
{
	struct stat st;
	char *path, buf[160];

	puts(_("API key"));
	if (s->g->demo)
		doctor_line(_("source"), _("--demo: the simulator's demo key"));
	else if (getenv("CRUN_API_KEY") != NULL && *getenv("CRUN_API_KEY") != '\0')
		doctor_line(_("source"), "$CRUN_API_KEY");
	else if (cf != NULL && cf->key_file != NULL) {
		path = conf_expand_home(cf->key_file);
		if (stat(path, &st) != 0)
			snprintf(buf, sizeof buf, _("key_file %s: missing"), path);
		else
			snprintf(buf, sizeof buf, _("key_file %s (mode %03o)"), path,
			    (unsigned)(st.st_mode & 0777));
		doctor_line(_("source"), buf);
		free(path);
	} else
		doctor_line(_("source"), _("none"));
	if (s->key == NULL)
		doctor_line(_("problem"), s->key_problem);
}

static int
doctor_service(struct session *s)
{
	struct api_request req = { .kind = API_BALANCE };
	struct api_result res;
	char buf[64], *advice;
	int64_t t0 = clock_ms();
	int rc;

	puts(_("Service"));
	doctor_line(_("base URL"), s->base_url);
	if (s->key == NULL) {
		doctor_line(_("check"), _("skipped: no API key"));
		return EXIT_USAGE;
	}
	memset(&res, 0, sizeof res);
	rc = api_perform_told(&s->conn, &req, NULL, cli_say_retrying, "service check",
	    &res) == 0 ? EXIT_OK :
	    exit_code_for(&res);
	snprintf(buf, sizeof buf, "%s, HTTP %ld, %" PRId64 " ms, %d attempt%s",
	    api_outcome_name(res.outcome), res.http_status, clock_ms() - t0,
	    res.attempts, res.attempts == 1 ? "" : "s");
	doctor_line(_("balance"), buf);
	if (rc != EXIT_OK) {
		advice = api_advice(&res);
		doctor_line(_("advice"), advice);
		free(advice);
	}
	api_result_clear(&res);
	return rc;
}

int
cmd_doctor(struct app_globals *g, const struct cli_args *a)
{
	struct session s;
	struct conf *cf;
	char *cause = NULL, buf[64];
	int64_t n = 0;
	size_t i;
	int rc;

	(void)a;
	printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	puts(_("Libraries"));
	doctor_line(_("network"), net_library_version());
	doctor_line(_("screen"), ui_library_versions());
	doctor_line(_("store"), store_library_version());
	doctor_line("JSON", codec_library_version());
	doctor_terminal();
	puts(_("Config"));
	cf = conf_load(NULL, &cause);
	doctor_line(_("file"), cf != NULL ? cf->path : cause);
	for (i = 0; cf != NULL && i < cf->nwarnings; i++)
		doctor_line(_("warning"), cf->warnings[i]);
	free(cause);
	cause = NULL;
	if ((rc = session_open(&s, g, SESSION_STORE | SESSION_NET, &cause)) != EXIT_OK) {
		doctor_line(_("session"), cause);
		free(cause);
		conf_free(&cf);
		return rc;
	}
	for (i = 0; i < s.nwarnings; i++)
		doctor_line(_("warning"), s.warnings[i]);
	doctor_key(&s, cf);
	conf_free(&cf);
	puts(_("Store"));
	doctor_line(_("file"), store_path(s.store));
	snprintf(buf, sizeof buf, "%d", STORE_VERSION);
	doctor_line(_("schema"), buf);
	if (store_count(s.store, &n, &cause) == 0) {
		snprintf(buf, sizeof buf, "%" PRId64, n);
		doctor_line(_("tasks"), buf);
	} else {
		doctor_line(_("tasks"), cause);
		free(cause);
	}
	doctor_line(_("trace"), log_path() != NULL ? log_path() :
	    _("off (kling-tui -v doctor, or KLING_TUI_LOG=FILE)"));
	rc = doctor_service(&s);
	session_close(&s);
	return rc;
}
