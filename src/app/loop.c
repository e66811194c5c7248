/* kling-tui: the event loop: poll() on registered fds, a self-pipe for
 * signals, and timers from one monotonic clock.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "loop.h"
#include "xmalloc.h"

struct loop_fd {
	int		 fd;
	short		 events;
	loop_fd_cb	 cb;
	void		*arg;
};

struct loop_timer {
	loop_timer_cb	 cb;
	void		*arg;
	uint64_t	 due;
	unsigned long	 armed_pass;
	bool		 pending;
};

struct loop_sig {
	loop_signal_cb	 cb;
	void		*arg;
	bool		 caught;
	struct sigaction old;
};

static struct loop_fd	 *loop_fds;
static size_t		  loop_nfds;
static struct loop_timer **loop_timers;
static size_t		  loop_ntimers;
static struct loop_sig	  loop_sigs[65];
static int		  loop_pipe[2] = { -1, -1 };
static bool		  loop_stop;
/* Timers armed while a pass dispatches wait for the next pass, so that a
 * callback re-arming itself with no delay cannot spin inside one pass. */
static unsigned long	  loop_pass;
static struct pollfd	 *loop_pfd;
static size_t		  loop_pfdcap;

/* A fatal() on another thread: byte 0 on the self-pipe (no signal is 0),
 * its message, and what restores the terminal without curses should the
 * main thread not answer. */
#define LOOP_FATAL_BYTE	0
#define LOOP_FATAL_WAIT_MS 2000
static char		  loop_fatal_msg[1024];
static volatile sig_atomic_t loop_fatal_seen;
static void		(*loop_emergency)(void);

uint64_t
loop_now(void)
{
	int64_t now = clock_ms();

	return now > 0 ? (uint64_t)now : 0;
}

static int
loop_set_flags(int fd)
{
	int fl;

	if ((fl = fcntl(fd, F_GETFL)) == -1 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) == -1)
		return -1;
	if ((fl = fcntl(fd, F_GETFD)) == -1 || fcntl(fd, F_SETFD, fl | FD_CLOEXEC) == -1)
		return -1;
	return 0;
}

/* Runs on the thread that called fatal(), which may hold a lock the main
 * thread needs: tell the main thread, which restores the terminal and dies;
 * if it is stuck, restore what can be restored from here. Never returns. */
static void
loop_fatal_offthread(const char *msg)
{
	unsigned char b = LOOP_FATAL_BYTE;
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	int waited;

	snprintf(loop_fatal_msg, sizeof loop_fatal_msg, "%s", msg);
	loop_fatal_seen = 1;
	if (write(loop_pipe[1], &b, 1) < 0) {
		/* Full: the main thread is not reading; the wait runs out. */
	}
	for (waited = 0; waited < LOOP_FATAL_WAIT_MS; waited += 50)
		nanosleep(&ts, NULL);
	if (loop_emergency != NULL)
		loop_emergency();
	/* Not gettext(): the main thread is stuck, maybe holding a lock of
	 * its own, and this path must end; the message after it is already
	 * in the user's language. */
	fprintf(stderr, "kling-tui: fatal: %s\n", loop_fatal_msg);
	_exit(70);
}

void
loop_set_emergency(void (*fn)(void))
{
	loop_emergency = fn;
}

bool
loop_thread_failed(void)
{
	return loop_fatal_seen != 0;
}

int
loop_init(char **cause)
{
	if (loop_pipe[0] != -1)
		return 0;
	if (pipe(loop_pipe) == -1 || loop_set_flags(loop_pipe[0]) == -1 ||
	    loop_set_flags(loop_pipe[1]) == -1) {
		xasprintf(cause, "signal pipe: %s", strerror(errno));
		return -1;
	}
	loop_stop = false;
	fatal_offthread = loop_fatal_offthread;
	return 0;
}

void
loop_free(void)
{
	fatal_offthread = NULL;
	loop_release_signals();
	if (loop_pipe[0] != -1) {
		close(loop_pipe[0]);
		close(loop_pipe[1]);
		loop_pipe[0] = loop_pipe[1] = -1;
	}
	free(loop_fds);
	loop_fds = NULL;
	loop_nfds = 0;
	free(loop_timers);
	loop_timers = NULL;
	free(loop_pfd);
	loop_pfd = NULL;
	loop_pfdcap = 0;
	loop_ntimers = 0;
}

void
loop_add_fd(int fd, short events, loop_fd_cb cb, void *arg)
{
	size_t i;

	for (i = 0; i < loop_nfds; i++) {
		if (loop_fds[i].fd == fd)
			break;
	}
	if (i == loop_nfds) {
		loop_fds = xreallocarray(loop_fds, loop_nfds + 1, sizeof *loop_fds);
		loop_nfds++;
	}
	loop_fds[i].fd = fd;
	loop_fds[i].events = events;
	loop_fds[i].cb = cb;
	loop_fds[i].arg = arg;
}

void
loop_remove_fd(int fd)
{
	size_t i;

	for (i = 0; i < loop_nfds; i++) {
		if (loop_fds[i].fd == fd) {
			memmove(&loop_fds[i], &loop_fds[i + 1],
			    (loop_nfds - i - 1) * sizeof *loop_fds);
			loop_nfds--;
			return;
		}
	}
}

struct loop_timer *
loop_timer_new(loop_timer_cb cb, void *arg)
{
	struct loop_timer *t = xcalloc(1, sizeof *t);

	t->cb = cb;
	t->arg = arg;
	loop_timers = xreallocarray(loop_timers, loop_ntimers + 1, sizeof *loop_timers);
	loop_timers[loop_ntimers++] = t;
	return t;
}

