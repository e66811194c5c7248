/* kling-sim: entry point: options, then serve until SIGINT or SIGTERM.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sim.h"
#include "xmalloc.h"

#define SIM_DEMO_KEY	"demo-key"

static void
sim_usage(FILE *f)
{
	fprintf(f,
"usage: kling-sim [OPTION]...\n"
"A local simulator of the crun.ai task API for Kling v3 (CreateTask, TaskInfo,\n"
"balance), serving the videos its tasks link to (a playable MP4: one scene\n"
"per shot, a colour and the shot's number) at /media/ID.mp4 and reference\n"
"images at /images/NAME.png or .jpg (NAME WxH: that size, 16..4096 a side;\n"
"small: 64x64; big: over 10 MB; missing: 404; else 320x320). It prints\n"
"\"listening on http://HOST:PORT\" once ready, and stops on SIGINT or SIGTERM.\n"
"\n"
"  --listen ADDR:PORT     where to listen (default 127.0.0.1:0; port 0 picks a\n"
"                         free one; [ADDR]:PORT for IPv6)\n""  --allow-remote         listen on an address that is not loopback (other\n"
"                         machines can then reach it, with the demo key)\n"

"  --key KEY              accept this x-api-key (repeatable); without any\n"
"                         --key, the demo key \"" SIM_DEMO_KEY "\" is accepted\n"
"  --balance N            starting credits (default 1000); a task costs 1 credit\n"
"                         a second of video in std mode, 1.5 in pro; a failed\n"
"                         task's credits are given back\n"
"  --task-seconds N       time from creation to the final state (default 20)\n"
"  --pending-share P      the share of that time a task is pending before it\n"
"                         runs (0..1, default 0.25)\n"
"  --fail-rate P          share of tasks that fail with result code 501 (0..1)\n"
"  --latency MS           delay before each answer\n"
"  --rate-limit N[/s]     at most N API requests a second; 429 beyond\n"
"  --retry-after S        Retry-After seconds sent with 429 and 455 (default 1;\n"
"                         more than 5 digits are sent as written)\n"
"  --maintenance          answer 455 to everything\n"
"  --fault KIND[:SHARE][@ENDPOINTS]\n"
"                         misbehave on a share of requests (default 1):\n"
"                         garbage (non-JSON bytes with escape sequences),\n"
"                         truncate (the body stops halfway), reset (read the\n"
"                         request, then drop the connection unanswered), stall\n"
"                         (never answer), huge (a 2 GiB body), html (a 502\n"
"                         HTML page), other-id (TaskInfo about another task,\n"
"                         CreateTask repeating the first id); repeatable\n"
"  --force-code CODE[:SHARE][@ENDPOINTS]\n"
"                         answer CODE (400..599, e.g. 500, 505) on a share of\n"
"                         requests instead of serving them; repeatable\n"
"                         ENDPOINTS: comma-separated create, taskinfo, balance,\n"
"                         media, images, api (the first three), all (default)\n"
"  --seed N               seed for the random choices (default: the time)\n"
"  --log FILE             append one JSON line per request (never the key)\n"
"  --media-size BYTES     pad each video file to at least this size (default\n"
"                         1048576) with a free box after its frames\n"
"  --state FILE           keep the balance and the tasks in FILE, so that a\n"
"                         later kling-sim on it answers for them: read at\n"
"                         start (no file: none yet), rewritten after each\n"
"                         new task; an unreadable or damaged FILE is an\n"
"                         error (exit 2); a --balance given replaces its\n"
"                         credits\n"
"  --style documented|sim answer as the documented service does (ids like\n"
"                         task_12345678, every error as HTTP 200 with its\n"
"                         code in the body) or in this simulator's own style\n"
"                         (uuid ids, the code as HTTP status; the default)\n"
"  --help, --version\n");
}

static int
sim_number(const char *opt, const char *arg, double min, double max,
    double *out)
{
	char *end;

	errno = 0;
	*out = strtod(arg, &end);
	if (*arg == '\0' || *end != '\0' || errno != 0 || !(*out >= min &&
	    *out <= max)) {
		fprintf(stderr, "kling-sim: %s %s: expected a number from %g "
		    "to %g\n", opt, arg, min, max);
		return -1;
	}
	return 0;
}

static int
sim_integer(const char *opt, const char *arg, double min, double max,
    double *out)
{
	if (sim_number(opt, arg, min, max, out) != 0)
		return -1;
	if (*out != (double)(unsigned long long)*out) {
		fprintf(stderr, "kling-sim: %s %s: expected a whole number\n",
		    opt, arg);
		return -1;
	}
	return 0;
}

static int
sim_add_rule(const char *arg, bool is_code)
{
	struct fault_rule	 rule;
	char			*cause;

	if (fault_parse(arg, is_code, &rule, &cause) != 0) {
		fprintf(stderr, "kling-sim: %s %s: %s\n",
		    is_code ? "--force-code" : "--fault", arg, cause);
		free(cause);
		return -1;
	}
	sim_cfg.rules = xreallocarray(sim_cfg.rules, sim_cfg.nrules + 1,
	    sizeof *sim_cfg.rules);
	sim_cfg.rules[sim_cfg.nrules++] = rule;
	return 0;
}

enum {
	OPT_LISTEN = 256, OPT_KEY, OPT_BALANCE, OPT_TASK_SECONDS,
	OPT_PENDING_SHARE, OPT_FAIL_RATE,
	OPT_LATENCY, OPT_RATE_LIMIT, OPT_RETRY_AFTER, OPT_MAINTENANCE,
	OPT_FAULT, OPT_FORCE_CODE, OPT_SEED, OPT_LOG, OPT_MEDIA_SIZE,
	OPT_STATE, OPT_ALLOW_REMOTE, OPT_STYLE, OPT_HELP, OPT_VERSION
};

static const struct option sim_options[] = {
	{ "listen", required_argument, NULL, OPT_LISTEN },
	{ "allow-remote", no_argument, NULL, OPT_ALLOW_REMOTE },
	{ "key", required_argument, NULL, OPT_KEY },
	{ "balance", required_argument, NULL, OPT_BALANCE },
	{ "task-seconds", required_argument, NULL, OPT_TASK_SECONDS },
	{ "pending-share", required_argument, NULL, OPT_PENDING_SHARE },
	{ "fail-rate", required_argument, NULL, OPT_FAIL_RATE },
	{ "latency", required_argument, NULL, OPT_LATENCY },
	{ "rate-limit", required_argument, NULL, OPT_RATE_LIMIT },
	{ "retry-after", required_argument, NULL, OPT_RETRY_AFTER },
	{ "maintenance", no_argument, NULL, OPT_MAINTENANCE },
	{ "fault", required_argument, NULL, OPT_FAULT },
	{ "force-code", required_argument, NULL, OPT_FORCE_CODE },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "log", required_argument, NULL, OPT_LOG },
	{ "media-size", required_argument, NULL, OPT_MEDIA_SIZE },
	{ "state", required_argument, NULL, OPT_STATE },
	{ "style", required_argument, NULL, OPT_STYLE },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

/* 0 to run, 1 when done (--help, --version), -1 on a usage error. */
static int
sim_parse(int argc, char **argv)
{
	bool	 seeded = false, allow_remote = false;
	double	 v;
	char	*rate, *slash, *host, *port, *cause;
	int	 c;

	while ((c = getopt_long(argc, argv, "", sim_options, NULL)) != -1) {
		switch (c) {
		case OPT_ALLOW_REMOTE:
			allow_remote = true;
			break;
		case OPT_LISTEN:
			free(sim_cfg.listen);
			sim_cfg.listen = xstrdup(optarg);
			break;
		case OPT_KEY:
			if (*optarg == '\0') {
				fprintf(stderr, "kling-sim: --key: empty\n");
				return -1;
			}
			sim_cfg.keys = xreallocarray(sim_cfg.keys,
			    sim_cfg.nkeys + 1, sizeof *sim_cfg.keys);
			sim_cfg.keys[sim_cfg.nkeys++] = xstrdup(optarg);
			break;
		case OPT_BALANCE:
			if (sim_number("--balance", optarg, 0, 1e12,
			    &sim_cfg.balance) != 0)
				return -1;
			sim_cfg.balance_set = true;
			break;
		case OPT_TASK_SECONDS:
			if (sim_number("--task-seconds", optarg, 0, 86400,
			    &sim_cfg.task_seconds) != 0)
				return -1;
			break;
		case OPT_PENDING_SHARE:
			if (sim_number("--pending-share", optarg, 0, 1,
			    &sim_cfg.pending_share) != 0)
				return -1;
			break;
		case OPT_FAIL_RATE:
			if (sim_number("--fail-rate", optarg, 0, 1,
			    &sim_cfg.fail_rate) != 0)
				return -1;
			break;
		case OPT_LATENCY:
			if (sim_integer("--latency", optarg, 0, 3600000, &v) != 0)
				return -1;
			sim_cfg.latency_ms = (unsigned)v;
			break;
		case OPT_RATE_LIMIT:
			rate = xstrdup(optarg);
			if ((slash = strchr(rate, '/')) != NULL &&
			    strcmp(slash, "/s") == 0)
				*slash = '\0';
			c = sim_integer("--rate-limit", rate, 1, 1e6, &v);
			free(rate);
			if (c != 0)
				return -1;
			sim_cfg.rate_limit = (unsigned)v;
			break;
		case OPT_RETRY_AFTER:
			/* Any run of digits is sent as written, so that a
			 * client's clamp of an absurd Retry-After is tested. */
			if (optarg[0] != '\0' && strlen(optarg) <= 20 &&
			    strspn(optarg, "0123456789") == strlen(optarg) &&
			    strspn(optarg, "0") != strlen(optarg) && strlen(optarg) > 5) {
				sim_cfg.retry_after = 86400;
				sim_cfg.retry_after_text = optarg;
				break;
			}
			if (sim_integer("--retry-after", optarg, 1, 86400, &v) != 0)
				return -1;
			sim_cfg.retry_after = (unsigned)v;
			break;
		case OPT_MAINTENANCE:
			sim_cfg.maintenance = true;
			break;
		case OPT_FAULT:
		case OPT_FORCE_CODE:
			if (sim_add_rule(optarg, c == OPT_FORCE_CODE) != 0)
				return -1;
			break;
		case OPT_SEED:
			if (sim_integer("--seed", optarg, 0, 1e18, &v) != 0)
				return -1;
			sim_cfg.seed = (uint64_t)v;
			seeded = true;
			break;
		case OPT_LOG:
			free(sim_cfg.log_path);
			sim_cfg.log_path = xstrdup(optarg);
			break;
		case OPT_MEDIA_SIZE:
			if (sim_integer("--media-size", optarg, 4096, 1e12, &v) != 0)
				return -1;
			sim_cfg.media_size = (uint64_t)v;
			break;
		case OPT_STYLE:
			if (strcmp(optarg, "documented") == 0)
				sim_cfg.documented = true;
			else if (strcmp(optarg, "sim") == 0)
				sim_cfg.documented = false;
			else {
				fprintf(stderr, "kling-sim: --style %s: expected "
				    "documented or sim\n", optarg);
				return -1;
			}
			break;
		case OPT_STATE:
			if (*optarg == '\0') {
				fprintf(stderr, "kling-sim: --state: empty\n");
				return -1;
			}
			free(sim_cfg.state_path);
			sim_cfg.state_path = xstrdup(optarg);
			break;
		case OPT_HELP:
			sim_usage(stdout);
			return 1;
		case OPT_VERSION:
			printf("kling-sim %s\n", PACKAGE_VERSION);
			return 1;
		default:
			sim_usage(stderr);
			return -1;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "kling-sim: unexpected argument: %s\n",
		    argv[optind]);
		return -1;
	}
	if (sim_cfg.listen == NULL)
		sim_cfg.listen = xstrdup("127.0.0.1:0");
	if (server_split_listen(sim_cfg.listen, &host, &port, &cause) != 0) {
		fprintf(stderr, "kling-sim: %s\n", cause);
		free(cause);
		return -1;
	}
	/* A simulator takes any key of its list and serves to anyone who
	 * reaches it: other machines only when asked for in so many words. */
	if (!allow_remote && strncmp(host, "127.", 4) != 0 && strcmp(host, "::1") != 0 &&
	    strcmp(host, "localhost") != 0) {
		fprintf(stderr, "kling-sim: %s is not a loopback address; other machines "
		    "could reach the simulator there: add --allow-remote if that is "
		    "what you want\n", host);
		free(host);
		free(port);
		return -1;
	}
	free(host);
	free(port);
	if (sim_cfg.nkeys == 0) {
		sim_cfg.keys = xmalloc(sizeof *sim_cfg.keys);
		sim_cfg.keys[sim_cfg.nkeys++] = xstrdup(SIM_DEMO_KEY);
	}
	if (!seeded)
		sim_cfg.seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	return 0;
}

