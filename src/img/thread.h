/* kling-tui: the decode thread: pictures are decoded (and a video's
 * frames extracted with ffmpeg) here, never on the main thread, whose
 * keystrokes must not wait, nor on the network worker, which must stay free
 * for the API. The main loop polls img_thread_fd() and takes the results.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_IMG_THREAD_H
#define KT_IMG_THREAD_H

#include <stddef.h>
#include <stdint.h>

#include "img/decode.h"
#include "img/probe.h"

/* ffmpeg gets this long for one frame. */
#define IMG_FFMPEG_TIMEOUT_MS	15000

/* One picture to make. Exactly one source: data (the bytes, handed over),
 * or file (a picture on disk), or video + at (ffmpeg extracts the frame
 * at that second into file, unless file exists already, then it is
 * decoded). */
struct img_job {
	uint64_t	 tag;
	unsigned char	*data;
	size_t		 len;
	char		*file;
	char		*video;
	double		 at;
	int		 max_w, max_h;
};

struct img_done {
	uint64_t		 tag;
	struct img_info		 info;
	size_t			 bytes;
	struct img_pixels	 px;	/* px.rgba NULL on failure */
	char			*error;
};

struct img_thread;

struct img_thread *img_thread_start(char **cause);
int	 img_thread_fd(struct img_thread *);
/* Takes the job's pointers (freed when done). */
void	 img_thread_submit(struct img_thread *, struct img_job *);
/* 1 and *done filled (the caller's: img_done_clear()), or 0 when none. */
int	 img_thread_take(struct img_thread *, struct img_done *);
void	 img_done_clear(struct img_done *);
/* Drop the jobs not started, end a running ffmpeg, join. */
void	 img_thread_stop(struct img_thread **);

#endif
