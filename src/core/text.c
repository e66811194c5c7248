/* kling-tui: UTF-8 text: validation, character counts, display width, and
 * sanitising text that came from a server before anyone prints it.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xmalloc.h"

size_t
text_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t n, i;

	if (len == 0)
		return 0;
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2; c &= 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3; c &= 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4; c &= 0x07; min = 0x10000;
	} else
		return 0;	/* continuation byte, overlong lead or > U+10FFFF */
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

bool
text_valid_utf8(const char *s, size_t len, size_t *bad_off)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = text_decode(s + i, len - i, &cp)) == 0) {
			if (bad_off != NULL)
				*bad_off = i;
			return false;
		}
		i += n;
	}
	return true;
}

/* Whether one of the eight bytes at s is not ASCII. */
static inline bool
text_any_high(const char *s)
{
	uint64_t w;

	memcpy(&w, s, sizeof w);
	return (w & 0x8080808080808080ULL) != 0;
}

size_t
text_chars(const char *s)
{
	size_t len = strlen(s), i = 0, n, count = 0;
	uint32_t cp;

	while (i < len) {
		/* Eight ASCII bytes at a time: most prompts are English. */
		while (len - i >= 8 && !text_any_high(s + i)) {
			i += 8;
			count += 8;
		}
		if (i == len)
			break;
		/* A count, not a check: every byte that does not start a code
		 * point is one character, as it will show as U+FFFD. */
		if ((unsigned char)s[i] < 0x80 ||
		    (n = text_decode(s + i, len - i, &cp)) == 0)
			n = 1;
		i += n;
		count++;
	}
	return count;
}

struct range {
	uint32_t	first;
	uint32_t	last;
};

/* Zero columns: combining marks, zero-width and format characters, variation
 * selectors. Sorted, for a binary search. */
static const struct range text_zero[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd }, { 0x05bf, 0x05bf },
	{ 0x05c1, 0x05c2 }, { 0x05c4, 0x05c5 }, { 0x05c7, 0x05c7 }, { 0x0610, 0x061a },
	{ 0x061c, 0x061c }, { 0x064b, 0x065f }, { 0x0670, 0x0670 }, { 0x06d6, 0x06dc },
	{ 0x06df, 0x06e4 }, { 0x06e7, 0x06e8 }, { 0x06ea, 0x06ed }, { 0x0711, 0x0711 },
	{ 0x0730, 0x074a }, { 0x07a6, 0x07b0 }, { 0x07eb, 0x07f3 }, { 0x0816, 0x082d },
	{ 0x0859, 0x085b }, { 0x08d3, 0x0902 }, { 0x093a, 0x093a }, { 0x093c, 0x093c },
	{ 0x0941, 0x0948 }, { 0x094d, 0x094d }, { 0x0951, 0x0957 }, { 0x0962, 0x0963 },
	{ 0x0981, 0x0981 }, { 0x09bc, 0x09bc }, { 0x09c1, 0x09c4 }, { 0x09cd, 0x09cd },
	{ 0x0a01, 0x0a02 }, { 0x0a3c, 0x0a3c }, { 0x0a41, 0x0a51 }, { 0x0abc, 0x0abc },
	{ 0x0ac1, 0x0ac8 }, { 0x0acd, 0x0acd }, { 0x0b3c, 0x0b3c }, { 0x0b4d, 0x0b4d },
	{ 0x0bcd, 0x0bcd }, { 0x0c3e, 0x0c40 }, { 0x0c4a, 0x0c4d }, { 0x0cbc, 0x0cbc },
	{ 0x0d41, 0x0d44 }, { 0x0d4d, 0x0d4d }, { 0x0e31, 0x0e31 }, { 0x0e34, 0x0e3a },
	{ 0x0e47, 0x0e4e }, { 0x0eb1, 0x0eb1 }, { 0x0eb4, 0x0ebc }, { 0x0ec8, 0x0ecd },
	{ 0x0f18, 0x0f19 }, { 0x0f35, 0x0f35 }, { 0x0f37, 0x0f37 }, { 0x0f39, 0x0f39 },
	{ 0x0f71, 0x0f7e }, { 0x0f80, 0x0f84 }, { 0x102d, 0x1030 }, { 0x1032, 0x1037 },
	{ 0x1160, 0x11ff }, { 0x135d, 0x135f }, { 0x17b4, 0x17b5 }, { 0x17b7, 0x17bd },
	{ 0x180b, 0x180f }, { 0x1ab0, 0x1aff }, { 0x1dc0, 0x1dff }, { 0x200b, 0x200f },
	{ 0x202a, 0x202e }, { 0x2060, 0x2064 }, { 0x2066, 0x206f }, { 0x20d0, 0x20f0 },
	{ 0x2cef, 0x2cf1 }, { 0x2de0, 0x2dff }, { 0x302a, 0x302d }, { 0x3099, 0x309a },
	{ 0xa66f, 0xa672 }, { 0xa674, 0xa67d }, { 0xa69e, 0xa69f }, { 0xa6f0, 0xa6f1 },
	{ 0xa8e0, 0xa8f1 }, { 0xfb1e, 0xfb1e }, { 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f },
	{ 0xfeff, 0xfeff }, { 0x1d167, 0x1d169 }, { 0x1d17b, 0x1d182 },
	{ 0xe0001, 0xe0001 }, { 0xe0020, 0xe007f }, { 0xe0100, 0xe01ef },
};

