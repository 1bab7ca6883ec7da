/** The public producer API: {@code Producer}, records, callbacks and configuration. */
package dev.plume.producer;
