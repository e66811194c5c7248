/* kling-tui: pixels into curses cells: a libchafa canvas of block symbols
 * in the terminal's colours, each cell's character and colour pair copied
 * into the window, so that curses keeps owning the screen (and tmux over
 * SSH shows it like any text). libchafa is loaded on first use.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <chafa.h>

#include "picture.h"
#include "lazylib.h"
#include "xmalloc.h"
#include "i18n.h"

/* Under this a picture says its facts instead: too few cells to see. */
#define ART_MIN_W	12
#define ART_MIN_H	6
#define ART_PAIR_BASE	32	/* ui.c's pairs stay below */
#define ART_PAIRS_MAX	4096
#define ART_HASH	8192	/* a power of two, > ART_PAIRS_MAX */
#define ART_GRIDS	8	/* rendered pictures kept (the contact sheet's) */

static ChafaSymbolMap *(*p_chafa_symbol_map_new)(void);
static void (*p_chafa_symbol_map_add_by_tags)(ChafaSymbolMap *, ChafaSymbolTags);
static void (*p_chafa_symbol_map_unref)(ChafaSymbolMap *);
static ChafaCanvasConfig *(*p_chafa_canvas_config_new)(void);
static void (*p_chafa_canvas_config_set_geometry)(ChafaCanvasConfig *, gint, gint);
static void (*p_chafa_canvas_config_set_cell_geometry)(ChafaCanvasConfig *, gint, gint);
static void (*p_chafa_canvas_config_set_canvas_mode)(ChafaCanvasConfig *, ChafaCanvasMode);
static void (*p_chafa_canvas_config_set_symbol_map)(ChafaCanvasConfig *,
    const ChafaSymbolMap *);
static void (*p_chafa_canvas_config_unref)(ChafaCanvasConfig *);
static ChafaCanvas *(*p_chafa_canvas_new)(const ChafaCanvasConfig *);
static void (*p_chafa_canvas_draw_all_pixels)(ChafaCanvas *, ChafaPixelType,
    const guint8 *, gint, gint, gint);
static gunichar (*p_chafa_canvas_get_char_at)(ChafaCanvas *, gint, gint);
static void (*p_chafa_canvas_get_raw_colors_at)(ChafaCanvas *, gint, gint, gint *, gint *);
static void (*p_chafa_canvas_unref)(ChafaCanvas *);
/* The graphics protocols and true colour, printed as the terminal's bytes
 * (picture_proto.c writes them). */
static void (*p_chafa_canvas_config_set_pixel_mode)(ChafaCanvasConfig *, ChafaPixelMode);
static GString *(*p_chafa_canvas_print)(ChafaCanvas *, ChafaTermInfo *);
static ChafaTermDb *(*p_chafa_term_db_get_default)(void);
static ChafaTermInfo *(*p_chafa_term_db_detect)(ChafaTermDb *, gchar **);
static void (*p_chafa_term_info_unref)(ChafaTermInfo *);
static gchar *(*p_g_string_free)(GString *, gboolean);

static const char *const chafa_names[] = { "libchafa.so.0", NULL };
static const struct lazylib_sym chafa_syms[] = {
	{ "chafa_symbol_map_new", (void **)&p_chafa_symbol_map_new },
	{ "chafa_symbol_map_add_by_tags", (void **)&p_chafa_symbol_map_add_by_tags },
	{ "chafa_symbol_map_unref", (void **)&p_chafa_symbol_map_unref },
	{ "chafa_canvas_config_new", (void **)&p_chafa_canvas_config_new },
	{ "chafa_canvas_config_set_geometry", (void **)&p_chafa_canvas_config_set_geometry },
	{ "chafa_canvas_config_set_cell_geometry",
	    (void **)&p_chafa_canvas_config_set_cell_geometry },
	{ "chafa_canvas_config_set_canvas_mode",
	    (void **)&p_chafa_canvas_config_set_canvas_mode },
	{ "chafa_canvas_config_set_symbol_map", (void **)&p_chafa_canvas_config_set_symbol_map },
	{ "chafa_canvas_config_unref", (void **)&p_chafa_canvas_config_unref },
	{ "chafa_canvas_new", (void **)&p_chafa_canvas_new },
	{ "chafa_canvas_draw_all_pixels", (void **)&p_chafa_canvas_draw_all_pixels },
	{ "chafa_canvas_get_char_at", (void **)&p_chafa_canvas_get_char_at },
	{ "chafa_canvas_get_raw_colors_at", (void **)&p_chafa_canvas_get_raw_colors_at },
	{ "chafa_canvas_unref", (void **)&p_chafa_canvas_unref },
	{ "chafa_canvas_config_set_pixel_mode",
	    (void **)&p_chafa_canvas_config_set_pixel_mode },
	{ "chafa_canvas_print", (void **)&p_chafa_canvas_print },
	{ "chafa_term_db_get_default", (void **)&p_chafa_term_db_get_default },
	{ "chafa_term_db_detect", (void **)&p_chafa_term_db_detect },
	{ "chafa_term_info_unref", (void **)&p_chafa_term_info_unref },
	/* glib's, found through libchafa's own dependencies. */
	{ "g_string_free", (void **)&p_g_string_free },
	{ NULL, NULL }
};
static struct lazylib chafa_lib = { chafa_names, chafa_syms, 0, NULL, "", NULL };

