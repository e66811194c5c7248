/* kling-tui: the user's configuration file, the API key and the state
 * directory.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "conf.h"
#include "xmalloc.h"
#include "i18n.h"

static const char *
conf_home(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home != NULL && *home != '\0')
		return home;
	if ((pw = getpwuid(getuid())) != NULL && pw->pw_dir != NULL)
		return pw->pw_dir;
	return "/";
}

/* An XDG base directory: the variable if set to an absolute path (the
 * specification says to ignore relative ones), else ~/fallback. */
static char *
conf_xdg(const char *var, const char *fallback, const char *leaf)
{
	const char *v = getenv(var);
	char *path;

	if (v != NULL && *v == '/')
		xasprintf(&path, "%s/%s", v, leaf);
	else
		xasprintf(&path, "%s/%s/%s", conf_home(), fallback, leaf);
	return path;
}

char *
conf_default_path(void)
{
	return conf_xdg("XDG_CONFIG_HOME", ".config", "kling-tui/config");
}

char *
conf_expand_home(const char *path)
{
	char *out;

	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0'))
		xasprintf(&out, "%s%s", conf_home(), path + 1);
	else
		out = xstrdup(path);
	return out;
}

static void __attribute__((format(printf, 3, 4)))
conf_warn(struct conf *cf, size_t line, const char *fmt, ...)
{
	char *msg, *full;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		fatal("%s", _("out of memory"));
	va_end(ap);
	xasprintf(&full, "%s:%zu: %s", cf->path, line, msg);
	free(msg);
	cf->warnings = xreallocarray(cf->warnings, cf->nwarnings + 1,
	    sizeof *cf->warnings);
	cf->warnings[cf->nwarnings++] = full;
}

static char *
conf_trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && strchr(" \t\r\n", e[-1]) != NULL)
		*--e = '\0';
	return s;
}

/* on|off (yes/no, 1/0, true/false): a wrong word is a warning. */
static void
conf_switch(struct conf *cf, size_t line, const char *key, const char *value, bool *out)
{
	if (strcasecmp(value, "on") == 0 || strcasecmp(value, "yes") == 0 ||
	    strcmp(value, "1") == 0 || strcasecmp(value, "true") == 0)
		*out = true;
	else if (strcasecmp(value, "off") == 0 || strcasecmp(value, "no") == 0 ||
	    strcmp(value, "0") == 0 || strcasecmp(value, "false") == 0)
		*out = false;
	else
		conf_warn(cf, line, _("%s must be on or off, not \"%s\" (ignored)"), key,
		    value);
}

static void
conf_seconds(struct conf *cf, size_t line, const char *key, const char *value,
    int *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(value, &end, 10);
	if (*value == '\0' || *end != '\0' || errno != 0 || n < 1 || n > 86400) {
		conf_warn(cf, line, _("%s must be a number of seconds from 1 to "
		    "86400, not \"%s\" (ignored)"), key, value);
		return;
	}
	*out = (int)n;
}

static void
conf_line(struct conf *cf, size_t line, char *s)
{
	char *eq, *key, *value, **str = NULL;
	size_t n;

	s = conf_trim(s);
	if (*s == '\0' || *s == '#')
		return;
	if ((eq = strchr(s, '=')) == NULL) {
		conf_warn(cf, line, "not \"key = value\" (ignored)");
		return;
	}
	*eq = '\0';
	key = conf_trim(s);
	value = conf_trim(eq + 1);
	n = strlen(value);
	if (n >= 2 && value[0] == '"' && value[n - 1] == '"') {
		value[n - 1] = '\0';
		value++;
	}

	if (strcmp(key, "base_url") == 0)
		str = &cf->base_url;
	else if (strcmp(key, "key_file") == 0)
		str = &cf->key_file;
	else if (strcmp(key, "cacert") == 0)
		str = &cf->cacert;
	else if (strcmp(key, "download_dir") == 0)
		str = &cf->download_dir;
	else if (strcmp(key, "bell") == 0)
		conf_switch(cf, line, key, value, &cf->bell);
	else if (strcmp(key, "notify") == 0)
		conf_switch(cf, line, key, value, &cf->notify);
	else if (strcmp(key, "poll_min_seconds") == 0)
		conf_seconds(cf, line, key, value, &cf->poll_min_seconds);
	else if (strcmp(key, "poll_max_seconds") == 0)
		conf_seconds(cf, line, key, value, &cf->poll_max_seconds);
	else if (strcmp(key, "requests_per_second") == 0) {
		n = strspn(value, "0123456789");
		if (n == 0 || n > 4 || value[n] != '\0' || atoi(value) < 1)
			conf_warn(cf, line, _("requests_per_second must be a whole number "
			    "from 1 to 9999, not \"%s\" (ignored)"), value);
		else
			cf->requests_per_second = atoi(value);
	}
	else
		conf_warn(cf, line, _("unknown key \"%s\" (ignored)"), key);
	if (str != NULL) {
		free(*str);
		*str = *value == '\0' ? NULL : xstrdup(value);
	}
}

