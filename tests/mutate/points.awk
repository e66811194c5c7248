# kling-tui: the mutation points of one C file, one a line:
#   LINE COL LEN ORIGINAL MUTANT
# Operators (== != < <= > >= && || + -) and decimal constants, outside
# comments, strings, character constants and preprocessor lines.
# With -v file=src/x/y.c -v equiv=LIST -v skipped=OUT: a point that LIST
# (tests/mutate/equivalent) names for that file (the operator or constant
# inside the TEXT an entry quotes from its line) is no point: it goes to OUT
# as "skip LINE ORIGINAL MUTANT WHY", and an entry of LIST for that file
# that matched nothing goes there as "stale ENTRY".
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
function blank(s, from, to,    i, r) {	# spaces over s[from..to]
	r = substr(s, 1, from - 1)
	for (i = from; i <= to; i++)
		r = r " "
	return r substr(s, to + 1)
}
function strip(s,    i, c, n, q, start) {
	n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		if (incomment) {
			if (substr(s, i, 2) == "*/") {
				s = blank(s, cstart, i + 1)
				incomment = 0
				i++
			}
			continue
		}
		if (substr(s, i, 2) == "/*") {
			incomment = 1
			cstart = i
			i++
			continue
		}
		if (substr(s, i, 2) == "//")
			return blank(s, i, n)
		if (c == "\"" || c == "'") {
			q = c
			start = i
			for (i++; i <= n && substr(s, i, 1) != q; i++)
				if (substr(s, i, 1) == "\\")
					i++
			s = blank(s, start, i)
		}
	}
	if (incomment)
		s = blank(s, cstart, n)
	cstart = 1
	return s
}
function emit(col, len, orig, mut,    k, at) {
	for (k = 1; k <= nequiv; k++) {
		# TEXT is on the line and the point within it.
		at = index($0, etext[k])
		if (eorig[k] == orig && emut[k] == mut && at > 0 && col >= at &&
		    col + len <= at + length(etext[k])) {
			used[k] = 1
			print "skip", NR, orig, mut, ewhy[k] > skipped
			return
		}
	}
	print NR, col, len, orig, mut
}
# The list: FILE | ORIGINAL -> MUTANT | TEXT AROUND THE POINT | WHY
BEGIN {
	if (skipped == "")
		skipped = "/dev/stderr"
	while (equiv != "" && (getline l < equiv) > 0) {
		if (l ~ /^#/ || l !~ /[^ \t]/)
			continue
		nf = split(l, f, / [|] /)
		if (nf != 4 || f[1] != file)
			continue
		split(f[2], om, / -> /)
		nequiv++
		eorig[nequiv] = om[1]
		emut[nequiv] = om[2]
		etext[nequiv] = f[3]
		ewhy[nequiv] = f[4]
		eline[nequiv] = l
	}
}
END {
	for (k = 1; k <= nequiv; k++)
		if (!used[k])
			print "stale", eline[k] > skipped
}
{
	s = strip($0)
	if (s ~ /^[ \t]*#/ || s ~ /^[ \t]*$/)
		next
	n = length(s)
	for (i = 1; i <= n; i++) {
		two = substr(s, i, 2)
		c = substr(s, i, 1)
		prev = i > 1 ? substr(s, i - 1, 1) : " "
		if (two == "==") { emit(i, 2, "==", "!="); i++; continue }
		if (two == "!=") { emit(i, 2, "!=", "=="); i++; continue }
		if (two == "<=") { emit(i, 2, "<=", "<"); i++; continue }
		if (two == ">=") { emit(i, 2, ">=", ">"); i++; continue }
		if (two == "&&") { emit(i, 2, "&&", "||"); i++; continue }
		if (two == "||") { emit(i, 2, "||", "&&"); i++; continue }
		if (two == "->" || two == "<<" || two == ">>" || two == "++" ||
		    two == "--" || two == "+=" || two == "-=") { i++; continue }
		if (c == "<" && prev == " ") { emit(i, 1, "<", "<="); continue }
		if (c == ">" && prev == " ") { emit(i, 1, ">", ">="); continue }
		if (c == "+" && prev == " " && substr(s, i + 1, 1) == " ") {
			emit(i, 1, "+", "-"); continue
		}
		if (c == "-" && prev == " " && substr(s, i + 1, 1) == " ") {
			emit(i, 1, "-", "+"); continue
		}
		if (c ~ /[0-9]/ && prev !~ /[A-Za-z0-9_.]/) {
			num = substr(s, i)
			match(num, /^[0-9]+[uUlL]*/)
			tok = substr(num, 1, RLENGTH)
			after = substr(s, i + RLENGTH, 1)
			if (after !~ /[A-Za-z0-9_.xX]/ && tok !~ /^0[0-9]/) {
				v = tok + 0
				emit(i, RLENGTH, tok, v == 1 ? "0" : sprintf("%.0f", v + 1))
			}
			i += RLENGTH - 1
		}
	}
}