struct art_cell {
	wchar_t	ch;
	short	fg, bg;
};

struct art_grid {
	char		*key;
	int		 h, w, pw, ph;
	int		 ch, cw;		/* the canvas, in cells */
	struct art_cell	*cells;
	uint64_t	 used;
};

static struct {
	struct art_grid	 grids[ART_GRIDS];
	uint64_t	 clock;
	uint32_t	 hash_key[ART_HASH];	/* fg, bg + 1 each; 0: free */
	short		 hash_pair[ART_HASH];
	int		 npairs;
	int		 colours;		/* 8, 16 or 256 */
} art;

bool
picture_text_only(const char **why)
{
	const char *term = getenv("TERM"), *nc = getenv("NO_COLOR");

	if (nc != NULL && *nc != '\0') {
		*why = "NO_COLOR is set: the picture's facts only";
		return true;
	}
	if (term == NULL || strcmp(term, "vt100") == 0 || strcmp(term, "linux") == 0 ||
	    strcmp(term, "dumb") == 0) {
		*why = "this terminal (TERM) shows no pictures: the facts only";
		return true;
	}
	return false;
}

bool
picture_art_ok(int h, int w, const char **why)
{
	if (picture_text_only(why))
		return false;
	if (picture_proto_mode() == PP_TEXT) {
		*why = _("KLING_TUI_PICTURES=text: the picture's facts only");
		return false;
	}
	if (picture_proto_mode() == PP_CELLS && (!ui_has_colours() || COLORS < 8)) {
		*why = "no colours here: the picture's facts only";
		return false;
	}
	if (h < ART_MIN_H || w < ART_MIN_W) {
		*why = "too small a pane for the picture";
		return false;
	}
	return true;
}

/* The colour pair of fg on bg (-1: the terminal's default), made once;
 * when the table is full it starts again (pictures are redrawn whole). */
static short
art_pair(int fg, int bg)
{
	uint32_t key = (uint32_t)(fg + 2) << 16 | (uint32_t)(bg + 2);
	size_t i = (key * 2654435761u) & (ART_HASH - 1);
	int max = COLOR_PAIRS - ART_PAIR_BASE;

	if (max > ART_PAIRS_MAX)
		max = ART_PAIRS_MAX;
	for (;;) {
		if (art.hash_key[i] == key)
			return art.hash_pair[i];
		if (art.hash_key[i] == 0)
			break;
		i = (i + 1) & (ART_HASH - 1);
	}
	if (art.npairs >= max) {
		memset(art.hash_key, 0, sizeof art.hash_key);
		art.npairs = 0;
		return art_pair(fg, bg);
	}
	art.hash_key[i] = key;
	art.hash_pair[i] = (short)(ART_PAIR_BASE + art.npairs++);
	init_pair(art.hash_pair[i], (short)fg, (short)bg);
	return art.hash_pair[i];
}

static void
art_grid_clear(struct art_grid *g)
{
	free(g->key);
	free(g->cells);
	memset(g, 0, sizeof *g);
}

