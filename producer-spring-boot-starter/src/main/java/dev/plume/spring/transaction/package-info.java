/** Spring transaction management ({@code @Transactional}) for Plume producer templates. */
package dev.plume.spring.transaction;
