#!/bin/sh
# kling-sim: the three endpoints, keys, credits and the task life cycle.
# Copyright (C) 2026 the kling-tui authors. GPL-3.0-or-later; see COPYING.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/sim/sim.sh"
. "$top_srcdir/tests/sim/curl.sh"
dir="$top_srcdir/tests/sim"

start_sim --task-seconds 6 --balance 40 --seed 7 || exit 1
like "$SIM_URL" '^http://127\.0\.0\.1:[0-9]+$' "listens on loopback, on the port it picked"

ms() { echo $(( $(date +%s%N) / 1000000 )); }

# The seed page's own curl example, only URL and key changed.
sent=$(ms)
STATUS=$(curl -s -o "$TMP/seed.out" -w '%{http_code}' --request POST \
	--url "$SIM_URL/api/v1/client/job/CreateTask" \
	--header 'Content-Type: application/json' \
	--header "x-api-key: $SIM_KEY" \
	--data "$(cat "$dir/seed-example.json")")
answered=$(ms)
is "$STATUS" 200 "the seed page's curl example is accepted"
is "$(jq -r '.code, .message' "$TMP/seed.out" | tr '\n' ' ')" "200 success " "it answers code 200, success"
seed_id=$(jq -r .data.task_id "$TMP/seed.out")
like "$seed_id" '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' "the task id is uuid-like"

# The task is pending for the first 1.5 s of its age, running until 6 s,
# then done. When the simulator answers, the task's age lies between the
# time from the create's answer to the query's sending (lo) and the time
# from the create's sending to the query's answer (hi): a state that fits
# no age in that window is wrong, however slow this machine is.
fits() { # STATE LO HI
	case $1 in
	pending) [ "$2" -lt 1500 ] ;;
	running) [ "$3" -ge 1500 ] && [ "$2" -lt 6000 ] ;;
	success) [ "$3" -ge 6000 ] ;;
	*) false ;;
	esac
}
observe() {
	local before after
	before=$(ms)
	info "$seed_id"
	after=$(ms)
	st=$(jq -r .data.status "$TMP/body")
	lo=$((before - answered))
	hi=$((after - sent))
}
observe
is "$STATUS $CODE" "200 200" "TaskInfo finds the new task"
ok $(fits "$st" $lo $hi; echo $?) "a new task's state fits its age ($st at $lo..$hi ms)"
first=$st
is "$(jq -c -S .data.param "$TMP/body")" "$(jq -c -S . "$dir/seed-example.json")" "param echoes the body as sent"
is "$(jq -r '[.data.provider, .data.model_version, .data.source] | join(" ")' "$TMP/body")" \
	"Kling kling-v3 api" "provider, model_version and source"
is "$(jq -r '[.data.result, .data.complete_at, .data.duration_s] | map(tostring) | join(" ")' "$TMP/body")" \
	"null null null" "no result, complete_at or duration_s before the end"
created=$(jq -r .data.create_at "$TMP/body")
ok $([ "$created" -ge $((sent / 1000)) ] && [ "$created" -le $((answered / 1000)) ]; echo $?) \
	"create_at is the Unix second the create was made"

call GET /api/v1/client/account/balance -H "x-api-key: $SIM_KEY"
is "$STATUS $(jq -c .data "$TMP/body")" '200 {"balance":25}' "a pro task of 10 s costs 15 credits"

# Follow it to the end.
states=" $first" misfits=
while :; do
	observe
	fits "$st" $lo $hi || misfits="$misfits $st@$lo..$hi"
	case " $states " in *" $st "*) ;; *) states="$states $st" ;; esac
	[ "$st" != success ] && [ "$lo" -lt 20000 ] || break
	sleep 0.2
