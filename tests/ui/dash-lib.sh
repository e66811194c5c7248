# kling-tui: what the dashboard's screen tests share: a simulator, a key, a
# config, storyboards pointing at the simulator's own images (never at any
# other host). Source after tests/lib.sh, tests/sim/sim.sh, tests/ui/ui-lib.sh.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
# ui-lib.sh's EXIT trap would forget the simulators: stop both.
trap 'ui_stop; sim_cleanup' EXIT

dash_config() { # dash_config [KEY = VALUE ...]: the config file, download_dir set
	mkdir -p "$XDG_CONFIG_HOME/kling-tui" "$TMP/dl"
	{
		echo "download_dir = $TMP/dl"
		echo "poll_min_seconds = 1"
		echo "poll_max_seconds = 2"
		for l in "$@"; do echo "$l"; done
	} >"$XDG_CONFIG_HOME/kling-tui/config"
}

dash_storyboard() { # dash_storyboard FILE PROMPT [IMAGE...]: a valid text- or image-to-video (an empty IMAGE: none)
	local f=$1 p=$2 imgs= u
	shift 2
	for u in "$@"; do [ -n "$u" ] && imgs="$imgs${imgs:+, }\"$u\""; done
	printf '{\n  "model": "kling/v3",\n  "input": {\n    "mode": "std",\n    "multi_shots": false,\n    "prompt": "%s",\n%s    "duration": 5\n  }\n}\n' \
		"$p" "${imgs:+    \"img_urls\": [$imgs],
}" >"$f"
}
dash_line() { # dash_line TEXT: the dashboard row holding TEXT
	ui_screen | grep -F -m1 -- "$1"
}

dash_wait_row() { # dash_wait_row TEXT STATE-REGEX [SECONDS]: until TEXT's row shows it
	local i=0 n=$(( ${3:-10} * 20 ))
	while [ $i -lt $n ]; do
		dash_line "$1" | grep -Eq -- " ($2) " && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

dash_ok_row() { # dash_ok_row TEXT STATE NAME...
	local text=$1 state=$2; shift 2
	if dash_wait_row "$text" "$state" 15; then ok 0 "$@"
	else ok 1 "$@"; ui_screen | sed 's/^/#   /'; fi
}
