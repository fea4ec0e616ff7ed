// Reading a domain off the cluster and the registry for `specmesh export`: the I/O half of
// plan::export_spec, through the ports only.
#pragma once

#include <specmesh/error.hpp>
#include <specmesh/plan/export.hpp>
#include <specmesh/ports/kafka_admin.hpp>
#include <specmesh/ports/schema_registry.hpp>

#include <string>

namespace specmesh::apply {

/// The domain's topics (each with only the configs set on it), every ACL, and — when a
/// registry is given — the latest `<topic>-key` / `<topic>-value` schemas of those topics and,
/// transitively, every subject they reference (references may live outside the domain's
/// prefix). `domain` is the domain id as the cluster names it (`acme.shop`); `domain_id` as the
/// user gave it. Fails on the first read that fails.
Result<plan::ExportSource> observe_export(ports::KafkaAdmin& kafka,
                                          ports::SchemaRegistry* registry,
                                          const std::string& domain,
                                          const std::string& domain_id);

} // namespace specmesh::apply
