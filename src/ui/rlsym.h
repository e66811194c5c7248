/* kling-tui: GNU readline, loaded on first use (src/core/lazylib.h), the way
 * src/net/curlsym.h loads libcurl: the files that call readline include this
 * header instead of <readline/readline.h>. It declares one pointer per
 * readline function or variable used and renames the uses to them, so the
 * call sites read as plain readline. The program is not linked with
 * -lreadline: the first frame, and every subcommand, never load it; the
 * first field typed into does.
 * Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING. */
#ifndef KT_RLSYM_H
#define KT_RLSYM_H

#include <stdio.h>

#include <readline/history.h>
#include <readline/readline.h>

/* Every readline function and variable used. A use of one not listed here
 * fails to link (the program has no -lreadline): add it to its list. */
#define RLSYM_FUNCS(X) \
	X(add_history) X(clear_history) X(history_get_history_state) \
	X(history_set_history_state) X(rl_callback_handler_install) \
	X(rl_callback_handler_remove) X(rl_callback_read_char) \
	X(rl_callback_sigcleanup) X(rl_completion_matches) X(rl_delete) \
	X(rl_initialize) X(rl_replace_line) X(rl_variable_bind) \
	X(rl_variable_value) X(stifle_history) X(using_history)
#define RLSYM_VARS(X) \
	X(rl_attempted_completion_function) X(rl_attempted_completion_over) \
	X(rl_catch_signals) X(rl_catch_sigwinch) X(rl_change_environment) \
	X(rl_completer_word_break_characters) \
	X(rl_completion_append_character) \
	X(rl_completion_display_matches_hook) X(rl_deprep_term_function) \
	X(rl_display_prompt) X(rl_end) X(rl_getc_function) \
	X(rl_input_available_hook) X(rl_instream) X(rl_library_version) \
	X(rl_line_buffer) X(rl_outstream) X(rl_point) X(rl_prep_term_function) \
	X(rl_readline_name) X(rl_redisplay_function)

#define RLSYM_DECLARE(f) extern __typeof__(f) *rlsym_##f;
RLSYM_FUNCS(RLSYM_DECLARE)
RLSYM_VARS(RLSYM_DECLARE)
#undef RLSYM_DECLARE

/* Load libreadline and resolve every name above: 0, or -1 and *cause
 * (static text) saying what is missing. Main thread; the outcome is
 * remembered. */
int	rlsym_load(const char **cause);

/* From here on a call to f() goes through rlsym_f, and a variable v is
 * *rlsym_v. */
#define add_history			rlsym_add_history
#define clear_history			rlsym_clear_history
#define history_get_history_state	rlsym_history_get_history_state
#define history_set_history_state	rlsym_history_set_history_state
#define rl_callback_handler_install	rlsym_rl_callback_handler_install
#define rl_callback_handler_remove	rlsym_rl_callback_handler_remove
#define rl_callback_read_char		rlsym_rl_callback_read_char
#define rl_callback_sigcleanup		rlsym_rl_callback_sigcleanup
#define rl_completion_matches		rlsym_rl_completion_matches
#define rl_delete			rlsym_rl_delete
#define rl_initialize			rlsym_rl_initialize
#define rl_replace_line			rlsym_rl_replace_line
#define rl_variable_bind		rlsym_rl_variable_bind
#define rl_variable_value		rlsym_rl_variable_value
#define stifle_history			rlsym_stifle_history
#define using_history			rlsym_using_history

#define rl_attempted_completion_function (*rlsym_rl_attempted_completion_function)
#define rl_attempted_completion_over	(*rlsym_rl_attempted_completion_over)
#define rl_catch_signals		(*rlsym_rl_catch_signals)
#define rl_catch_sigwinch		(*rlsym_rl_catch_sigwinch)
#define rl_change_environment		(*rlsym_rl_change_environment)
#define rl_completer_word_break_characters (*rlsym_rl_completer_word_break_characters)
#define rl_completion_append_character	(*rlsym_rl_completion_append_character)
#define rl_completion_display_matches_hook (*rlsym_rl_completion_display_matches_hook)
#define rl_deprep_term_function		(*rlsym_rl_deprep_term_function)
#define rl_display_prompt		(*rlsym_rl_display_prompt)
#define rl_end				(*rlsym_rl_end)
#define rl_getc_function		(*rlsym_rl_getc_function)
#define rl_input_available_hook		(*rlsym_rl_input_available_hook)
#define rl_instream			(*rlsym_rl_instream)
#define rl_library_version		(*rlsym_rl_library_version)
#define rl_line_buffer			(*rlsym_rl_line_buffer)
#define rl_outstream			(*rlsym_rl_outstream)
#define rl_point			(*rlsym_rl_point)
#define rl_prep_term_function		(*rlsym_rl_prep_term_function)
#define rl_readline_name		(*rlsym_rl_readline_name)
#define rl_redisplay_function		(*rlsym_rl_redisplay_function)

#endif