struct conf *
conf_load(const char *path, char **cause)
{
	struct conf *cf = xcalloc(1, sizeof *cf);
	char *line = NULL;
	size_t size = 0, n = 0;
	FILE *f;

	cf->path = path != NULL ? xstrdup(path) : conf_default_path();
	cf->poll_min_seconds = CONF_POLL_MIN;
	cf->poll_max_seconds = CONF_POLL_MAX;
	cf->notify = true;
	cf->requests_per_second = CONF_RATE;
	if ((f = fopen(cf->path, "re")) == NULL) {
		if (errno == ENOENT)
			return cf;
		xasprintf(cause, "%s: %s", cf->path, strerror(errno));
		conf_free(&cf);
		return NULL;
	}
	while (getline(&line, &size, f) != -1)
		conf_line(cf, ++n, line);
	if (ferror(f)) {
		xasprintf(cause, "%s: %s", cf->path, strerror(errno));
		conf_free(&cf);
	}
	free(line);
	fclose(f);
	if (cf != NULL && cf->poll_min_seconds > cf->poll_max_seconds) {
		conf_warn(cf, n, _("poll_min_seconds (%d) is above poll_max_seconds "
		    "(%d): using %d for both"), cf->poll_min_seconds,
		    cf->poll_max_seconds, cf->poll_max_seconds);
		cf->poll_min_seconds = cf->poll_max_seconds;
	}
	return cf;
}

void
conf_free(struct conf **cfp)
{
	struct conf *cf = *cfp;
	size_t i;

	if (cf == NULL)
		return;
	free(cf->path);
	free(cf->base_url);
	free(cf->key_file);
	free(cf->cacert);
	free(cf->download_dir);
	for (i = 0; i < cf->nwarnings; i++)
		free(cf->warnings[i]);
	free(cf->warnings);
	free(cf);
	*cfp = NULL;
}

void
conf_print_warnings(const struct conf *cf, FILE *f)
{
	size_t i;

	for (i = 0; i < cf->nwarnings; i++)
		fprintf(f, "kling-tui: %s\n", cf->warnings[i]);
}

const char *
conf_base_url(const struct conf *cf, const char *option)
{
	const char *env = getenv("CRUN_BASE_URL");

	if (option != NULL && *option != '\0')
		return option;
	if (env != NULL && *env != '\0')
		return env;
	if (cf != NULL && cf->base_url != NULL)
		return cf->base_url;
	return CONF_BASE_URL;
}

/* The key on buf's first line, trimmed, as a copy; NULL if there is none. */
static char *
conf_key_line(char *buf)
{
	char *key;
	size_t len;

	buf[strcspn(buf, "\r\n")] = '\0';
	key = buf + strspn(buf, " \t");
	for (len = strlen(key); len > 0 && (key[len - 1] == ' ' ||
	    key[len - 1] == '\t');)
		key[--len] = '\0';
	return *key == '\0' ? NULL : xstrdup(key);
}

char *
conf_api_key(const struct conf *cf, char **cause)
{
	const char *env = getenv("CRUN_API_KEY"), *shown;
	char buf[4096], *path, *key;
	struct stat st;
	ssize_t r;
	int fd;

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	if (cf == NULL || cf->key_file == NULL) {
		xasprintf(cause, _("no API key: set CRUN_API_KEY, or key_file in %s"),
		    cf != NULL ? cf->path : _("the config"));
		return NULL;
	}
	shown = cf->key_file;
	path = conf_expand_home(cf->key_file);
	/* O_NONBLOCK: a FIFO named as the key file is refused below by its
	 * type instead of waiting forever for a writer. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0 ||
	    fstat(fd, &st) != 0) {
		xasprintf(cause, _("key file %s: %s"), shown, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		xasprintf(cause, _("key file %s is not a regular file"), shown);
		goto fail;
	}
	/* As ssh does: a secret others can read is no longer one. */
	if ((st.st_mode & 077) != 0) {
		xasprintf(cause, _("key file %s is %s by others: chmod 600 %s"), shown,
		    (st.st_mode & 044) != 0 ? _("readable") : _("writable"), shown);
		goto fail;
	}
	if ((r = read(fd, buf, sizeof buf - 1)) < 0) {
		xasprintf(cause, _("key file %s: %s"), shown, strerror(errno));
		goto fail;
	}
	close(fd);
	free(path);
	buf[r] = '\0';
	key = conf_key_line(buf);
	/* explicit_bzero: a memset before return is removed by the compiler. */
	explicit_bzero(buf, sizeof buf);
	if (key == NULL)
		xasprintf(cause, _("key file %s is empty: put the key on its first "
		    "line"), shown);
	return key;

fail:
	if (fd >= 0)
		close(fd);
	free(path);
	return NULL;
}

char *
conf_mask_key(const char *key)
{
	size_t len = strlen(key), show = len / 4;
	char *out;

	if (show > 4)
		show = 4;
	if (show == 0)
		return xstrdup("...");
	xasprintf(&out, "%.*s...%s", (int)show, key, key + len - show);
	return out;
}

/* dir (malloc'd, handed over) made with its missing parents, 0700. */
static char *
conf_mkdirs(char *dir, char **cause)
{
	size_t i, len = strlen(dir);
	struct stat st;

	for (i = 1; i <= len; i++) {
		if (dir[i] != '/' && dir[i] != '\0')
			continue;
		dir[i] = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			xasprintf(cause, _("cannot create %s: %s"), dir, strerror(errno));
			free(dir);
			return NULL;
		}
		if (i < len)
			dir[i] = '/';
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		xasprintf(cause, _("%s is not a directory"), dir);
		free(dir);
		return NULL;
	}
	return dir;
}

/* The state holds task history: 0700. */
char *
conf_state_dir(char **cause)
{
	return conf_mkdirs(conf_xdg("XDG_STATE_HOME", ".local/state", "kling-tui"), cause);
}

char *
conf_cache_dir(const char *leaf, char **cause)
{
	char *sub, *dir;

	xasprintf(&sub, "kling-tui/%s", leaf);
	dir = conf_xdg("XDG_CACHE_HOME", ".cache", sub);
	free(sub);
	return conf_mkdirs(dir, cause);
}
