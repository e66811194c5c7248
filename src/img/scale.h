/* kling-tui: a box filter that takes a picture row by row and keeps only
 * the scaled-down result: memory is the output's, never the source's.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_IMG_SCALE_H
#define KT_IMG_SCALE_H

#include <stdint.h>

struct img_scale {
	int		 sw, sh, dw, dh;
	uint32_t	*acc;		/* dw * dh * 4 sums */
	uint32_t	*cnt;		/* dw * dh */
};

/* The output size for sw x sh in at most max_w x max_h, aspect kept,
 * never larger than the source, at least 1x1. */
void	 img_scale_fit(int sw, int sh, int max_w, int max_h, int *dw, int *dh);
void	 img_scale_init(struct img_scale *, int sw, int sh, int dw, int dh);
/* Source row y: sw pixels of RGBA (or RGB with channels 3). */
void	 img_scale_row(struct img_scale *, int y, const unsigned char *, int channels);
/* The result, malloc'd (dw * dh * 4); frees the sums. */
unsigned char *img_scale_finish(struct img_scale *);
void	 img_scale_free(struct img_scale *);

#endif
