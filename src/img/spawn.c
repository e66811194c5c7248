/* kling-tui: programs run in the background (spawn.h).
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "img/spawn.h"
#include "xmalloc.h"

extern char **environ;

pid_t
spawn_bg(const char *const argv[], int nice, char **cause)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		xasprintf(cause, "%s: %s", argv[0], strerror(rc));
		return -1;
	}
	/* Below the screen's priority: a frame is never worth a keystroke. */
	if (nice > 0)
		setpriority(PRIO_PROCESS, (id_t)pid, getpriority(PRIO_PROCESS, 0) + nice);
	return pid;
}

int
spawn_wait(pid_t pid, int timeout_ms, char **cause)
{
	struct timespec nap = { 0, 20 * 1000 * 1000 };
	int status, waited = 0;
	pid_t r;

	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		if (r == -1 && errno != EINTR) {
			xasprintf(cause, "waitpid: %s", strerror(errno));
			return -1;
		}
		if (waited >= timeout_ms) {
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
				;
			xasprintf(cause, "gave up after %d s", timeout_ms / 1000);
			return -1;
		}
		nanosleep(&nap, NULL);
		waited += 20;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		xasprintf(cause, "exited with status %d", WEXITSTATUS(status));
	else
		xasprintf(cause, "killed by signal %d", WTERMSIG(status));
	return -1;
}

ssize_t
spawn_read(const char *const argv[], int timeout_ms, char *buf, size_t size, char **cause)
{
	posix_spawn_file_actions_t fa;
	struct pollfd pfd;
	int64_t end = clock_ms() + timeout_ms, left;
	size_t n = 0;
	ssize_t k;
	bool eof = false;
	pid_t pid;
	int p[2], rc, status;

	if (size == 0 || pipe2(p, O_CLOEXEC) != 0) {
		if (cause != NULL)
			xasprintf(cause, "pipe: %s", size == 0 ? strerror(EINVAL) : strerror(errno));
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (rc != 0) {
		close(p[0]);
		if (cause != NULL)
			xasprintf(cause, "%s: %s", argv[0], strerror(rc));
		return -1;
	}
	while (n + 1 < size && (left = end - clock_ms()) > 0) {
		pfd.fd = p[0];
		pfd.events = POLLIN;
		if ((rc = poll(&pfd, 1, (int)left)) < 0 && errno == EINTR)
			continue;
		if (rc <= 0)
			break;
		if ((k = read(p[0], buf + n, size - 1 - n)) < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			eof = k == 0;
			break;
		}
		n += (size_t)k;
	}
	buf[n] = '\0';
	close(p[0]);
	/* Not at its end (a deadline, or more than buf holds): not waited for. */
	if (!eof)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (eof && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return (ssize_t)n;
	if (cause != NULL)
		xasprintf(cause, "%s: %s", argv[0], !eof ? "no whole answer in time" :
		    WIFEXITED(status) ? "failed" : "killed");
	return -1;
}

bool
spawn_found(const char *name)
{
	const char *path = getenv("PATH"), *p, *e;
	char buf[PATH_MAX];

	if (strchr(name, '/') != NULL)
		return access(name, X_OK) == 0;
	if (path == NULL || *path == '\0')
		path = "/usr/bin:/bin";
	for (p = path; ; p = e + 1) {
		e = strchr(p, ':');
		if (e == NULL)
			e = p + strlen(p);
		if (e > p && snprintf(buf, sizeof buf, "%.*s/%s", (int)(e - p), p, name) <
		    (int)sizeof buf && access(buf, X_OK) == 0)
			return true;
		if (*e == '\0')
			return false;
	}
}
