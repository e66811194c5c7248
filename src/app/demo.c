/* kling-tui: demo mode: a kling-sim of our own on a free loopback port.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/prctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "demo.h"
#include "exepath.h"
#include "xmalloc.h"
#include "i18n.h"

#define DEMO_SIM	"kling-sim"
#define DEMO_WAIT_MS	5000

char *
demo_find_sim(char **cause)
{
	char *path, *dirs, *dir, *save = NULL;
	const char *env;

	if ((path = exepath_sibling(DEMO_SIM)) != NULL)
		return path;
	if ((env = getenv("PATH")) != NULL) {
		dirs = xstrdup(env);
		for (dir = strtok_r(dirs, ":", &save); dir != NULL;
		    dir = strtok_r(NULL, ":", &save)) {
			xasprintf(&path, "%s/%s", *dir != '\0' ? dir : ".", DEMO_SIM);
			if (access(path, X_OK) == 0) {
				free(dirs);
				return path;
			}
			free(path);
		}
		free(dirs);
	}
	*cause = xstrdup(_("kling-sim was not found beside kling-tui nor on $PATH"));
	return NULL;
}

static void
demo_child(const char *sim, const char *const *args, const char *errlog, int out,
    pid_t parent)
{
	const char **argv;
	size_t n = 0, i;
	int fd;

	/* Die with the program, whatever kills it. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(1);
	dup2(out, STDOUT_FILENO);
	close(out);
	fd = open(errlog != NULL ? errlog : "/dev/null", O_WRONLY | O_CREAT | O_APPEND,
	    0600);
	if (fd >= 0) {
		dup2(fd, STDERR_FILENO);
		close(fd);
	}
	if ((fd = open("/dev/null", O_RDONLY)) >= 0) {
		dup2(fd, STDIN_FILENO);
		close(fd);
	}
	/* Nothing of this program's but the pipe (now stdout) goes along. */
	closefrom(STDERR_FILENO + 1);
	while (args != NULL && args[n] != NULL)
		n++;
	argv = xcalloc(n + 4, sizeof *argv);
	argv[0] = sim;
	argv[1] = "--listen";
	argv[2] = "127.0.0.1:0";
	for (i = 0; i < n; i++)
		argv[3 + i] = args[i];
	execv(sim, (char *const *)argv);
	_exit(127);
}

/* Read its first line within the deadline. */
static char *
demo_read_line(int fd, char **cause)
{
	char buf[256];
	size_t len = 0;
	int64_t end = clock_ms() + DEMO_WAIT_MS, left;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t n;

	for (;;) {
		if ((left = end - clock_ms()) <= 0) {
			*cause = xstrdup(_("kling-sim did not say where it listens within 5 s"));
			return NULL;
		}
		if (poll(&pfd, 1, (int)left) < 0 && errno != EINTR) {
			xasprintf(cause, "poll: %s", strerror(errno));
			return NULL;
		}
		if (!(pfd.revents & (POLLIN | POLLHUP)))
			continue;
		n = read(fd, buf + len, sizeof buf - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			*cause = xstrdup(_("kling-sim stopped before listening"));
			return NULL;
		}
		len += (size_t)n;
		buf[len] = '\0';
		if (strchr(buf, '\n') != NULL)
			return xstrndup(buf, strcspn(buf, "\r\n"));
		if (len == sizeof buf - 1) {
			*cause = xstrdup(_("kling-sim said something unexpected"));
			return NULL;
		}
	}
}

struct demo *
demo_start(const char *sim, const char *const *args, const char *errlog, char **cause)
{
	static const char prefix[] = "listening on ";
	struct demo *d;
	char *found = NULL, *line;
	int p[2];
	pid_t pid, parent = getpid();

	if (sim == NULL && (sim = found = demo_find_sim(cause)) == NULL)
		return NULL;
	if (access(sim, X_OK) != 0) {
		xasprintf(cause, _("cannot run %s: %s"), sim, strerror(errno));
		free(found);
		return NULL;
	}
	if (pipe(p) != 0) {
		xasprintf(cause, "pipe: %s", strerror(errno));
		free(found);
		return NULL;
	}
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	if ((pid = fork()) < 0) {
		xasprintf(cause, "fork: %s", strerror(errno));
		close(p[0]);
		close(p[1]);
		free(found);
		return NULL;
	}
	if (pid == 0)
		demo_child(sim, args, errlog, p[1], parent);
	close(p[1]);
	free(found);
	d = xcalloc(1, sizeof *d);
	d->pid = pid;
	d->out = p[0];
	if ((line = demo_read_line(p[0], cause)) == NULL) {
		demo_stop(&d);
		return NULL;
	}
	if (strncmp(line, prefix, sizeof prefix - 1) != 0 ||
	    strncmp(line + sizeof prefix - 1, "http://127.0.0.1:", 17) != 0) {
		*cause = xstrdup(_("kling-sim did not listen on 127.0.0.1"));
		free(line);
		demo_stop(&d);
		return NULL;
	}
	d->url = xstrdup(line + sizeof prefix - 1);
	free(line);
	return d;
}

void
demo_stop(struct demo **dp)
{
	struct demo *d = *dp;
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	int i, status;

	if (d == NULL)
		return;
	if (d->pid > 0) {
		kill(d->pid, SIGTERM);
		for (i = 0; i < 100; i++) {
			if (waitpid(d->pid, &status, WNOHANG) != 0)
				break;
			nanosleep(&ts, NULL);
		}
		if (i == 100) {
			kill(d->pid, SIGKILL);
			waitpid(d->pid, &status, 0);
		}
	}
	if (d->out >= 0)
		close(d->out);
	free(d->url);
	free(d);
	*dp = NULL;
}
