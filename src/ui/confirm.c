/* kling-tui: submitting from the editor: validate, check the image URLs in
 * the background, confirm with the mode, duration and balance, then record
 * and queue. The editor stays usable all along: nothing here waits.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dash.h"
#include "diag.h"
#include "editor.h"
#include "picture.h"
#include "rules.h"
#include "storyboard.h"
#include "app/tracker.h"
#include "xmalloc.h"

/* Images above this are refused by the service ([sibling] in API.md). */
#define CONFIRM_MAX_IMAGE (10 * 1024 * 1024)

enum check_state { CHECK_RUNNING, CHECK_OK, CHECK_WARN, CHECK_UNCHECKED };

struct check {
	char			 path[DIAG_PATH_MAX];
	char			*url;
	enum check_state	 st;
	char			 msg[160];
};

static struct {
	struct ui_screen	 screen;
	struct storyboard	*sb;
	char			*name;
	struct check		*v;
	size_t			 n;
	uint64_t		 gen;	/* answers to an older round are ignored */
	bool			 open;
} cf;

static void
confirm_add_url(const char *path, const char *url)
{
	struct check *c;

	cf.v = xreallocarray(cf.v, cf.n + 1, sizeof *cf.v);
	c = &cf.v[cf.n];
	memset(c, 0, sizeof *c);
	snprintf(c->path, sizeof c->path, "%s", path);
	c->url = xstrdup(url);
	/* Only http(s) URLs can be checked; the rules speak about others. */
	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
		c->st = CHECK_UNCHECKED;
		snprintf(c->msg, sizeof c->msg, _("not checked: not an http(s) URL"));
	} else {
		c->st = CHECK_RUNNING;
		tracker_head(dash->s.tracker, url, cf.gen << 16 | cf.n);
	}
	cf.n++;
}

static void
confirm_clear(void)
{
	size_t i;

	for (i = 0; i < cf.n; i++)
		free(cf.v[i].url);
	free(cf.v);
	cf.v = NULL;
	cf.n = 0;
	sb_free(&cf.sb);
	free(cf.name);
	cf.name = NULL;
}

/* Preflight warnings join the editor's diagnostics, so the field they are
 * about is marked; the next edit re-runs the rules and drops them. */
static void
confirm_mark_field(const struct check *c)
{
	struct editor *ed = dash->ed;

	if (c->st != CHECK_WARN || !cf.open)
		return;
	diag_add(ed->diags, DIAG_WARNING, c->path, "%s", c->msg);
	form_build(&ed->form, ed->sb, ed->diags);
}

void
confirm_on_head(uint64_t tag, const struct api_result *r)
{
	struct check *c;
	size_t i = (size_t)(tag & 0xffff);

	if (tag >> 16 != cf.gen || i >= cf.n)
		return;
	c = &cf.v[i];
	if (r->http_status >= 200 && r->http_status < 300) {
		if (r->content_type == NULL || strncmp(r->content_type, "image/", 6) != 0) {
			c->st = CHECK_WARN;
			snprintf(c->msg, sizeof c->msg, _("not an image (content type %s)"),
			    r->content_type != NULL ? r->content_type : "none");
		} else if (r->bytes > CONFIRM_MAX_IMAGE) {
			c->st = CHECK_WARN;
			snprintf(c->msg, sizeof c->msg, _("%.1f MB: over the 10 MB limit"),
			    (double)r->bytes / (1024 * 1024));
		} else {
			c->st = CHECK_OK;
			if (r->bytes >= 0)
				snprintf(c->msg, sizeof c->msg, _("ok: %s, %lld KB"),
				    r->content_type, (long long)(r->bytes + 1023) / 1024);
			else
				snprintf(c->msg, sizeof c->msg, _("ok: %s"), r->content_type);
		}
	} else if (r->http_status > 0) {
		c->st = CHECK_WARN;
		snprintf(c->msg, sizeof c->msg, _("not reachable: HTTP %ld"), r->http_status);
	} else {
		/* Our own network trouble says nothing about the image. */
		c->st = CHECK_UNCHECKED;
		snprintf(c->msg, sizeof c->msg, _("could not be checked (%s); not blocking"),
		    r->message != NULL ? r->message : _("no answer"));
	}
	confirm_mark_field(c);
	ui_redraw();
}

void
confirm_on_balance(void)
{
	if (cf.open)
		ui_redraw();
}

static const char *
confirm_check_name(enum check_state st)
{
	switch (st) {
	case CHECK_RUNNING:	return _("checking...");
	case CHECK_OK:		return "";
	case CHECK_WARN:	return _("warning: ");
	default:		return "";
	}
}

