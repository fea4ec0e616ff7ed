// The formats of --output: the JSON document of a command as YAML, and the plan in the format
// the option names.
#pragma once

#include <specmesh/plan/plan.hpp>

#include <string>
#include <string_view>

namespace specmesh::cli {

/// Whether a plain YAML scalar spelled `text` would be read as something other than that
/// string (a number, a boolean, null, a date), so that it must be quoted.
bool reads_as_other_type(std::string_view text);

/// The JSON document `json` as one YAML block document (`---` first), keys in the same order;
/// strings that reads_as_other_type are quoted, so every YAML reader gets the JSON's values.
std::string json_to_yaml(std::string_view json);

/// The plan as `output` (text, json or yaml) names it.
std::string render_plan(const plan::Plan& plan, const std::string& output);

} // namespace specmesh::cli
