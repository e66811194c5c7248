/* kling-tui: the subcommands' one option parser, over one table of options.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"

enum opt_kind { OPT_FLAG, OPT_COUNT, OPT_TEXT };

/* Every option a subcommand may take, with where its value goes. */
static const struct cli_opt {
	unsigned	 bit;
	const char	*name;
	int		 shortname;	/* 0: none */
	enum opt_kind	 kind;
	size_t		 off;
} cli_opts[] = {
	{ OPT_JSON, "json", 0, OPT_FLAG, offsetof(struct cli_args, json) },
	{ OPT_WAIT, "wait", 0, OPT_FLAG, offsetof(struct cli_args, wait) },
	{ OPT_ONCE, "once", 0, OPT_FLAG, offsetof(struct cli_args, once) },
	{ OPT_ALL, "all", 0, OPT_FLAG, offsetof(struct cli_args, all) },
	{ OPT_PARALLEL, "parallel", 0, OPT_COUNT, offsetof(struct cli_args, parallel) },
	{ OPT_LIMIT, "limit", 'n', OPT_COUNT, offsetof(struct cli_args, limit) },
	{ OPT_OUTPUT, "output", 'o', OPT_TEXT, offsetof(struct cli_args, output) },
	{ OPT_STATUS, "status", 0, OPT_TEXT, offsetof(struct cli_args, status) },
	{ OPT_IDS, "ids", 0, OPT_FLAG, offsetof(struct cli_args, ids) },
};
#define CLI_NOPTS (sizeof cli_opts / sizeof cli_opts[0])
/* getopt_long's value for a long-only option: past any character. */
#define CLI_LONG_BASE 0x100
#define CLI_HELP (CLI_LONG_BASE + (int)CLI_NOPTS)

/* A count, 1..max; -1 after printing a usage error. */
static int
cli_parse_count(const char *cmd, const char *opt, const char *arg, unsigned max,
    unsigned *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || errno != 0 || v < 1 || (unsigned long)v > max) {
		cli_usage_error(_("%s: %s wants a number from 1 to %u, not '%s'"), cmd, opt,
		    max, arg);
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}

static void
cli_print_help(const struct cli_cmd *c)
{
	printf(_("Usage: kling-tui %s\n"), c->synopsis);
	if (c->help != NULL)
		printf("%s\n", _(c->help));
	else
		printf(_("%s.\nSee kling-tui(1).\n"), _(c->summary));
}

static int
cli_take(const struct cli_cmd *c, const struct cli_opt *o, const char *arg,
    struct cli_args *a)
{
	char *field = (char *)a + o->off, flag[64];
	unsigned max;

	switch (o->kind) {
	case OPT_FLAG:
		*(bool *)field = true;
		return 0;
	case OPT_TEXT:
		*(const char **)field = arg;
		return 0;
	case OPT_COUNT:
		max = o->bit == OPT_PARALLEL ? c->max_parallel : 1000000;
		snprintf(flag, sizeof flag, "--%s", o->name);
		return cli_parse_count(c->name, flag, arg, max, (unsigned *)(void *)field);
	}
	return -1;
}

int
cli_parse_args(const struct cli_cmd *c, int argc, char **argv, struct cli_args *a)
{
	struct option longopts[CLI_NOPTS + 2];
	char shortopts[2 * CLI_NOPTS + 4], *sp = shortopts;
	size_t i, n = 0;
	int ch;

	memset(a, 0, sizeof *a);
	a->cmd = c->name;
	*sp++ = ':';
	*sp++ = 'h';
	for (i = 0; i < CLI_NOPTS; i++) {
		if (!(c->opts & cli_opts[i].bit))
			continue;
		longopts[n].name = cli_opts[i].name;
		longopts[n].has_arg = cli_opts[i].kind == OPT_FLAG ? no_argument :
		    required_argument;
		longopts[n].flag = NULL;
		longopts[n].val = cli_opts[i].shortname != 0 ? cli_opts[i].shortname :
		    CLI_LONG_BASE + (int)i;
		n++;
		if (cli_opts[i].shortname != 0) {
			*sp++ = (char)cli_opts[i].shortname;
			*sp++ = ':';
		}
	}
	*sp = '\0';
	longopts[n++] = (struct option){ "help", no_argument, NULL, CLI_HELP };
	longopts[n] = (struct option){ NULL, 0, NULL, 0 };

	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (ch == 'h' || ch == CLI_HELP) {
			cli_print_help(c);
			return -1;
		}
		if (ch == '?') {
			if (optopt != 0 && optopt < CLI_LONG_BASE)
				return cli_usage_error(_("%s: unknown option '-%c'"), c->name,
				    optopt);
			return cli_usage_error(_("%s: unknown option '%s'"), c->name,
			    argv[optind - 1]);
		}
		if (ch == ':')
			return cli_usage_error(_("%s: option '%s' needs a value"), c->name,
			    argv[optind - 1]);
		for (i = 0; i < CLI_NOPTS; i++)
			if (ch == (cli_opts[i].shortname != 0 ? cli_opts[i].shortname :
			    CLI_LONG_BASE + (int)i))
				break;
		if (i == CLI_NOPTS || cli_take(c, &cli_opts[i], optarg, a) != 0)
			return EXIT_USAGE;
	}
	a->argc = argc - optind;
	a->argv = argv + optind;
	if (a->argc < c->min_args)
		return cli_usage_error("%s: %s", c->name, _(c->missing));
	if (c->max_args >= 0 && a->argc > c->max_args) {
		if (c->too_many != NULL)
			return cli_usage_error("%s: %s", c->name, _(c->too_many));
		return cli_usage_error(_("%s: unexpected '%s'"), c->name,
		    a->argv[c->max_args]);
	}
	/* --json is for programs: its messages do not change with the locale. */
	if (a->json)
		i18n_off();
	return EXIT_OK;
}
