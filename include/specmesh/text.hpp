// Small text helpers several layers share: trimming, case and keeping secrets out of messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace specmesh {

/// `text` without leading and trailing characters of `blanks`.
std::string trim(std::string_view text, std::string_view blanks = " \t\r\n");

/// `text` with every occurrence of each non-empty secret replaced by "***", so that no message
/// carries a password even when a server or library echoes it.
std::string mask_secrets(std::string text, const std::vector<std::string>& secrets);

/// `text` in ASCII upper case (for names such as security.protocol's, compared case-blind).
std::string upper_ascii(std::string_view text);

/// `key=value` split at the first '='; a text without '=' is a key with an empty value.
struct KeyValue {
  std::string key;
  std::string value;
};
KeyValue split_key_value(std::string_view text);

} // namespace specmesh
