/* kling-tui: one line of text input through GNU readline in callback mode,
 * drawn inside a curses screen.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * Readline never touches the terminal here: keys reach it through
 * rl_getc_function from a small queue the event loop fills, its output
 * stream is /dev/null, its terminal preparation and signal handling are off,
 * and rl_redisplay_function only asks the screen to draw rl_line_buffer. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "rlsym.h"
#include "text.h"
#include "xmalloc.h"
#include "i18n.h"

#define FIELD_QUEUE	64
#define FIELD_HINTS	16
#define FIELD_HISTORY	200

static bool		 field_on;
static bool		 field_finished;
static char		*field_result;
static enum field_kind	 field_kind;
static char		*field_lbl;
static size_t		 field_limit;
static char		**field_names;
static field_done_cb	 field_cb;
static void		*field_cb_arg;
static size_t		 field_scroll;	/* byte offset of the first shown character */
static HISTORY_STATE	*field_hist[FIELD_NKINDS];

static unsigned char	 field_queue[FIELD_QUEUE];
static size_t		 field_qhead, field_qlen;

static char		*field_matches[FIELD_HINTS];
static size_t		 field_nmatches;
static FILE		*field_null;
static HISTORY_STATE	 field_no_history;	/* zero: no entries */

static int
field_getc(FILE *f)
{
	unsigned char c;

	(void)f;
	if (field_qlen == 0)
		return EOF;
	c = field_queue[field_qhead];
	field_qhead = (field_qhead + 1) % FIELD_QUEUE;
	field_qlen--;
	return c;
}

static int
field_input_available(void)
{
	return field_qlen != 0;
}

static void
field_push(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && field_qlen < FIELD_QUEUE; i++) {
		field_queue[(field_qhead + field_qlen) % FIELD_QUEUE] = (unsigned char)s[i];
		field_qlen++;
	}
}

static void
field_redisplay(void)
{
	ui_redraw();
}

static void
field_prep(int meta)
{
	(void)meta;
}

static void
field_deprep(void)
{
}

static void
field_clear_matches(void)
{
	size_t i;

	for (i = 0; i < field_nmatches; i++)
		free(field_matches[i]);
	field_nmatches = 0;
}

/* Readline lists ambiguous completions by printing them; show them under
 * the field instead. */
static void
field_display_matches(char **matches, int num, int max)
{
	int i;

	(void)max;
	field_clear_matches();
	for (i = 1; i <= num && field_nmatches < FIELD_HINTS; i++)
		field_matches[field_nmatches++] = xstrdup(matches[i]);
	ui_redraw();
}

static char *
field_name_generator(const char *text, int state)
{
	static size_t i;
	size_t len = strlen(text + 1);
	char *s;

	if (state == 0)
		i = 0;
	while (field_names != NULL && field_names[i] != NULL) {
		s = field_names[i++];
		if (strncmp(s, text + 1, len) == 0) {
			xasprintf(&s, "@%s", s);
			return s;
		}
	}
	return NULL;
}

static char **
field_complete(const char *text, int start, int end)
{
	(void)start;
	(void)end;
	if (field_kind == FIELD_PATH) {
		/* Readline's own file name completion, with no space after
		 * a file name: it is the whole answer. */
		rl_completion_append_character = '\0';
		return NULL;
	}
	rl_attempted_completion_over = 1;
	if (field_kind != FIELD_PROMPT || text[0] != '@')
		return NULL;
	return rl_completion_matches(text, field_name_generator);
}

static void
field_line(char *line)
{
	/* Only note it: the caller's callback may begin another field, which
	 * readline would undo if it ran from inside this handler. */
	field_finished = true;
	free(field_result);
	field_result = line;
	rl_callback_handler_remove();
}

/* Readline is loaded and set up by the first field (rlsym.h): the first
 * frame, and a session that types into none, need none of it. 0, or -1
 * and *cause. */
static bool		 field_ready;

