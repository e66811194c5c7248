/* kling-tui: pictures written to the terminal past curses: the way is
 * asked of the terminal (kitty's graphics query, XTVERSION, the cell size,
 * and Primary DA as the sentinel every terminal answers last), never
 * waited for: until the answer, or for good when none comes in 300 ms,
 * block art in curses cells. Curses keeps the cells under a picture blank;
 * after its update the picture's bytes go to the terminal at that place,
 * only when a picture or its place changed (an idle screen writes
 * nothing), and a picture gone or covered is wiped (kitty: deleted; the
 * others: its lines repainted by curses). Main thread only.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <unistd.h>

#include "picture.h"
#include "termout.h"
#include "app/loop.h"
#include "img/spawn.h"
#include "xmalloc.h"
#include "i18n.h"

#define PROTO_PAIR	31	/* a blank cell under a picture: ui.c's pairs are
				 * below, picture_draw.c's from 32 */
#define PROTO_PLACES	8	/* pictures on one screen (the contact sheet's) */
#define PROTO_OUTS	(PROTO_PLACES + 2)	/* printed pictures kept, for redraws */
#define PROTO_WAIT_MS	300	/* no answer by then: block art */
#define PROTO_PX_MAX	256	/* kitty's and iTerm2's pixels, a side: they scale
				 * (and a preview has no more, picture.c) */
#define PROTO_BYTES_MAX	(8 << 20)	/* printed pictures kept, in all */

/* Asked in this order; Primary DA last: every terminal answers it, and in
 * order, so nothing else comes after its answer. */
static const char Q_KITTY[] = "\033_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\033\\";
static const char Q_XTVERSION[] = "\033[>q";
static const char Q_CELL[] = "\033[16t";
static const char Q_DA1[] = "\033[c";

struct place {
	char			*key;
	enum picture_proto	 mode;
	int			 y, x, ch, cw;	/* on the screen, in cells */
	const struct out	*out;
};

struct out {
	char			*key;
	enum picture_proto	 mode;
	int			 ch, cw, cell_w, cell_h;
	char			*bytes;
	size_t			 len;
	uint64_t		 used;
};

struct buf {
	char	*p;
	size_t	 n, cap;
};

static struct {
	bool			 env_read;
	int			 forced;	/* an enum picture_proto, or -1: ask */
	enum picture_proto	 asked_mode;	/* what the answers said */
	bool			 want, asked, probing, answered, tmux;
	bool			 pair_ok;
	struct termreply	 tr;
	struct loop_timer	*deadline;
	struct place		 cur[PROTO_PLACES], prev[PROTO_PLACES];
	int			 ncur, nprev;
	bool			 invalid;
	int			 ws_state;	/* 0 unread, 1 known, -1 unknown */
	int			 ws_cell_w, ws_cell_h;
	int			 origin_state;	/* 0 unasked, 1 asked */
	int			 origin_y, origin_x;
	struct out		 outs[PROTO_OUTS];
	uint64_t		 clock;
} pp = { .forced = -1 };

static const char *const names[] = {
	[PP_TEXT] = "text", [PP_CELLS] = "256", [PP_TRUECOLOR] = "truecolor",
	[PP_SIXEL] = "sixel", [PP_KITTY] = "kitty", [PP_ITERM] = "iterm"
};

const char *
picture_proto_name(enum picture_proto m)
{
	return names[m];
}

static void
proto_env(void)
{
	const char *v = getenv("KLING_TUI_PICTURES"), *t = getenv("TMUX");
	size_t i;

	if (pp.env_read)
		return;
	pp.env_read = true;
	pp.tmux = t != NULL && *t != '\0';
	termreply_init(&pp.tr);
	if (v == NULL)
		return;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(v, names[i]) == 0)
			pp.forced = (int)i;
}

/* True colour said by the environment or the terminal's description. */
static bool
proto_truecolor(void)
{
	const char *ct = getenv("COLORTERM");

	if (ct != NULL && (strcmp(ct, "truecolor") == 0 || strcmp(ct, "24bit") == 0))
		return true;
	return tigetflag("RGB") == 1 || tigetflag("Tc") == 1;
}

enum picture_proto
picture_proto_mode(void)
{
	proto_env();
	if (pp.forced >= 0)
		return (enum picture_proto)pp.forced;
	if (pp.answered)
		return pp.asked_mode;
	return proto_truecolor() ? PP_TRUECOLOR : PP_CELLS;
}

