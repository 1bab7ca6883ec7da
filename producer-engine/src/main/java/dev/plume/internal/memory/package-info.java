/** Bounded, pooled batch memory shared by every appending thread and the sender. */
package dev.plume.internal.memory;
