/* kling-tui: the curses frame: start and stop, styles, screens, key input.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>

#include <termios.h>
#include <unistd.h>

#include "picture.h"
#include "termreply.h"
#include "text.h"
#include "ui.h"
#include "xmalloc.h"

#define UI_STACK_MAX	8
#define UI_SCREENS_MAX	4

static bool		 ui_on;
static bool		 ui_colours;
static bool		 ui_dirty = true;
static SCREEN		*ui_term;
static attr_t		 ui_styles[UI_NSTYLES];
static const struct ui_screen *ui_stack[UI_STACK_MAX];
static size_t		 ui_depth;
static const struct ui_screen *ui_screens[UI_SCREENS_MAX];
static size_t		 ui_nscreens, ui_current;
static char		 ui_msg[256];
/* What restores the terminal without curses (ui_emergency_restore). */
static struct termios	 ui_saved_tio;
static bool		 ui_have_tio;
static char		 ui_leave_seq[128];

static void
ui_crash(int sig)
{
	/* Not async-signal-safe, but the process is dying anyway and a
	 * terminal left in raw mode is worse (htop does the same). */
	if (ui_on)
		endwin();
	raise(sig);
}

static void
ui_catch_crashes(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_crash;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}

static void
ui_init_styles(void)
{
	const char *nc = getenv("NO_COLOR");
	short bg = -1;
	size_t i;

	ui_colours = has_colors() && (nc == NULL || *nc == '\0');
	if (ui_colours) {
		start_color();
		if (use_default_colors() == ERR)
			bg = COLOR_BLACK;
		init_pair(1, COLOR_RED, bg);
		init_pair(2, COLOR_YELLOW, bg);
		init_pair(3, COLOR_GREEN, bg);
		init_pair(4, COLOR_CYAN, bg);
		init_pair(5, COLOR_BLACK, COLOR_CYAN);
		init_pair(6, COLOR_BLACK, COLOR_GREEN);
		init_pair(7, COLOR_MAGENTA, bg);
	}
	for (i = 0; i < UI_NSTYLES; i++)
		ui_styles[i] = A_NORMAL;
	ui_styles[UI_SELECTED] = A_REVERSE;
	ui_styles[UI_STATUS] = A_REVERSE;
	ui_styles[UI_DIM] = A_DIM;
	if (ui_colours) {
		ui_styles[UI_TITLE] = A_BOLD | COLOR_PAIR(4);
		ui_styles[UI_LABEL] = A_NORMAL;
		ui_styles[UI_ERROR] = A_BOLD | COLOR_PAIR(1);
		ui_styles[UI_WARNING] = COLOR_PAIR(2);
		ui_styles[UI_OK] = COLOR_PAIR(3);
		ui_styles[UI_MENTION] = A_BOLD | COLOR_PAIR(7);
		ui_styles[UI_MENTION_BAD] = A_UNDERLINE | COLOR_PAIR(1);
		ui_styles[UI_SEG_A] = COLOR_PAIR(5);
		ui_styles[UI_SEG_B] = COLOR_PAIR(6);
	} else {
		/* Readable without colour: every meaning keeps a distinct
		 * attribute, and the text itself always says error/warning. */
		ui_styles[UI_TITLE] = A_BOLD;
		ui_styles[UI_ERROR] = A_BOLD;
		ui_styles[UI_WARNING] = A_UNDERLINE;
		ui_styles[UI_MENTION] = A_BOLD;
		ui_styles[UI_MENTION_BAD] = A_UNDERLINE;
		ui_styles[UI_SEG_A] = A_REVERSE;
		ui_styles[UI_SEG_B] = A_BOLD | A_UNDERLINE;
	}
}

/* The terminal's own "leave the full screen, show the cursor, plain text",
 * kept before curses starts, for a restore that cannot use curses. */
static void
ui_save_leave_seq(void)
{
	static const char *const caps[] = { "sgr0", "cnorm", "rmcup" };
	size_t i, o = 0, n;
	char *v;

	ui_have_tio = tcgetattr(STDIN_FILENO, &ui_saved_tio) == 0;
	for (i = 0; i < sizeof caps / sizeof caps[0]; i++) {
		v = tigetstr(caps[i]);
		if (v == NULL || v == (char *)-1 || (n = strlen(v)) >= sizeof ui_leave_seq - o)
			continue;
		memcpy(ui_leave_seq + o, v, n);
		o += n;
	}
	ui_leave_seq[o] = '\0';
}

void
ui_emergency_restore(void)
{
	ssize_t n;

	if (!ui_on)
		return;
	if (ui_have_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &ui_saved_tio);
	n = write(STDOUT_FILENO, ui_leave_seq, strlen(ui_leave_seq));
	n = write(STDOUT_FILENO, "\r\n", 2);
	(void)n;
}

