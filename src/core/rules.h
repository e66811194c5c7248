/* kling-tui: the service's rules, checked on the in-memory model.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_RULES_H
#define KT_RULES_H

#include "diag.h"
#include "storyboard.h"

/* Clears out, then appends every diagnostic for sb: first the decoder's
 * (sb->load_diags), then each rule of API.md section 1, in field order.
 * Cheap enough to run on every keystroke. Returns the number of errors. */
size_t rules_check(const struct storyboard *sb, struct diag_list *out);

/* The @names a prompt mentions, for the editor's completion and marking:
 * calls fn for each, with the byte offset and length of "@name". */
void rules_each_mention(const char *prompt,
    void (*fn)(void *arg, size_t off, size_t len, const char *name, size_t namelen),
    void *arg);

#endif
