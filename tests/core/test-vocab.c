/* kling-tui: tests for vocab.c: the task states' words, which are final,
 * how they sort, and the storyboard's enumerated choices.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#include "config.h"

#include "tap.h"
#include "vocab.h"

static void
test_names(void)
{
	static const struct {
		enum task_state	 s;
		const char	*name;
		bool		 final;
	} table[] = {
		{ TASK_SUBMITTING, "submitting", false },
		{ TASK_PENDING, "pending", false },
		{ TASK_RUNNING, "running", false },
		{ TASK_SUCCESS, "success", true },
		{ TASK_FAILED, "failed", true },
		{ TASK_ERROR, "error", true },
		{ TASK_UNKNOWN, "unknown", false },
	};
	size_t	i;

	/* The words are the store's and the service's: a renamed one would
	 * leave every recorded task a "?". */
	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		is_str(task_state_name(table[i].s), table[i].name,
		    "state %zu is called %s", i, table[i].name);
		is_int(task_state_parse(table[i].name), table[i].s,
		    "%s parses back", table[i].name);
		is_int(task_state_final(table[i].s), table[i].final, "%s is %s",
		    table[i].name, table[i].final ? "final" : "polled on");
		is_int(task_state_word_final(table[i].name), table[i].final,
		    "the word %s is %s", table[i].name,
		    table[i].final ? "final" : "polled on");
	}
	is_str(task_state_name(TASK_OTHER), "?", "a state we do not know: ?");
	is_str(task_state_name(TASK_STATE_N), "?", "out of range: ?");
	is_str(task_state_name((enum task_state)-1), "?", "negative: ?");
	is_int(task_state_parse("queued"), TASK_OTHER,
	    "a word the service may add is TASK_OTHER");
	is_int(task_state_parse("?"), TASK_OTHER, "? is no state's word");
	is_int(task_state_parse("Success"), TASK_OTHER, "words are exact");
	is_int(task_state_parse(""), TASK_OTHER, "the empty word: TASK_OTHER");
	is_int(task_state_parse(NULL), TASK_OTHER, "no word: TASK_OTHER");
	/* The label a screen shows: the word itself when it is not one of
	 * ours (in C, untranslated, a known word is itself too). */
	is_str(task_state_label("queued"), "queued",
	    "label: a word the vocabulary does not know, as it came");
	is_str(task_state_label("running"), "running", "label: a known word, in C");
	ok(!task_state_final(TASK_OTHER), "an unknown word is polled on");
	ok(!task_state_word_final("queued"), "the word queued is polled on");
	ok(!task_state_word_final(NULL), "no word is polled on");
	ok(!task_state_final(TASK_STATE_N), "out of range is not final");
}

static void
test_rank(void)
{
	int	unknown = task_state_rank(TASK_UNKNOWN);

	/* The dashboard sorts by rank: what needs the user first, then what
	 * still moves, then what is done, failures before successes. */
	ok(unknown < task_state_rank(TASK_SUBMITTING),
	    "unknown sorts before submitting");
	is_int(task_state_rank(TASK_SUBMITTING), task_state_rank(TASK_PENDING),
	    "submitting sorts with pending");
	ok(task_state_rank(TASK_PENDING) < task_state_rank(TASK_RUNNING),
	    "pending before running");
	is_int(task_state_rank(TASK_OTHER), task_state_rank(TASK_RUNNING),
	    "an unknown word sorts with running (it is polled on)");
	ok(task_state_rank(TASK_RUNNING) < task_state_rank(TASK_FAILED),
	    "running before failed");
	is_int(task_state_rank(TASK_ERROR), task_state_rank(TASK_FAILED),
	    "error sorts with failed");
	ok(task_state_rank(TASK_FAILED) < task_state_rank(TASK_SUCCESS),
	    "failed before success");
	ok(task_state_rank(TASK_STATE_N) > task_state_rank(TASK_SUCCESS),
	    "out of range sorts last");
}

static void
test_service(void)
{
	static const char *const words[] = { "pending", "running", "success",
	    "failed" };
	size_t	i;

	is_int(task_nservice_states, 4, "the service reports four states");
	for (i = 0; i < task_nservice_states && i < 4; i++)
		is_str(task_state_name(task_service_states[i]), words[i],
		    "service state %zu: %s", i, words[i]);
}

static void
test_choices(void)
{
	is_int(vocab_count(vocab_modes), 2, "two modes");
	is_int(vocab_count(vocab_ratios), 3, "three aspect ratios");
	is_int(vocab_count(vocab_compliance), 2, "two compliance choices");
	is_int(vocab_count(vocab_shot_types), 2, "two shot types");
	ok(vocab_has(vocab_modes, "std") && vocab_has(vocab_modes, "pro"),
	    "std and pro are modes");
	ok(vocab_has(vocab_ratios, "16:9") && vocab_has(vocab_ratios, "9:16") &&
	    vocab_has(vocab_ratios, "1:1"), "16:9, 9:16 and 1:1 are ratios");
	ok(vocab_has(vocab_compliance, "enabled") &&
	    vocab_has(vocab_compliance, "disabled"), "enabled and disabled");
	ok(vocab_has(vocab_shot_types, VOCAB_SHOT_CUSTOMIZE) &&
	    vocab_has(vocab_shot_types, VOCAB_SHOT_INTELLIGENCE),
	    "customize and intelligence are shot types");
	ok(!vocab_has(vocab_modes, "STD"), "choices are exact");
	ok(!vocab_has(vocab_ratios, "4:3"), "4:3 is no ratio");
	ok(!vocab_has(vocab_modes, ""), "the empty word is no choice");
	ok(!vocab_has(vocab_modes, NULL), "no word is no choice");
	{
		/* A list ends at its first NULL, whatever follows. */
		static const char *const cut[] = { NULL, "later", NULL };

		is_int(vocab_count(cut), 0, "an empty list counts none");
		ok(!vocab_has(cut, "later"), "and holds nothing");
	}
}

int
main(void)
{
	test_names();
	test_rank();
	test_service();
	test_choices();
	return tap_done();
}
