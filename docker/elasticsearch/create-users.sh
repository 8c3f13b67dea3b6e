#!/usr/bin/env bash
# Creates (or updates: every call is an upsert) the roles and users of the compose deployment, as the elastic
# superuser, once Elasticsearch is healthy:
#   publish  role news_publisher: the articles alias and its articles-v* indices, their template, cluster health
#   reader   role news_reader:    read the articles alias (what the front-end sites use)
set -euo pipefail
ES=${ES_URL:-http://elasticsearch:9200}

call() { # method path body
  local status
  status=$(curl -sS -o /tmp/answer -w '%{http_code}' -u "elastic:${ELASTIC_PASSWORD}" -X "$1" "$ES$2" \
    -H 'Content-Type: application/json' -d "$3")
  if [[ $status != 2* ]]; then
    echo "create-users: $1 $2 answered $status: $(cat /tmp/answer)" >&2
    exit 1
  fi
}

call PUT /_security/role/news_publisher '{
  "cluster": ["monitor", "manage_index_templates"],
  "indices": [{"names": ["articles", "articles-v*"], "privileges": ["all"]}]
}'
call PUT /_security/role/news_reader '{
  "indices": [{"names": ["articles"], "privileges": ["read", "view_index_metadata"]}]
}'
call PUT /_security/user/publish "{\"password\": \"${PUBLISH_ES_PASSWORD}\", \"roles\": [\"news_publisher\"]}"
call PUT /_security/user/reader "{\"password\": \"${READER_ES_PASSWORD}\", \"roles\": [\"news_reader\"]}"
echo "create-users: roles news_publisher, news_reader and users publish, reader are in place"
