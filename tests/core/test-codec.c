/* kling-tui: tests for codec.c: decoding, encoding, and bad input.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "core-test.h"
#include "storyboard.h"
#include "xmalloc.h"

static const char *const valid[] = {
	"text-to-video.json", "image-to-video.json", "multi-shot-customize.json",
	"multi-shot-intelligence.json", "elements.json", "create-example.json",
	"max.json", "max-prompt.json", "cjk.json", NULL
};

/* Already in canonical form: encoding what they decode to gives them back. */
static const char *const canonical[] = {
	"text-to-video.json", "image-to-video.json", "multi-shot-customize.json",
	"elements.json", "create-example.json", "max.json", "max-prompt.json",
	"cjk.json", "unknown-keys.json", "bad-types.json", NULL
};

/* Decoding fails; the cause must contain want. */
static void
refused(const char *text, size_t len, const char *want, const char *name)
{
	struct storyboard *sb;
	char *cause = NULL;

	sb = codec_decode(text, len, &cause);
	ok(sb == NULL && cause != NULL && strstr(cause, want) != NULL,
	    "refused: %s", name);
	if (cause == NULL || strstr(cause, want) == NULL)
		diag_note("cause: %s; want: %s", cause ? cause : "(none)", want);
	sb_free(&sb);
	free(cause);
}

static struct storyboard *
decoded(const char *text)
{
	char *cause = NULL;
	struct storyboard *sb = codec_decode(text, strlen(text), &cause);

	if (sb == NULL) {
		diag_note("unexpected failure: %s", cause);
		free(cause);
		sb = sb_new();
	}
	return sb;
}

static void
test_fixtures(void)
{
	struct storyboard *sb, *again;
	char *text, *out, *out2;
	size_t i, len;

	for (i = 0; valid[i] != NULL; i++) {
		sb = load_fixture(valid[i]);
		ok(sb != NULL && sb->load_diags->n == 0, "%s decodes cleanly", valid[i]);
		if (sb == NULL)
			continue;
		out = codec_encode(sb);
		again = decoded(out);
		ok(sb_equal(sb, again), "%s: decode(encode(x)) == x", valid[i]);
		out2 = codec_encode(again);
		is_str(out2, out, "%s: encoding is stable", valid[i]);
		free(out);
		free(out2);
		sb_free(&again);
		sb_free(&sb);
	}
	for (i = 0; canonical[i] != NULL; i++) {
		text = read_fixture(canonical[i], &len);
		sb = codec_decode(text, len, NULL);
		out = sb != NULL ? codec_encode(sb) : NULL;
		is_str(out, text, "%s: encode(decode(file)) is byte-identical", canonical[i]);
		free(out);
		free(text);
		sb_free(&sb);
	}

	/* The intelligence example lists img_urls before prompt: written back in
	 * the API's order. */
	sb = load_fixture("multi-shot-intelligence.json");
	out = codec_encode(sb);
	ok(strstr(out, "\"prompt\"") < strstr(out, "\"img_urls\""),
	    "known keys are written in the API's order");
	free(out);
	sb_free(&sb);

	sb = load_fixture("cjk.json");
	out = codec_encode(sb);
	ok(strstr(out, "\xe9\x9b\xa8\xe5\xa4\x9c") != NULL && strstr(out, "\\u") == NULL,
	    "CJK is written as UTF-8, not \\u escapes");
	ok(strstr(out, "\t") == NULL && strstr(out, "\n    \"mode\"") != NULL,
	    "two-space indent, no tabs");
	ok(out[strlen(out) - 1] == '\n', "trailing newline");
	free(out);
	sb_free(&sb);
}

