/* kling-tui: the full-screen program: `kling-tui [FILE]`.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "app/exitcode.h"
#include "app/loop.h"
#include "net/worker.h"
#include "conf.h"
#include "dash.h"
#include "editor.h"
#include "field.h"
#include "fullscreen.h"
#include "ui.h"
#include "xmalloc.h"

static struct editor *app_editor;

/* Every way out keeps what was typed, then gives the terminal back. */
static void
app_leave(void)
{
	/* After a fatal error on the worker's thread, which may hold its lock:
	 * save and restore, but do not wait on it. */
	/* The draft first: stopping the dashboard may wait on the network
	 * (a second and more after SIGHUP), and the terminal's owner may not
	 * wait that long before SIGKILL. */
	if (app_editor != NULL) {
		app_editor->draft_dirty = true;
		editor_save_draft(app_editor);
	}
	if (loop_thread_failed())
		dash_abandon_worker();
	dash_stop();
	ui_shutdown();
}

static void
app_fatal(void)
{
	app_leave();
}

static void
app_on_signal(int sig, void *arg)
{
	(void)arg;
	app_leave();
	loop_release_signals();
	/* Die of the signal, so that the parent sees what happened. */
	signal(sig, SIG_DFL);
	raise(sig);
	_exit(128 + sig);
}

static void
app_on_winch(int sig, void *arg)
{
	(void)sig;
	(void)arg;
	ui_resize();
}

static void
app_on_cont(int sig, void *arg)
{
	(void)sig;
	(void)arg;
	ui_resume();
}

static void
app_on_stdin(int fd, short revents, void *arg)
{
	(void)fd;
	(void)arg;
	/* The terminal is gone (a dropped link, with or without SIGHUP): a
	 * hung-up tty also reads as readable, forever. */
	if (revents & (POLLHUP | POLLERR | POLLNVAL))
		app_on_signal(SIGHUP, NULL);
	if (revents & POLLIN)
		ui_input();
}

int
ui_main(const struct app_globals *g, const char *file)
{
	char *cause = NULL, *state_dir;
	struct editor *ed;

	if ((state_dir = conf_state_dir(&cause)) == NULL) {
		fprintf(stderr, _("kling-tui: drafts are off: %s\n"), cause);
		free(cause);
		cause = NULL;
	}
	if (loop_init(&cause) == -1) {
		fprintf(stderr, "kling-tui: %s\n", cause);
		free(cause);
		free(state_dir);
		return EXIT_USAGE;
	}
	ed = editor_new(state_dir);
	free(state_dir);
	/* A file that cannot be read says so before the screen starts. */
	if (file != NULL && editor_open(ed, file, &cause) == -1) {
		fprintf(stderr, "kling-tui: %s: %s\n", file, cause);
		free(cause);
		editor_free(&ed);
		loop_free();
		return EXIT_USAGE;
	}
	/* Caught before curses starts, so ncurses installs none of its own. */
	loop_catch_signal(SIGWINCH, app_on_winch, NULL);
	loop_catch_signal(SIGCONT, app_on_cont, NULL);
	loop_catch_signal(SIGHUP, app_on_signal, NULL);
	loop_catch_signal(SIGTERM, app_on_signal, NULL);
	loop_catch_signal(SIGINT, app_on_signal, NULL);
	/* The network (libcurl and its tree) comes up after the first
	 * frame: until then the engine queues what it would send. */
	worker_hold();
	if (dash_init(g, &cause) == -1) {
		fprintf(stderr, "kling-tui: %s\n", cause);
		free(cause);
		editor_free(&ed);
		loop_free();
		return EXIT_USAGE;
	}
	if (ui_init(&cause) == -1) {
		dash_stop();
		fprintf(stderr, "kling-tui: %s\n", cause);
		free(cause);
		editor_free(&ed);
		loop_free();
		return EXIT_USAGE;
	}
	app_editor = ed;
	fatal_hook = app_fatal;
	loop_set_emergency(ui_emergency_restore);
	field_init();
	ui_screen_register(editor_screen(ed));
	editor_offer_drafts(ed);
	/* The dashboard comes first, unless a file or a draft question
	 * waits in the editor. */
	dash_attach(ed, file == NULL && ed->mode != EM_ASK);
	loop_add_fd(STDIN_FILENO, POLLIN, app_on_stdin, NULL);
	ui_flush();
	if (worker_release(&cause) != 0) {
		/* The screens work without it; every request says why too. */
		ui_message("%s", cause);
		free(cause);
		ui_flush();
	}
	while (!ed->quit) {
		if (loop_run_once() == -1)
			break;
		ui_flush();
	}
	app_editor = NULL;
	dash_stop();
	field_free();
	ui_shutdown();
	editor_free(&ed);
	loop_free();
	return EXIT_OK;
}
