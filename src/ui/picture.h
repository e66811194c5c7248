/* kling-tui: pictures on the screen: the editor's image rows and the
 * detail's frames. Bytes come through the network worker (tracker_fetch),
 * are decoded on the decode thread (img/thread.h), kept a few at a time
 * (img/cache.h) and drawn as block art with libchafa, or as their facts in
 * text where colour or room is lacking. Nothing is loaded or started before
 * the first picture is asked for. Main thread only.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_UI_PICTURE_H
#define KT_UI_PICTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "storyboard.h"
#include "termreply.h"
#include "ui.h"
#include "net/api.h"

struct tracker;

/* Where image bytes come from: the dashboard's tracker (NULL: none, the
 * preview then says why). */
void	 picture_set_tracker(struct tracker *);
/* Called (on the main thread) whenever something new is known of a
 * picture: the editor checks its images again. */
void	 picture_set_listener(void (*fn)(void *), void *arg);
/* The tracker's fetched hook. */
void	 picture_on_fetch(uint64_t tag, const struct api_result *);
/* End the decode thread (at exit; idempotent). */
void	 picture_shutdown(void);

/* The service's image rules for every image URL of sb whose bytes are
 * known (added to out); with fetch, the others are fetched (a few at a
 * time) and the listener is called when they are known. */
void	 picture_check(const struct storyboard *, struct diag_list *out, bool fetch);

/* Draw the picture at url in the box, with a line of its facts (WxH px,
 * type, size) under it; asks for it when unknown. */
void	 picture_draw_url(WINDOW *, int y, int x, int h, int w, const char *url);
/* The same for a frame of a video: extracted by ffmpeg into file (kept
 * there) at second at. */
void	 picture_draw_frame(WINDOW *, int y, int x, int h, int w, const char *video,
	    double at, const char *file);

/* picture_draw.c: are pictures their facts only here, whatever is asked
 * (NO_COLOR, a TERM that shows none)? Then *why (static). */
bool	 picture_text_only(const char **why);
/* picture_draw.c: may pictures be drawn as pixels here (colour, a known
 * terminal, room)? Else why not, for the text. */
bool	 picture_art_ok(int h, int w, const char **why);
/* Block art of rgba (pw x ph) in at most h x w cells, centred on the
 * first rows: the rows used, or -1 and *why (static) when libchafa cannot
 * be used. */
int	 picture_art_draw(WINDOW *, int y, int x, int h, int w, const unsigned char *rgba,
	    int pw, int ph, const char *key, const char **why);

/* How pictures are drawn: their facts in text, block art in curses'
 * colour pairs (256 or fewer colours), or bytes written to the terminal
 * past curses (true-colour block art, sixel, kitty, iTerm2). */
enum picture_proto {
	PP_TEXT,
	PP_CELLS,
	PP_TRUECOLOR,
	PP_SIXEL,
	PP_KITTY,
	PP_ITERM
};

/* picture_draw.c: the picture printed by libchafa for mode in cw x ch
 * cells of cell_w x cell_h px: malloc'd bytes and *len, or NULL and *why. */
char	*picture_art_print(enum picture_proto mode, const unsigned char *rgba, int pw,
	    int ph, int cw, int ch, int cell_w, int cell_h, size_t *len, const char **why);

/* picture_proto.c: which way, asking the terminal (once, on the first
 * picture wanted, after that frame is out; never waiting for it: until it
 * answers, or 300 ms pass, block art) unless $KLING_TUI_PICTURES says. */
void	 picture_proto_want(void);
enum picture_proto picture_proto_mode(void);
const char *picture_proto_name(enum picture_proto);
/* The terminal's answers, taken out of the key input (ui_input). */
struct termreply *picture_proto_replies(void);
bool	 picture_proto_probing(void);
void	 picture_proto_input_done(void);
/* Instead of block art in the window: the cells are left blank and the
 * picture is written there after the frame (picture_proto_flush). Rows
 * used, or -1 and *why. */
int	 picture_proto_place(WINDOW *, int y, int x, int h, int w, const unsigned char *rgba,
	    int pw, int ph, const char *key, const char **why);
/* ui_flush: before the screen is drawn, before and after doupdate. */
void	 picture_proto_frame(void);
void	 picture_proto_before_update(void);
void	 picture_proto_after_update(void);
/* The terminal was cleared (repaint, resize, back from a shell). */
void	 picture_proto_invalidate(void);
/* Leaving the screen: kitty's images deleted. */
void	 picture_proto_leave(void);

#endif
