#!/usr/bin/env bash
# Peer: zcat | jq counts Support events per action. Usage: jq-count.sh <corpus dir>
set -euo pipefail
find "$1/AWSLogs" -path '*/CloudTrail/*' -name '*.json.gz' -print0 | sort -z | xargs -0 zcat \
  | jq -cn 'reduce (inputs | .Records[] | select(.eventSource == "support.amazonaws.com") | .eventName) as $n ({}; .[$n] += 1) | to_entries | sort_by(.key) | from_entries'
