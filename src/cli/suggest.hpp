// "did you mean ...?" for mistyped commands and options.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace specmesh::cli {

/// The number of single-character insertions, deletions, substitutions and swaps of adjacent
/// characters that turn `from` into `to` (optimal string alignment distance).
std::size_t edit_distance(std::string_view from, std::string_view to);

/// The candidate closest to `word`, if it is close enough to be a likely typo: at most one edit
/// for words up to four characters, at most two for longer ones. Ties go to the earlier one.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

} // namespace specmesh::cli
