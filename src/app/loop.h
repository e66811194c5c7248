/* kling-tui: the event loop: poll() on registered fds, a self-pipe for
 * signals, and timers from one monotonic clock.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_LOOP_H
#define KT_LOOP_H

#include <stdbool.h>
#include <stdint.h>

typedef void (*loop_fd_cb)(int fd, short revents, void *arg);
typedef void (*loop_timer_cb)(void *arg);
typedef void (*loop_signal_cb)(int sig, void *arg);

struct loop_timer;

/* Creates the signal self-pipe. 0, or -1 and *cause. */
int	 loop_init(char **cause);
/* Restores every caught signal's disposition and closes the pipe. */
void	 loop_free(void);

/* Milliseconds of the one clock (clock.h; tests replace it there). */
uint64_t loop_now(void);

/* loop_init() also takes over fatal() on other threads (xmalloc.h): the
 * message comes to the main thread through the self-pipe, and fatal() runs
 * there (its hook restores the terminal). loop_thread_failed() is then true:
 * the hook must not wait on the failed thread (it may hold a lock). Should
 * the main thread not answer within 2 s, the failed thread calls fn (set
 * here: a terminal restore that needs no curses) and exits. */
bool	 loop_thread_failed(void);
void	 loop_set_emergency(void (*fn)(void));

/* Watch fd for events (POLLIN, ...); one callback per fd. */
void	 loop_add_fd(int fd, short events, loop_fd_cb, void *arg);
void	 loop_remove_fd(int fd);

/* A timer fires once, delay_ms after loop_timer_set; setting it again moves it. */
struct loop_timer *loop_timer_new(loop_timer_cb, void *arg);
void	 loop_timer_set(struct loop_timer *, uint64_t delay_ms);
void	 loop_timer_stop(struct loop_timer *);
bool	 loop_timer_pending(const struct loop_timer *);
void	 loop_timer_free(struct loop_timer **);

/* The handler only writes the signal's number to the self-pipe; cb runs later
 * from the loop, where anything may be done. */
int	 loop_catch_signal(int sig, loop_signal_cb, void *arg);
/* Back to SIG_DFL for every caught signal (before exec, or at exit). */
void	 loop_release_signals(void);

/* Wait for the next event (no timeout when no timer is pending: an idle
 * program sleeps) and dispatch everything ready. Returns -1 on a poll error
 * other than EINTR. */
int	 loop_run_once(void);
/* Run until loop_break(). */
void	 loop_run(void);
void	 loop_break(void);

/* Milliseconds until the earliest timer, -1 when none: for tests. */
int	 loop_next_timeout(void);

#endif
