// How each kind of resource appears in the reports. render_text and render_json are generic;
// they call these overloads for each kind that plan::for_each_kind lists. A new kind adds a
// render_<kind>.cpp with its four overloads, declared here.
#pragma once

#include <specmesh/plan/plan.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace specmesh::apply {

/// A kind's table in the text report: its title and the column headers after STATE.
struct TextSection {
  const char* title;
  std::vector<std::string> columns;
  bool shown_when_empty = true; ///< false: a plan without items of the kind has no such table
};

/// The change's row in its table, the cells after the state word.
using TextRow = std::vector<std::string>;

/// `"exception"` of a change in JSON: the outcome's errors, or null.
nlohmann::ordered_json json_exception(const plan::Outcome& outcome);

// render_topics.cpp
TextSection text_section(const plan::Changes<plan::Topic>& changes);
TextRow text_row(const plan::TopicChange& change);
const char* json_key(const plan::Changes<plan::Topic>& changes);
nlohmann::ordered_json to_json(const plan::TopicChange& change);

// render_acls.cpp
TextSection text_section(const plan::Changes<plan::AclBinding>& changes);
TextRow text_row(const plan::AclChange& change);
const char* json_key(const plan::Changes<plan::AclBinding>& changes);
nlohmann::ordered_json to_json(const plan::AclChange& change);

// render_subjects.cpp
TextSection text_section(const plan::Changes<plan::Subject>& changes);
TextRow text_row(const plan::SubjectChange& change);
const char* json_key(const plan::Changes<plan::Subject>& changes);
nlohmann::ordered_json to_json(const plan::SubjectChange& change);

// render_storage.cpp
TextSection text_section(const plan::Changes<plan::StorageItem>& changes);
TextRow text_row(const plan::StorageChange& change);
const char* json_key(const plan::Changes<plan::StorageItem>& changes);
nlohmann::ordered_json to_json(const plan::StorageChange& change);

} // namespace specmesh::apply