/* Two columns: East Asian Wide and Fullwidth, and emoji shown in emoji
 * presentation by default. Sorted. */
static const struct range text_wide[] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a }, { 0x23e9, 0x23ec },
	{ 0x23f0, 0x23f0 }, { 0x23f3, 0x23f3 }, { 0x25fd, 0x25fe }, { 0x2614, 0x2615 },
	{ 0x2648, 0x2653 }, { 0x267f, 0x267f }, { 0x2693, 0x2693 }, { 0x26a1, 0x26a1 },
	{ 0x26aa, 0x26ab }, { 0x26bd, 0x26be }, { 0x26c4, 0x26c5 }, { 0x26ce, 0x26ce },
	{ 0x26d4, 0x26d4 }, { 0x26ea, 0x26ea }, { 0x26f2, 0x26f3 }, { 0x26f5, 0x26f5 },
	{ 0x26fa, 0x26fa }, { 0x26fd, 0x26fd }, { 0x2705, 0x2705 }, { 0x270a, 0x270b },
	{ 0x2728, 0x2728 }, { 0x274c, 0x274c }, { 0x274e, 0x274e }, { 0x2753, 0x2755 },
	{ 0x2757, 0x2757 }, { 0x2795, 0x2797 }, { 0x27b0, 0x27b0 }, { 0x27bf, 0x27bf },
	{ 0x2b1b, 0x2b1c }, { 0x2b50, 0x2b50 }, { 0x2b55, 0x2b55 }, { 0x2e80, 0x303e },
	{ 0x3041, 0x3247 }, { 0x3250, 0x4dbf }, { 0x4e00, 0xa4cf }, { 0xa960, 0xa97f },
	{ 0xac00, 0xd7a3 }, { 0xf900, 0xfaff }, { 0xfe10, 0xfe19 }, { 0xfe30, 0xfe6f },
	{ 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x16fe0, 0x16fe4 }, { 0x17000, 0x18cff },
	{ 0x1b000, 0x1b2ff }, { 0x1f004, 0x1f004 }, { 0x1f0cf, 0x1f0cf }, { 0x1f18e, 0x1f18e },
	{ 0x1f191, 0x1f19a }, { 0x1f200, 0x1f202 }, { 0x1f210, 0x1f23b }, { 0x1f240, 0x1f248 },
	{ 0x1f250, 0x1f251 }, { 0x1f260, 0x1f265 }, { 0x1f300, 0x1f320 }, { 0x1f32d, 0x1f335 },
	{ 0x1f337, 0x1f37c }, { 0x1f37e, 0x1f393 }, { 0x1f3a0, 0x1f3ca }, { 0x1f3cf, 0x1f3d3 },
	{ 0x1f3e0, 0x1f3f0 }, { 0x1f3f4, 0x1f3f4 }, { 0x1f3f8, 0x1f43e }, { 0x1f440, 0x1f440 },
	{ 0x1f442, 0x1f4fc }, { 0x1f4ff, 0x1f53d }, { 0x1f54b, 0x1f54e }, { 0x1f550, 0x1f567 },
	{ 0x1f57a, 0x1f57a }, { 0x1f595, 0x1f596 }, { 0x1f5a4, 0x1f5a4 }, { 0x1f5fb, 0x1f64f },
	{ 0x1f680, 0x1f6c5 }, { 0x1f6cc, 0x1f6cc }, { 0x1f6d0, 0x1f6d2 }, { 0x1f6d5, 0x1f6d7 },
	{ 0x1f6dc, 0x1f6df }, { 0x1f6eb, 0x1f6ec }, { 0x1f6f4, 0x1f6fc }, { 0x1f7e0, 0x1f7eb },
	{ 0x1f7f0, 0x1f7f0 }, { 0x1f90c, 0x1f93a }, { 0x1f93c, 0x1f945 }, { 0x1f947, 0x1f9ff },
	{ 0x1fa70, 0x1faff }, { 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
};

