/* kling-tui: hand a long text over to $VISUAL or $EDITOR and take it back.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "editor.h"
#include "text.h"
#include "xmalloc.h"

static const char *
extedit_command(void)
{
	const char *e;

	if ((e = getenv("VISUAL")) != NULL && *e != '\0')
		return e;
	if ((e = getenv("EDITOR")) != NULL && *e != '\0')
		return e;
	return "vi";
}

/* Run command on path with the terminal handed over; the shell splits
 * the command so that "code --wait" works (path stays one word: "$1").
 * Keyboard signals go to the program alone meanwhile, as system()
 * arranges. */
int
extedit_exec(const char *command, const char *path, char **cause)
{
	struct sigaction ign, oint, oquit;
	char *cmd;
	pid_t pid;
	int status;

	xasprintf(&cmd, "%s \"$1\"", command);
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	ui_suspend();
	pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &oint, NULL);
		sigaction(SIGQUIT, &oquit, NULL);
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		/* curl's own descriptors (its wake-up socketpair) cannot be
		 * marked close-on-exec from here: the editor gets none. */
		closefrom(STDERR_FILENO + 1);
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	ui_resume();
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	free(cmd);
	if (pid == -1) {
		xasprintf(cause, _("cannot start %s: %s"), command, strerror(errno));
		return -1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		xasprintf(cause, _("%s failed"), command);
		return -1;
	}
	return 0;
}

static int
extedit_spawn(const char *path, char **cause)
{
	char *why = NULL;

	if (extedit_exec(extedit_command(), path, &why) == 0)
		return 0;
	xasprintf(cause, _("%s; the text is unchanged"), why);
	free(why);
	return -1;
}

char *
extedit_run(const char *text, char **cause)
{
	const char *dir = getenv("TMPDIR");
	char *path, *out = NULL;
	size_t len = strlen(text), cap = 0, n = 0;
	FILE *f;
	int fd;

	*cause = NULL;
	xasprintf(&path, "%s/kling-tui-XXXXXX.txt", dir != NULL && *dir != '\0' ? dir : "/tmp");
	if ((fd = mkstemps(path, 4)) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	if (write(fd, text, len) != (ssize_t)len || write(fd, "\n", 1) != 1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		goto out;
	}
	close(fd);
	fd = -1;
	if (extedit_spawn(path, cause) == -1)
		goto out;
	if ((f = fopen(path, "r")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		goto out;
	}
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = cap == 0 ? 8192 : cap * 2;
			out = xrealloc(out, cap);
		}
		len = fread(out + n, 1, cap - n - 1, f);
		if (len == 0)
			break;
		n += len;
	}
	fclose(f);
	out[n] = '\0';
	/* Editors end the file with a newline; the prompt does not. */
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	if (!text_valid_utf8(out, n, NULL)) {
		*cause = xstrdup(_("the edited text is not valid UTF-8; unchanged"));
		free(out);
		out = NULL;
	} else if (strcmp(out, text) == 0) {
		free(out);
		out = NULL;
	}
out:
	if (fd != -1)
		close(fd);
	unlink(path);
	free(path);
	return out;
}