static void
test_duplicates(void)
{
	struct storyboard *sb = load_fixture("elements-as-printed.json");
	char *out;

	ok(sb != NULL, "the page's element example decodes");
	if (sb == NULL)
		return;
	is_int(diags_at(sb->load_diags, DIAG_ERROR, "input.element_list[0].name",
	    "duplicate key \"name\" (the last one is used)"), 1,
	    "duplicate name reported at its path");
	is_int(diags_at(sb->load_diags, DIAG_ERROR, "input.element_list[0].description",
	    "duplicate key \"description\""), 1, "duplicate description reported");
	is_int(sb->load_diags->n, 2, "nothing else reported while decoding");
	is_str(sb->elements[0].name, "hero", "the last name is used");
	is_str(sb->elements[0].description, "A young explorer wearing a yellow raincoat.",
	    "the last description is used");
	sb_free(&sb);

	sb = decoded("{\"model\": \"a\", \"x\": [1, {\"k\": 1, \"k\": 2, \"k\": 3}], "
	    "\"model\": \"kling/v3\"}");
	is_int(diags_at(sb->load_diags, DIAG_ERROR, "x[1].k", "duplicate"), 2,
	    "duplicates inside an unknown value: each one reported");
	is_int(diags_at(sb->load_diags, DIAG_ERROR, "model", "duplicate"), 1,
	    "duplicate top-level key reported");
	is_str(sb->model, "kling/v3", "top level: the last one is used");
	out = codec_encode(sb);
	ok(strstr(out, "\"k\": 3") != NULL && strstr(out, "\"k\": 1") == NULL,
	    "only the last duplicate is written back");
	free(out);
	sb_free(&sb);

	/* Keys reach terminals in paths and messages: no escape gets through. */
	sb = decoded("{\"\\u001b]0;pwn\\u0007\": 1, \"\\u001b]0;pwn\\u0007\": 2, "
	    "\"x\\u009b2J\": 3}");
	is_int(diags_at(sb->load_diags, DIAG_ERROR, "?]0;pwn?",
	    "duplicate key \"?]0;pwn?\""), 1, "controls in a duplicate key shown as '?'");
	is_int(diags_at(sb->load_diags, DIAG_WARNING, "x?2J", "unknown"), 1,
	    "a C1 control in a key shown as '?'");
	sb_free(&sb);
	/* DEL, the first of the controls after ASCII, and U+00A0, the first
	 * character after them. */
	sb = decoded("{\"a\\u007f\": 1, \"b\\u00a0\": 2}");
	is_int(diags_at(sb->load_diags, DIAG_WARNING, "a?", "unknown"), 1,
	    "DEL in a key shown as '?'");
	is_int(diags_at(sb->load_diags, DIAG_WARNING, "b\xc2\xa0", "unknown"), 1,
	    "U+00A0 in a key kept");
	sb_free(&sb);
	{
		/* Enough keys that their hashes meet in the table. */
		char	text[4096], *p = text;
		int	i;

		p += sprintf(p, "{\"model\": \"kling/v3\", \"x\": {");
		for (i = 0; i < 60; i++)
			p += sprintf(p, "\"k%d\": %d, ", i, i);
		sprintf(p, "\"k7\": 0, \"k59\": 0, \"k60\": 0}}");
		sb = decoded(text);
		is_int(diags_at(sb->load_diags, DIAG_ERROR, "x.k7", "duplicate"), 1,
		    "among 63 keys, a duplicate is found");
		is_int(diags_at(sb->load_diags, DIAG_ERROR, "x.k59", "duplicate"), 1,
		    "and another");
		is_int(diag_count(sb->load_diags, DIAG_ERROR), 2,
		    "and no key is taken for another");
		sb_free(&sb);
	}
	{
		/* Up to 16 keys are compared one by one, more go in an index:
		 * either side of the line, the first and the last key each
		 * have a duplicate found. */
		char	text[1024], last[32], *p;
		int	i, n;

		for (n = 15; n <= 18; n++) {
			p = text + sprintf(text, "{\"model\": \"kling/v3\", \"y\": [{");
			for (i = 0; i < n - 2; i++)
				p += sprintf(p, "\"k%d\": %d, ", i, i);
			sprintf(p, "\"k0\": 0, \"k%d\": 0}]}", n - 3);
			sb = decoded(text);
			is_int(diags_at(sb->load_diags, DIAG_ERROR, "y[0].k0", "duplicate"), 1,
			    "%d keys: the first key's duplicate found, at its path", n);
			sprintf(last, "y[0].k%d", n - 3);
			is_int(diags_at(sb->load_diags, DIAG_ERROR, last, "duplicate"), 1,
			    "%d keys: and the last one's", n);
			sb_free(&sb);
		}
	}
	{
		/* A key longer than a message can show is cut, whole
		 * characters only, never written past its buffer. */
		char	text[1024], key[300], want[128];
		size_t	i, n = 0;

		for (i = 0; i < 100; i++)
			n += (size_t)sprintf(key + n, "\xc3\xa9");	/* é, 2 bytes */
		snprintf(text, sizeof text, "{\"%s\": 1, \"%s\": 2}", key, key);
		sb = decoded(text);
		/* 63 bytes of room: 31 é, not half of a 32nd. */
		snprintf(want, sizeof want, "duplicate key \"%.62s\"", key);
		ok(sb->load_diags->n > 0 &&
		    strncmp(sb->load_diags->v[0].msg, want, strlen(want)) == 0 &&
		    sb->load_diags->v[0].msg[strlen(want)] == ' ',
		    "a 200-byte key is cut to 31 whole characters in a message");
		if (sb->load_diags->n > 0)
			diag_note("%s", sb->load_diags->v[0].msg);
		sb_free(&sb);
		memset(key, 'k', 100);
		key[100] = '\0';
		snprintf(text, sizeof text, "{\"%s\": 1, \"%s\": 2}", key, key);
		sb = decoded(text);
		snprintf(want, sizeof want, "duplicate key \"%.63s\" ", key);
		ok(sb->load_diags->n > 0 &&
		    strncmp(sb->load_diags->v[0].msg, want, strlen(want)) == 0,
		    "an ASCII one to 63, all the room there is");
		sb_free(&sb);
	}
}

