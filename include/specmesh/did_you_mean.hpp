// "did you mean ...?" for a misspelt name: the closest of the names that would have been right.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace specmesh {

/// The candidate nearest to `word` when it is near enough to be a typo of it: edit distance
/// (insertions, deletions, substitutions and swaps of neighbours, letter case ignored) of at
/// most one per three characters of `word`, at least 1 and at most 3. The first of equally near
/// candidates wins; nothing when none is near enough.
std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates);

/// " (did you mean 'x'?)" for the closest_match, or "" when there is none.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

} // namespace specmesh
