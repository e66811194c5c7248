/* kling-tui: the network subcommands' common ground, and status, list, balance.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "cli_net.h"
#include "codec.h"
#include "conf.h"
#include "text.h"
#include "tracker.h"
#include "xmalloc.h"

/* A number of seconds from the environment: for slow links, and for tests
 * that must not wait the default 30 s for a stalled server. */
static long
net_env_seconds(const char *name, long dflt)
{
	const char *v = getenv(name);
	char *end;
	long n;

	if (v == NULL || *v == '\0')
		return dflt;
	n = strtol(v, &end, 10);
	if (*end != '\0' || n < 1 || n > 86400) {
		fprintf(stderr, "kling-tui: ignoring %s=%s: not a number of seconds\n",
		    name, v);
		return dflt;
	}
	return n;
}

int
net_ctx_open(struct net_ctx *ctx, struct cli_globals *g, bool need_key)
{
	struct conf *cf;
	const char *v;
	char *cause = NULL;
	long secs;

	memset(ctx, 0, sizeof *ctx);
	ctx->g = g;
	if ((cf = conf_load(NULL, &cause)) == NULL) {
		fprintf(stderr, "kling-tui: %s\n", cause);
		free(cause);
		return EXIT_USAGE;
	}
	conf_print_warnings(cf, stderr);
	ctx->base_url = xstrdup(conf_base_url(cf, g->base_url));
	if ((ctx->key = conf_api_key(cf, &cause)) == NULL) {
		if (need_key) {
			fprintf(stderr, "kling-tui: %s\n", cause);
			free(cause);
			conf_free(&cf);
			net_ctx_close(ctx);
			return EXIT_SERVICE;
		}
		free(cause);
		cause = NULL;
	}
	if ((v = g->cacert != NULL ? g->cacert : cf->cacert) != NULL)
		ctx->cacert = conf_expand_home(v);
	if (cf->download_dir != NULL)
		ctx->download_dir = conf_expand_home(cf->download_dir);
	sched_default_params(&ctx->poll);
	ctx->poll.min_ms = (int64_t)cf->poll_min_seconds * 1000;
	ctx->poll.max_ms = (int64_t)cf->poll_max_seconds * 1000;
	conf_free(&cf);

	api_conn_init(&ctx->conn);
	ctx->conn.base_url = ctx->base_url;
	ctx->conn.key = ctx->key;
	ctx->conn.cacert = ctx->cacert;
	ctx->conn.allow_http = g->allow_http;
	if ((secs = net_env_seconds("KLING_TUI_TIMEOUT", 0)) > 0) {
		ctx->conn.timeout_ms = secs * 1000;
		if (ctx->conn.connect_timeout_ms > ctx->conn.timeout_ms)
			ctx->conn.connect_timeout_ms = ctx->conn.timeout_ms;
		ctx->conn.stall_secs = secs;
	}
	ctx->conn.retry.max_attempts = (unsigned)net_env_seconds("KLING_TUI_ATTEMPTS",
	    (long)ctx->conn.retry.max_attempts);
	if (net_global_init(&cause) != 0) {
		fprintf(stderr, "kling-tui: %s\n", cause);
		free(cause);
		net_ctx_close(ctx);
		return EXIT_NETWORK;
	}
	if ((ctx->store = store_open(NULL, &cause)) == NULL) {
		fprintf(stderr, "kling-tui: %s\n", cause);
		free(cause);
		net_ctx_close(ctx);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

void
net_ctx_close(struct net_ctx *ctx)
{
	store_close(&ctx->store);
	free(ctx->base_url);
	if (ctx->key != NULL) {
		/* Not left lying in freed memory for a core dump to show. */
		memset(ctx->key, 0, strlen(ctx->key));
		free(ctx->key);
	}
	free(ctx->cacert);
	free(ctx->download_dir);
	memset(ctx, 0, sizeof *ctx);
}

int
net_exit_code(const struct api_result *r)
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
		return 130;
	default:
		return EXIT_SERVICE;
	}
}

/* An unknown fate matters most: the user must go and look. Then the
 * network, the service, a failed task. */