int
ui_init(char **cause)
{
	const char *term = getenv("TERM");
	TERMINAL *probe;
	char *cup;
	int err;

	if (ui_on)
		return 0;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*cause = xstrdup(_("the full-screen program needs a terminal; "
		    "see 'kling-tui --help' for the subcommands"));
		return -1;
	}
	if (term == NULL || *term == '\0') {
		*cause = xstrdup(_("TERM is not set"));
		return -1;
	}
	/* Look before starting curses: newterm on a terminal it cannot use
	 * would leave the screen in a state to be undone. */
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		xasprintf(cause, _("unknown terminal type '%s'"), term);
		return -1;
	}
	probe = cur_term;
	ui_save_leave_seq();
	cup = tigetstr("cup");
	if (cup == NULL || cup == (char *)-1) {
		del_curterm(probe);
		xasprintf(cause, _("terminal '%s' cannot move the cursor; "
		    "use a subcommand (see 'kling-tui --help')"), term);
		return -1;
	}
	ui_term = newterm(NULL, stdout, stdin);
	del_curterm(probe);
	if (ui_term == NULL) {
		xasprintf(cause, _("cannot start curses on terminal '%s'"), term);
		return -1;
	}
	set_term(ui_term);
	ui_on = true;
	ui_catch_crashes();
	fatal_hook = ui_shutdown;
	/* raw, not cbreak: Ctrl-C, Ctrl-S and Ctrl-Z are keys here (cancel,
	 * save, ...), not signals or flow control. */
	raw();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	ui_init_styles();
	/* ncurses 6.4 flushes its output after every cursor movement until
	 * the screen has once been left and taken back (lib_mvcur.c:
	 * _nc_mvcur, while _endwin is ewInitial): a frame went to the
	 * terminal in a write per row part, a hundred for the first. Left
	 * here, before anything is drawn, the first doupdate() takes it
	 * back, and a frame goes out in as few writes as ncurses' buffer
	 * allows (one or two for a full screen). */
	endwin();
	ui_dirty = true;
	return 0;
}

void
ui_shutdown(void)
{
	if (!ui_on)
		return;
	ui_on = false;
	picture_proto_leave();
	curs_set(1);
	endwin();
	fflush(stdout);
	delscreen(ui_term);
	ui_term = NULL;
}

bool
ui_active(void)
{
	return ui_on;
}

bool
ui_has_colours(void)
{
	return ui_colours;
}

attr_t
ui_attr(enum ui_style s)
{
	return ui_styles[s];
}

void
ui_screen_push(const struct ui_screen *s)
{
	if (ui_depth == UI_STACK_MAX)
		fatal("screen stack full");
	ui_stack[ui_depth++] = s;
	ui_dirty = true;
}

void
ui_screen_pop(void)
{
	if (ui_depth > 1)
		ui_depth--;
	ui_dirty = true;
}

const struct ui_screen *
ui_screen_top(void)
{
	return ui_depth == 0 ? NULL : ui_stack[ui_depth - 1];
}

void
ui_screen_register(const struct ui_screen *s)
{
	if (ui_nscreens == UI_SCREENS_MAX)
		fatal("too many screens");
	ui_screens[ui_nscreens++] = s;
	if (ui_depth == 0)
		ui_screen_push(s);
}

void
ui_screen_next(void)
{
	if (ui_nscreens < 2)
		return;
	ui_current = (ui_current + 1) % ui_nscreens;
	ui_depth = 1;
	ui_stack[0] = ui_screens[ui_current];
	ui_dirty = true;
}

void
ui_redraw(void)
{
	ui_dirty = true;
}

void
ui_repaint(void)
{
	if (ui_on)
		clearok(curscr, TRUE);
	picture_proto_invalidate();
	ui_dirty = true;
}

static bool
ui_too_small(int rows, int cols)
{
	return rows < UI_MIN_ROWS || cols < UI_MIN_COLS;
}

void
ui_flush(void)
{
	const struct ui_screen *s = ui_screen_top();
	int rows, cols, cy = -1, cx = -1;
	char buf[64];

	if (!ui_on || !ui_dirty || s == NULL)
		return;
	ui_dirty = false;
	getmaxyx(stdscr, rows, cols);
	/* werase only clears ncurses' picture of the screen: doupdate still
	 * sends the terminal just the cells that differ. */
	werase(stdscr);
	picture_proto_frame();
	if (ui_too_small(rows, cols)) {
		snprintf(buf, sizeof buf, _("terminal too small (need %dx%d)"),
		    UI_MIN_COLS, UI_MIN_ROWS);
		/* Whole, on two lines when one is too narrow. */
		if ((int)strlen(buf) > cols && rows > 1) {
			*strchr(buf, '(') = '\0';
			ui_put(stdscr, 0, 0, cols, A_BOLD, buf);
			snprintf(buf, sizeof buf, _("(need %dx%d)"), UI_MIN_COLS, UI_MIN_ROWS);
			ui_put(stdscr, 1, 0, cols, A_BOLD, buf);
		} else
			ui_put(stdscr, 0, 0, cols, A_BOLD, buf);
	} else
		s->draw(s->data, stdscr, rows, cols, &cy, &cx);
	/* A hidden cursor is left where the last change put it: taking it
	 * back to the last line would cost every update of one cell a move
	 * and an attribute reset (half of a clock's tick). */
	if (cy >= 0 && cx >= 0) {
		leaveok(stdscr, FALSE);
		wmove(stdscr, cy, cx);
		curs_set(1);
	} else if (curs_set(0) != ERR)
		leaveok(stdscr, TRUE);
	else {
		leaveok(stdscr, FALSE);
		wmove(stdscr, rows - 1, 0);
	}
	picture_proto_before_update();
	wnoutrefresh(stdscr);
	doupdate();
	/* Pictures past curses, at their cells (only when changed). */
	picture_proto_after_update();
}