static void
test_types(void)
{
	struct storyboard *sb = load_fixture("bad-types.json"), *again;
	char *out, *text;
	size_t len;

	ok(sb != NULL, "bad types still decode");
	if (sb == NULL)
		return;
	is_int(diags_at(sb->load_diags, DIAG_ERROR, "input.multi_shots",
	    "must be true or false, got a string"), 1, "string for a boolean");
	is_int(diags_at(sb->load_diags, DIAG_ERROR, "input.duration",
	    "must be an integer, got 10.5"), 1, "10.5 is not an integer");
	is_int(diags_at(sb->load_diags, DIAG_ERROR, "input.img_urls",
	    "must be an array of URL strings, got a string"), 1, "string for an array");
	is_int(diags_at(sb->load_diags, DIAG_ERROR, "input.audio",
	    "must be true or false, got 1"), 1, "number for a boolean");
	ok(!sb->has_duration && sb->multi_shots == SB_UNSET, "bad values do not reach the model");
	out = codec_encode(sb);
	text = read_fixture("bad-types.json", &len);
	is_str(out, text, "badly typed values are written back where they were");
	free(text);
	free(out);
	sb_free(&sb);

	/* Found by fuzz-codec: an unknown key among badly typed ones moves
	 * after them when written, and the storyboard is still the same. */
	sb = decoded("{\"input\": {\"audio\": 1, \"zz\": 2, \"duration\": \"5\"}}");
	out = codec_encode(sb);
	again = decoded(out);
	ok(sb_equal(sb, again), "bad-type and unknown keys: decode(encode(x)) == x");
	free(out);
	sb_free(&again);
	sb_free(&sb);

	sb = decoded("{\"input\": {\"duration\": \"10\"}}");
	is_int(diags_at(sb->load_diags, DIAG_ERROR, "input.duration",
	    "must be an integer, got a string"), 1, "\"10\" is a string");
	sb_free(&sb);
	sb = decoded("{\"input\": {\"duration\": 1e300}}");
	is_int(diags_at(sb->load_diags, DIAG_ERROR, "input.duration", "integer"), 1,
	    "1e300 does not fit");
	sb_free(&sb);
	sb = decoded("{\"input\": {\"duration\": 12}}");
	ok(sb->has_duration && sb->duration == 12 && sb->load_diags->n == 0, "12 is fine");
	sb_free(&sb);
	sb = decoded("{\"input\": {\"img_urls\": [\"https://a/b.png\", 7]}}");
	is_int(diags_at(sb->load_diags, DIAG_ERROR, "input.img_urls[1]",
	    "must be a string, got a number"), 1, "a number among URLs: its index named");
	out = codec_encode(sb);
	ok(strstr(out, "7\n") != NULL && strstr(out, "b.png") != NULL,
	    "the mixed array is kept whole");
	free(out);
	sb_free(&sb);
	sb = decoded("{\"input\": {\"multi_prompt\": [{\"prompt\": 5, \"duration\": 2.5}]}}");
	is_int(diags_at(sb->load_diags, DIAG_ERROR, "input.multi_prompt[0].prompt",
	    "must be a string"), 1, "shot prompt type error at its path");
	is_int(diags_at(sb->load_diags, DIAG_ERROR, "input.multi_prompt[0].duration",
	    "must be an integer"), 1, "shot duration type error at its path");
	sb_free(&sb);
	sb = decoded("{\"input\": {\"multi_prompt\": [\"just text\"]}}");
	is_int(diags_at(sb->load_diags, DIAG_ERROR, "input.multi_prompt[0]",
	    "must be an object, got a string"), 1, "a shot that is not an object");
	sb_free(&sb);
	sb = decoded("{\"input\": [], \"callback_url\": null}");
	is_int(diags_at(sb->load_diags, DIAG_ERROR, "input", "must be an object, got an array"),
	    1, "input must be an object");
	ok(sb->callback_null, "callback_url null is allowed");
	sb_free(&sb);
	sb = decoded("{\"input\": {\"shot_type\": null}}");
	ok(sb->shot_type_null && sb->load_diags->n == 0, "shot_type null is allowed");
	out = codec_encode(sb);
	ok(strstr(out, "\"shot_type\": null") != NULL, "shot_type null written back");
	free(out);
	sb_free(&sb);
}