static int
net_rank(int code)
{
	switch (code) {
	case EXIT_UNKNOWN:
		return 6;
	case 130:
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
net_worse(int a, int b)
{
	return net_rank(b) > net_rank(a) ? b : a;
}

void
net_print_failure(const char *name, const struct api_result *r)
{
	char *advice = api_advice(r);

	fprintf(stderr, "%s: %s\n", name, advice);
	free(advice);
}

void
net_json_str(FILE *f, const char *s)
{
	char *q;

	if (s == NULL) {
		fputs("null", f);
		return;
	}
	q = codec_string(s);
	fputs(q, f);
	free(q);
}

char *
net_media_json(const struct api_task *t)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f;

	if ((f = open_memstream(&buf, &len)) == NULL)
		fatal("open_memstream failed");
	fputc('[', f);
	for (i = 0; i < t->nmedia; i++) {
		if (i > 0)
			fputc(',', f);
		net_json_str(f, t->media_urls[i]);
	}
	fputc(']', f);
	fclose(f);
	return buf;
}

static void
net_json_int(FILE *f, const char *key, int64_t v, bool present)
{
	fprintf(f, ",\"%s\":", key);
	if (present)
		fprintf(f, "%" PRId64, v);
	else
		fputs("null", f);
}

void
net_json_task(FILE *f, const struct store_task *t)
{
	fprintf(f, "{\"id\":%" PRId64 ",\"task_id\":", t->id);
	net_json_str(f, t->task_id);
	fputs(",\"state\":", f);
	net_json_str(f, t->state);
	fputs(",\"name\":", f);
	net_json_str(f, t->name);
	fputs(",\"mode\":", f);
	net_json_str(f, t->mode);
	net_json_int(f, "duration", t->duration, t->duration > 0);
	net_json_int(f, "created", t->created, t->created > 0);
	net_json_int(f, "updated", t->updated, t->updated > 0);
	net_json_int(f, "finished", t->finished, t->finished > 0);
	/* Written by net_media_json only, so it is JSON already. */
	fprintf(f, ",\"media_urls\":%s", t->media_urls != NULL ? t->media_urls : "[]");
	fputs(",\"credits\":", f);
	if (t->has_credits)
		fprintf(f, "%.15g", t->credits);
	else
		fputs("null", f);
	fputs(",\"error\":", f);
	net_json_str(f, t->last_error);
	fputs(",\"download_path\":", f);
	net_json_str(f, t->download_path);
	fputc('}', f);
}

/* The recording itself is the tracker's, shared with the dashboard. */
struct store_task *
net_record_info(struct net_ctx *ctx, const struct api_task *t, bool *changed)
{
	struct store_task *row;
	char *cause = NULL;
	int64_t id;

	if ((id = tracker_record_info(ctx->store, t, changed, &cause)) < 0 ||
	    (row = store_get(ctx->store, id, &cause)) == NULL) {
		fprintf(stderr, "kling-tui: %s: not recorded: %s\n", t->task_id, cause);
		free(cause);
		return NULL;
	}
	return row;
}

bool
net_help(int argc, char **argv)
{
	const struct cli_cmd *c;
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--help") != 0 && strcmp(argv[i], "-h") != 0)
			continue;
		for (c = cli_cmds; c->name != NULL; c++)
			if (strcmp(c->name, argv[0]) == 0)
				printf("Usage: kling-tui %s\n%s.\nSee kling-tui(1).\n",
				    c->synopsis, c->summary);
		return true;
	}
	return false;
}

int
net_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts)
{
	int c;

	opterr = 0;
	c = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (c == '?') {
		if (optopt != 0)
			cli_usage_error("%s: unknown option '-%c'", argv[0], optopt);
		else
			cli_usage_error("%s: unknown option '%s'", argv[0], argv[optind - 1]);
	} else if (c == ':')
		cli_usage_error("%s: option '%s' needs a value", argv[0], argv[optind - 1]);
	return c;
}

int
net_parse_count(const char *cmd, const char *opt, const char *arg, unsigned max,
    unsigned *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || errno != 0 || v < 1 || v > (long)max) {
		cli_usage_error("%s: %s wants a number from 1 to %u, not '%s'", cmd, opt,
		    max, arg);
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}