struct termreply *
picture_proto_replies(void)
{
	proto_env();
	return &pp.tr;
}

bool
picture_proto_probing(void)
{
	return pp.probing;
}

/* The size of a cell in pixels: the kernel's (most terminals fill it in),
 * else the terminal's answer; false when neither is known. */
static bool
proto_cell_px(int *cw, int *ch)
{
	struct winsize ws;

	/* Asked of the kernel once, and again after a resize or repaint
	 * (picture_proto_invalidate): not a system call every frame. */
	if (pp.ws_state == 0) {
		pp.ws_state = -1;
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 &&
		    ws.ws_row > 0 && ws.ws_xpixel >= ws.ws_col && ws.ws_ypixel >= ws.ws_row) {
			pp.ws_cell_w = ws.ws_xpixel / ws.ws_col;
			pp.ws_cell_h = ws.ws_ypixel / ws.ws_row;
			pp.ws_state = 1;
		}
	}
	if (pp.ws_state == 1) {
		*cw = pp.ws_cell_w;
		*ch = pp.ws_cell_h;
		return true;
	}
	if (pp.tr.cell_w > 0 && pp.tr.cell_h > 0) {
		*cw = pp.tr.cell_w;
		*ch = pp.tr.cell_h;
		return true;
	}
	return false;
}

static void
proto_decide(void)
{
	const char *tp = getenv("TERM_PROGRAM");
	int cw, ch;

	pp.probing = false;
	pp.answered = true;
	if (pp.deadline != NULL)
		loop_timer_stop(pp.deadline);
	if (pp.tr.kitty_ok)
		pp.asked_mode = PP_KITTY;
	/* iTerm2 by its own name; $TERM_PROGRAM only when nothing named
	 * another terminal. */
	else if (pp.tr.iterm || (pp.tr.version[0] == '\0' && pp.tr.da1 && tp != NULL &&
	    strcmp(tp, "iTerm.app") == 0))
		pp.asked_mode = PP_ITERM;
	else if (pp.tr.sixel && proto_cell_px(&cw, &ch))
		pp.asked_mode = PP_SIXEL;
	else
		pp.asked_mode = proto_truecolor() ? PP_TRUECOLOR : PP_CELLS;
	ui_redraw();
}

static void
proto_deadline(void *arg)
{
	(void)arg;
	if (!pp.probing)
		return;
	proto_decide();
	/* What was held as the start of an answer is keys after all. */
	ui_input();
}

void
picture_proto_input_done(void)
{
	if (!pp.probing)
		return;
	/* In tmux, tmux answers DA itself at once; the outer terminal's
	 * answers through passthrough, if any, come later: the deadline. */
	if (pp.tr.kitty_ok || (pp.tr.da1 && !pp.tmux))
		proto_decide();
}

