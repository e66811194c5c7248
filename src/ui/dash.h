/* kling-tui: the live task dashboard, the detail view, submitting from the
 * editor, and demo mode, in the full-screen program.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_DASH_H
#define KT_DASH_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "app/session.h"
#include "net/api.h"
#include "store.h"
#include "ui.h"

struct editor;
struct loop_timer;

/* The program's side (app.c): dash_init before the terminal is taken (it may
 * start the demo simulator, and says why it cannot on stderr: -1), then
 * dash_attach once curses runs (first: the dashboard may come first: in demo
 * mode, or when there are tasks), and
 * dash_stop on every way out (idempotent: stops the worker and the
 * simulator). */
int	 dash_init(const struct app_globals *, char **cause);
void	 dash_attach(struct editor *, bool first);
void	 dash_stop(void);
/* After a fatal error on the worker's thread: dash_stop() must not wait on
 * the worker. */
void	 dash_abandon_worker(void);

/* Everything below is shared by the dashboard's files. */

/* The store sorts (store.h): the same orders, under the keys' names. */
enum dash_sort { DASH_SORT_NEWEST = STORE_ORDER_NEWEST, DASH_SORT_STATUS = STORE_ORDER_STATUS,
	DASH_SORT_NAME = STORE_ORDER_NAME, DASH_SORT_ID = STORE_ORDER_ID,
	DASH_SORT_ELAPSED = STORE_ORDER_ELAPSED, DASH_SORT_N = STORE_ORDER_N };

struct dash_progress {
	int64_t	id;
	int64_t	bytes, total;
};

struct dash {
	struct session		 s;	/* connection, store, engine, --demo child */
	struct editor		*ed;

	/* A window of the rows shown (filtered, sorted, by SQLite) around
	 * the selection: the store may hold any number. sel and top index
	 * the window; at_start, at_end: it reaches the first, the last row. */
	struct store_list	 rows;
	bool			 at_start, at_end;
	int64_t			 total;		/* rows shown, the whole store's */
	int64_t			 sel_id;	/* the selection follows its task */
	size_t			 sel, top;
	enum dash_sort		 sort;
	bool			 sort_rev;	/* the other way round */
	bool			 help;		/* ? shows the keys */
	bool			 errors;	/* e shows the last errors whole */
	bool			 filtering;	/* the filter is being typed */
	int64_t			*marked;	/* Space: rows an action takes */
	size_t			 nmarked;
	bool			 show_hidden;
	int64_t			 nhidden;	/* hidden rows the filter matches */
	char			 filter[128];	/* words; status:S picks a state */

	bool			 has_balance;
	double			 balance;
	bool			 balance_asked;

	struct dash_progress	*prog;
	size_t			 nprog;

	int			 notify_fd;	/* inotify on the store's directory */
	struct loop_timer	*tick;		/* seconds counting, while visible */
	struct loop_timer	*reread;	/* the store changed */

	struct ui_screen	 screen;
	struct ui_screen	 detail_screen;
	int64_t			 detail_id;
	int			 detail_top;
	bool			 typing;	/* a field (filter, task id) is open */
};

extern struct dash *dash;

/* dashboard.c */
void	 dash_reload(void);		/* re-count, re-read the window */
/* The same, once, in a moment: keys typed fast (the filter), writes in a
 * burst, cost one reading. */
void	 dash_reload_soon(void);
/* Move the selection by delta rows (the window follows); home/end: to the
 * first, the last row of the whole view. */
void	 dash_move(long delta);
void	 dash_home(bool end);
void	 dash_schedule(void);		/* after anything touched the tracker */
const struct store_task *dash_selected(void);
struct dash_progress *dash_progress_find(int64_t id);
bool	 dash_visible(void);
/* Count seconds on screen: one redraw a second while drawn. */
void	 dash_tick_arm(void);
void	 dash_fmt_time(char *buf, size_t len, int64_t t);

/* dashboard_draw.c */
void	 dash_draw(void *, WINDOW *, int rows, int cols, int *cy, int *cx);
void	 dash_draw_header(WINDOW *, int cols);
attr_t	 dash_state_attr(const char *state);
int	 dash_table_height(int rows);
/* The line being typed (filter, task id) with its label. */
void	 dash_draw_field(WINDOW *, int y, int cols, int *cy, int *cx);
/* The bottom line: the field being typed, else the message, else the hint. */
void	 dash_draw_footer(WINDOW *, int rows, int cols, int *cy, int *cx,
	    const char *hint);

/* dashboard_help.c: ? on the dashboard and the detail view */
void	 dash_draw_help(WINDOW *, int rows, int cols, bool detail);
/* e: the connection's last error and the selected task's, whole. */
void	 dash_draw_errors(WINDOW *, int rows, int cols);
bool	 dash_is_marked(int64_t id);

/* dashboard_keys.c */
void	 dash_key(void *, const struct ui_key *);
/* A key for the field being typed (true: taken); otherwise the message
 * line is cleared for the key's own answer. */
bool	 dash_key_typing(const struct ui_key *);
/* Actions shared with the detail view; each says what happened. */
void	 dash_act_download(const struct store_task *);
void	 dash_act_reroll(const struct store_task *);
void	 dash_act_copy(const struct store_task *, bool url);
void	 dash_act_repoll(const struct store_task *);
void	 dash_act_adopt(const struct store_task *);
void	 dash_act_forget(const struct store_task *);
/* player.c: o, v: the downloaded video in $KLING_TUI_PLAYER or xdg-open */
void	 dash_act_play(const struct store_task *);
void	 dash_mark_seen(const struct store_task *);
void	 dash_filter_load(void);

/* detail.c */
void	 detail_open(int64_t id);
void	 detail_init(void);

/* contact.c: the detail's contact sheet: its lines given to add (shot:
 * 1.. on the first line of a shot's frame, else 0), then each shot's frame
 * drawn at a line of that shot, contact_height() lines tall. */
void	 contact_build(const struct store_task *, int width,
	    void (*add)(int shot, attr_t, const char *));
int	 contact_height(void);
void	 contact_draw(WINDOW *, int y, int x, int shot);

/* confirm.c: the editor's 's' */
void	 confirm_init(void);
void	 confirm_on_head(uint64_t tag, const struct api_result *);
void	 confirm_on_balance(void);

/* osc52.c: put text on the terminal's clipboard (through tmux too); send
 * any OSC sequence to the terminal, and through tmux to the outer one. */
void	 osc52_copy(const char *text);
void	 osc_send(const char *seq);

/* notify.c: a desktop notification that reaches the artist's own machine
 * (OSC 9, OSC 777 or kitty's OSC 99, through tmux and SSH). */
void	 notify_send(const char *title, const char *body);

#endif
