/* kling-tui: tests for conf.c: the config file, the key, the state dir.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "conf.h"
#include "tap.h"
#include "xmalloc.h"

static char root[256];

static void
write_file(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");

	if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0)
		fatal("cannot write %s", path);
	chmod(path, mode);
}

static char *
in_root(const char *rel)
{
	char *p;

	xasprintf(&p, "%s/%s", root, rel);
	return p;
}

static bool
has_warning(const struct conf *cf, const char *text)
{
	size_t i;

	for (i = 0; i < cf->nwarnings; i++)
		if (strstr(cf->warnings[i], text) != NULL)
			return true;
	return false;
}

static void
test_paths(void)
{
	char *p, *want;

	setenv("XDG_CONFIG_HOME", "/x/conf", 1);
	p = conf_default_path();
	is_str(p, "/x/conf/kling-tui/config", "config path follows XDG_CONFIG_HOME");
	free(p);
	setenv("XDG_CONFIG_HOME", "relative/dir", 1);
	p = conf_default_path();
	want = in_root("home/.config/kling-tui/config");
	is_str(p, want, "a relative XDG_CONFIG_HOME is ignored, as the spec says");
	free(p);
	free(want);
	unsetenv("XDG_CONFIG_HOME");
	p = conf_default_path();
	want = in_root("home/.config/kling-tui/config");
	is_str(p, want, "default config path is ~/.config/kling-tui/config");
	free(p);
	free(want);
	p = conf_expand_home("~/keys/crun");
	want = in_root("home/keys/crun");
	is_str(p, want, "~/ expands to $HOME/");
	free(p);
	free(want);
	p = conf_expand_home("/abs/~/x");
	is_str(p, "/abs/~/x", "a ~ elsewhere is left alone");
	free(p);
}

static void
test_load(void)
{
	struct conf *cf;
	char *path = in_root("config"), *cause = NULL;

	cf = conf_load(path, &cause);
	ok(cf != NULL && cf->nwarnings == 0, "a missing config file gives the defaults");
	ok(cf->base_url == NULL && cf->key_file == NULL && !cf->bell,
	    "defaults: nothing set, bell off");
	is_int(cf->poll_min_seconds, CONF_POLL_MIN, "default poll_min_seconds");
	is_int(cf->poll_max_seconds, CONF_POLL_MAX, "default poll_max_seconds");
	conf_free(&cf);
	ok(cf == NULL, "conf_free sets NULL");

	write_file(path,
	    "# kling-tui settings\n"
	    "base_url = http://127.0.0.1:8080\n"
	    "  key_file=~/.crun-key  \n"
	    "\n"
	    "cacert = \"/etc/ssl/my ca.pem\"\n"
	    "download_dir = ~/Videos/kling\n"
	    "bell = on\n"
	    "poll_min_seconds = 2\n"
	    "poll_max_seconds = 60\n"
	    "colour = blue\n"
	    "just words\n"
	    "bell = loud\n"
	    "poll_max_seconds = soon\n", 0644);
	cf = conf_load(path, &cause);
	ok(cf != NULL, "a config file loads");
	is_str(cf->base_url, "http://127.0.0.1:8080", "base_url read");
	is_str(cf->key_file, "~/.crun-key", "key_file read, trimmed, ~ kept as written");
	is_str(cf->cacert, "/etc/ssl/my ca.pem", "quotes around a value removed");
	is_str(cf->download_dir, "~/Videos/kling", "download_dir read");
	ok(cf->bell, "bell = on");
	is_int(cf->poll_min_seconds, 2, "poll_min_seconds read");
	is_int(cf->poll_max_seconds, 60, "a bad poll_max_seconds keeps the last good one");
	is_int(cf->nwarnings, 4, "four warnings, no failure");
	ok(has_warning(cf, "config:10: unknown key \"colour\""),
	    "an unknown key is a warning with its line number");
	ok(has_warning(cf, "config:11: not \"key = value\""), "a line without '='");
	ok(has_warning(cf, "config:12: bell must be on or off"), "a bad bell value");
	ok(has_warning(cf, "config:13: poll_max_seconds must be a number"),
	    "a bad number of seconds");
	conf_free(&cf);

	{
		/* Every word a switch takes, in any case. */
		static const struct {
			const char	*word;
			bool		 on;
		} words[] = {
			{ "on", true }, { "YES", true }, { "1", true },
			{ "True", true }, { "off", false }, { "No", false },
			{ "0", false }, { "FALSE", false },
		};
		char	text[128];
		size_t	i;

		for (i = 0; i < sizeof words / sizeof words[0]; i++) {
			snprintf(text, sizeof text, "bell = %s\nnotify = %s\n"
			    "bell = %s\n", words[i].on ? "off" : "on",
			    words[i].on ? "off" : "on", words[i].word);
			write_file(path, text, 0644);
			cf = conf_load(path, &cause);
			ok(cf != NULL && cf->bell == words[i].on &&
			    cf->nwarnings == 0, "bell = %s: %s", words[i].word,
			    words[i].on ? "on" : "off");
			conf_free(&cf);
		}
	}

	write_file(path, "poll_min_seconds = 50\npoll_max_seconds = 20\n", 0644);
	cf = conf_load(path, &cause);
	ok(cf->poll_min_seconds == 20 && cf->nwarnings == 1,
	    "poll_min above poll_max: clamped, with a warning");
	conf_free(&cf);
	unlink(path);

	mkdir(path, 0755);
	cf = conf_load(path, &cause);
	ok(cf == NULL && cause != NULL, "a config that cannot be read is an error");
	free(cause);
	rmdir(path);
	free(path);
}

