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

/// `text` in ASCII lower case (HTTP header names, say).
std::string lower_ascii(std::string_view text);

/// RFC 3986 percent-encoding, as URL path segments and AWS Signature Version 4 want it:
/// A-Z a-z 0-9 - _ . ~ stay, every other byte becomes %XX (upper-case hex); '/' stays too
/// when `keep_slash` (an S3 object key in a path).
std::string percent_encode(std::string_view text, bool keep_slash = false);

/// `key=value` split at the first '='; a text without '=' is a key with an empty value.
struct KeyValue {
  std::string key;
  std::string value;
};
KeyValue split_key_value(std::string_view text);

} // namespace specmesh
