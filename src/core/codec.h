/* kling-tui: storyboard <-> JSON. The only user of cJSON.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_CODEC_H
#define KT_CODEC_H

#include <stddef.h>

#include "storyboard.h"

#define CODEC_MAX_FILE  (8u * 1024 * 1024)	/* larger files are refused */
#define CODEC_MAX_DEPTH 64			/* deeper nesting is refused */

/* Decode a CreateTask body. Text that is not JSON (syntax, truncation, invalid
 * UTF-8, too deep, too large, empty) fails: NULL, *cause set to a message with
 * "line L, column C" (free it). JSON that decodes but breaks the model (wrong
 * types, duplicate keys, unknown keys) succeeds, with those findings in
 * sb->load_diags. */
struct storyboard *codec_decode(const char *text, size_t len, char **cause);

/* Read and decode a file; the cause also covers unreadable files, directories
 * and files over CODEC_MAX_FILE. */
struct storyboard *codec_load_file(const char *path, char **cause);

/* Encode: keys in a stable order (known keys in API.md's order, then unknown
 * ones as they came), two-space indent, UTF-8 as is, trailing newline.
 * Returns a malloc'd string. */
char *codec_encode(const struct storyboard *);

/* s as a JSON string literal: quoted, escaped, UTF-8 as is. Malloc'd. */
char *codec_string(const char *s);

/* cJSON's version, for a bug report. */
const char *codec_library_version(void);

/* Write atomically: temp file beside path, fsync, rename. 0 or -1 + *cause. */
int codec_save_file(const struct storyboard *, const char *path, char **cause);

#endif