static int
field_setup(const char **cause)
{
	if (field_ready)
		return 0;
	if (rlsym_load(cause) != 0)
		return -1;
	field_null = fopen("/dev/null", "w");
	rl_readline_name = "kling-tui";
	rl_instream = stdin;
	rl_outstream = field_null != NULL ? field_null : stderr;
	rl_getc_function = field_getc;
	rl_input_available_hook = field_input_available;
	rl_redisplay_function = field_redisplay;
	rl_prep_term_function = field_prep;
	rl_deprep_term_function = field_deprep;
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_attempted_completion_function = field_complete;
	rl_completion_display_matches_hook = field_display_matches;
	rl_initialize();
	rl_variable_bind("bell-style", "none");
	rl_variable_bind("show-all-if-ambiguous", "on");
	rl_variable_bind("enable-bracketed-paste", "off");
	using_history();
	field_ready = true;
	return 0;
}

void
field_init(void)
{
	size_t i;

	for (i = 0; i < FIELD_NKINDS; i++) {
		field_hist[i] = xmalloc(sizeof *field_hist[i]);
		*field_hist[i] = field_no_history;
	}
}

static void
field_free_names(void)
{
	size_t i;

	for (i = 0; field_names != NULL && field_names[i] != NULL; i++)
		free(field_names[i]);
	free(field_names);
	field_names = NULL;
}

void
field_free(void)
{
	size_t i;

	if (field_on)
		field_cancel();
	field_clear_matches();
	field_free_names();
	free(field_lbl);
	field_lbl = NULL;
	free(field_result);
	field_result = NULL;
	for (i = 0; i < FIELD_NKINDS; i++) {
		if (field_hist[i] == NULL)
			continue;
		if (field_ready) {
			history_set_history_state(field_hist[i]);
			clear_history();
		}
		free(field_hist[i]->entries);
		free(field_hist[i]);
		field_hist[i] = NULL;
	}
	if (field_ready)
		history_set_history_state(&field_no_history);
	if (field_null != NULL)
		fclose(field_null);
	field_null = NULL;
}

void
field_begin(enum field_kind kind, const char *label, const char *initial,
    size_t limit, const char *const *names, field_done_cb cb, void *arg)
{
	const char *cause;
	size_t i, n = 0;

	if (field_on)
		field_cancel();
	/* Without readline a field cannot be typed into: as if cancelled. */
	if (field_setup(&cause) != 0) {
		ui_message(_("cannot type into a field: cannot load readline (%s)"), cause);
		if (cb != NULL)
			cb(arg, NULL);
		return;
	}
	field_kind = kind;
	free(field_lbl);
	field_lbl = xstrdup(label != NULL ? label : "");
	field_limit = limit;
	field_cb = cb;
	field_cb_arg = arg;
	field_scroll = 0;
	field_finished = false;
	field_qlen = 0;
	field_clear_matches();
	field_free_names();
	while (names != NULL && names[n] != NULL)
		n++;
	field_names = xcalloc(n + 1, sizeof *field_names);
	for (i = 0; i < n; i++)
		field_names[i] = xstrdup(names[i]);

	history_set_history_state(field_hist[kind]);
	stifle_history(FIELD_HISTORY);
	rl_completer_word_break_characters = kind == FIELD_PROMPT ?
	    " \t\n\"'`$><=;|&{(,.!?:" : " \t\n\"\\'`@$><=;|&{(";
	rl_callback_handler_install("", field_line);
	rl_replace_line(initial != NULL ? initial : "", 1);
	rl_point = rl_end;
	field_on = true;
	ui_redraw();
}

bool
field_active(void)
{
	return field_on;
}

/* The field is over: keep the history for its kind, then tell the caller. */
static void
field_end(const char *text)
{
	field_done_cb cb = field_cb;
	void *arg = field_cb_arg;

	if (text != NULL && *text != '\0')
		add_history(text);
	free(field_hist[field_kind]);
	field_hist[field_kind] = history_get_history_state();
	field_on = false;
	field_clear_matches();
	curs_set(0);
	ui_redraw();
	if (cb != NULL)
		cb(arg, text);
}

void
field_cancel(void)
{
	if (!field_on)
		return;
	/* Leave any half-typed key sequence or incremental search. */
	rl_callback_sigcleanup();
	rl_callback_handler_remove();
	rl_replace_line("", 1);
	field_qlen = 0;
	field_end(NULL);
}