done
like "$states" '^( pending)?( running)? success$' "the states come in order, to success ($states)"
is "$misfits" "" "every state seen fits the task's age"
is "$(jq -r '.data.result.code, .data.result.message' "$TMP/body" | tr '\n' ' ')" "200 success " "with result code 200"
is "$(jq -r .data.credits "$TMP/body")" 15 "and the credits it cost"
is "$(jq -r '.data.complete_at - .data.create_at | . >= 5 and . <= 7' "$TMP/body")" true "complete_at follows create_at by the task's time"
media=$(jq -r '.data.result.media_urls[0]' "$TMP/body")
is "$media" "$SIM_URL/media/$seed_id.mp4" "media_urls links to the simulator"

# The video.
size=$(curl -s -o "$TMP/video.mp4" -w '%{http_code} %{content_type} %{size_download}' "$media")
is "$size" "200 video/mp4 1048576" "the video is served whole with its type"
is "$(head -c 8 "$TMP/video.mp4" | od -An -c | tr -d ' ')" '\0\0\0034ftyp' "it starts with an MP4 ftyp box"
curl -s -o "$TMP/again.mp4" "$media"
ok $(cmp -s "$TMP/video.mp4" "$TMP/again.mp4"; echo $?) "every download gets the same bytes"
call HEAD "/media/$seed_id.mp4" --head
is "$STATUS $(header Content-Length) $(header Accept-Ranges)" "200 1048576 bytes" "HEAD gives the length"
call GET "/media/$seed_id.mp4" -r 1000-1999
is "$STATUS $(header Content-Range) $(header Content-Length)" "206 bytes 1000-1999/1048576 1000" "a Range answers 206"
tail -c +1001 "$TMP/video.mp4" | head -c 1000 >"$TMP/part"
ok $(cmp -s "$TMP/part" "$TMP/body"; echo $?) "with the same bytes as the whole file there"
call GET "/media/$seed_id.mp4" -r 1048000-
is "$STATUS $(header Content-Range)" "206 bytes 1048000-1048575/1048576" "an open Range runs to the end (resume)"
call GET "/media/$seed_id.mp4" -H 'Range: bytes=-100'
is "$STATUS $(header Content-Range)" "206 bytes 1048476-1048575/1048576" "a suffix Range"
call GET "/media/$seed_id.mp4" -r 2000000-
is "$STATUS $(header Content-Range)" "416 bytes */1048576" "a Range past the end answers 416"
call GET "/media/no-such-task.mp4"
is "$STATUS" 404 "no video for an unknown task"

# Keys.
call GET /api/v1/client/account/balance
is "$STATUS $CODE" "401 401" "no key: 401"
call GET /api/v1/client/account/balance -H 'x-api-key: wrong'
is "$STATUS $CODE" "401 401" "a wrong key: 401"
create "$dir/t2v.json"
is "$STATUS $CODE" "200 200" "a text-to-video task of 5 s in std mode"
call GET /api/v1/client/account/balance -H "x-api-key: $SIM_KEY"
is "$(jq -c .data "$TMP/body")" '{"balance":20}' "costs 5 credits"