int
cmd_status(struct cli_globals *g, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct follow_opts fo = { .once = true, .print = FOLLOW_EVERY, .parallel = 8 };
	struct net_ctx ctx;
	bool json = false;
	int c, rc;

	if (net_help(argc, argv))
		return EXIT_OK;
	optind = 0;
	while ((c = net_getopt(argc, argv, ":", longopts)) != -1) {
		if (c != 'j')
			return EXIT_USAGE;
		json = true;
	}
	if (optind >= argc)
		return cli_usage_error("status: which task? status [--json] TASK_ID...");
	if ((rc = net_ctx_open(&ctx, g, true)) != EXIT_OK)
		return rc;
	ctx.json = json;
	rc = net_follow(&ctx, argv + optind, (size_t)(argc - optind), &fo);
	net_ctx_close(&ctx);
	return rc;
}

static void
net_print_row(const struct store_task *t)
{
	char when[32], id[32];
	struct tm tm;
	time_t c = (time_t)t->created;
	char *name = text_sanitize(t->name != NULL ? t->name : "", t->name != NULL ?
	    strlen(t->name) : 0, 0, false);

	localtime_r(&c, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	if (t->task_id == NULL)
		snprintf(id, sizeof id, "(local #%" PRId64 ")", t->id);
	printf("%-36s  %-10s  %s  %s\n", t->task_id != NULL ? t->task_id : id, t->state,
	    when, name);
	free(name);
}

int
cmd_list(struct cli_globals *g, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "status", required_argument, NULL, 's' },
		{ "limit", required_argument, NULL, 'n' },
		{ "all", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_filter f;
	struct store_list l;
	struct store *st;
	char *cause = NULL, *end;
	bool json = false;
	long limit;
	size_t i;
	int c;

	(void)g;
	memset(&f, 0, sizeof f);
	if (net_help(argc, argv))
		return EXIT_OK;
	optind = 0;
	while ((c = net_getopt(argc, argv, ":n:", longopts)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 's':
			f.status = optarg;
			break;
		case 'a':
			f.hidden = true;
			break;
		case 'n':
			limit = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || limit < 1)
				return cli_usage_error("list: --limit wants a number > 0, "
				    "not '%s'", optarg);
			f.limit = (size_t)limit;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cli_usage_error("list: unexpected '%s'", argv[optind]);
	if ((st = store_open(NULL, &cause)) == NULL || store_query(st, &f, &l, &cause) != 0) {
		fprintf(stderr, "kling-tui: %s\n", cause);
		free(cause);
		store_close(&st);
		return EXIT_USAGE;
	}
	for (i = 0; i < l.n; i++) {
		if (json) {
			net_json_task(stdout, &l.v[i]);
			putchar('\n');
		} else
			net_print_row(&l.v[i]);
	}
	store_list_free(&l);
	store_close(&st);
	return EXIT_OK;
}

int
cmd_balance(struct cli_globals *g, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct api_request req = { .kind = API_BALANCE };
	struct api_result res;
	struct net_ctx ctx;
	bool json = false;
	int c, rc;

	if (net_help(argc, argv))
		return EXIT_OK;
	optind = 0;
	while ((c = net_getopt(argc, argv, ":", longopts)) != -1) {
		if (c != 'j')
			return EXIT_USAGE;
		json = true;
	}
	if (optind < argc)
		return cli_usage_error("balance: unexpected '%s'", argv[optind]);
	if ((rc = net_ctx_open(&ctx, g, true)) != EXIT_OK)
		return rc;
	memset(&res, 0, sizeof res);
	if (api_perform(&ctx.conn, &req, NULL, NULL, &res) != 0) {
		net_print_failure("balance", &res);
		rc = net_exit_code(&res);
	} else if (json)
		printf("{\"balance\":%.15g}\n", res.balance);
	else
		printf("balance: %.15g credits\n", res.balance);
	api_result_clear(&res);
	net_ctx_close(&ctx);
	return rc;
}
