package dev.plume.sample;

import dev.plume.sample.MessageController.SentMessage;
import dev.plume.spring.core.ProducerTemplate;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/orders} with an {@link Order} as the JSON body: sends it, keyed by its id, to
 * the {@code orders} client's default topic as a JSON value and answers where it was written. The
 * {@code orders} template is the named client {@code plume.producer.clients.orders} of
 * application.yml.
 */
@RestController
@RequestMapping("/api/orders")
public class OrderController {

  private final ProducerTemplate<String, Order> orders;
  private final SampleProperties properties;

  public OrderController(
      @Qualifier("orders") ProducerTemplate<String, Order> orders, SampleProperties properties) {
    this.orders = orders;
    this.properties = properties;
  }

  @PostMapping
  public SentMessage send(@RequestBody Order order) throws Exception {
    try {
      return SentMessage.of(
          orders
              .sendDefault(order.id(), order)
              .get(properties.getAckTimeout().toMillis(), TimeUnit.MILLISECONDS)
              .metadata());
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
