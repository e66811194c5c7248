/* kling-tui: what the network subcommands share: the connection, the store,
 * exit codes, JSON output, and following tasks until they end.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_CLI_NET_H
#define KT_CLI_NET_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "net/api.h"
#include "schedule.h"
#include "store.h"

struct net_ctx {
	struct cli_globals	*g;
	struct api_conn		 conn;
	char			*base_url;	/* owned; conn points at these */
	char			*key;
	char			*cacert;
	char			*download_dir;	/* the config's, or NULL */
	struct sched_params	 poll;		/* the config's poll_min/max */
	struct store		*store;
	bool			 json;
};

/* Connection (base URL, key, CA) and store, from the options, environment
 * and config. need_key: refuse early, with the advice, when there is none.
 * Returns EXIT_OK or the exit code after printing why. */
int	 net_ctx_open(struct net_ctx *, struct cli_globals *, bool need_key);
void	 net_ctx_close(struct net_ctx *);

/* The exit code for a request that did not succeed. */
int	 net_exit_code(const struct api_result *);
/* Keep the worse of two exit codes (a fate unknown beats a refusal). */
int	 net_worse(int a, int b);

/* Print a person's line for a failed request: "NAME: advice". */
void	 net_print_failure(const char *name, const struct api_result *);

/* JSON output, strings quoted by the codec. */
void	 net_json_str(FILE *, const char *);	/* NULL prints null */
char	*net_media_json(const struct api_task *);	/* ["url", ...] */
void	 net_json_task(FILE *, const struct store_task *);	/* one object */

/* Record a TaskInfo answer in the store (adding a row for a task created
 * elsewhere). Sets *changed when the state moved. The row, or NULL after
 * printing a warning: a store failure does not stop a query's output. */
struct store_task *net_record_info(struct net_ctx *, const struct api_task *,
	     bool *changed);

/* -h or --help among a subcommand's options: its synopsis printed. */
bool	 net_help(int argc, char **argv);

/* getopt_long from the start of a subcommand's argv (argv[0] its name),
 * printing usage errors itself: '?' or ':' then means EXIT_USAGE. */
int	 net_getopt(int argc, char **argv, const char *shortopts,
	     const struct option *longopts);

/* A count option's value, 1..max; -1 after printing a usage error. */
int	 net_parse_count(const char *cmd, const char *opt, const char *arg,
	     unsigned max, unsigned *out);

/* Follow tasks through the worker with the polling scheduler (schedule.h). */
enum follow_print {
	FOLLOW_EVERY,	/* each answer: status */
	FOLLOW_CHANGES	/* the first answer, then each change: watch, --wait */
};

struct follow_opts {
	bool			 once;		/* one query each, then stop */
	enum follow_print	 print;
	unsigned		 parallel;	/* queries in flight at once */
};

/* Returns the exit code: 0 when every task succeeded (or, with once, when
 * every query worked and none failed), 1 when a task failed, 3/4 for the
 * service or network, 130 after Ctrl-C. */
int	 net_follow(struct net_ctx *, char **task_ids, size_t n,
	     const struct follow_opts *);

/* Ctrl-C and SIGTERM write a byte to this pipe (watch, submit). */
int	 net_signal_fd(void);

#endif
