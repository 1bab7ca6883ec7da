/**
 * Time as a dependency: every component takes a {@link dev.plume.internal.clock.Clock}, tests a
 * manual one.
 */
package dev.plume.internal.clock;
