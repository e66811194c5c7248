/* kling-tui: the service's rules, checked on the in-memory model.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_RULES_H
#define KT_RULES_H

#include "diag.h"
#include "storyboard.h"

#include <stdbool.h>
#include <stdint.h>

/* Clears out, then appends every diagnostic for sb: first the decoder's
 * (sb->load_diags), then each rule of API.md section 1, in field order.
 * Cheap enough to run on every keystroke. Returns the number of errors. */
size_t rules_check(const struct storyboard *sb, struct diag_list *out);

/* The @names a prompt mentions, for the editor's completion and marking:
 * calls fn for each, with the byte offset and length of "@name". */
void rules_each_mention(const char *prompt,
    void (*fn)(void *arg, size_t off, size_t len, const char *name, size_t namelen),
    void *arg);

/* What an image URL holds, as read from its bytes (never guessed from the
 * URL): type "JPEG", "PNG", another format's name, or NULL when unread;
 * supported: JPEG or PNG by content; bytes: its size, -1 unknown; over:
 * larger than the service's 10 MB (bytes may then be a lower bound);
 * width, height: 0 unknown. */
struct rules_image {
	const char	*type;
	bool		 supported;
	int64_t		 bytes;
	bool		 over;
	int		 width, height;
};
#define RULES_IMAGE_MIN_SIDE	300
#define RULES_IMAGE_MAX_BYTES	(10 * 1024 * 1024)

/* Append the service's image rules broken by this image (at path, e.g.
 * input.img_urls[0]): not a JPEG or PNG, over 10 MB, under 300 px on the
 * short side. Errors: the service would refuse the task. Returns how many. */
size_t rules_check_image(const char *path, const struct rules_image *,
    struct diag_list *out);

#endif
