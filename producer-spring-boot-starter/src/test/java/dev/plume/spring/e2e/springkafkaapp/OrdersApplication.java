package dev.plume.spring.e2e.springkafkaapp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * A plain spring-kafka application, as written without Plume: Boot's KafkaTemplate, JSON values
 * with spring-kafka's JacksonJsonSerializer (set in properties) and {@code @Transactional} sends
 * with Boot's KafkaTransactionManager. Nothing in this package names a Plume type.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableTransactionManagement(proxyTargetClass = true)
public class OrdersApplication {

  @Bean
  OrderService orderService(KafkaTemplate<Object, Object> kafkaTemplate) {
    return new OrderService(kafkaTemplate);
  }
}
