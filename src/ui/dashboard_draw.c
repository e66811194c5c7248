/* kling-tui: drawing the dashboard: header, table, status line.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
 *
 * The whole screen is drawn into curses' picture each time; doupdate() then
 * sends the terminal only the cells that changed, so one row changing costs
 * about one row of output. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conf.h"
#include "dash.h"
#include "field.h"
#include "text.h"
#include "vocab.h"
#include "app/tracker.h"
#include "xmalloc.h"

attr_t
dash_state_attr(const char *s)
{
	switch (task_state_parse(s)) {
	case TASK_SUCCESS:
		return ui_attr(UI_OK);
	case TASK_FAILED:
	case TASK_ERROR:
		return ui_attr(UI_ERROR);
	case TASK_UNKNOWN:
		return ui_attr(UI_WARNING) | A_BOLD;
	case TASK_RUNNING:
		return ui_attr(UI_TITLE);
	case TASK_PENDING:
	case TASK_SUBMITTING:
		return ui_attr(UI_WARNING);
	default:
		return ui_attr(UI_NORMAL);
	}
}

int
dash_table_height(int rows)
{
	/* header, filter line, column titles; status line */
	return rows - 4;
}

/* The header's network part, and whether it is shown bold (trouble). */
static bool
dash_net_text(char *buf, size_t len)
{
	char when[16];
	const char *err = NULL;
	time_t until;
	struct tm tm;

	buf[0] = '\0';
	switch (tracker_net_state(dash->s.tracker, &until, &err)) {
	case TRACKER_NET_OK:
		snprintf(buf, len, "%s", _("| net ok"));
		return false;
	case TRACKER_NET_IDLE:
		return false;
	case TRACKER_NET_CONNECTING:
		snprintf(buf, len, "%s", _("| connecting..."));
		dash_tick_arm();	/* to tell when it has waited too long */
		return false;
	case TRACKER_NET_WAITING:
		snprintf(buf, len, _("| no answer for %lld s"), (long long)until);
		dash_tick_arm();	/* the seconds count */
		return true;
	case TRACKER_NET_BACKOFF:
		localtime_r(&until, &tm);
		strftime(when, sizeof when, "%H:%M:%S", &tm);
		snprintf(buf, len, _("| backing off until %s%s%s"), when,
		    err != NULL ? ": " : "", err != NULL ? err : "");
		return true;
	case TRACKER_NET_OFFLINE:
		snprintf(buf, len, _("| offline: %s"), err != NULL ? err : "?");
		return true;
	}
	return false;
}

/* The first line: name, base URL, balance, budget and the network's state.
 * The state is what a narrow terminal keeps: the URL goes first (it does
 * not change), then the budget, then the balance; only then is the state
 * itself cut. */
void
dash_draw_header(WINDOW *w, int cols)
{
	char url[320], bal[64], budget[64], net[512];
	const char *name = " kling-tui ", *demo = " DEMO ";
	int x = 0, rate, need;
	bool bold;

	ui_fill(w, 0, 0, cols, ui_attr(UI_STATUS));
	snprintf(url, sizeof url, " %s ", dash->s.base_url);
	if (dash->s.key == NULL) {
		bal[0] = budget[0] = '\0';
		snprintf(net, sizeof net, "%s", _("| no API key "));
		bold = false;
	} else {
		if (dash->has_balance)
			snprintf(bal, sizeof bal, _("| balance %.15g "), dash->balance);
		else
			snprintf(bal, sizeof bal, "%s", _("| balance ... "));
		/* The shared budget of queries is what sets the pace: say so. */
		budget[0] = '\0';
		if (tracker_budget_limits(dash->s.tracker, &rate))
			snprintf(budget, sizeof budget, _("| budget %d/s "), rate);
		bold = dash_net_text(net, sizeof net);
	}
	need = (int)(text_width(name) + (dash->s.sim != NULL ? text_width(demo) : 0) +
	    text_width(url) + text_width(bal) + text_width(budget) + text_width(net));
	if (need > cols && net[0] != '\0') {
		need -= (int)text_width(url) - 1;
		strcpy(url, " ");
	}
	if (need > cols && net[0] != '\0') {
		need -= (int)text_width(budget);
		budget[0] = '\0';
	}
	if (need > cols && net[0] != '\0')
		bal[0] = '\0';
	x += ui_put(w, 0, x, cols - x, ui_attr(UI_STATUS) | A_BOLD, name);
	if (dash->s.sim != NULL)
		x += ui_put(w, 0, x, cols - x, ui_attr(UI_ERROR) | A_REVERSE | A_BOLD, demo);
	x += ui_put(w, 0, x, cols - x, ui_attr(UI_STATUS), url);
	x += ui_put(w, 0, x, cols - x, ui_attr(UI_STATUS), bal);
	x += ui_put(w, 0, x, cols - x, ui_attr(UI_STATUS), budget);
	ui_put(w, 0, x, cols - x, ui_attr(UI_STATUS) | (bold ? A_BOLD : 0), net);
}

