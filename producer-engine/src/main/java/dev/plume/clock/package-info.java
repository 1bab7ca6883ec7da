/**
 * Time as a dependency: every component takes a {@link dev.plume.clock.Clock}, tests a manual one.
 */
package dev.plume.clock;