static bool
text_in(const struct range *r, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n, mid;

	if (cp < r[0].first || cp > r[n - 1].last)
		return false;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp > r[mid].last)
			lo = mid + 1;
		else if (cp < r[mid].first)
			hi = mid;
		else
			return true;
	}
	return false;
}

#define NITEMS(a) (sizeof (a) / sizeof (a)[0])

int
text_cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 0;
	if (cp < 0x300)
		return 1;
	if (text_in(text_zero, NITEMS(text_zero), cp))
		return 0;
	if (text_in(text_wide, NITEMS(text_wide), cp))
		return 2;
	return 1;
}

/* Columns of the character at s, and its byte length in *n: an invalid byte
 * is one column (it shows as U+FFFD). */
static int
text_next(const char *s, size_t len, size_t *n)
{
	uint32_t cp;

	if ((*n = text_decode(s, len, &cp)) == 0) {
		*n = 1;
		return 1;
	}
	return text_cp_width(cp);
}

size_t
text_width(const char *s)
{
	size_t len = strlen(s), i = 0, n, cols = 0;

	while (i < len) {
		cols += text_next(s + i, len - i, &n);
		i += n;
	}
	return cols;
}

int
text_pad(const char *s, size_t cols)
{
	size_t w = text_width(s);

	return w < cols ? (int)(cols - w) : 0;
}

size_t
text_fit(const char *s, size_t cols)
{
	size_t len = strlen(s), i = 0, n, used = 0;
	int w;

	while (i < len) {
		w = text_next(s + i, len - i, &n);
		if (used + (size_t)w > cols)
			break;
		used += w;
		i += n;
	}
	return i;
}

size_t
text_wrap_line(const char *s, size_t cols, const char **next)
{
	size_t len = strlen(s), n = text_fit(s, cols), k;

	if (n == 0 && len > 0)
		(void)text_next(s, len, &n);	/* wider than the line */
	if (s[n] != '\0') {
		for (k = n; k > 0 && s[k] != ' '; k--)
			;
		if (k > 0)
			n = k;
	}
	for (*next = s + n; **next == ' '; (*next)++)
		;
	return n;
}

char *
text_file_name(const char *s)
{
	char *name = xmalloc(strlen(s != NULL ? s : "") + 1);
	size_t i, n = 0;

	for (i = 0; s != NULL && s[i] != '\0'; i++) {
		if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-' ||
		    (s[i] == '.' && n > 0))
			name[n++] = s[i];
	}
	name[n] = '\0';
	return name;
}