/* Render with chafa into a grid of cells: -1 when chafa cannot be had. */
static int
art_render(struct art_grid *g, const unsigned char *rgba, const char **why)
{
	ChafaSymbolMap *map;
	ChafaCanvasConfig *cfg;
	ChafaCanvas *cv;
	ChafaCanvasMode mode;
	gint fg, bg;
	int x, y;

	if (lazylib_load(&chafa_lib, why) != 0)
		return -1;
	/* The palette chafa picks from: what the pairs can hold. */
	if (COLORS >= 256 && COLOR_PAIRS >= ART_PAIR_BASE + 1024) {
		mode = CHAFA_CANVAS_MODE_INDEXED_240;
		art.colours = 256;
	} else if (COLORS >= 16) {
		mode = CHAFA_CANVAS_MODE_INDEXED_16;
		art.colours = 16;
	} else {
		mode = CHAFA_CANVAS_MODE_INDEXED_8;
		art.colours = 8;
	}
	map = p_chafa_symbol_map_new();
	/* Blocks and halves: drawn by every font tmux users have; never a
	 * blank space for a flat colour (the full block instead), so a
	 * picture always reads as a picture. */
	p_chafa_symbol_map_add_by_tags(map, CHAFA_SYMBOL_TAG_BLOCK | CHAFA_SYMBOL_TAG_HALF);
	cfg = p_chafa_canvas_config_new();
	p_chafa_canvas_config_set_geometry(cfg, g->cw, g->ch);
	p_chafa_canvas_config_set_cell_geometry(cfg, 8, 16);
	p_chafa_canvas_config_set_canvas_mode(cfg, mode);
	p_chafa_canvas_config_set_symbol_map(cfg, map);
	cv = p_chafa_canvas_new(cfg);
	p_chafa_canvas_draw_all_pixels(cv, CHAFA_PIXEL_RGBA8_UNASSOCIATED, rgba, g->pw, g->ph,
	    g->pw * 4);
	g->cells = xcalloc((size_t)g->cw * g->ch, sizeof *g->cells);
	for (y = 0; y < g->ch; y++) {
		for (x = 0; x < g->cw; x++) {
			struct art_cell *c = &g->cells[(size_t)y * g->cw + x];

			c->ch = (wchar_t)p_chafa_canvas_get_char_at(cv, x, y);
			p_chafa_canvas_get_raw_colors_at(cv, x, y, &fg, &bg);
			c->fg = (short)(fg < 0 ? -1 : fg);
			c->bg = (short)(bg < 0 ? -1 : bg);
		}
	}
	p_chafa_canvas_unref(cv);
	p_chafa_canvas_config_unref(cfg);
	p_chafa_symbol_map_unref(map);
	return 0;
}

/* The rendered grid of this picture at this size, kept for the redraws
 * that follow (a keystroke elsewhere must not render it again). */
static struct art_grid *
art_grid(int h, int w, const unsigned char *rgba, int pw, int ph, const char *key,
    const char **why)
{
	struct art_grid *g, *old = &art.grids[0];
	int64_t cw, ch;
	size_t i;

	for (i = 0; i < ART_GRIDS; i++) {
		g = &art.grids[i];
		if (g->key != NULL && strcmp(g->key, key) == 0 && g->h == h && g->w == w &&
		    g->pw == pw && g->ph == ph) {
			g->used = ++art.clock;
			return g;
		}
		if (g->used < old->used)
			old = g;
	}
	g = old;
	art_grid_clear(g);
	/* A cell is about twice as tall as wide. */
	cw = w;
	ch = ((int64_t)w * ph + pw) / (2 * pw);
	if (ch > h) {
		ch = h;
		cw = ((int64_t)h * 2 * pw + ph / 2) / ph;
	}
	g->cw = cw < 1 ? 1 : cw > w ? w : (int)cw;
	g->ch = ch < 1 ? 1 : (int)ch;
	g->h = h;
	g->w = w;
	g->pw = pw;
	g->ph = ph;
	if (art_render(g, rgba, why) != 0) {
		art_grid_clear(g);
		return NULL;
	}
	g->key = xstrdup(key);
	g->used = ++art.clock;
	return g;
}

