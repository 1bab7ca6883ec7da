package dev.plume.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The starter's Grafana dashboard queries only metrics that exist: every metric name in its
 * Prometheus queries appears in a real scrape of the sample app (embedded broker, real engine)
 * after sends.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GrafanaDashboardTest {

  static final Path DASHBOARD =
      Path.of("../producer-spring-boot-starter/docs/grafana/plume-producer-dashboard.json");
  private static final Pattern METRIC = Pattern.compile("\\b((?:kafka|plume)_producer_\\w+)");

  @LocalServerPort int port;

  @Test
  void everyMetricTheDashboardQueriesIsScraped() throws Exception {
    JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
    List<String> expressions = new ArrayList<>();
    collectExpressions(dashboard, expressions);
    Set<String> queried = new TreeSet<>();
    for (String expr : expressions) {
      Matcher m = METRIC.matcher(expr);
      while (m.find()) {
        queried.add(m.group(1));
      }
    }
    assertThat(queried).hasSizeGreaterThan(30);

    RestClient http = RestClient.builder().baseUrl("http://localhost:" + port).build();
    for (int i = 0; i < 20; i++) {
      http.post()
          .uri("/api/messages/{topic}?key={key}", "plume-dashboard", "k" + i)
          .contentType(MediaType.TEXT_PLAIN)
          .body("v" + i)
          .retrieve()
          .toBodilessEntity();
    }
    // The first scrape discovers the topics and nodes in use; the second shows their meters.
    http.get().uri("/actuator/prometheus").retrieve().body(String.class);
    String scrape = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
    Set<String> scraped = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (!line.startsWith("#") && !line.isBlank()) {
        scraped.add(line.split("[{ ]", 2)[0]);
      }
    }

    assertThat(scraped).containsAll(queried);
    assertThat(dashboard.path("__inputs").toString()).contains("prometheus");
  }

  private static void collectExpressions(JsonNode node, List<String> out) {
    if (node.isObject()) {
      JsonNode expr = node.get("expr");
      if (expr != null && expr.isString()) {
        out.add(expr.asString());
      }
      JsonNode query = node.get("query");
      if (query != null && query.isString()) {
        out.add(query.asString());
      }
      node.values().forEach(child -> collectExpressions(child, out));
    } else if (node.isArray()) {
      node.forEach(child -> collectExpressions(child, out));
    }
  }
}
