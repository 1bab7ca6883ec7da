/**
 * The sender: one I/O thread that drains ready batches per leader into Produce requests, handles
 * responses, retries and errors, and keeps metadata and the producer id fresh.
 */
package dev.plume.sender;