static void
test_unknown(void)
{
	struct storyboard *sb = load_fixture("unknown-keys.json");
	char *out;

	ok(sb != NULL, "unknown keys decode");
	if (sb == NULL)
		return;
	is_int(diags_at(sb->load_diags, DIAG_WARNING, "input.negative_prompt", "unknown key"),
	    1, "unknown key in input: a warning");
	is_int(diags_at(sb->load_diags, DIAG_WARNING, "client_note", "unknown key"), 1,
	    "unknown top-level key: a warning");
	is_int(diag_count(sb->load_diags, DIAG_ERROR), 0, "unknown keys are not errors");
	out = codec_encode(sb);
	ok(strstr(out, "\"speed\": 0.5") != NULL && strstr(out, "2.25") != NULL,
	    "nested unknown values kept with their numbers");
	ok(strstr(out, "\"duration\"") < strstr(out, "\"negative_prompt\""),
	    "unknown keys come after the known ones");
	free(out);
	sb_free(&sb);

	sb = decoded("{\"input\": {\"multi_prompt\": [{\"prompt\": \"p\", \"duration\": 2, "
	    "\"camera\": \"pan\"}], \"element_list\": [{\"name\": \"n\", \"tag\": [1]}]}}");
	is_int(diags_at(sb->load_diags, DIAG_WARNING, "input.multi_prompt[0].camera",
	    "unknown"), 1, "unknown key in a shot");
	is_int(diags_at(sb->load_diags, DIAG_WARNING, "input.element_list[0].tag",
	    "unknown"), 1, "unknown key in an element");
	out = codec_encode(sb);
	ok(strstr(out, "\"camera\": \"pan\"") != NULL && strstr(out, "\"tag\": [") != NULL,
	    "unknown keys of shots and elements written back");
	free(out);
	sb_free(&sb);

	/* Saved files are read by people and diffed: nesting is indented
	 * two spaces a level, empty ones stay on their line. */
	sb = decoded("{\"model\": \"kling/v3\", \"x\": [[1, {\"a\": [2, []]}], {}, "
	    "{\"b\": {\"c\": null}}]}");
	out = codec_encode(sb);
	is_str(out, "{\n  \"model\": \"kling/v3\",\n  \"x\": [\n    [\n      1,\n"
	    "      {\n        \"a\": [\n          2,\n          []\n        ]\n"
	    "      }\n    ],\n    {},\n    {\n      \"b\": {\n        \"c\": null\n"
	    "      }\n    }\n  ]\n}\n", "nested unknown values: laid out by depth");
	free(out);
	sb_free(&sb);
}