/* Which optional columns fit; id: the ID column's width. */
struct dash_cols {
	bool	mode, dur, credits;
	int	name, id;
};

#define W_MARK	2
#define W_ID	(c->id)
#define ID_MIN	8	/* as git: short, but unique */
#define ID_MAX	24
#define W_STATE	11
#define W_ELAPSED 8
#define W_NEXT	16
#define W_MODE	5
#define W_DUR	5
#define W_CRED	9

/* How many characters of this task id tell it from every other row's (the
 * shortest unique prefix, as git shows): ids that count up (task_12345678,
 * task_12345679) differ only at the end. */
static size_t
dash_id_unique(const char *id)
{
	size_t i, k, need = ID_MIN;
	const char *o;

	for (i = 0; i < dash->rows.n; i++) {
		if ((o = dash->rows.v[i].task_id) == NULL || o == id)
			continue;
		for (k = 0; id[k] != '\0' && id[k] == o[k]; k++)
			;
		if (k + 1 > need)
			need = k + 1;
	}
	k = strlen(id);
	return need < k ? need : k;
}

static void
dash_layout(int cols, struct dash_cols *c)
{
	size_t i, u, w = ID_MIN;
	int fixed;

	for (i = 0; i < dash->rows.n; i++)
		if (dash->rows.v[i].task_id != NULL &&
		    (u = dash_id_unique(dash->rows.v[i].task_id)) > w)
			w = u;
	c->id = (int)(w < ID_MAX ? w : ID_MAX) + 2;
	fixed = W_MARK + W_ID + W_STATE + W_ELAPSED + W_NEXT;

	c->mode = c->dur = c->credits = false;
	if (cols - fixed - W_MODE - W_DUR >= 16) {
		c->mode = c->dur = true;
		fixed += W_MODE + W_DUR;
	}
	if (cols - fixed - W_CRED >= 20) {
		c->credits = true;
		fixed += W_CRED;
	}
	c->name = cols - fixed;
}

static void
dash_short_id(const struct store_task *t, char *buf, size_t len)
{
	if (t->task_id != NULL)
		snprintf(buf, len, "%.*s", (int)dash_id_unique(t->task_id), t->task_id);
	else
		snprintf(buf, len, "#%" PRId64, t->id);
}

static void
dash_next(const struct store_task *t, char *buf, size_t len)
{
	struct dash_progress *p = dash_progress_find(t->id);
	int64_t due;
	int fill, pct, i;

	buf[0] = '\0';
	if (p != NULL) {
		pct = p->total > 0 ? (int)(p->bytes * 100 / p->total) : 0;
		fill = pct * 8 / 100;
		snprintf(buf, len, "[");
		for (i = 0; i < 8; i++)
			strncat(buf, i < fill ? "#" : ".", len - strlen(buf) - 1);
		snprintf(buf + strlen(buf), len - strlen(buf), "] %d%%", pct);
		return;
	}
	if (task_state_parse(t->state) == TASK_UNKNOWN) {
		snprintf(buf, len, _("Enter: decide"));
		return;
	}
	if (t->task_id == NULL || dash->s.tracker == NULL || task_state_word_final(t->state)) {
		if (t->download_path != NULL)
			snprintf(buf, len, _("saved"));
		return;
	}
	if ((due = tracker_due_in(dash->s.tracker, t->task_id)) < 0)
		return;
	if (due == 0)
		snprintf(buf, len, _("asking..."));
	else
		snprintf(buf, len, _("poll in %" PRId64 "s"), (due + 999) / 1000);
}

static bool
dash_row_marked(const struct store_task *t)
{
	return !t->seen && t->task_id != NULL && task_state_word_final(t->state);
}