/* Turn a curses key into the bytes a terminal would have sent readline, in
 * its emacs keymap's control-key form where one exists. */
static size_t
field_encode(const struct ui_key *k, char *buf)
{
	size_t n = 0;
	uint32_t c = (uint32_t)k->code;

	if (k->meta)
		buf[n++] = '\033';
	if (k->fkey) {
		switch (k->code) {
		case KEY_LEFT:		buf[n++] = UI_CTRL('b'); break;
		case KEY_RIGHT:		buf[n++] = UI_CTRL('f'); break;
		case KEY_UP:		buf[n++] = UI_CTRL('p'); break;
		case KEY_DOWN:		buf[n++] = UI_CTRL('n'); break;
		case KEY_HOME:		buf[n++] = UI_CTRL('a'); break;
		case KEY_END:		buf[n++] = UI_CTRL('e'); break;
		case KEY_BACKSPACE:	buf[n++] = 0x7f; break;
		case KEY_ENTER:		buf[n++] = '\r'; break;
		default:
			return 0;
		}
		return n;
	}
	if (c < 0x80)
		buf[n++] = (char)c;
	else if (c < 0x800) {
		buf[n++] = (char)(0xc0 | (c >> 6));
		buf[n++] = (char)(0x80 | (c & 0x3f));
	} else if (c < 0x10000) {
		buf[n++] = (char)(0xe0 | (c >> 12));
		buf[n++] = (char)(0x80 | ((c >> 6) & 0x3f));
		buf[n++] = (char)(0x80 | (c & 0x3f));
	} else if (c < 0x110000) {
		buf[n++] = (char)(0xf0 | (c >> 18));
		buf[n++] = (char)(0x80 | ((c >> 12) & 0x3f));
		buf[n++] = (char)(0x80 | ((c >> 6) & 0x3f));
		buf[n++] = (char)(0x80 | (c & 0x3f));
	}
	return n;
}

static void
field_feed(const char *buf, size_t n)
{
	field_push(buf, n);
	while (field_qlen > 0 && field_on && !field_finished)
		rl_callback_read_char();
	field_qlen = 0;
}

/* Alt-key as one meta byte, with convert-meta on for just that byte. Sent
 * as Escape then the key, readline in callback mode ends the Escape as a
 * command of its own, and that forgets that the command before was a kill:
 * M-d M-d then C-y would yank only the second word, not both as bash does.
 * convert-meta stays off otherwise: UTF-8 input needs the eighth bit. */
static void
field_meta(char c)
{
	char was[8], b = (char)(0x80 | (unsigned char)c);
	const char *v = rl_variable_value("convert-meta");

	snprintf(was, sizeof was, "%s", v != NULL ? v : "off");
	rl_variable_bind("convert-meta", "on");
	field_feed(&b, 1);
	rl_variable_bind("convert-meta", was);
}

void
field_key(const struct ui_key *k)
{
	char buf[8], *line;
	size_t n;

	if (!field_on)
		return;
	if (!k->fkey && !k->meta && (k->code == 27 || k->code == UI_CTRL('g') ||
	    k->code == UI_CTRL('c'))) {
		field_cancel();
		return;
	}
	if (k->fkey && k->code == KEY_DC) {
		/* Not Ctrl-D: on an empty line readline takes that as EOF. */
		if (rl_point < rl_end)
			rl_delete(1, 0);
		ui_redraw();
		return;
	}
	if (k->code != '\t')
		field_clear_matches();
	if (k->meta && !k->fkey && k->code > 0 && k->code < 0x80)
		field_meta((char)k->code);
	else if ((n = field_encode(k, buf)) != 0)
		field_feed(buf, n);
	else
		return;
	if (field_finished) {
		field_finished = false;
		line = field_result;
		field_result = NULL;
		field_end(line);
		free(line);
	}
	ui_redraw();
}

const char *
field_text(void)
{
	return field_on ? rl_line_buffer : "";
}

const char *
field_label(void)
{
	return field_lbl != NULL ? field_lbl : "";
}