/* Where an escape sequence that starts at s[i] (ESC, or a C1 introducer
 * already decoded as cp) ends: the offset just after it. */
static size_t
text_skip_escape(const char *s, size_t len, size_t i, uint32_t intro, size_t introlen)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t kind = intro;

	i += introlen;
	if (intro == 0x1b) {
		if (i >= len)
			return len;
		switch (u[i]) {
		case '[': kind = 0x9b; break;
		case ']': kind = 0x9d; break;
		case 'P': kind = 0x90; break;
		case 'X': kind = 0x98; break;
		case '^': kind = 0x9e; break;
		case '_': kind = 0x9f; break;
		default:
			/* ESC, intermediates, one final byte: ESC ( B, ESC c. */
			while (i < len && u[i] >= 0x20 && u[i] <= 0x2f)
				i++;
			return i < len ? i + 1 : len;
		}
		i++;
	}
	if (kind == 0x9b) {
		/* CSI: parameters and intermediates up to a final byte. */
		while (i < len && !(u[i] >= 0x40 && u[i] <= 0x7e))
			i++;
		return i < len ? i + 1 : len;
	}
	/* OSC, DCS, SOS, PM, APC: a string up to ST (ESC \ or U+009C) or,
	 * as xterm allows for OSC, BEL. */
	while (i < len) {
		if (u[i] == 0x07)
			return i + 1;
		if (u[i] == 0x1b && i + 1 < len && u[i + 1] == '\\')
			return i + 2;
		if (u[i] == 0xc2 && i + 1 < len && u[i + 1] == 0x9c)
			return i + 2;
		i++;
	}
	return len;
}

char *
text_sanitize(const char *s, size_t len, size_t max_bytes, bool keep_newlines)
{
	static const char fffd[] = "\xef\xbf\xbd";
	char *out = xmalloc(len * 3 + 1), c1;
	const char *put;
	size_t i = 0, o = 0, n, putlen;
	uint32_t cp;

	while (i < len) {
		/* A run of printable ASCII, most of any text, in one copy. */
		for (n = 0; i + n < len && (unsigned char)s[i + n] >= 0x20 &&
		    (unsigned char)s[i + n] < 0x7f; n++)
			;
		if (n > 0) {
			if (max_bytes != 0 && o + n > max_bytes)
				n = max_bytes - o;
			memcpy(out + o, s + i, n);
			o += n;
			i += n;
			if (max_bytes != 0 && o == max_bytes)
				break;
			continue;
		}
		if ((n = text_decode(s + i, len - i, &cp)) == 0) {
			put = fffd;
			putlen = 3;
			i++;
		} else if (cp == 0x1b || cp == 0x9b || cp == 0x9d || cp == 0x90 ||
		    cp == 0x98 || cp == 0x9e || cp == 0x9f) {
			i = text_skip_escape(s, len, i, cp, n);
			continue;
		} else if (cp == '\n' || cp == '\t') {
			c1 = keep_newlines ? (char)cp : ' ';
			put = &c1;
			putlen = 1;
			i += n;
		} else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ||
		    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
		    cp == 0x200e || cp == 0x200f || cp == 0x061c) {
			/* Controls, and bidi overrides that would let a
			 * message show text in an order it is not in. */
			i += n;
			continue;
		} else {
			put = s + i;
			putlen = n;
			i += n;
		}
		if (max_bytes != 0 && o + putlen > max_bytes)
			break;
		memcpy(out + o, put, putlen);
		o += putlen;
	}
	out[o] = '\0';
	return out;
}

void
text_fputs(const char *s, FILE *f)
{
	char *safe;

	if (s == NULL)
		return;
	safe = text_sanitize(s, strlen(s), 0, false);
	fputs(safe, f);
	free(safe);
}
