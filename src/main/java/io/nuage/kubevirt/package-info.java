/**
 * Nuage's typed view of KubeVirt objects, and the pure functions that build the Kubernetes
 * objects Nuage wants to exist.
 *
 * <p>The model is written by hand and covers only the fields Nuage sets or reads. Field names
 * are exactly KubeVirt's, and each carries an explicit {@code @JsonProperty}: explicit names are
 * not renamed by a naming strategy, so the model serializes the same under Fabric8's mapper and
 * under any mapper configured for snake_case (as Nuage's own REST API is). Every class is
 * {@code NON_NULL} (we never send nulls, which the API server would store or reject) and ignores
 * unknown properties, so the fields a real cluster adds never break a read.
 */
package io.nuage.kubevirt;