/* Issue 12, items 17, 19 and 20: what the file says is what is sent, or it
 * is refused with a position. */
static void
test_fidelity(void)
{
	struct storyboard *sb;
	char *out, *cause = NULL;
	size_t i;
	static const char *const bad_numbers[] = {
		"010", "00005", "5.", "-", "1e", "1e+", "-01", "1.e3", NULL
	};
	char text[128];

	refused("{\"model\": \"kling/v3\\u0000junk\"}", 28,
	    "line 1, column 20: \\u0000 (NUL) in a string", "\\u0000 in a value");
	refused("{\"multi_shots\\u0000x\": true}", 27, "(NUL) in a string",
	    "\\u0000 in a key");
	sb = decoded("{\"p\": \"a\\\\u0000b\"}");
	is_int(diags_at(sb->load_diags, DIAG_WARNING, "p", "unknown"), 1,
	    "an escaped backslash before u0000 is text, not NUL");
	sb_free(&sb);

	for (i = 0; bad_numbers[i] != NULL; i++) {
		snprintf(text, sizeof text, "{\"input\": {\n \"duration\": %s}}",
		    bad_numbers[i]);
		refused(text, strlen(text), "line 2, column 14: not a valid JSON "
		    "number", bad_numbers[i]);
	}
	sb = decoded("{\"input\": {\"duration\": 0, \"a\": [-0.5e+3, 1E2, 0]}}");
	ok(sb->has_duration && sb->duration == 0, "0 and exponents are numbers");
	sb_free(&sb);

	sb = decoded("{\"n\": [9.50, 90, 0.0], \"x\": [12345678901234567890, 1e999, -0.50E+3, "
	    "{\"a\": 1.50}], \"input\": {\"duration\": 1e999}}");
	out = codec_encode(sb);
	ok(strstr(out, "12345678901234567890,") != NULL &&
	    strstr(out, "1e999,") != NULL && strstr(out, "-0.50E+3,") != NULL &&
	    strstr(out, "\"a\": 1.50") != NULL,
	    "unknown numbers are sent as written");
	ok(strstr(out, "9.50,") != NULL && strstr(out, "0.0\n") != NULL,
	    "numbers starting with 9 and 0 are kept too");
	ok(strstr(out, "\"duration\": 1e999") != NULL,
	    "a mistyped number is written back as written");
	is_int(diags_at(sb->load_diags, DIAG_ERROR, "input.duration",
	    "must be an integer, got 1e999"), 1, "and named as written, not null");
	free(out);
	sb_free(&sb);
	free(cause);
}