void
ui_resize(void)
{
	struct winsize ws;

	if (!ui_on)
		return;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	picture_proto_invalidate();
	ui_dirty = true;
}

static void
ui_dispatch(const struct ui_key *k)
{
	const struct ui_screen *s = ui_screen_top();
	int rows, cols;

	if (k->fkey && k->code == KEY_F(2) && ui_nscreens > 1) {
		ui_screen_next();
		return;
	}
	if (!k->fkey && !k->meta && k->code == UI_CTRL('l')) {
		ui_repaint();
		return;
	}
	getmaxyx(stdscr, rows, cols);
	/* Keys for a screen the user cannot see would act blind. */
	if (ui_too_small(rows, cols) || s == NULL)
		return;
	s->key(s->data, k);
	ui_dirty = true;
}

/* The next key: the terminal's answers to the picture queries are taken
 * out on the way (termreply.h); false when none is waiting. */
static bool
ui_next_key(struct ui_key *k)
{
	struct termreply *tr = picture_proto_replies();
	struct termreply_key t;
	wint_t wc;
	int r;

	memset(k, 0, sizeof *k);
	for (;;) {
		if (termreply_next(tr, &t)) {
			k->code = t.code;
			k->fkey = t.fkey;
			return true;
		}
		if ((r = wget_wch(stdscr, &wc)) == ERR) {
			if (!termreply_holding(tr))
				return false;
			/* Part of an answer may still be on its way; a
			 * lone ESC is the Escape key. */
			termreply_idle(tr, picture_proto_probing());
			if (termreply_holding(tr))
				return false;
			continue;
		}
		termreply_feed(tr, (int)wc, r == KEY_CODE_YES);
		picture_proto_input_done();
	}
}

void
ui_input(void)
{
	struct ui_key k, k2;

	if (!ui_on)
		return;
	while (ui_next_key(&k)) {
		if (k.fkey && k.code == KEY_RESIZE) {
			ui_dirty = true;
			continue;
		}
		if (!k.fkey && k.code == 27) {
			/* ESC with another key already waiting is Alt-key;
			 * alone it is Escape. */
			if (ui_next_key(&k2)) {
				k.code = k2.code;
				k.fkey = k2.fkey;
				k.meta = true;
			}
		}
		ui_dispatch(&k);
	}
}

void
ui_suspend(void)
{
	if (!ui_on)
		return;
	picture_proto_leave();
	def_prog_mode();
	endwin();
	fflush(stdout);
}

void
ui_resume(void)
{
	if (!ui_on)
		return;
	reset_prog_mode();
	ui_resize();
	ui_repaint();
}

int
ui_putn(WINDOW *w, int y, int x, int width, attr_t attr, const char *s, size_t len)
{
	size_t off = 0, n;
	uint32_t cp;
	int used = 0, cw;

	if (width <= 0 || s == NULL)
		return 0;
	wattrset(w, attr);
	wmove(w, y, x);
	while (off < len && s[off] != '\0') {
		n = text_decode(s + off, len - off, &cp);
		if (n == 0 || cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
			/* Invalid bytes and controls must not reach the tty. */
			if (used + 1 > width)
				break;
			waddch(w, '?');
			used++;
			off += n == 0 ? 1 : n;
			continue;
		}
		cw = text_cp_width(cp);
		if (used + cw > width)
			break;
		if (cw == 0 && used == 0) {
			off += n;
			continue;
		}
		waddnstr(w, s + off, (int)n);
		used += cw;
		off += n;
	}
	wattrset(w, A_NORMAL);
	return used;
}

int
ui_put(WINDOW *w, int y, int x, int width, attr_t attr, const char *s)
{
	return ui_putn(w, y, x, width, attr, s, s == NULL ? 0 : strlen(s));
}

void
ui_fill(WINDOW *w, int y, int x, int width, attr_t attr)
{
	/* A line of blanks, cut at the window's edge: a cell at a time
	 * (waddch) was a fifth of the dashboard's drawing. */
	wattrset(w, attr);
	mvwhline(w, y, x, ' ', width);
	wattrset(w, A_NORMAL);
}

void
ui_message(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui_msg, sizeof ui_msg, fmt, ap);
	va_end(ap);
	ui_dirty = true;
}

const char *
ui_message_text(void)
{
	return ui_msg;
}

void
ui_message_clear(void)
{
	ui_msg[0] = '\0';
}
