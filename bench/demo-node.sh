# Sourced by the benchmarks that drive a demo node's cutover through its REST API (bench/scale.sh,
# bench/mailbox-sync.sh): the calls an operator's browser would make, with the demo's operator login.
# Needs curl and jq.

# curl against a node's REST API as the demo's operator; add the URL and any curl options.
demo_rest() { curl -sf -m 30 -u operator:operator -H 'X-Requested-By: mailferry-bench' "$@"; }

# Starts a CutoverMigration of contoso.com (the demo's domain) on the node at $1 (e.g. http://127.0.0.1:8080).
demo_start_cutover() {
  demo_rest -X POST -H 'Content-Type: application/json' \
    -d '{"businessKey":"contoso.com","variables":{"domain":{"value":"contoso.com","type":"String"}}}' \
    "$1/engine-rest/process-definition/key/CutoverMigration/start" >/dev/null
}

# Submits every open task of the contoso.com migration on the node at $1 with its deployed form's defaults
# (checkboxes ticked), as the end-to-end tests' operator does. A task another call completed meanwhile is skipped.
demo_submit_open_tasks() {
  local url=$1 id form variables
  for id in $(demo_rest "$url/engine-rest/task?processInstanceBusinessKey=contoso.com" | jq -r '.[].id'); do
    form=$(demo_rest "$url/engine-rest/task/$id/deployed-form") || continue
    variables=$(jq '{variables: ([.. | objects | select(has("key") and has("type"))
      | if .type == "checkbox" then {key: .key, value: {value: true, type: "Boolean"}}
        elif has("defaultValue") then {key: .key, value: {value: .defaultValue}} else empty end] | from_entries)}' \
      <<<"$form")
    demo_rest -X POST -H 'Content-Type: application/json' -d "$variables" \
      "$url/engine-rest/task/$id/submit-form" >/dev/null || true
  done
}

# Waits until the node's readiness probe on port $1 answers; fails after $3 seconds or when process $2 has ended.
demo_await_ready() {
  local port=$1 pid=$2 deadline=$(( $(date +%s) + $3 ))
  until curl -sf -m 5 "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$(date +%s)" -gt "$deadline" ]; then
      return 1
    fi
    sleep 1
  done
}