static void
test_base_url(void)
{
	struct conf cf = { .base_url = "http://127.0.0.1:9/" };

	unsetenv("CRUN_BASE_URL");
	is_str(conf_base_url(NULL, NULL), CONF_BASE_URL, "base URL default");
	is_str(conf_base_url(&cf, NULL), "http://127.0.0.1:9/", "config beats the default");
	setenv("CRUN_BASE_URL", "http://127.0.0.1:7", 1);
	is_str(conf_base_url(&cf, NULL), "http://127.0.0.1:7", "CRUN_BASE_URL beats the config");
	is_str(conf_base_url(&cf, "http://127.0.0.1:5"), "http://127.0.0.1:5",
	    "--base-url beats everything");
	unsetenv("CRUN_BASE_URL");
}

static void
test_key(void)
{
	struct conf cf = { .path = "config", .key_file = "~/key" };
	char *key, *cause = NULL, *path = in_root("home/key");

	setenv("CRUN_API_KEY", "sk-from-env", 1);
	key = conf_api_key(&cf, &cause);
	is_str(key, "sk-from-env", "CRUN_API_KEY comes first");
	free(key);
	unsetenv("CRUN_API_KEY");

	write_file(path, "  sk-from-file-1234  \nsecond line\n", 0600);
	key = conf_api_key(&cf, &cause);
	is_str(key, "sk-from-file-1234", "the key file's first line, trimmed");
	free(key);
	write_file(path, "\tsk-tab\t \t\n", 0600);
	key = conf_api_key(&cf, &cause);
	is_str(key, "sk-tab", "tabs and spaces trimmed at both ends");
	free(key);

	chmod(path, 0644);
	key = conf_api_key(&cf, &cause);
	ok(key == NULL, "a key file others can read is refused");
	is_str(cause, "key file ~/key is readable by others: chmod 600 ~/key",
	    "the message says how to fix it");
	free(cause);
	cause = NULL;
	chmod(path, 0620);
	key = conf_api_key(&cf, &cause);
	ok(key == NULL && cause != NULL && strstr(cause, "chmod 600") != NULL,
	    "a key file the group can write is refused too");
	free(cause);
	cause = NULL;

	/* Issue 12, item 8: a FIFO is refused at once (alarm: a hang fails). */
	unlink(path);
	ok(mkfifo(path, 0600) == 0, "a key file that is a FIFO");
	alarm(10);
	key = conf_api_key(&cf, &cause);
	alarm(0);
	ok(key == NULL && cause != NULL && strstr(cause, "not a regular file") !=
	    NULL, "a FIFO key file is refused without waiting for a writer");
	free(cause);
	cause = NULL;
	unlink(path);

	write_file(path, "\n", 0600);
	key = conf_api_key(&cf, &cause);
	ok(key == NULL && cause != NULL && strstr(cause, "is empty") != NULL,
	    "an empty key file is refused");
	free(cause);
	cause = NULL;
	write_file(path, "", 0600);
	key = conf_api_key(&cf, &cause);
	ok(key == NULL && cause != NULL && strstr(cause, "is empty") != NULL,
	    "a key file of no bytes at all is called empty");
	free(cause);
	cause = NULL;
	unlink(path);
	key = conf_api_key(&cf, &cause);
	ok(key == NULL && cause != NULL && strstr(cause, "~/key") != NULL,
	    "a missing key file is named");
	free(cause);
	cause = NULL;
	cf.key_file = NULL;
	key = conf_api_key(&cf, &cause);
	ok(key == NULL && cause != NULL && strstr(cause, "CRUN_API_KEY") != NULL,
	    "no key at all: the message says where to put one");
	free(cause);
	free(path);
}

