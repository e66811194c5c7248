/* kling-tui: UTF-8 text: validation, character counts, display width, and
 * sanitising text that came from a server before anyone prints it.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_TEXT_H
#define KT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

/* Decode one code point at s (len bytes left). Returns its byte length
 * (1..4) and sets *cp; on invalid or truncated UTF-8 (overlongs, surrogates,
 * > U+10FFFF) returns 0. */
size_t	 text_decode(const char *s, size_t len, uint32_t *cp);

/* NULL/true when valid; otherwise false and *bad_off the first bad byte. */
bool	 text_valid_utf8(const char *s, size_t len, size_t *bad_off);

/* Characters (code points), not bytes. Invalid bytes count one each. */
size_t	 text_chars(const char *s);

/* Terminal columns of one code point (0 combining/zero-width, 2 East Asian
 * wide and emoji, 1 otherwise; control characters 0), independent of locale. */
int	 text_cp_width(uint32_t cp);
/* Columns of a whole string. */
size_t	 text_width(const char *s);
/* The spaces that pad s to cols columns (0 when it is as wide or wider):
 * printf("%s%*s", s, text_pad(s, 16), "") is "%-16s" counted in columns,
 * so that a column of Chinese text lines up. */
int	 text_pad(const char *s, size_t cols);

/* Byte length of the longest prefix of s that fits in cols columns, never
 * splitting a character. */
size_t	 text_fit(const char *s, size_t cols);
/* One line of s wrapped at cols columns: its byte length, broken after
 * the last space that fits when the rest does not (a word longer than
 * the line is cut), at least one character while any is left; *next is
 * where the next line starts, its leading spaces skipped. */
size_t	 text_wrap_line(const char *s, size_t cols, const char **next);
/* s (a server's id) as a file name: only its [A-Za-z0-9_-] characters and
 * dots after the first kept, so it never makes a path, a hidden file or
 * "..". May be empty. Caller frees. */
char	*text_file_name(const char *s);

/* A copy of untrusted text safe to print: escape sequences (CSI, OSC, DCS,
 * ...) removed, other C0/C1 controls and DEL removed (newline and tab become
 * a space unless keep_newlines), invalid UTF-8 replaced with U+FFFD, and cut
 * at max_bytes (0: no limit) without splitting a character. Never NULL. */
char	*text_sanitize(const char *s, size_t len, size_t max_bytes, bool keep_newlines);
/* fputs of text_sanitize(s), on one line: for file names, paths and
 * messages on their way to a terminal. NULL prints nothing. */
void	 text_fputs(const char *s, FILE *f);

#endif
