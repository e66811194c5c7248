/* kling-tui: tests of the event loop: timers, fds, signals through the
 * self-pipe, sleeping when idle, and a fatal() on another thread handed to
 * the main thread.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/syscall.h>
#include <sys/wait.h>

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/loop.h"
#include "clock.h"
#include "tap.h"
#include "xmalloc.h"

static int64_t fake_now;

static int64_t
fake_clock(void)
{
	return fake_now;
}

static char fired[16];
static size_t nfired;

static void
on_timer(void *arg)
{
	fired[nfired++] = *(const char *)arg;
}

static void
test_timers(void)
{
	static const char a = 'a', b = 'b', c = 'c';
	struct loop_timer *ta, *tb, *tc;

	clock_set_source(fake_clock);
	fake_now = 1000;
	ta = loop_timer_new(on_timer, (void *)&a);
	tb = loop_timer_new(on_timer, (void *)&b);
	tc = loop_timer_new(on_timer, (void *)&c);
	is_int(loop_next_timeout(), -1, "no timer: the loop would sleep without a timeout");
	loop_timer_set(ta, 300);
	loop_timer_set(tb, 100);
	loop_timer_set(tc, 200);
	loop_timer_stop(tc);
	is_int(loop_next_timeout(), 100, "the earliest timer sets the timeout");
	ok(!loop_timer_pending(tc), "a stopped timer is not pending");
	fake_now = 1150;
	loop_run_once();
	is_int((long long)nfired, 1, "one timer was due");
	ok(nfired == 1 && fired[0] == 'b', "and it was the earliest");
	loop_timer_set(ta, 10);
	is_int(loop_next_timeout(), 10, "setting a timer again moves it");
	fake_now = 1200;
	loop_run_once();
	ok(nfired == 2 && fired[1] == 'a', "the moved timer fires");
	is_int(loop_next_timeout(), -1, "nothing left: idle");
	loop_timer_free(&ta);
	loop_timer_free(&tb);
	loop_timer_free(&tc);
	ok(ta == NULL && tb == NULL && tc == NULL, "freeing sets NULL");
	clock_set_source(NULL);
}

static int fd_calls;
static short fd_revents;

static void
on_fd(int fd, short revents, void *arg)
{
	char buf[8];

	(void)arg;
	fd_calls++;
	fd_revents = revents;
	if (read(fd, buf, sizeof buf) < 0)
		fd_calls += 100;
}

static void
test_fds(void)
{
	int p[2];

	if (pipe(p) != 0)
		abort();
	loop_add_fd(p[0], POLLIN, on_fd, NULL);
	if (write(p[1], "x", 1) != 1)
		abort();
	loop_run_once();
	is_int(fd_calls, 1, "a readable fd calls its callback once");
	ok(fd_revents & POLLIN, "with POLLIN");
	loop_remove_fd(p[0]);
	if (write(p[1], "y", 1) != 1)
		abort();
	fake_now = 0;
	is_int(loop_next_timeout(), -1, "a removed fd is not watched");
	close(p[0]);
	close(p[1]);
}

static int sig_seen;

static void
on_sig(int sig, void *arg)
{
	(void)arg;
	sig_seen = sig;
	loop_break();
}

static void
test_signals(void)
{
	ok(loop_catch_signal(SIGUSR1, on_sig, NULL) == 0, "SIGUSR1 caught");
	raise(SIGUSR1);
	loop_run();
	is_int(sig_seen, SIGUSR1, "its callback ran from the loop, and loop_break ended it");
	loop_release_signals();
}

/* fatal() on another thread: the message reaches the main thread through
 * the self-pipe and fatal_hook runs there (never on the failing thread, which
 * may hold a lock the hook needs). Run in a child: it dies. */
static int hook_pipe[2];

static void
hook_on_main(void)
{
	char c = (pid_t)syscall(SYS_gettid) == getpid() ? 'M' : 'T';

	if (write(hook_pipe[1], &c, 1) != 1)
		_exit(3);
}

static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;

static void *
thread_fatal(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&held);	/* as the worker holds its lock */
	fatal("forced from a thread");
	return NULL;
}

/* A child with the loop set up, its stderr silenced; its report comes back
 * through hook_pipe. */
static pid_t
child_start(void)
{
	char *cause = NULL;
	pid_t pid;

	if (pipe(hook_pipe) != 0 || (pid = fork()) < 0)
		abort();
	if (pid > 0) {
		close(hook_pipe[1]);
		return pid;
	}
	close(hook_pipe[0]);
	if (freopen("/dev/null", "w", stderr) == NULL || loop_init(&cause) != 0)
		_exit(5);
	return 0;
}

/* The child's end: its one byte of report (0: none) and its status. */
static char
child_end(pid_t pid, int *status)
{
	char c = 0;

	waitpid(pid, status, 0);
	if (read(hook_pipe[0], &c, 1) != 1)
		c = 0;
	close(hook_pipe[0]);
	return c;
}

static void
test_fatal_offthread(void)
{
	pthread_t th;
	int status = 0;
	int64_t t0 = clock_ms();
	pid_t pid;
	char c;

	if ((pid = child_start()) == 0) {
		fatal_hook = hook_on_main;
		pthread_create(&th, NULL, thread_fatal, NULL);
		for (;;)
			loop_run_once();
	}
	c = child_end(pid, &status);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
	    "the process dies of the fatal error (status %d)", status);
	is_int(c, 'M', "the fatal hook ran once, on the main thread");
	ok(clock_ms() - t0 < 1500, "at once, without waiting for the failed thread");
}

/* The main thread never comes back to the loop: the failing thread
 * restores what it can itself, then ends the process. */
static void
emergency(void)
{
	if (write(hook_pipe[1], "E", 1) != 1)
		_exit(3);
}

static void
test_fatal_main_stuck(void)
{
	pthread_t th;
	int status = 0;
	pid_t pid;
	char c;

	if ((pid = child_start()) == 0) {
		loop_set_emergency(emergency);
		pthread_create(&th, NULL, thread_fatal, NULL);
		sleep(1);
		pthread_mutex_lock(&held);	/* stuck, as on the worker's lock */
		_exit(6);
	}
	c = child_end(pid, &status);
	is_int(c, 'E', "a stuck main thread: the emergency restore ran");
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 70,
	    "and the process ended (status %d)", status);
}

int
main(void)
{
	char *cause = NULL;

	if (loop_init(&cause) != 0) {
		printf("Bail out! %s\n", cause);
		return 1;
	}
	test_timers();
	test_fds();
	test_signals();
	loop_free();
	test_fatal_offthread();
	test_fatal_main_stuck();
	return tap_done();
}
