# A tenant with a private network, a volume and two instances on that network (the first with the volume attached).
# The provider reads NUAGE_ENDPOINT and NUAGE_TOKEN (the operator's token: it creates the tenant); see the README
# for the dev_overrides configuration that lets Terraform find the provider without a registry.
terraform {
  required_providers {
    nuage = {
      source = "nuage.io/nuage/nuage"
    }
  }
}

provider "nuage" {}

variable "tenant" {
  type    = string
  default = "tf-demo"
}

variable "image" {
  type    = string
  default = "quay.io/containerdisks/fedora:41"
}

variable "vcpus" {
  type    = number
  default = 1
}

resource "nuage_tenant" "demo" {
  name    = var.tenant
  regions = ["fr-par"]
  quota = {
    vcpus      = 8
    memory_mib = 16384
    instances  = 4
  }
}

resource "nuage_network" "backend" {
  tenant = nuage_tenant.demo.name
  name   = "backend"
  cidr   = "10.0.1.0/24"
  firewall_rules = [
    { protocol = "tcp", ports = "22", source_cidr = "203.0.113.0/24" },
  ]
}

resource "nuage_volume" "data" {
  tenant   = nuage_tenant.demo.name
  name     = "data"
  size_gib = 10
}

resource "nuage_instance" "web" {
  count      = 2
  tenant     = nuage_tenant.demo.name
  name       = "web-${count.index + 1}"
  vcpus      = var.vcpus
  memory_mib = 2048
  image      = var.image
  networks   = [{ network = nuage_network.backend.name }]
  volumes    = count.index == 0 ? [nuage_volume.data.name] : null
  labels     = { app = "web" }
}

output "addresses" {
  value = { for i in nuage_instance.web : i.name => i.ip_addresses }
}
