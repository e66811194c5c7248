/* kling-tui: the vocabulary: task states and enumerated choices.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include <string.h>

#include "vocab.h"
#include "i18n.h"

static const struct {
	const char	*name;
	bool		 final;
	int		 rank;
} task_states[TASK_STATE_N] = {
	[TASK_SUBMITTING] = { N_("submitting"), false, 1 },
	[TASK_PENDING] = { N_("pending"), false, 1 },
	[TASK_RUNNING] = { N_("running"), false, 2 },
	[TASK_SUCCESS] = { N_("success"), true, 4 },
	[TASK_FAILED] = { N_("failed"), true, 3 },
	[TASK_ERROR] = { N_("error"), true, 3 },
	[TASK_UNKNOWN] = { N_("unknown"), false, 0 },
	[TASK_OTHER] = { "?", false, 2 },
};

const enum task_state task_service_states[] = {
	TASK_PENDING, TASK_RUNNING, TASK_SUCCESS, TASK_FAILED
};
const size_t task_nservice_states =
    sizeof task_service_states / sizeof task_service_states[0];

const char *const vocab_modes[] = { "std", "pro", NULL };
const char *const vocab_ratios[] = { "16:9", "9:16", "1:1", NULL };
const char *const vocab_compliance[] = { "enabled", "disabled", NULL };
const char *const vocab_shot_types[] = { VOCAB_SHOT_CUSTOMIZE,
    VOCAB_SHOT_INTELLIGENCE, NULL };

const char *
task_state_name(enum task_state s)
{
	return (unsigned)s < TASK_STATE_N ? task_states[s].name : "?";
}

/* A state word as a person reads it, in the user's language; a word the
 * vocabulary does not know as it came. Programs keep the word itself. */
const char *
task_state_label(const char *w)
{
	enum task_state s = task_state_parse(w);

	return s == TASK_OTHER ? w : _(task_states[s].name);
}

enum task_state
task_state_parse(const char *w)
{
	unsigned i;

	if (w != NULL)
		for (i = 0; i < TASK_OTHER; i++)
			if (strcmp(task_states[i].name, w) == 0)
				return (enum task_state)i;
	return TASK_OTHER;
}

bool
task_state_final(enum task_state s)
{
	return (unsigned)s < TASK_STATE_N && task_states[s].final;
}

bool
task_state_word_final(const char *w)
{
	return task_state_final(task_state_parse(w));
}

int
task_state_rank(enum task_state s)
{
	return (unsigned)s < TASK_STATE_N ? task_states[s].rank : 5;
}

size_t
vocab_count(const char *const *v)
{
	size_t n = 0;

	while (v[n] != NULL)
		n++;
	return n;
}

bool
vocab_has(const char *const *v, const char *s)
{
	if (s == NULL)
		return false;
	for (; *v != NULL; v++)
		if (strcmp(*v, s) == 0)
			return true;
	return false;
}
