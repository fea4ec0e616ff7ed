// Writing specs back out: `export` writes a model it built (to_yaml), `flatten` rewrites a spec
// file with every channel key replaced by its topic name (flatten_yaml). Both outputs load
// again with spec::load_string and stand for the same topics, ACLs and subjects, and every YAML
// reader (YAML 1.1 like PyYAML, YAML 1.2 like yaml-cpp) reads their strings back as strings.
#pragma once

#include <specmesh/error.hpp>
#include <specmesh/spec/api_spec.hpp>
#include <specmesh/spec/naming.hpp>

#include <string>
#include <string_view>

namespace specmesh::spec {

/// True when `text`, written as a plain (unquoted) YAML scalar in block or flow context, reads
/// back as this same string in YAML 1.1 and in YAML 1.2's core schema: not empty, null, `~`, a
/// boolean in either version's spelling (`yes`, `off`, `n`, … in any case), a number or a
/// timestamp in any notation (`1.0`, `0777`, `0x1f`, `1_000`, `1e3`, `.inf`, `1:20`,
/// `2001-12-14`), and free of what plain scalars cannot hold (leading or trailing space,
/// a leading indicator such as `-` `*` `&` `!` `'` `@`, a flow indicator, `: `, ` #`, a control
/// character or a Unicode line break). Errs on the side of quoting.
bool plain_scalar_is_string(std::string_view text);

/// The spec as an AsyncAPI 2.x YAML document. Fields at their default (empty strings and
/// lists, `schemaIdLocation: payload`, `schemaLookupStrategy: TopicNameStrategy`,
/// `bindingVersion: latest`) are left out; record parts are written as `$ref` or `type`, an
/// inline object with empty `properties` (the model does not keep them). Shared schemas go to a
/// top-level `x-specmesh-shared-schemas` list. Strings are plain where plain_scalar_is_string
/// allows, double-quoted (escaped as needed) otherwise; partitions and replicas are numbers.
/// (U+0085 is escaped `\N`, which yaml-cpp 0.7 misreads as the byte 0x85; PyYAML reads it.)
/// Loading the text gives an equal model, apart from source locations.
std::string to_yaml(const ApiSpec& spec);

/// The channel key that loads as the channel's topic unchanged: the topic name for a publish
/// channel in the domain's scope, `/<topic>` for a publish channel outside it (so it is not
/// prefixed again), and the key as written for any other channel.
std::string flattened_key(const Channel& channel, std::string_view domain, char delimiter);

/// Part B §6.5, re-parseable: `text` with every channel key replaced by flattened_key() and
/// nothing else changed — comments, quoting, key order, layout and JSON stay byte for byte, so a
/// JSON spec flattens to JSON. A replaced key keeps its quoting style where the new name allows
/// (a plain key stays plain unless plain_scalar_is_string says no; a block scalar key becomes
/// double-quoted). Fails like load_string when the spec is invalid, and with a diagnostic at the
/// key when a key that must change is an alias or carries an anchor or tag.
Result<std::string>
flatten_yaml(std::string_view text, const std::string& file_name, const NamingOptions& naming = {});

} // namespace specmesh::spec
