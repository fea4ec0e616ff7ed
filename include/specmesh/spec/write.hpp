// Writing specs back out as YAML: `export` writes a model it built, `flatten` rewrites a spec
// file with every channel key replaced by its topic name. Both outputs load again with
// spec::load_string and stand for the same topics, ACLs and subjects.
#pragma once

#include <specmesh/error.hpp>
#include <specmesh/spec/api_spec.hpp>
#include <specmesh/spec/naming.hpp>

#include <string>
#include <string_view>

namespace specmesh::spec {

/// The spec as an AsyncAPI 2.x YAML document. Fields at their default (empty strings and
/// lists, `schemaIdLocation: payload`, `schemaLookupStrategy: TopicNameStrategy`,
/// `bindingVersion: latest`) are left out; record parts are written as `$ref` or `type`, an
/// inline object with empty `properties` (the model does not keep them). Shared schemas go to a
/// top-level `x-specmesh-shared-schemas` list. Loading the text gives an equal model, apart
/// from source locations.
std::string to_yaml(const ApiSpec& spec);

/// The channel key that loads as the channel's topic unchanged: the topic name for a publish
/// channel in the domain's scope, `/<topic>` for a publish channel outside it (so it is not
/// prefixed again), and the key as written for any other channel.
std::string flattened_key(const Channel& channel, std::string_view domain, char delimiter);

/// Part B §6.5, re-parseable: the spec text with every channel key replaced by
/// flattened_key(). Everything else (info, inline schemas, `$ref`s, unknown keys) is kept as
/// parsed; comments and quoting are not. Fails like load_string when the spec is invalid.
Result<std::string>
flatten_yaml(std::string_view text, const std::string& file_name, const NamingOptions& naming = {});

} // namespace specmesh::spec
