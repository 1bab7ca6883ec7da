/** The {@code plume} health indicator, built from the producer's own statistics. */
package dev.plume.spring.health;