/* Draws one row; true when it shows a clock that must tick. */
static bool
dash_draw_row(WINDOW *w, int y, int cols, const struct dash_cols *c,
    const struct store_task *t, bool sel)
{
	char buf[64], name[512];
	attr_t base = sel ? A_REVERSE : A_NORMAL, a;
	int64_t now = (int64_t)time(NULL);
	bool clock = false;
	int x = 0;

	ui_fill(w, y, 0, cols, base);
	a = dash_row_marked(t) ? base | A_BOLD : base;
	/* '+': marked with Space; '*': finished, not seen yet. */
	ui_put(w, y, x, W_MARK, a, dash_is_marked(t->id) ? "+" : dash_row_marked(t) ?
	    "*" : " ");
	x += W_MARK;
	dash_short_id(t, buf, sizeof buf);
	ui_put(w, y, x, W_ID - 1, a, buf);
	x += W_ID;
	/* A hidden row, when shown, says so. */
	snprintf(name, sizeof name, "%s%s", t->hidden ? _("(hidden) ") : "",
	    t->name != NULL ? t->name : "");
	ui_put(w, y, x, c->name - 1, t->hidden ? a | ui_attr(UI_DIM) : a, name);
	x += c->name;
	if (c->mode) {
		ui_put(w, y, x, W_MODE - 1, base, t->mode != NULL ? t->mode : "-");
		x += W_MODE;
	}
	if (c->dur) {
		if (t->duration > 0)
			snprintf(buf, sizeof buf, "%lds", t->duration);
		else
			snprintf(buf, sizeof buf, "-");
		ui_put(w, y, x, W_DUR - 1, base, buf);
		x += W_DUR;
	}
	ui_put(w, y, x, W_STATE - 1, base | dash_state_attr(t->state),
	    t->state != NULL ? task_state_label(t->state) : "?");
	x += W_STATE;
	if (!task_state_word_final(t->state) && task_state_parse(t->state) != TASK_UNKNOWN)
		clock = true;
	tracker_fmt_secs(buf, sizeof buf, store_task_elapsed(t, now));
	ui_put(w, y, x, W_ELAPSED - 1, base, buf);
	x += W_ELAPSED;
	if (c->credits) {
		if (t->has_credits)
			snprintf(buf, sizeof buf, "%.6g", t->credits);
		else
			snprintf(buf, sizeof buf, "-");
		ui_put(w, y, x, W_CRED - 1, base, buf);
		x += W_CRED;
	}
	dash_next(t, buf, sizeof buf);
	ui_put(w, y, x, cols - x, base, buf);
	return clock || dash_progress_find(t->id) != NULL;
}

static void
dash_draw_titles(WINDOW *w, int y, int cols, const struct dash_cols *c)
{
	attr_t a = ui_attr(UI_TITLE);
	int x = W_MARK;

	ui_put(w, y, x, W_ID, a, _("ID"));
	x += W_ID;
	ui_put(w, y, x, c->name, a, _("NAME"));
	x += c->name;
	if (c->mode) {
		ui_put(w, y, x, W_MODE, a, _("MODE"));
		x += W_MODE;
	}
	if (c->dur) {
		ui_put(w, y, x, W_DUR, a, _("DUR"));
		x += W_DUR;
	}
	ui_put(w, y, x, W_STATE, a, _("STATUS"));
	x += W_STATE;
	ui_put(w, y, x, W_ELAPSED, a, _("ELAPSED"));
	x += W_ELAPSED;
	if (c->credits) {
		ui_put(w, y, x, W_CRED, a, _("CREDITS"));
		x += W_CRED;
	}
	ui_put(w, y, x, cols - x, a, _("NEXT"));
}

static const char *const dash_sort_names[] = { N_("newest"), N_("status"), N_("name"), N_("id"),
	N_("elapsed") };

static void
dash_draw_nokey(WINDOW *w, int y, int cols)
{
	static const char *const lines[] = {
		N_("No API key is configured, so nothing can be submitted yet."),
		"",
		N_("Set one of:"),
		N_("  export CRUN_API_KEY=...            (in your shell)"),
		N_("  key_file = FILE                    (in the config file below;"),
		N_("                                       FILE chmod 600)"),
		"",
		N_("Or try everything against a local simulator, no key needed:"),
		"  kling-tui --demo",
		"",
		N_("The editor works offline: F2 switches to it."),
		NULL
	};
	size_t i;

	char *conf = conf_default_path(), *line;

	for (i = 0; lines[i] != NULL; i++)
		ui_put(w, y + (int)i, 2, cols - 2, i == 0 ? A_BOLD : A_NORMAL,
		    lines[i][0] != '\0' ? _(lines[i]) : "");
	/* Where it really is: $XDG_CONFIG_HOME moves it. */
	xasprintf(&line, _("The config file: %s"), conf);
	ui_put(w, y + (int)i + 1, 2, cols - 2, A_NORMAL, line);
	free(line);
	free(conf);
	if (dash->s.key_problem != NULL)
		ui_put(w, y + (int)i + 2, 2, cols - 2, ui_attr(UI_DIM), dash->s.key_problem);
}

