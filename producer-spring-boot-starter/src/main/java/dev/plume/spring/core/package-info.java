/** Spring-facing producer API: the template, send results and listener SPIs. */
package dev.plume.spring.core;