static void
sim_free(void)
{
	size_t i;

	for (i = 0; i < sim_cfg.nkeys; i++)
		free(sim_cfg.keys[i]);
	free(sim_cfg.keys);
	free(sim_cfg.rules);
	free(sim_cfg.listen);
	free(sim_cfg.log_path);
	free(sim_cfg.state_path);
	tasks_free_all();
	blob_free_all();
}

int
main(int argc, char **argv)
{
	sigset_t	 set;
	char		*cause;
	int		 sig, r;

	if ((r = sim_parse(argc, argv)) != 0) {
		sim_free();
		return r > 0 ? 0 : 2;
	}
	rng_seed(sim_cfg.seed);
	/* A state that cannot be read is refused, never started over: the
	 * tasks in it would be lost at the first write. */
	if (tasks_open(&cause) != 0) {
		fprintf(stderr, "kling-sim: --state %s: %s\n",
		    sim_cfg.state_path, cause);
		free(cause);
		sim_free();
		return 2;
	}
	if (sim_cfg.log_path != NULL && reqlog_open(sim_cfg.log_path,
	    &cause) != 0) {
		fprintf(stderr, "kling-sim: --log %s\n", cause);
		free(cause);
		sim_free();
		return 1;
	}

	/* Blocked before the server's threads start, so that they inherit
	 * the mask and only sigwait() below sees these signals. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (server_start(&cause) != 0) {
		fprintf(stderr, "kling-sim: %s\n", cause);
		free(cause);
		reqlog_close();
		sim_free();
		return 1;
	}
	printf("listening on %s\n", server_base_url());
	fflush(stdout);

	while (sigwait(&set, &sig) != 0)
		;
	sim_set_stopping();
	server_stop();
	reqlog_close();
	sim_free();
	return 0;
}
