package dev.plume.spring.e2e.springkafkaapp;

/** The application's JSON payload. */
public record Order(String id, int quantity) {}