static void
test_bad_text(void)
{
	char *deep, *text, path[256], *cause = NULL;
	struct storyboard *sb;
	const char *tmp = getenv("TMPDIR");
	size_t i, len;
	int fd;

	text = read_fixture("bad-not-json.json", &len);
	refused(text, len, "line 1, column 1: not valid JSON", "not JSON");
	free(text);
	text = read_fixture("bad-truncated.json", &len);
	refused(text, len, "unexpected end of the text", "truncated");
	free(text);
	text = read_fixture("bad-utf8.json", &len);
	refused(text, len, "line 4, column 19: invalid UTF-8", "invalid UTF-8, with its position");
	free(text);
	refused("", 0, "line 1, column 1: the file is empty", "empty");
	refused(" \n\t ", 4, "only white space", "white space only");
	refused("{\"a\": 1} x", 10, "line 1, column 10", "trailing garbage");
	refused("[1, 2]", 6, "a storyboard is a JSON object", "an array at the top");
	refused("{\"a\": \"x\ty\"}", 12, "control character", "raw tab in a string");
	refused("{\"a\": 1}\0{", 10, "NUL byte", "NUL byte");
	refused("{\"a\": \"\\\0\"}", 10, "NUL byte", "NUL byte after a backslash");
	refused("{\"a\": \"\\\xc3\xa9\"}", 12, "line 1, column 8: not valid JSON",
	    "a backslash before UTF-8 is a bad escape, not bad UTF-8");
	refused("{\"a\":\n  [1,\n   2 3]}", 19, "line 3, column 6", "position on a later line");
	refused("{\"k\": \"\xe4\xb8\xad\xe6\x96\x87\" x}", 17, "line 1, column 12",
	    "columns count characters");

	/* A string's plain bytes are passed over eight at a time: what ends
	 * the run is seen at each place of a word. */
	for (i = 0; i < 20; i++) {
		static const struct {
			const char *tail, *want, *name;
			size_t col;	/* of the byte the scan stops at, i = 0 */
		} ends[] = {
			{ "\x01\"}", "control character",
			    "a control character after a run of plain bytes", 8 },
			{ "\xff\"}", "invalid UTF-8",
			    "a byte over 0x7f after a run of plain bytes", 8 },
			{ "\\\"aaa\x01\"}", "control character",
			    "an escaped quote does not end the string", 13 },
		};
		char buf[64], want[64];
		struct storyboard *ok_sb;
		size_t k;

		for (k = 0; k < sizeof ends / sizeof ends[0]; k++) {
			len = (size_t)sprintf(buf, "{\"a\": \"%.*s%s", (int)i,
			    "aaaaaaaaaaaaaaaaaaaa", ends[k].tail);
			snprintf(want, sizeof want, "line 1, column %zu: %s",
			    ends[k].col + i, ends[k].want);
			refused(buf, len, want, ends[k].name);
		}
		/* cJSON skips 0x01 between values as white space: only a scan
		 * that missed the quote would call it a string's. */
		len = (size_t)sprintf(buf, "{\"a\": \"%.*s\"\x01}", (int)i,
		    "aaaaaaaaaaaaaaaaaaaa");
		ok_sb = codec_decode(buf, len, NULL);
		ok(ok_sb != NULL, "the quote after %zu plain bytes ends the string", i);
		sb_free(&ok_sb);
	}

	/* A text that ends on a backslash in a string, in a buffer of its
	 * exact size: nothing past it is read (valgrind and ASan see to it
	 * in CI). */
	text = xmalloc(8);
	memcpy(text, "{\"a\": \"\\", 8);
	refused(text, 8, "unexpected end of the text", "a text ending on a backslash in a string");
	free(text);

	/* Nesting: 64 levels are fine, 65 are not, 10,000 fail fast. */
	deep = xmalloc(20001 + 16);
	len = (size_t)sprintf(deep, "{\"x\":");
	for (i = 0; i < CODEC_MAX_DEPTH - 1; i++)
		deep[len++] = '[';
	for (i = 0; i < CODEC_MAX_DEPTH - 1; i++)
		deep[len++] = ']';
	deep[len++] = '}';
	sb = codec_decode(deep, len, NULL);
	ok(sb != NULL, "nesting %d deep accepted", CODEC_MAX_DEPTH);
	sb_free(&sb);
	len = (size_t)sprintf(deep, "{\"x\":");
	for (i = 0; i < CODEC_MAX_DEPTH; i++)
		deep[len++] = '[';
	for (i = 0; i < CODEC_MAX_DEPTH; i++)
		deep[len++] = ']';
	deep[len++] = '}';
	refused(deep, len, "nested deeper than 64", "nesting 65 deep");
	for (i = 0; i < 10000; i++)
		deep[i] = '[';
	for (i = 0; i < 10000; i++)
		deep[10000 + i] = ']';
	refused(deep, 20000, "line 1, column 65: nested deeper", "nesting 10,000 deep");
	free(deep);

	/* Files: too big (sparse, so it costs no disk), a directory, unreadable. */
	snprintf(path, sizeof path, "%s/kt-codec-big.XXXXXX", tmp != NULL ? tmp : "/tmp");
	if ((fd = mkstemp(path)) >= 0 && ftruncate(fd, 50 << 20) == 0) {
		close(fd);
		sb = codec_load_file(path, &cause);
		ok(sb == NULL && cause != NULL && strstr(cause, "over the 8 MB limit") != NULL,
		    "a 50 MB file is refused by its size");
		diag_note("cause: %s", cause ? cause : "(none)");
		free(cause);
		cause = NULL;
		unlink(path);
	} else
		ok(0, "could not create a 50 MB test file");
	sb = codec_load_file(tmp != NULL ? tmp : "/tmp", &cause);
	ok(sb == NULL && cause != NULL && strstr(cause, "is a directory") != NULL,
	    "a directory is refused");
	free(cause);
	cause = NULL;
	sb = codec_load_file("/nonexistent/kt.json", &cause);
	ok(sb == NULL && cause != NULL && strstr(cause, "No such file") != NULL,
	    "a missing file is refused with the reason");
	free(cause);
	cause = NULL;
	/* An EINTR left in errno (a poll interrupted by SIGWINCH) does not
	 * make the end of the file look like an interrupted read. */
	errno = EINTR;
	sb = codec_load_file(fixture("text-to-video.json"), &cause);
	ok(sb != NULL, "a file loads with a stale EINTR in errno");
	sb_free(&sb);
	free(cause);
	cause = NULL;
	/* A file that opens but cannot be read (EIO): refused, not retried. */
	if (access("/proc/self/mem", R_OK) == 0) {
		sb = codec_load_file("/proc/self/mem", &cause);
		ok(sb == NULL && cause != NULL && strstr(cause, "cannot read") !=
		    NULL, "a read error is refused with the reason");
		diag_note("cause: %s", cause ? cause : "(none)");
		free(cause);
		cause = NULL;
	} else
		ok(1, "a read error is refused # SKIP no /proc/self/mem");
	if (geteuid() == 0)
		ok(1, "an unreadable file is refused # SKIP root reads any file");
	else {
		snprintf(path, sizeof path, "%s/kt-codec-mode.XXXXXX", tmp != NULL ? tmp : "/tmp");
		fd = mkstemp(path);
		if (fd >= 0) {
			if (write(fd, "{}", 2) != 2)
				diag_note("short write");
			close(fd);
		}
		chmod(path, 0);
		sb = codec_load_file(path, &cause);
		ok(sb == NULL && cause != NULL && strstr(cause, "Permission denied") != NULL,
		    "an unreadable file is refused");
		free(cause);
		unlink(path);
	}
}

