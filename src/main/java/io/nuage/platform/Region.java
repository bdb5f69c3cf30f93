package io.nuage.platform;

/**
 * A region this installation offers.
 *
 * @param name    its name, what resources and tenants name ({@code fr-par})
 * @param country ISO 3166-1 alpha-2 code of the country its machines are in
 * @param cluster the Kubernetes cluster that serves it, as the operator names it
 */
public record Region(String name, String country, String cluster) {
}