static void
confirm_draw(void *data, WINDOW *w, int rows, int cols, int *cy, int *cx)
{
	const struct storyboard *sb = cf.sb;
	char buf[512];
	const char *err = NULL;
	time_t until;
	size_t i, warn = 0;
	int y = 2;

	(void)data;
	*cy = *cx = -1;
	dash_draw_header(w, cols);
	ui_put(w, y++, 1, cols - 1, ui_attr(UI_TITLE), _("Submit this storyboard?"));
	y++;
	snprintf(buf, sizeof buf, _("  %s   mode %s%s, %ld s, %s%s%s"),
	    cf.name != NULL ? cf.name : _("(new storyboard)"),
	    sb->mode != NULL ? sb->mode : "-",
	    sb->mode == NULL ? "" : strcmp(sb->mode, "pro") == 0 ? " (1080p)" : " (720p)",
	    sb->has_duration ? sb->duration : 0L,
	    sb->multi_shots == SB_TRUE ? _("multi-shot ") : _("single shot"),
	    sb->multi_shots == SB_TRUE && sb->shot_type != NULL ? sb->shot_type : "",
	    sb->nshots > 0 ? "" : "");
	ui_put(w, y++, 0, cols, A_BOLD, buf);
	if (dash->has_balance)
		snprintf(buf, sizeof buf, _("  balance: %.15g credits"), dash->balance);
	else {
		switch (tracker_net_state(dash->s.tracker, &until, &err)) {
		case TRACKER_NET_WAITING:
			snprintf(buf, sizeof buf, _("  balance: unknown (no answer for "
			    "%lld s)"), (long long)until);
			break;
		case TRACKER_NET_BACKOFF:
		case TRACKER_NET_OFFLINE:
			/* Never "unknown ()": say why, or that it waits. */
			snprintf(buf, sizeof buf, _("  balance: unknown (%s)"), err != NULL ?
			    err : _("the service asked to wait"));
			break;
		default:
			snprintf(buf, sizeof buf, _("  balance: asking the service..."));
			break;
		}
	}
	ui_put(w, y++, 0, cols, A_NORMAL, buf);
	y++;
	if (cf.n > 0) {
		ui_put(w, y++, 1, cols - 1, ui_attr(UI_TITLE),
		    _("Image URLs (checked in the background; a failed check never blocks)"));
		for (i = 0; i < cf.n && y < rows - 3; i++) {
			snprintf(buf, sizeof buf, "  %s: %s%s", cf.v[i].path,
			    confirm_check_name(cf.v[i].st), cf.v[i].msg);
			ui_put(w, y++, 0, cols, cf.v[i].st == CHECK_WARN ?
			    ui_attr(UI_WARNING) : cf.v[i].st == CHECK_OK ? ui_attr(UI_OK) :
			    A_NORMAL, buf);
			warn += cf.v[i].st == CHECK_WARN;
		}
		y++;
	}
	if (warn > 0)
		ui_put(w, y++, 1, cols - 1, ui_attr(UI_WARNING),
		    _("Some images look wrong: the service may refuse the task."));
	ui_put(w, rows - 1, 0, cols, A_BOLD,
	    _("y / Enter: submit    n / Esc: back to the editor"));
}

static void
confirm_close(void)
{
	cf.open = false;
	cf.gen++;
	confirm_clear();
	ui_screen_pop();
}

static void
confirm_send(void)
{
	char *cause = NULL;
	int64_t id;

	id = tracker_submit(dash->s.tracker, cf.sb, cf.name, &cause);
	if (id < 0) {
		ui_message(_("not submitted: %s"), cause);
		free(cause);
	} else
		ui_message(_("submitted as #%lld: sending in the background (F2: dashboard)"),
		    (long long)id);
	confirm_close();
	tracker_pump(dash->s.tracker);
	dash_schedule();
	dash_reload();
}

static void
confirm_key(void *data, const struct ui_key *k)
{
	(void)data;
	if (k->fkey) {
		if (k->code == KEY_ENTER)
			confirm_send();
		return;
	}
	switch (k->code) {
	case 'y':
	case '\r':
	case '\n':
		confirm_send();
		break;
	case 'n':
	case 'q':
	case 27:
	case UI_CTRL('g'):
	case UI_CTRL('c'):
		confirm_close();
		ui_message(_("not submitted"));
		break;
	}
}

static const char *
confirm_base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

/* The editor's 's'. */
static void
confirm_submit_hook(struct editor *ed)
{
	char path[DIAG_PATH_MAX];
	size_t errors, i, j;

	if (dash == NULL || dash->s.tracker == NULL) {
		ui_message(_("no API key: set CRUN_API_KEY (or key_file in the config), "
		    "or run kling-tui --demo"));
		return;
	}
	rules_check(ed->sb, ed->diags);
	/* What the images' bytes said (type, size, pixels), when known. */
	picture_check(ed->sb, ed->diags, true);
	if ((errors = diag_count(ed->diags, DIAG_ERROR)) > 0) {
		form_build(&ed->form, ed->sb, ed->diags);
		for (i = 0; i < ed->diags->n && ed->diags->v[i].sev != DIAG_ERROR; i++)
			;
		ed->mode = EM_DIAGS;
		ed->diag_sel = i;
		ui_message(_("not submitted: %zu error%s to fix first (Enter goes to the field)"),
		    errors, errors == 1 ? "" : "s");
		return;
	}
	confirm_clear();
	cf.gen++;
	cf.open = true;
	cf.sb = sb_clone(ed->sb);
	/* NULL: the tracker names it after the prompt's first words. */
	cf.name = ed->path != NULL ? xstrdup(confirm_base_name(ed->path)) : NULL;
	for (i = 0; i < cf.sb->img_urls.n; i++) {
		snprintf(path, sizeof path, "input.img_urls[%zu]", i);
		confirm_add_url(path, cf.sb->img_urls.v[i]);
	}
	for (i = 0; i < cf.sb->nelements; i++) {
		for (j = 0; j < cf.sb->elements[i].images.n; j++) {
			snprintf(path, sizeof path,
			    "input.element_list[%zu].element_image_urls[%zu]", i, j);
			confirm_add_url(path, cf.sb->elements[i].images.v[j]);
		}
	}
	tracker_balance(dash->s.tracker);
	dash_schedule();
	ui_screen_push(&cf.screen);
}

void
confirm_init(void)
{
	cf.screen.name = "submit";
	cf.screen.draw = confirm_draw;
	cf.screen.key = confirm_key;
	editor_submit_hook = confirm_submit_hook;
}