# Validation: 422 naming the field.
jq '.input.duration = 20' "$dir/t2v.json" >"$TMP/long.json"
create "$TMP/long.json"
is "$STATUS $CODE" "422 422" "a duration of 20 s: 422"
like "$(jq -r .message "$TMP/body")" 'input\.duration' "the message names input.duration"
jq 'del(.input.multi_shots)' "$dir/t2v.json" >"$TMP/noms.json"
create "$TMP/noms.json"
is "$STATUS $CODE" "422 422" "multi_shots missing: 422"
like "$(jq -r .message "$TMP/body")" 'input\.multi_shots' "the message names input.multi_shots"
jq '.input.multi_prompt[1].duration = 5' "$dir/seed-example.json" >"$TMP/sum.json"
create "$TMP/sum.json"
is "$STATUS $CODE" "422 422" "shots adding up to 9 s of 10: 422"
like "$(jq -r .message "$TMP/body")" 'input\.multi_prompt' "the message names input.multi_prompt"
jq '.input.img_urls += ["https://example.com/b.jpg"]' "$dir/seed-example.json" >"$TMP/two.json"
create "$TMP/two.json"
like "$STATUS $(jq -r .message "$TMP/body")" '^422 .*input\.img_urls' "multi-shot with two images: 422 naming input.img_urls"
sed 's/"name": "hero",/"name": "hero", "name": "dog",/' "$dir/seed-example.json" >"$TMP/dup.json"
create "$TMP/dup.json"
like "$STATUS $(jq -r .message "$TMP/body")" '^422 .*input\.element_list\[0\]' "a duplicate key: 422 naming its object"
head -c 9000000 /dev/zero | tr '\0' ' ' >"$TMP/big.json"
create "$TMP/big.json"
like "$STATUS $(jq -r .message "$TMP/body")" '^422 .*larger than 8388608 bytes' "a body over the client's 8 MiB cap: 422"
rm -f "$TMP/big.json"
printf '{"model":"kling/v3","input":{' >"$TMP/cut.json"
create "$TMP/cut.json"
is "$STATUS $CODE" "422 422" "a body that is not JSON: 422"
is "$TASK_ID" "" "and no task id"

# Credits run out.
jq '.input.mode = "pro" | .input.duration = 15' "$dir/t2v.json" >"$TMP/dear.json"
create "$TMP/dear.json"
is "$STATUS $CODE" "402 402" "a task costing 22.5 with 20 left: 402"
like "$(jq -r .message "$TMP/body")" 'balance is 20' "the message tells the balance"
call GET /api/v1/client/account/balance -H "x-api-key: $SIM_KEY"
is "$(jq -c .data "$TMP/body")" '{"balance":20}' "a refused task costs nothing"

# Not found.
info "00000000-0000-4000-8000-000000000000"
is "$STATUS $CODE" "404 404" "an unknown task: 404"
call GET /api/v1/client/job/TaskInfo -H "x-api-key: $SIM_KEY"
is "$STATUS $CODE" "422 422" "TaskInfo without task_id: 422"
call GET /api/v1/client/job/Nothing -H "x-api-key: $SIM_KEY"
is "$STATUS $CODE" "404 404" "an unknown path: 404"
call GET /api/v1/client/job/CreateTask -H "x-api-key: $SIM_KEY"
is "$STATUS $CODE" "404 404" "GET on CreateTask: 404"

# Images for the client's URL check.
call GET /images/start.png
is "$STATUS $(header Content-Type)" "200 image/png" "a PNG image"
is "$(od -An -tx1 -N8 "$TMP/body" | tr -d ' ')" 89504e470d0a1a0a "with the PNG signature"
is "$(od -An -tx1 -j16 -N8 "$TMP/body" | tr -d ' ')" 0000014000000140 "320 x 320"
call GET /images/start.jpg
is "$STATUS $(header Content-Type)" "200 image/jpeg" "a JPEG image"
is "$(od -An -tx1 -N2 "$TMP/body" | tr -d ' ')$(tail -c 2 "$TMP/body" | od -An -tx1 | tr -d ' ')" ffd8ffd9 "from SOI to EOI"
call GET /images/small.png
is "$(od -An -tx1 -j16 -N8 "$TMP/body" | tr -d ' ')" 0000004000000040 "small.png is 64 x 64"
call HEAD /images/big.jpg --head
ok $([ "$(header Content-Length)" -gt 10485760 ]; echo $?) "big.jpg is over 10 MB"
call GET /images/missing.jpg
is "$STATUS" 404 "missing.jpg: 404"
call GET /images/notimage.jpg
is "$STATUS $(header Content-Type)" "200 text/html" "notimage.jpg is an HTML page"