void
loop_timer_set(struct loop_timer *t, uint64_t delay_ms)
{
	t->due = loop_now() + delay_ms;
	t->pending = true;
	t->armed_pass = loop_pass;
}

void
loop_timer_stop(struct loop_timer *t)
{
	t->pending = false;
}

bool
loop_timer_pending(const struct loop_timer *t)
{
	return t->pending;
}

void
loop_timer_free(struct loop_timer **tp)
{
	size_t i;

	if (*tp == NULL)
		return;
	for (i = 0; i < loop_ntimers; i++) {
		if (loop_timers[i] == *tp) {
			memmove(&loop_timers[i], &loop_timers[i + 1],
			    (loop_ntimers - i - 1) * sizeof *loop_timers);
			loop_ntimers--;
			break;
		}
	}
	free(*tp);
	*tp = NULL;
}

static void
loop_signal_handler(int sig)
{
	unsigned char b = (unsigned char)sig;
	int saved = errno;
	ssize_t n;

	/* A full pipe already holds a wake-up; losing this byte is harmless
	 * for every signal but a second, distinct one, which the next one
	 * read will not miss for long: the pipe holds 64 KiB. */
	n = write(loop_pipe[1], &b, 1);
	(void)n;
	errno = saved;
}

int
loop_catch_signal(int sig, loop_signal_cb cb, void *arg)
{
	struct sigaction sa;
	struct loop_sig *s;

	if (sig <= 0 || (size_t)sig >= sizeof loop_sigs / sizeof loop_sigs[0])
		return -1;
	s = &loop_sigs[sig];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = loop_signal_handler;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	if (sigaction(sig, &sa, s->caught ? NULL : &s->old) == -1)
		return -1;
	s->cb = cb;
	s->arg = arg;
	s->caught = true;
	return 0;
}

void
loop_release_signals(void)
{
	size_t i;

	for (i = 0; i < sizeof loop_sigs / sizeof loop_sigs[0]; i++) {
		if (!loop_sigs[i].caught)
			continue;
		sigaction((int)i, &loop_sigs[i].old, NULL);
		loop_sigs[i].caught = false;
	}
}

int
loop_next_timeout(void)
{
	uint64_t now = loop_now(), best = UINT64_MAX;
	size_t i;

	for (i = 0; i < loop_ntimers; i++) {
		if (loop_timers[i]->pending && loop_timers[i]->due < best)
			best = loop_timers[i]->due;
	}
	if (best == UINT64_MAX)
		return -1;
	if (best <= now)
		return 0;
	return best - now > INT32_MAX ? INT32_MAX : (int)(best - now);
}

static void
loop_read_signals(void)
{
	unsigned char buf[64];
	ssize_t n, i;
	struct loop_sig *s;

	while ((n = read(loop_pipe[0], buf, sizeof buf)) > 0) {
		for (i = 0; i < n; i++) {
			/* Now on the main thread, where the hook may run. */
			if (buf[i] == LOOP_FATAL_BYTE && loop_fatal_seen)
				fatal("%s", loop_fatal_msg);
			if (buf[i] >= sizeof loop_sigs / sizeof loop_sigs[0])
				continue;
			s = &loop_sigs[buf[i]];
			if (s->caught && s->cb != NULL)
				s->cb(buf[i], s->arg);
		}
	}
}

static void
loop_fire_timers(void)
{
	struct loop_timer *t;
	uint64_t now = loop_now();
	size_t i;

	/* Callbacks may free or arm timers, so look again after each one. */
	for (;;) {
		for (i = 0; i < loop_ntimers; i++) {
			t = loop_timers[i];
			if (t->pending && t->due <= now && t->armed_pass < loop_pass)
				break;
		}
		if (i == loop_ntimers)
			return;
		t->pending = false;
		t->cb(t->arg);
	}
}

int
loop_run_once(void)
{
	struct pollfd *pfd;
	size_t i, j, n = loop_nfds + 1;
	int r;

	loop_pass++;
	if (n > loop_pfdcap) {
		loop_pfd = xreallocarray(loop_pfd, n, sizeof *loop_pfd);
		loop_pfdcap = n;
	}
	pfd = loop_pfd;
	memset(pfd, 0, n * sizeof *pfd);
	pfd[0].fd = loop_pipe[0];
	pfd[0].events = POLLIN;
	for (i = 0; i < loop_nfds; i++) {
		pfd[i + 1].fd = loop_fds[i].fd;
		pfd[i + 1].events = loop_fds[i].events;
	}
	r = poll(pfd, n, loop_next_timeout());
	if (r == -1)
		return errno == EINTR ? 0 : -1;
	if (pfd[0].revents != 0)
		loop_read_signals();
	for (i = 1; i < n; i++) {
		if (pfd[i].revents == 0)
			continue;
		/* An earlier callback may have removed this fd. */
		for (j = 0; j < loop_nfds; j++) {
			if (loop_fds[j].fd == pfd[i].fd) {
				loop_fds[j].cb(pfd[i].fd, pfd[i].revents, loop_fds[j].arg);
				break;
			}
		}
	}
	loop_fire_timers();
	return 0;
}

void
loop_run(void)
{
	loop_stop = false;
	while (!loop_stop) {
		if (loop_run_once() == -1)
			break;
	}
}

void
loop_break(void)
{
	loop_stop = true;
}