void
picture_proto_want(void)
{
	const char *why;

	proto_env();
	/* Where pictures are text anyway nothing is asked: the Linux
	 * console and a real VT100 may show a query they do not know. */
	if (pp.forced >= 0 || picture_text_only(&why))
		return;
	pp.want = true;
}

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2 + 256;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void
buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* To the terminal outside tmux (through tmux's passthrough, when in it). */
static void
buf_outer(struct buf *b, const char *s, size_t n)
{
	char *w;
	size_t wn;

	if (!pp.tmux) {
		buf_add(b, s, n);
		return;
	}
	w = termout_tmux_wrap(s, n, &wn);
	buf_add(b, w, wn);
	free(w);
}

static void
buf_write(struct buf *b)
{
	termout_write(b->p, b->n);
	free(b->p);
	memset(b, 0, sizeof *b);
}

static void
proto_ask(void)
{
	struct buf b = { NULL, 0, 0 };

	pp.asked = pp.probing = true;
	buf_outer(&b, Q_KITTY, sizeof Q_KITTY - 1);
	buf_outer(&b, Q_XTVERSION, sizeof Q_XTVERSION - 1);
	if (!pp.tmux)
		buf_str(&b, Q_CELL);
	buf_str(&b, Q_DA1);
	buf_write(&b);
	if (pp.deadline == NULL)
		pp.deadline = loop_timer_new(proto_deadline, NULL);
	loop_timer_set(pp.deadline, PROTO_WAIT_MS);
}

static bool
out_placed(const struct out *o)
{
	int i;

	for (i = 0; i < pp.ncur; i++)
		if (pp.cur[i].out == o)
			return true;
	return false;
}

/* Memory stays bounded: the least recently used printed pictures go
 * (never one on the screen, nor keep) until the rest fit. */
static void
out_trim(const struct out *keep)
{
	struct out *o, *old;
	size_t total, i;

	for (;;) {
		total = 0;
		old = NULL;
		for (i = 0; i < PROTO_OUTS; i++) {
			o = &pp.outs[i];
			total += o->len;
			if (o->bytes != NULL && o != keep && !out_placed(o) &&
			    (old == NULL || o->used < old->used))
				old = o;
		}
		if (total <= PROTO_BYTES_MAX || old == NULL)
			return;
		for (i = 0; i < (size_t)pp.nprev; i++)
			if (pp.prev[i].out == old)
				pp.prev[i].out = NULL;
		free(old->key);
		free(old->bytes);
		memset(old, 0, sizeof *old);
	}
}

static const struct out *
proto_out(const char *key, enum picture_proto mode, const unsigned char *rgba, int pw,
    int ph, int cw, int ch, int cell_w, int cell_h, const char **why)
{
	struct out *o, *old;
	size_t i;

	old = NULL;
	for (i = 0; i < PROTO_OUTS; i++) {
		o = &pp.outs[i];
		if (o->key != NULL && strcmp(o->key, key) == 0 && o->mode == mode &&
		    o->cw == cw && o->ch == ch && o->cell_w == cell_w && o->cell_h == cell_h) {
			o->used = ++pp.clock;
			return o;
		}
		/* Not one this frame has placed already. */
		if (!out_placed(o) && (old == NULL || o->used < old->used))
			old = o;
	}
	if ((o = old) == NULL) {
		*why = _("no room for another picture");
		return NULL;
	}
	/* Never one a placement of the last frame still points to. */
	for (i = 0; i < (size_t)pp.nprev; i++)
		if (pp.prev[i].out == o)
			pp.prev[i].out = NULL;
	free(o->key);
	free(o->bytes);
	memset(o, 0, sizeof *o);
	o->bytes = picture_art_print(mode, rgba, pw, ph, cw, ch, cell_w, cell_h, &o->len, why);
	if (o->bytes == NULL)
		return NULL;
	o->key = xstrdup(key);
	o->mode = mode;
	o->cw = cw;
	o->ch = ch;
	o->cell_w = cell_w;
	o->cell_h = cell_h;
	o->used = ++pp.clock;
	out_trim(o);
	return o;
}

int
picture_proto_place(WINDOW *w, int y, int x, int h, int wd, const unsigned char *rgba,
    int pw, int ph, const char *key, const char **why)
{
	enum picture_proto mode = picture_proto_mode();
	const struct out *o;
	struct place *pl;
	int cell_w = 8, cell_h = 16, by, bx, cy, cx, x0;
	int64_t cw, ch;
	double s;
	cchar_t cc;
	wchar_t sp[2] = { L' ', 0 };

	if (mode < PP_TRUECOLOR || pp.ncur == PROTO_PLACES) {
		*why = _("no room for another picture");
		return -1;
	}
	if (!proto_cell_px(&cell_w, &cell_h) && mode == PP_SIXEL) {
		*why = _("the size of a cell in pixels is unknown: no sixels");
		return -1;
	}
	/* The cells the picture takes, its shape kept. */
	cw = wd;
	ch = ((int64_t)wd * cell_w * ph + (int64_t)pw * cell_h / 2) / ((int64_t)pw * cell_h);
	if (ch > h) {
		ch = h;
		cw = ((int64_t)h * cell_h * pw + (int64_t)ph * cell_w / 2) / ((int64_t)ph * cell_w);
	}
	cw = cw < 1 ? 1 : cw > wd ? wd : cw;
	ch = ch < 1 ? 1 : ch;
	if (mode == PP_TRUECOLOR) {
		cell_w = 8;
		cell_h = 16;
	} else if (mode != PP_SIXEL) {
		/* The terminal scales these: no more pixels than the
		 * picture has (memory stays bounded). */
		s = (double)PROTO_PX_MAX / (double)(cw * cell_w);
		if ((double)PROTO_PX_MAX / (double)(ch * cell_h) < s)
			s = (double)PROTO_PX_MAX / (double)(ch * cell_h);
		if (s < 1.0) {
			cell_w = (int)(cell_w * s) < 1 ? 1 : (int)(cell_w * s);
			cell_h = (int)(cell_h * s) < 1 ? 1 : (int)(cell_h * s);
		}
	}
	if ((o = proto_out(key, mode, rgba, pw, ph, (int)cw, (int)ch, cell_w, cell_h,
	    why)) == NULL)
		return -1;
	if (!pp.pair_ok) {
		if (init_pair(PROTO_PAIR, -1, -1) == ERR)
			init_pair(PROTO_PAIR, COLOR_WHITE, COLOR_BLACK);
		/* Inserting or deleting characters left of a picture would
		 * shift the terminal's copy of it, which curses does not know:
		 * curses rewrites those cells instead. */
		idcok(stdscr, FALSE);
		pp.pair_ok = true;
	}
	x0 = x + (wd - (int)cw) / 2;
	setcchar(&cc, sp, A_NORMAL, PROTO_PAIR, NULL);
	for (cy = 0; cy < ch; cy++)
		for (cx = 0; cx < cw; cx++)
			mvwadd_wch(w, y + cy, x0 + cx, &cc);
	getbegyx(w, by, bx);
	pl = &pp.cur[pp.ncur++];
	pl->key = xstrdup(key);
	pl->mode = mode;
	pl->y = by + y;
	pl->x = bx + x0;
	pl->ch = (int)ch;
	pl->cw = (int)cw;
	pl->out = o;
	return (int)ch;
}

static void
place_clear(struct place *p)
{
	free(p->key);
	memset(p, 0, sizeof *p);
}

void
picture_proto_frame(void)
{
	int i;

	for (i = 0; i < pp.ncur; i++)
		place_clear(&pp.cur[i]);
	pp.ncur = 0;
}

/* Still all blank under it, or drawn over since (a popup). */
static bool
place_clear_cells(const struct place *p)
{
	cchar_t cc;
	wchar_t wc[CCHARW_MAX + 1];
	attr_t a;
	short pair;
	int y, x;

	for (y = p->y; y < p->y + p->ch; y++)
		for (x = p->x; x < p->x + p->cw; x++) {
			if (mvwin_wch(stdscr, y, x, &cc) == ERR ||
			    getcchar(&cc, wc, &a, &pair, NULL) == ERR || wc[0] != L' ' ||
			    pair != PROTO_PAIR)
				return false;
		}
	return true;
}

void
picture_proto_before_update(void)
{
	int i, n = 0;

	for (i = 0; i < pp.ncur; i++) {
		if (pp.cur[i].out != NULL && place_clear_cells(&pp.cur[i]))
			pp.cur[n++] = pp.cur[i];
		else
			place_clear(&pp.cur[i]);
	}
	pp.ncur = n;
}

static bool
place_same(const struct place *a, const struct place *b)
{
	return a->mode == b->mode && a->y == b->y && a->x == b->x && a->ch == b->ch &&
	    a->cw == b->cw && a->out == b->out && strcmp(a->key, b->key) == 0;
}

static bool
place_in(const struct place *p, const struct place *v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (place_same(p, &v[i]))
			return true;
	return false;
}

/* Inside tmux, kitty's and iTerm2's pictures are drawn by the terminal
 * outside it, which counts from its own top left: where this pane is in
 * the window, below a status line at the top. Asked of tmux once, and
 * again after a resize or repaint (picture_proto_invalidate); if tmux
 * does not say, the top left. */
static void
proto_pane_origin(int *y, int *x)
{
	const char *pane = getenv("TMUX_PANE");
	const char *argv[] = { "tmux", "display-message", "-p",
	    "#{pane_top} #{pane_left} #{status} #{status-position}", NULL, NULL, NULL };
	char out[128], status[16], pos[16];
	int top, left, nstatus;

	if (pp.origin_state == 0) {
		pp.origin_state = 1;
		pp.origin_y = pp.origin_x = 0;
		if (pane != NULL && *pane != '\0') {
			argv[4] = "-t";
			argv[5] = pane;
		}
		if (spawn_read(argv, 1000, out, sizeof out, NULL) > 0 &&
		    sscanf(out, "%d %d %15s %15s", &top, &left, status, pos) == 4 &&
		    top >= 0 && left >= 0) {
			nstatus = strcmp(status, "on") == 0 ? 1 : atoi(status);
			pp.origin_y = top + (strcmp(pos, "top") == 0 && nstatus > 0 ? nstatus : 0);
			pp.origin_x = left;
		}
	}
	*y = pp.origin_y;
	*x = pp.origin_x;
}

static void
place_write(struct buf *b, const struct place *p)
{
	const struct out *o = p->out;
	char cup[32];
	size_t from = 0, i;
	int row = 0;

	buf_str(b, "\0337");
	if (p->mode == PP_TRUECOLOR) {
		/* Row by row, each at its place. */
		for (i = 0; i <= o->len && row < p->ch; i++) {
			if (i < o->len && o->bytes[i] != '\n')
				continue;
			snprintf(cup, sizeof cup, "\033[%d;%dH", p->y + row + 1, p->x + 1);
			buf_str(b, cup);
			buf_add(b, o->bytes + from, i - from);
			from = i + 1;
			row++;
		}
	} else if (pp.tmux && p->mode != PP_SIXEL) {
		/* The outer terminal's cursor, where this pane's cell is. */
		struct buf in = { NULL, 0, 0 };
		int oy, ox;

		proto_pane_origin(&oy, &ox);
		snprintf(cup, sizeof cup, "\0337\033[%d;%dH", oy + p->y + 1, ox + p->x + 1);
		buf_str(&in, cup);
		buf_add(&in, o->bytes, o->len);
		buf_str(&in, "\0338");
		buf_outer(b, in.p, in.n);
		free(in.p);
	} else {
		snprintf(cup, sizeof cup, "\033[%d;%dH", p->y + 1, p->x + 1);
		buf_str(b, cup);
		buf_add(b, o->bytes, o->len);	/* in tmux, sixels: tmux draws them */
	}
	buf_str(b, "\0338");
}

static void
proto_delete_kitty(struct buf *b)
{
	static const char del[] = "\033_Ga=d,d=A\033\\";

	buf_outer(b, del, sizeof del - 1);
}

void
picture_proto_after_update(void)
{
	struct buf b = { NULL, 0, 0 };
	bool kitty = false, repaint = false, changed = pp.invalid || pp.ncur != pp.nprev;
	int i;

	if (pp.want && !pp.asked)
		proto_ask();
	for (i = 0; i < pp.ncur && !changed; i++)
		if (!place_in(&pp.cur[i], pp.prev, pp.nprev))
			changed = true;
	if (!changed)
		return;
	/* Gone or moved: kitty's deleted, the others' lines written again
	 * by curses, which then thinks they hold what it last put there. */
	for (i = 0; i < pp.nprev; i++) {
		if (pp.prev[i].mode == PP_KITTY)
			kitty = true;
		else if (!place_in(&pp.prev[i], pp.cur, pp.ncur) || pp.invalid) {
			wredrawln(stdscr, pp.prev[i].y, pp.prev[i].ch);
			repaint = true;
		}
	}
	if (kitty || (pp.invalid && picture_proto_mode() == PP_KITTY))
		proto_delete_kitty(&b);
	if (repaint) {
		wnoutrefresh(stdscr);
		doupdate();
	}
	for (i = 0; i < pp.ncur; i++)
		place_write(&b, &pp.cur[i]);
	if (b.n > 0)
		buf_write(&b);
	for (i = 0; i < pp.nprev; i++)
		place_clear(&pp.prev[i]);
	for (i = 0; i < pp.ncur; i++) {
		pp.prev[i] = pp.cur[i];
		pp.prev[i].key = xstrdup(pp.cur[i].key);
	}
	pp.nprev = pp.ncur;
	pp.invalid = false;
}

void
picture_proto_invalidate(void)
{
	pp.invalid = true;
	pp.ws_state = 0;
	pp.origin_state = 0;
}

void
picture_proto_leave(void)
{
	struct buf b = { NULL, 0, 0 };
	int i;

	for (i = 0; i < pp.nprev; i++)
		if (pp.prev[i].mode == PP_KITTY) {
			proto_delete_kitty(&b);
			buf_write(&b);
			break;
		}
	for (i = 0; i < pp.nprev; i++)
		place_clear(&pp.prev[i]);
	pp.nprev = 0;
	pp.invalid = true;
}