# The log: one line per request, never the key.
n=$(wc -l <"$SIM_LOG")
ok $([ "$n" -ge 30 ]; echo $?) "the log has a line per request ($n)"
unlike "$(cat "$SIM_LOG")" "$SIM_KEY|wrong" "the log never holds a key"
is "$(sim_log_count POST /api/v1/client/job/CreateTask)" 10 "the log counts the creates"
is "$(jq -c 'select(.status == 402) | [.method, .path, .status, .code, .fault]' "$SIM_LOG")" \
	'["POST","/api/v1/client/job/CreateTask",402,402,null]' "a line has method, path, status, code, fault"
is "$(jq -r 'select(.task_id != null) | .task_id' "$SIM_LOG" | head -n 1)" "$seed_id" "a create's line names its task"
like "$(jq -r 'select(.path == "/api/v1/client/job/TaskInfo") | .query' "$SIM_LOG" | head -n 1)" "^task_id=$seed_id\$" "the query is logged"

# The simulator's own check, written from the API page and not from the
# client's rules (issue 12): each edit of the page's example is refused with
# a 422 naming the field the page's rule is about. FILTER#PATH#RULE
while IFS='#' read -r filter path rule; do
	[ -n "$filter" ] || continue
	jq "$filter" "$dir/seed-example.json" >"$TMP/page.json"
	create "$TMP/page.json"
	like "$STATUS $(jq -r .message "$TMP/body")" "^422 .*$path" "page: $rule"
done <<'TABLE'
.model = "kling/v2"#model#the model must be kling/v3
del(.model)#model#model is required
del(.input)#input#input is required
.input = 5#input#input is an object
.input.duration = 2#input\.duration#duration at least 3 s
.input.duration = 16#input\.duration#duration at most 15 s
.input.duration = 10.5#input\.duration#duration is an integer
.input.multi_shots = "true"#input\.multi_shots#multi_shots is a boolean
del(.input.multi_shots)#input\.multi_shots#multi_shots is always required
.input.mode = "turbo"#input\.mode#mode is std or pro
.input.audio = "yes"#input\.audio#audio is a boolean
.input.shot_type = "auto"#input\.shot_type#shot_type is customize or intelligence
del(.input.shot_type)#input\.shot_type#multi-shot needs a shot_type
.input.img_urls = []#input\.img_urls#multi-shot takes exactly one image
.input.img_urls += ["https://example.com/b.jpg"]#input\.img_urls#multi-shot takes no second image
del(.input.multi_prompt)#input\.multi_prompt#customize needs multi_prompt
.input.multi_prompt[1].duration = 7#input\.multi_prompt#shots adding up to more than duration
.input.multi_prompt[1].duration = 5#input\.multi_prompt#shots adding up to less than duration
.input.multi_prompt[0].duration = 0 | .input.multi_prompt[1].duration = 10#input\.multi_prompt\[0\]#a shot lasts at least 1 s
.input.multi_prompt += [range(5) | {prompt: "x", duration: 1}] | .input.duration = 15#input\.multi_prompt#at most 6 shots
.input.multi_prompt[0].prompt = 5#input\.multi_prompt\[0\]\.prompt#a shot's prompt is a string
.input.shot_type = "intelligence"#input\.#intelligence needs a prompt and no multi_prompt
.input.element_list += [range(3) as $i | .input.element_list[0] | .name = "e\($i)"]#input\.element_list: has 4#at most 3 elements
.input.element_list[0].element_image_urls = []#input\.element_list\[0\]#an element has at least 1 image
.input.element_list[0].element_image_urls += ["https://e.com/3.jpg", "https://e.com/4.jpg", "https://e.com/5.jpg"]#input\.element_list\[0\]#an element has at most 4 images
.input.multi_shots = false | del(.input.shot_type, .input.multi_prompt)#input\.prompt#a single shot needs a prompt
.input.multi_shots = false | del(.input.shot_type, .input.multi_prompt) | .input.prompt = "p" | .input.img_urls += ["https://e.com/2.jpg", "https://e.com/3.jpg"]#input\.img_urls#a single shot takes at most 2 images
TABLE

stop_sim
is "$SIM_STATUS" 0 "SIGTERM stops it with status 0"
done_testing