void
dash_draw_footer(WINDOW *w, int rows, int cols, int *cy, int *cx, const char *hint)
{
	if (dash->typing && field_active())
		dash_draw_field(w, rows - 1, cols, cy, cx);
	else if (ui_message_text()[0] != '\0')
		ui_put(w, rows - 1, 0, cols, A_BOLD, ui_message_text());
	else
		ui_put(w, rows - 1, 0, cols, ui_attr(UI_DIM), hint);
}

void
dash_draw_field(WINDOW *w, int y, int cols, int *cy, int *cx)
{
	int x;

	ui_fill(w, y, 0, cols, A_NORMAL);
	x = ui_put(w, y, 0, cols / 2, A_BOLD, field_label());
	field_draw(w, y, x + 1, cols - x - 1, cy, cx);
}

void
dash_draw(void *data, WINDOW *w, int rows, int cols, int *cy, int *cx)
{
	struct dash_cols c;
	char buf[256], hid[64];
	int h = dash_table_height(rows), i, y;
	bool tick = false;

	(void)data;
	*cy = *cx = -1;
	dash_draw_header(w, cols);
	if (dash->nhidden == 0)
		snprintf(hid, sizeof hid, "%s", "");
	else if (dash->show_hidden)
		snprintf(hid, sizeof hid, _(" (%zu hidden, shown: H hides them)"),
		    (size_t)dash->nhidden);
	else
		snprintf(hid, sizeof hid, _(", %zu hidden: H shows %s"),
		    (size_t)dash->nhidden, dash->nhidden == 1 ? _("it") : _("them"));
	/* The whole store's count, not the window's. */
	snprintf(buf, sizeof buf, _("%zu task%s%s | sort: %s%s (o) | filter (/): %s%s"),
	    (size_t)dash->total, dash->total == 1 ? "" : "s", hid,
	    _(dash_sort_names[dash->sort]), dash->sort_rev ? _(", reversed") : "",
	    dash->filter[0] != '\0' ? dash->filter : _("none"),
	    dash->nmarked > 0 ? _(" | marked: ") : "");
	if (dash->nmarked > 0)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%zu", dash->nmarked);
	ui_put(w, 1, 1, cols - 1, ui_attr(UI_DIM), buf);
	dash_layout(cols, &c);
	dash_draw_titles(w, 2, cols, &c);
	if (dash->s.key == NULL && dash->rows.n == 0)
		dash_draw_nokey(w, 4, cols);
	else if (dash->rows.n == 0 && dash->nhidden > 0)
		ui_put(w, 4, 2, cols - 2, ui_attr(UI_DIM), dash->nhidden == 1 ?
		    _("The only task is hidden: H shows it.") :
		    _("Every task is hidden: H shows them."));
	else if (dash->rows.n == 0)
		ui_put(w, 4, 2, cols - 2, ui_attr(UI_DIM), dash->filter[0] != '\0' ?
		    _("No task matches the filter (/ to change it).") :
		    _("No tasks yet: write a storyboard in the editor (F2) and press s."));
	if (dash->sel < dash->top)
		dash->top = dash->sel;
	if (h > 0 && dash->sel >= dash->top + (size_t)h)
		dash->top = dash->sel - (size_t)h + 1;
	for (i = 0; i < h && dash->top + (size_t)i < dash->rows.n; i++) {
		y = 3 + i;
		tick |= dash_draw_row(w, y, cols, &c, &dash->rows.v[dash->top + (size_t)i],
		    dash->top + (size_t)i == dash->sel);
	}
	if (dash->help)
		dash_draw_help(w, rows, cols, false);
	else if (dash->errors)
		dash_draw_errors(w, rows, cols);
	dash_draw_footer(w, rows, cols, cy, cx,
	    _("? keys  Enter detail  / filter  o sort  Space mark  d download  "
	    "p poll  x hide  t/f unknown  F2 editor  q quit"));
	/* Seconds to count only while someone can see them. */
	if (tick)
		dash_tick_arm();
}