int
picture_art_draw(WINDOW *w, int y, int x, int h, int wd, const unsigned char *rgba,
    int pw, int ph, const char *key, const char **why)
{
	struct art_grid *g;
	wchar_t wc[2] = { 0, 0 };
	cchar_t cc;
	int cy, cx, x0;

	if (rgba == NULL || pw < 1 || ph < 1)
		return -1;
	/* Past curses when the terminal can take more; block art in pairs
	 * when that fails (and the colours allow). */
	if (picture_proto_mode() >= PP_TRUECOLOR) {
		if ((cy = picture_proto_place(w, y, x, h, wd, rgba, pw, ph, key, why)) >= 0)
			return cy;
		if (!ui_has_colours() || COLORS < 8)
			return -1;
	}
	if ((g = art_grid(h, wd, rgba, pw, ph, key, why)) == NULL)
		return -1;
	x0 = x + (wd - g->cw) / 2;
	for (cy = 0; cy < g->ch; cy++) {
		for (cx = 0; cx < g->cw; cx++) {
			const struct art_cell *c = &g->cells[(size_t)cy * g->cw + cx];

			wc[0] = c->ch != 0 ? c->ch : L' ';
			setcchar(&cc, wc, A_NORMAL, art_pair(c->fg, c->bg), NULL);
			mvwadd_wch(w, y + cy, x0 + cx, &cc);
		}
	}
	return g->ch;
}

char *
picture_art_print(enum picture_proto mode, const unsigned char *rgba, int pw, int ph,
    int cw, int ch, int cell_w, int cell_h, size_t *len, const char **why)
{
	/* chafa's own table of terminals, asked for one that speaks what the
	 * terminal answered: the sequences, not a guess of the terminal. */
	static char env_kitty[] = "TERM=xterm-kitty", env_sixel[] = "TERM=mlterm",
	    env_iterm[] = "TERM_PROGRAM=iTerm.app", env_xterm[] = "TERM=xterm-256color",
	    env_rgb[] = "COLORTERM=truecolor";
	char *envp[3] = { NULL, NULL, NULL };
	ChafaSymbolMap *map = NULL;
	ChafaCanvasConfig *cfg;
	ChafaTermInfo *ti;
	ChafaCanvas *cv;
	GString *gs;
	char *out;

	if (lazylib_load(&chafa_lib, why) != 0)
		return NULL;
	cfg = p_chafa_canvas_config_new();
	p_chafa_canvas_config_set_geometry(cfg, cw, ch);
	p_chafa_canvas_config_set_cell_geometry(cfg, cell_w, cell_h);
	switch (mode) {
	case PP_KITTY:
		envp[0] = env_kitty;
		p_chafa_canvas_config_set_pixel_mode(cfg, CHAFA_PIXEL_MODE_KITTY);
		break;
	case PP_SIXEL:
		envp[0] = env_sixel;
		p_chafa_canvas_config_set_pixel_mode(cfg, CHAFA_PIXEL_MODE_SIXELS);
		break;
	case PP_ITERM:
		envp[0] = env_iterm;
		envp[1] = env_xterm;
		p_chafa_canvas_config_set_pixel_mode(cfg, CHAFA_PIXEL_MODE_ITERM2);
		break;
	default:
		envp[0] = env_xterm;
		envp[1] = env_rgb;
		map = p_chafa_symbol_map_new();
		p_chafa_symbol_map_add_by_tags(map, CHAFA_SYMBOL_TAG_BLOCK | CHAFA_SYMBOL_TAG_HALF);
		p_chafa_canvas_config_set_symbol_map(cfg, map);
		p_chafa_canvas_config_set_canvas_mode(cfg, CHAFA_CANVAS_MODE_TRUECOLOR);
		break;
	}
	ti = p_chafa_term_db_detect(p_chafa_term_db_get_default(), envp);
	cv = p_chafa_canvas_new(cfg);
	p_chafa_canvas_draw_all_pixels(cv, CHAFA_PIXEL_RGBA8_UNASSOCIATED, rgba, pw, ph, pw * 4);
	gs = p_chafa_canvas_print(cv, ti);
	*len = gs->len;
	out = xmalloc(gs->len + 1);
	memcpy(out, gs->str, gs->len + 1);
	p_g_string_free(gs, TRUE);
	p_chafa_canvas_unref(cv);
	p_chafa_term_info_unref(ti);
	p_chafa_canvas_config_unref(cfg);
	if (map != NULL)
		p_chafa_symbol_map_unref(map);
	return out;
}