/* Columns of len bytes as ui_putn draws them. */
static size_t
field_width(const char *s, size_t len)
{
	size_t off = 0, n, w = 0;
	uint32_t cp;

	while (off < len) {
		n = text_decode(s + off, len - off, &cp);
		if (n == 0 || cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			w++;
		else
			w += (size_t)text_cp_width(cp);
		off += n == 0 ? 1 : n;
	}
	return w;
}

/* The byte offset of the character after off. */
static size_t
field_next(const char *s, size_t len, size_t off)
{
	uint32_t cp;
	size_t n = text_decode(s + off, len - off, &cp);

	return off + (n == 0 ? 1 : n);
}

/* The byte offset of the character before off. */
static size_t
field_prev(const char *s, size_t off)
{
	do
		off--;
	while (off > 0 && ((unsigned char)s[off] & 0xc0) == 0x80);
	return off;
}

void
field_draw(WINDOW *w, int y, int x, int width, int *cy, int *cx)
{
	const char *prompt = rl_display_prompt != NULL ? rl_display_prompt : "";
	const char *s = rl_line_buffer;
	size_t len = (size_t)rl_end, point = (size_t)rl_point, chars, pw;
	char counter[32] = "";
	int cw = 0, textw, used;
	attr_t a = ui_attr(UI_SELECTED);

	if (!field_on || width <= 0)
		return;
	if (field_limit > 0) {
		chars = text_chars(s);
		cw = snprintf(counter, sizeof counter, " %zu/%zu", chars, field_limit);
		if (cw >= width / 2)
			cw = 0;
	}
	/* Readline's own prompt appears only during incremental search. */
	pw = field_width(prompt, strlen(prompt));
	textw = width - cw - (int)pw;
	if (textw < 4) {
		pw = 0;
		prompt = "";
		textw = width - cw;
	}
	if (point > len)
		point = len;
	/* When the cursor leaves the visible columns, jump half a field rather
	 * than one character: a keystroke then redraws a few cells, not the
	 * whole line, which matters over a slow link. */
	if (field_scroll > point) {
		field_scroll = point;
		while (field_scroll > 0 && field_width(s + field_prev(s, field_scroll),
		    point - field_prev(s, field_scroll)) < (size_t)textw / 2)
			field_scroll = field_prev(s, field_scroll);
	}
	if (field_width(s + field_scroll, point - field_scroll) + 1 > (size_t)textw) {
		while (field_scroll < point &&
		    field_width(s + field_scroll, point - field_scroll) + 1 > (size_t)textw / 2)
			field_scroll = field_next(s, len, field_scroll);
	}
	/* Room again (the window grew back): show the text from its start. */
	if (field_width(s, point) + 1 <= (size_t)textw)
		field_scroll = 0;
	ui_fill(w, y, x, width, a);
	if (pw > 0)
		ui_put(w, y, x, (int)pw, a | A_BOLD, prompt);
	used = ui_putn(w, y, x + (int)pw, textw, a, s + field_scroll, len - field_scroll);
	(void)used;
	if (cw > 0) {
		ui_put(w, y, x + width - cw, cw,
		    chars > field_limit ? ui_attr(UI_ERROR) | A_REVERSE : a, counter);
	}
	*cy = y;
	*cx = x + (int)pw + (int)field_width(s + field_scroll, point - field_scroll);
}

size_t
field_hints(const char **v, size_t n)
{
	const char *s = rl_line_buffer;
	size_t i, k = 0, start, wlen;

	if (!field_on)
		return 0;
	if (field_nmatches > 0) {
		for (i = 0; i < field_nmatches && k < n; i++)
			v[k++] = field_matches[i];
		return k;
	}
	if (field_kind != FIELD_PROMPT || field_names == NULL)
		return 0;
	/* The word before the cursor: an @ starts a mention. */
	start = (size_t)rl_point;
	while (start > 0 && s[start - 1] != ' ' && s[start - 1] != '@')
		start--;
	if (start == 0 || s[start - 1] != '@')
		return 0;
	if (start >= 2 && s[start - 2] != ' ')
		return 0;
	wlen = (size_t)rl_point - start;
	for (i = 0; field_names[i] != NULL && k < n; i++) {
		if (strncmp(field_names[i], s + start, wlen) == 0)
			v[k++] = field_names[i];
	}
	return k;
}