static void
test_strings_and_save(void)
{
	struct storyboard *sb = sb_new_default(), *back;
	const char *tmp = getenv("TMPDIR");
	char path[256], *cause = NULL, *q;
	struct stat st;

	sb_set_str(&sb->prompt, "say \"hi\" \\ then\nnew line\x01 caf\xc3\xa9");
	q = codec_encode(sb);
	ok(strstr(q, "say \\\"hi\\\" \\\\ then\\nnew line\\u0001 caf\xc3\xa9") != NULL,
	    "quotes, backslashes and controls escaped; UTF-8 as is");
	free(q);
	q = codec_string("a\"b");
	is_str(q, "\"a\\\"b\"", "codec_string quotes and escapes");
	free(q);

	snprintf(path, sizeof path, "%s/kt-codec-save-%d.json", tmp != NULL ? tmp : "/tmp",
	    (int)getpid());
	is_int(codec_save_file(sb, path, &cause), 0, "save to a new file");
	back = codec_load_file(path, &cause);
	ok(back != NULL && sb_equal(sb, back), "what was saved loads back equal");
	sb_free(&back);
	chmod(path, 0600);
	codec_save_file(sb, path, &cause);
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600,
	    "saving over a file keeps its mode");
	unlink(path);
	snprintf(path, sizeof path, "/nonexistent/dir/kt.json");
	is_int(codec_save_file(sb, path, &cause), -1, "save into a missing directory fails");
	ok(cause != NULL, "with a cause");
	free(cause);
	sb_free(&sb);
}