static void
test_mask(void)
{
	char *m;

	m = conf_mask_key("sk-1234567890abcdefab9f");
	is_str(m, "sk-1...ab9f", "a long key: 4 characters each end");
	free(m);
	m = conf_mask_key("abcdefghijkl");
	is_str(m, "abc...jkl", "a 12-character key: 3 each end");
	free(m);
	m = conf_mask_key("abc");
	is_str(m, "...", "a very short key: nothing shown");
	free(m);
}

static void
test_state_dir(void)
{
	char *dir, *cause = NULL, *want;
	struct stat st;

	want = in_root("state/deep");
	setenv("XDG_STATE_HOME", want, 1);
	free(want);
	want = in_root("state/deep/kling-tui");
	dir = conf_state_dir(&cause);
	is_str(dir, want, "state dir under XDG_STATE_HOME");
	ok(stat(want, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0700,
	    "created, missing parents included, mode 0700");
	free(dir);
	dir = conf_state_dir(&cause);
	ok(dir != NULL, "an existing state dir is fine");
	free(dir);
	free(want);
	unsetenv("XDG_STATE_HOME");
	want = in_root("home/.local/state/kling-tui");
	dir = conf_state_dir(&cause);
	is_str(dir, want, "default state dir ~/.local/state/kling-tui");
	free(dir);
	free(want);
	want = in_root("blocker");
	write_file(want, "", 0600);
	setenv("XDG_STATE_HOME", want, 1);
	dir = conf_state_dir(&cause);
	ok(dir == NULL && cause != NULL, "a state dir that cannot be made is an error");
	free(cause);
	free(want);
	unsetenv("XDG_STATE_HOME");
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");
	char *home, cmd[300];

	snprintf(root, sizeof root, "%s/kt-conf.XXXXXX", tmp != NULL ? tmp : "/tmp");
	if (mkdtemp(root) == NULL)
		fatal("mkdtemp");
	home = in_root("home");
	mkdir(home, 0700);
	setenv("HOME", home, 1);
	free(home);
	unsetenv("CRUN_API_KEY");
	unsetenv("XDG_STATE_HOME");

	test_paths();
	test_load();
	test_base_url();
	test_key();
	test_mask();
	test_state_dir();

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	if (system(cmd) != 0)
		diag_note("could not remove %s", root);
	return tap_done();
}
