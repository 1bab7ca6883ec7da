#!/usr/bin/env bash
# Creates topics with N partitions (replication 1) through kafka-clients' Admin in benchmarks.jar:
#   benchmarks/scripts/create-topic.sh BOOTSTRAP PARTITIONS TOPIC...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/CreateTopics.java" <<'JAVA'
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

public class CreateTopics {
  public static void main(String[] args) throws Exception {
    List<NewTopic> topics = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      topics.add(new NewTopic(args[i], Integer.parseInt(args[1]), (short) 1));
    }
    try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", args[0]))) {
      admin.createTopics(topics).all().get();
    }
  }
}
JAVA
java -cp "$root/benchmarks/target/benchmarks.jar" "$tmp/CreateTopics.java" "$@" > "$tmp/out.log" 2>&1 \
  || { grep -v ' INFO ' "$tmp/out.log" >&2; exit 1; }