/* A storyboard of n bytes ({"n": "aaa..."}) written into a FIFO by a child
 * (a pipe has no size to check first), loaded from it. */
static struct storyboard *
load_from_pipe(const char *fifo, size_t n, char **cause)
{
	struct storyboard *sb;
	size_t off = 0;
	ssize_t w;
	char *text;
	pid_t pid;
	int fd;

	text = xmalloc(n);
	memset(text, 'a', n);
	memcpy(text, "{\"n\": \"", 7);
	memcpy(text + n - 2, "\"}", 2);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		signal(SIGPIPE, SIG_IGN);	/* the reader may stop first */
		if ((fd = open(fifo, O_WRONLY)) < 0)
			_exit(1);
		while (off < n && (w = write(fd, text + off, n - off)) > 0)
			off += (size_t)w;
		_exit(0);
	}
	sb = codec_load_file(fifo, cause);
	waitpid(pid, NULL, 0);
	free(text);
	return sb;
}

/* What comes through a pipe is read up to the limit, CODEC_MAX_FILE, and
 * refused a byte over it. */
static void
test_pipe_limit(void)
{
	char dir[] = "/tmp/kt-codec-XXXXXX", *fifo, *cause = NULL;
	struct storyboard *sb;

	if (mkdtemp(dir) == NULL) {
		ok(0, "a temporary directory: %s", strerror(errno));
		return;
	}
	xasprintf(&fifo, "%s/fifo", dir);
	if (mkfifo(fifo, 0600) != 0) {
		ok(0, "a FIFO: %s", strerror(errno));
		free(fifo);
		return;
	}
	sb = load_from_pipe(fifo, CODEC_MAX_FILE, &cause);
	ok(sb != NULL, "a pipe of exactly %u bytes is read (%s)", CODEC_MAX_FILE,
	    cause != NULL ? cause : "read");
	sb_free(&sb);
	free(cause);
	cause = NULL;
	sb = load_from_pipe(fifo, CODEC_MAX_FILE + 1, &cause);
	ok(sb == NULL && cause != NULL && strstr(cause, "over the limit") != NULL,
	    "a pipe of a byte more is refused: %s", cause != NULL ? cause : "read");
	sb_free(&sb);
	free(cause);
	unlink(fifo);
	rmdir(dir);
	free(fifo);
}

int
main(void)
{
	test_fixtures();
	test_duplicates();
	test_types();
	test_unknown();
	test_fidelity();
	test_bad_text();
	test_strings_and_save();
	test_pipe_limit();
	return tap_done();
}
