/* kling-tui: bench/spawn-time: how long commands take, from outside, with as
 * little of the measurer's own time in the figure as a program can add: each
 * command is started with posix_spawn (a vfork: nothing of this process is
 * copied), its output thrown away, and timed from the spawn to its exit.
 * Rounds interleave the commands, each round starting one further along, so
 * that a slow minute of the machine falls on all of them.
 *
 * Usage: spawn-time ROUNDS CMD1 -- CMD2 [-- CMD3 ...]
 * Prints, for each round, one line: the milliseconds each command took, in
 * the order given. Exits 1 if a command fails.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define MAX_CMDS 8

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int
run(char **argv, const posix_spawn_file_actions_t *fa, double *ms)
{
	double t0 = now_ms();
	pid_t pid;
	int st;

	if (posix_spawnp(&pid, argv[0], fa, NULL, argv, environ) != 0)
		return -1;
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	*ms = now_ms() - t0;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

int
main(int argc, char **argv)
{
	char **cmd[MAX_CMDS];
	double ms[MAX_CMDS];
	posix_spawn_file_actions_t fa;
	long rounds, r;
	int n = 0, i, k, null;

	if (argc < 4 || (rounds = strtol(argv[1], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: spawn-time ROUNDS CMD1 -- CMD2 [-- CMD3 ...]\n");
		return 2;
	}
	cmd[n++] = argv + 2;
	for (i = 2; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			argv[i] = NULL;
			if (n == MAX_CMDS || i + 1 == argc) {
				fprintf(stderr, "spawn-time: 1 to %d commands\n", MAX_CMDS);
				return 2;
			}
			cmd[n++] = argv + i + 1;
		}
	if ((null = open("/dev/null", O_WRONLY)) < 0) {
		perror("spawn-time: /dev/null");
		return 2;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, null, STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, null, STDERR_FILENO);
	for (r = 0; r < rounds; r++) {
		for (k = 0; k < n; k++) {
			i = (int)((r + k) % n);
			if (run(cmd[i], &fa, &ms[i]) != 0) {
				fprintf(stderr, "spawn-time: %s failed\n", cmd[i][0]);
				return 1;
			}
		}
		for (i = 0; i < n; i++)
			printf("%s%.3f", i ? " " : "", ms[i]);
		putchar('\n');
	}
	posix_spawn_file_actions_destroy(&fa);
	return 0;
}
