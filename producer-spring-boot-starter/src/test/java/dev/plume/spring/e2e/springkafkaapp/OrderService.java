package dev.plume.spring.e2e.springkafkaapp;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.annotation.Transactional;

/** Sends orders in Kafka transactions, the spring-kafka way. */
public class OrderService {

  private final KafkaTemplate<Object, Object> kafkaTemplate;

  public OrderService(KafkaTemplate<Object, Object> kafkaTemplate) {
    this.kafkaTemplate = kafkaTemplate;
  }

  /** Both orders are committed together with the method. */
  @Transactional
  public void placeAll(String topic, Order first, Order second) {
    kafkaTemplate.send(topic, first.id(), first);
    kafkaTemplate.send(topic, second.id(), second);
  }

  /** The order is sent, then the method fails: the Kafka transaction is aborted. */
  @Transactional
  public void placeThenFail(String topic, Order order) {
    kafkaTemplate.send(topic, order.id(), order);
    throw new IllegalStateException("payment refused for " + order.id());
  }

  /** A Spring message, in a local transaction of the template. */
  public void placeAsMessage(String topic, Order order) {
    kafkaTemplate.executeInTransaction(
        template ->
            template.send(
                MessageBuilder.withPayload(order)
                    .setHeader(KafkaHeaders.TOPIC, topic)
                    .setHeader(KafkaHeaders.KEY, order.id())
                    .setHeader("source", "message")
                    .build()));
  }
}
